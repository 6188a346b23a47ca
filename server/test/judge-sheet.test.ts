// GET /judge/sheet on a real database: a judge sees its own criteria, contestants it may mark
// (stations only in blind contests), and every revision it made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeSheet } from '../../shared/judge.ts';
import { api, exampleEvent, importAndOpen, startTestServer, uuid, type TestServer, refusalOf } from './harness.ts';
import type { MarkResponse } from '../../shared/api.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

const criteriaOf = (sheet: JudgeSheet) => sheet.contest.sections.flatMap((x) => x.criteria.map((k) => k.code));

describe('GET /judge/sheet', () => {
  it('lists only the criteria assigned to the judge, with the contest and the judge', async () => {
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const timer = api(s.url, await ev.judgeToken('c-timer'));
    const res = await timer.get<JudgeSheet>('/judge/sheet');
    expect(res.status).toBe(200);
    const sheet = res.body;
    expect(sheet.event).toEqual({ id: ev.id, name: '兴化市首届新业态群体技能竞赛' });
    expect(sheet.contest).toMatchObject({
      id: ev.contestId('courier'),
      code: 'courier',
      state: 'scoring',
      blind: false,
    });
    expect(sheet.judge).toEqual({ code: 'c-timer', name: '韦秀兰', chief: false, shadow: false });
    expect(criteriaOf(sheet).sort()).toEqual(['accuracy', 'exam', 'safety', 'sorting', 'waybill']);
    expect(sheet.contest.sections.map((x) => x.code)).toEqual(['theory', 'practical']);
    expect(sheet.contestants).toHaveLength(24);
    expect(sheet.contestants[0]).toMatchObject({
      bib: 'C001',
      name: '廖强',
      organisation: 'yz',
      station: 'A-01',
      status: 'active',
    });

    const panel = (await api(s.url, await ev.judgeToken('c-j2')).get<JudgeSheet>('/judge/sheet')).body;
    expect(criteriaOf(panel)).toEqual(['packing', 'service']);
    expect(panel.contest.sections.map((x) => x.code)).toEqual(['practical']);
    const chief = (await api(s.url, await ev.judgeToken('c-chief')).get<JudgeSheet>('/judge/sheet')).body;
    expect(chief.judge.chief).toBe(true);
    expect(criteriaOf(chief)).toHaveLength(7);
  });

  it("leaves out contestants of the judge's own organisation", async () => {
    const file = exampleEvent('new-economy-contest');
    const ev = await importAndOpen(s, file);
    const rider = file.contests.find((c) => c.code === 'rider')!;
    const ml = rider.contestants.filter((c) => c.organisation === 'ml').map((c) => c.bib);
    expect(ml.length).toBeGreaterThan(0);
    const sheet = (await api(s.url, await ev.judgeToken('r-j2')).get<JudgeSheet>('/judge/sheet')).body; // organisation ml
    expect(sheet.contestants.map((c) => c.bib).sort()).toEqual(
      rider.contestants
        .filter((c) => c.organisation !== 'ml')
        .map((c) => c.bib)
        .sort(),
    );
    expect(sheet.contestants.some((c) => c.organisation === 'ml')).toBe(false);
    const other = (await api(s.url, await ev.judgeToken('r-j1')).get<JudgeSheet>('/judge/sheet')).body;
    expect(other.contestants).toHaveLength(rider.contestants.length);
  });

  it('shows stations only in a blind contest: no names or organisations anywhere in the sheet', async () => {
    const file = exampleEvent('wire-rope-contest');
    const ev = await importAndOpen(s, file);
    const wet = file.contests.find((c) => c.code === 'wet-drawing')!;
    const res = await api(s.url, await ev.judgeToken('w-j1')).get<JudgeSheet>('/judge/sheet'); // organisation ws1
    const sheet = res.body;
    expect(sheet.contest.blind).toBe(true);
    const allowed = wet.contestants.filter((c) => c.organisation !== 'ws1');
    expect(sheet.contestants.map((c) => c.bib)).toEqual(allowed.map((c) => c.bib));
    for (const c of sheet.contestants) {
      expect(Object.keys(c).sort()).toEqual(['bib', 'station', 'status']);
      expect(c.station).toBe(wet.contestants.find((x) => x.bib === c.bib)!.station);
    }
    const text = JSON.stringify(res.body);
    for (const c of wet.contestants) expect(text).not.toContain(c.name);
    for (const o of file.organisations) expect(text).not.toContain(o.name);
    // The measuring judge of organisation qa has no contestant of its own: it sees all, still blind.
    const qa = (await api(s.url, await ev.judgeToken('w-qa')).get<JudgeSheet>('/judge/sheet')).body;
    expect(qa.contestants).toHaveLength(wet.contestants.length);
    expect(qa.contestants.every((c) => c.name === undefined)).toBe(true);
  });

  it("includes every revision the judge made, and nobody else's marks", async () => {
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const id = ev.contestId('courier');
    const j2 = api(s.url, await ev.judgeToken('c-j2'));
    const j3 = api(s.url, await ev.judgeToken('c-j3'));
    const post = (c: ReturnType<typeof api>, contestant: string, criterion: string, value: number, note?: string) =>
      c.post<MarkResponse>(`/contests/${id}/marks`, {
        contestant,
        criterion,
        value,
        clientId: uuid(),
        ...(note ? { note } : {}),
      });
    expect((await post(j2, 'C001', 'packing', 10)).status).toBe(201);
    expect((await post(j2, 'C001', 'packing', 12.5, 'second look')).status).toBe(201);
    expect((await post(j2, 'C002', 'service', 20)).status).toBe(201);
    expect((await post(j3, 'C001', 'packing', 11)).status).toBe(201);
    const sheet = (await j2.get<JudgeSheet>('/judge/sheet')).body;
    expect(sheet.marks.map((m) => [m.contestant, m.criterion, m.value, m.revision, m.judge])).toEqual([
      ['C001', 'packing', 10, 1, 'c-j2'],
      ['C001', 'packing', 12.5, 2, 'c-j2'],
      ['C002', 'service', 20, 1, 'c-j2'],
    ]);
    expect(sheet.marks[1]!.note).toBe('second look');
    expect(sheet.seq).toBeGreaterThan(0);
    expect(sheet.remarks).toEqual([]);
  });

  it('is for judges: an organiser gets 403 and an anonymous caller 401', async () => {
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'), { open: false });
    const organiser = await ev.admin.get('/judge/sheet');
    expect(organiser.status).toBe(403);
    expect(refusalOf(organiser).code).toBe('forbidden');
    const anonymous = await api(s.url).get('/judge/sheet');
    expect(anonymous.status).toBe(401);
    expect(refusalOf(anonymous).code).toBe('unauthorized');
    expect((await api(s.url, 'not-a-token').get('/judge/sheet')).status).toBe(401);
    // In setup the sheet is already there, so judges can prepare.
    const sheet = await api(s.url, await ev.judgeToken('c-timer')).get<JudgeSheet>('/judge/sheet');
    expect(sheet.status).toBe(200);
    expect(sheet.body.contest.state).toBe('setup');
  });
});
