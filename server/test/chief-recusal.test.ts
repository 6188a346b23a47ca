// A chief judge with an organisation stands aside for that organisation's contestants: it may not
// accept their flags, ask for their re-marks or correct their marks; an organiser decides instead,
// and the chief's desk says which rows are not the chief's to decide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestProgress } from '../../shared/judge.ts';
import { api, exampleEvent, importAndOpen, refusalOf, startTestServer, uuid, type TestServer } from './harness.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

/** The courier contest with its chief judge from organisation "yz" (C001 is yz, C005 is zt), C001 and C005 flagged. */
async function yzChief({ blind = false } = {}) {
  const file = exampleEvent('new-economy-contest');
  const courier = file.contests.find((c) => c.code === 'courier')!;
  courier.judges.find((j) => j.code === 'c-chief')!.organisation = 'yz';
  courier.blind = blind;
  const ev = await importAndOpen(s, file);
  const id = ev.contestId('courier');
  const as = async (code: string) => api(s.url, await ev.judgeToken(code));
  const [j2, j3, j4, chief] = await Promise.all(['c-j2', 'c-j3', 'c-j4', 'c-chief'].map(as));
  for (const bib of ['C001', 'C005']) {
    for (const [judge, value] of [
      [j2!, 5],
      [j3!, 20],
      [j4!, 24],
    ] as const) {
      const mark = { contestant: bib, criterion: 'packing', value, clientId: uuid() };
      const res = await judge.post(`/contests/${id}/marks`, mark);
      expect(res.status, `${bib} ${value}`).toBe(201);
    }
  }
  const yz = new Set(courier.contestants.filter((c) => c.organisation === 'yz').map((c) => c.bib));
  return { ev, id, chief: chief!, yz };
}

const recusedRefusal = { code: 'forbidden', params: { reason: 'recused' } };

describe('a chief judge of an organisation', () => {
  it('may not accept a flag of its own organisation’s contestant; an organiser may, the chief for others', async () => {
    const { ev, id, chief } = await yzChief();
    const accept = (bib: string) => ({ contestant: bib, criterion: 'packing', reason: 'agreed' });
    const own = await chief.post(`/contests/${id}/flags`, accept('C001'));
    expect(own.status).toBe(403);
    expect(refusalOf(own)).toMatchObject(recusedRefusal);
    const still = (await ev.admin.get<ContestProgress>(`/contests/${id}/progress`)).body;
    expect(still.rows.find((r) => r.bib === 'C001')!.cells.packing!.flagged).toBe(true);

    expect((await chief.post(`/contests/${id}/flags`, accept('C005'))).status).toBe(200);
    expect((await ev.admin.post(`/contests/${id}/flags`, accept('C001'))).status).toBe(200);
  });

  it('may not ask for a re-mark of its own organisation’s contestant, for every judge or a named one', async () => {
    const { ev, id, chief } = await yzChief();
    for (const judge of [undefined, 'c-j2']) {
      const body = { contestant: 'C001', criterion: 'packing', reason: 'look again', ...(judge ? { judge } : {}) };
      const own = await chief.post(`/contests/${id}/remarks`, body);
      expect(own.status, judge ?? 'every judge').toBe(403);
      expect(refusalOf(own)).toMatchObject(recusedRefusal);
    }
    expect((await ev.admin.get<ContestProgress>(`/contests/${id}/progress`)).body.remarks).toEqual([]);
    const ask = (bib: string) => ({ contestant: bib, criterion: 'packing', reason: 'look again' });
    expect((await chief.post(`/contests/${id}/remarks`, ask('C005'))).status).toBe(201);
    expect((await ev.admin.post(`/contests/${id}/remarks`, ask('C001'))).status).toBe(201);
  });

  it('may not correct a mark of its own organisation’s contestant in review', async () => {
    const { ev, id, chief } = await yzChief();
    expect((await chief.post(`/contests/${id}/state`, { to: 'review' })).status).toBe(200);
    const correction = (bib: string) => ({
      contestant: bib,
      criterion: 'exam',
      value: 70,
      reason: 'recounted',
      clientId: uuid(),
    });
    const own = await chief.post(`/contests/${id}/marks`, correction('C001'));
    expect(own.status).toBe(403);
    expect(refusalOf(own)).toMatchObject({ code: 'forbidden', params: { reason: 'own_organisation' } });
    expect((await chief.post(`/contests/${id}/marks`, correction('C005'))).status).toBe(201);
    expect((await ev.admin.post(`/contests/${id}/marks`, correction('C001'))).status).toBe(201);
  });

  it('sees on its desk which contestants are not its to decide; an organiser sees none', async () => {
    const { ev, id, chief, yz } = await yzChief();
    const mine = (await chief.get<ContestProgress>(`/contests/${id}/progress`)).body;
    expect(yz.size).toBeGreaterThan(0);
    for (const row of mine.rows) expect(row.recused, row.bib).toBe(yz.has(row.bib));
    const organiser = (await ev.admin.get<ContestProgress>(`/contests/${id}/progress`)).body;
    expect(organiser.rows.filter((r) => r.recused)).toEqual([]);
  });

  it('stands aside in a blind contest too, told so without a bib: its desk shows stations only', async () => {
    const { id, chief, yz } = await yzChief({ blind: true });
    const desk = (await chief.get<ContestProgress>(`/contests/${id}/progress`)).body;
    for (const row of desk.rows) {
      expect(row.name, row.bib).toBeUndefined();
      expect(row.recused, row.bib).toBe(yz.has(row.bib));
    }
    const accept = { contestant: 'C001', criterion: 'packing', reason: 'agreed' };
    const own = await chief.post(`/contests/${id}/flags`, accept);
    expect(own.status).toBe(403);
    expect(refusalOf(own)).toEqual({ code: 'forbidden', message: expect.any(String), params: { reason: 'recused' } });
  });
});
