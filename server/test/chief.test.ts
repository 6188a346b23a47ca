// The chief judge's desk over HTTP on a real database: progress, who may see it, requests to mark again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestProgress, JudgeSheet, RemarkRequest } from '../../shared/judge.ts';
import { api, exampleEvent, importAndOpen, refusalOf, startTestServer, uuid, type TestServer } from './harness.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

type Client = ReturnType<typeof api>;
const marker =
  (client: Client, contest: string) =>
  (contestant: string, criterion: string, value: number | boolean, extra: object = {}) =>
    client
      .post(`/contests/${contest}/marks`, { contestant, criterion, value, clientId: uuid(), ...extra })
      .then((r) => {
        if (r.status !== 201) throw new Error(`mark ${contestant}/${criterion}: ${r.status} ${JSON.stringify(r.body)}`);
        return r.body;
      });

async function courier() {
  const ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
  const id = ev.contestId('courier');
  const as = async (code: string) => api(s.url, await ev.judgeToken(code));
  return { ev, id, as };
}

describe('GET /contests/:id/progress', () => {
  it('shows have/need, points, flagged cells with every judge value and the spread, and the summary', async () => {
    const { id, as } = await courier();
    const [timer, j2, j3, j4, trainee, chief] = await Promise.all(
      ['c-timer', 'c-j2', 'c-j3', 'c-j4', 'c-trainee', 'c-chief'].map(as),
    );
    const [t, m2, m3, m4, tr] = [timer, j2, j3, j4, trainee].map((c) => marker(c!, id));
    // C001: packing far apart (5, 20, 24 → spread 19 > maxSpread 6); C002: complete.
    await m2!('C001', 'packing', 5, { note: 'wrapping torn' });
    await m3!('C001', 'packing', 20);
    await m4!('C001', 'packing', 24);
    await tr!('C001', 'packing', 12);
    await t!('C001', 'exam', 80);
    for (const [k, v] of [
      ['exam', 90],
      ['sorting', 90],
      ['accuracy', 1],
      ['waybill', true],
    ] as const)
      await t!('C002', k, v);
    for (const m of [m2!, m3!, m4!]) {
      await m('C002', 'packing', 20);
      await m('C002', 'service', 18);
    }
    await m2!('C003', 'service', 10);
    await m2!('C003', 'service', 12); // a second revision: only the newest shows

    const res = await chief!.get<ContestProgress>(`/contests/${id}/progress`);
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p.contest).toMatchObject({ id, code: 'courier', state: 'scoring', blind: false });
    expect(p.criteria.find((k) => k.code === 'packing')).toMatchObject({
      kind: 'judgement',
      need: 3,
      maxSpread: 6,
      section: 'practical',
    });
    expect(p.criteria.find((k) => k.code === 'exam')).toMatchObject({ kind: 'measurement', need: 1, maxSpread: null });
    expect(p.criteria.find((k) => k.code === 'safety')).toMatchObject({ kind: 'deduction', need: 0 });

    const c001 = p.rows.find((r) => r.bib === 'C001')!;
    expect(c001).toMatchObject({ name: '廖强', organisation: 'yz', station: 'A-01', complete: false });
    const packing = c001.cells.packing!;
    expect(packing).toMatchObject({ have: 3, need: 3, flagged: true, spread: 19, points: 20 });
    expect(packing.marks.filter((m) => !m.shadow).map((m) => [m.judge, m.value, m.revision])).toEqual([
      ['c-j2', 5, 1],
      ['c-j3', 20, 1],
      ['c-j4', 24, 1],
    ]);
    expect(packing.marks.find((m) => m.judge === 'c-j2')!.note).toBe('wrapping torn');
    expect(packing.marks.find((m) => m.judge === 'c-trainee')).toMatchObject({ shadow: true, value: 12 });
    expect(c001.cells.exam).toMatchObject({ have: 1, need: 1, points: 80, flagged: false, spread: null });
    expect(c001.cells.service).toMatchObject({ have: 0, need: 3, points: null, marks: [] });

    const c002 = p.rows.find((r) => r.bib === 'C002')!;
    expect(c002.complete).toBe(true);
    expect(c002.cells.packing).toMatchObject({ have: 3, need: 3, flagged: false, spread: 0, points: 20 });
    const c003 = p.rows.find((r) => r.bib === 'C003')!.cells.service!;
    expect(c003).toMatchObject({ have: 1, need: 3 });
    expect(c003.marks).toEqual([expect.objectContaining({ judge: 'c-j2', value: 12, revision: 2 })]);

    expect(p.summary).toEqual({ contestants: 24, complete: 1, flagged: 1, openRemarks: 0 });
    // Who still owes what: the timer owes every measurement of C001 but the exam, nothing of C002.
    const owed = p.judges.find((j) => j.code === 'c-timer')!.missing;
    expect(owed).toContainEqual({ contestant: 'C001', criterion: 'sorting' });
    expect(owed).not.toContainEqual({ contestant: 'C001', criterion: 'exam' });
    expect(owed.filter((m) => m.contestant === 'C002')).toEqual([]);
    expect(owed.some((m) => m.criterion === 'safety')).toBe(false);
    const j2owes = p.judges.find((j) => j.code === 'c-j2')!.missing;
    expect(j2owes).toContainEqual({ contestant: 'C001', criterion: 'service' });
    expect(j2owes).not.toContainEqual({ contestant: 'C003', criterion: 'service' });
    expect(p.judges.find((j) => j.code === 'c-j3')!.missing).toContainEqual({
      contestant: 'C003',
      criterion: 'service',
    });

    // Accepting the flag clears it in the cell and the summary.
    const ok = await chief!.post(`/contests/${id}/flags`, {
      contestant: 'C001',
      criterion: 'packing',
      reason: 'panel agreed',
    });
    expect(ok.status).toBe(200);
    const after = (await chief!.get<ContestProgress>(`/contests/${id}/progress`)).body;
    expect(after.rows.find((r) => r.bib === 'C001')!.cells.packing).toMatchObject({ flagged: false, spread: 19 });
    expect(after.summary.flagged).toBe(0);
  });

  it('is for the chief judge of the contest and organisers only', async () => {
    const { ev, id, as } = await courier();
    expect((await api(s.url).get(`/contests/${id}/progress`)).status).toBe(401);
    const j2 = await as('c-j2');
    const refused = await j2.get(`/contests/${id}/progress`);
    expect(refused.status).toBe(403);
    expect(refusalOf(refused).code).toBe('forbidden');
    const riderChief = await as('r-chief');
    expect((await riderChief.get(`/contests/${id}/progress`)).status).toBe(403);
    expect(
      (
        await riderChief.post<RemarkRequest>(`/contests/${id}/remarks`, {
          contestant: 'C001',
          criterion: 'exam',
          reason: 'x',
        })
      ).status,
    ).toBe(403);
    expect(
      (await j2.post<RemarkRequest>(`/contests/${id}/remarks`, { contestant: 'C001', criterion: 'exam', reason: 'x' }))
        .status,
    ).toBe(403);
    expect(
      (
        await api(s.url).post<RemarkRequest>(`/contests/${id}/remarks`, {
          contestant: 'C001',
          criterion: 'exam',
          reason: 'x',
        })
      ).status,
    ).toBe(401);
    expect((await ev.admin.get(`/contests/${id}/progress`)).status).toBe(200);
    expect((await ev.admin.get(`/contests/no-such-contest/progress`)).status).toBe(404);
  });

  it('shows a chief judge of a blind contest stations only until certified', async () => {
    const ev = await importAndOpen(s, exampleEvent('wire-rope-contest'));
    const id = ev.contestId('wet-drawing');
    const chief = api(s.url, await ev.judgeToken('w-chief'));
    const p = (await chief.get<ContestProgress>(`/contests/${id}/progress`)).body;
    expect(p.contest.blind).toBe(true);
    expect(p.rows[0]).toMatchObject({ bib: 'W001', station: 'W-01' });
    expect(p.rows.every((r) => r.name === undefined && r.organisation === undefined)).toBe(true);
    expect(JSON.stringify(p)).not.toContain('夏志强');
    const organiser = (await ev.admin.get<ContestProgress>(`/contests/${id}/progress`)).body;
    expect(organiser.rows[0]!.name).toBe('夏志强');
  });
});

describe('POST /contests/:id/remarks', () => {
  it('creates a request that the judge sees until it marks again, and that the chief sees meanwhile', async () => {
    const { id, as } = await courier();
    const [chief, j2, j3, j4] = await Promise.all(['c-chief', 'c-j2', 'c-j3', 'c-j4'].map(as));
    const [m2, m3, m4] = [j2, j3, j4].map((c) => marker(c!, id));
    await m2!('C005', 'packing', 4);
    await m3!('C005', 'packing', 22);
    await m4!('C005', 'packing', 23);

    const res = await chief!.post<RemarkRequest>(`/contests/${id}/remarks`, {
      contestant: 'C005',
      criterion: 'packing',
      judge: 'c-j2',
      reason: '请重新核对包装评分',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      contestant: 'C005',
      criterion: 'packing',
      judge: 'c-j2',
      reason: '请重新核对包装评分',
      requestedBy: 'judge:c-chief',
    });
    expect(typeof res.body.id).toBe('string');
    const sheet2 = await j2!.get<JudgeSheet>('/judge/sheet');
    expect(sheet2.body.remarks).toEqual([
      expect.objectContaining({
        id: res.body.id,
        contestant: 'C005',
        criterion: 'packing',
        reason: '请重新核对包装评分',
      }),
    ]);
    expect((await j3!.get<JudgeSheet>('/judge/sheet')).body.remarks).toEqual([]); // named for c-j2 only
    let p = (await chief!.get<ContestProgress>(`/contests/${id}/progress`)).body;
    expect(p.remarks.map((r) => r.id)).toEqual([res.body.id]);
    expect(p.summary.openRemarks).toBe(1);

    await m2!('C005', 'packing', 19);
    expect((await j2!.get<JudgeSheet>('/judge/sheet')).body.remarks).toEqual([]);
    p = (await chief!.get<ContestProgress>(`/contests/${id}/progress`)).body;
    expect(p.remarks).toEqual([]);
    expect(p.summary.openRemarks).toBe(0);
    expect(p.rows.find((r) => r.bib === 'C005')!.cells.packing).toMatchObject({ flagged: false, spread: 4 });
  });

  it('asks every judge of the criterion when none is named, until each judge who marked has marked again', async () => {
    const { ev, id, as } = await courier();
    const [j2, j3] = await Promise.all(['c-j2', 'c-j3'].map(as));
    await marker(j2!, id)('C006', 'service', 3);
    await marker(j3!, id)('C006', 'service', 21);
    const res = await ev.admin.post<RemarkRequest>(`/contests/${id}/remarks`, {
      contestant: 'C006',
      criterion: 'service',
      reason: 'discuss and mark again',
    });
    expect(res.status).toBe(201);
    expect(res.body.judge).toBeNull();
    for (const code of ['c-j1', 'c-j2', 'c-j3', 'c-j4']) {
      const sheet = await (await as(code)).get<JudgeSheet>('/judge/sheet');
      expect(
        sheet.body.remarks.map((r) => r.id),
        code,
      ).toEqual([res.body.id]);
    }
    expect((await (await as('c-timer')).get<JudgeSheet>('/judge/sheet')).body.remarks).toEqual([]); // not its criterion
    await marker(j2!, id)('C006', 'service', 15);
    expect((await j2!.get<JudgeSheet>('/judge/sheet')).body.remarks).toEqual([]);
    expect((await ev.admin.get<ContestProgress>(`/contests/${id}/progress`)).body.remarks).toHaveLength(1); // c-j3 still owes it
    await marker(j3!, id)('C006', 'service', 17);
    expect((await ev.admin.get<ContestProgress>(`/contests/${id}/progress`)).body.remarks).toEqual([]);
    expect((await (await as('c-j4')).get<JudgeSheet>('/judge/sheet')).body.remarks).toEqual([]);
  });

  it('does not ask a judge about a contestant of its own organisation, nor the chief about its own request', async () => {
    const file = exampleEvent('new-economy-contest');
    const ev = await importAndOpen(s, file);
    const rider = ev.contestId('rider');
    const ml = file.contests.find((c) => c.code === 'rider')!.contestants.find((c) => c.organisation === 'ml')!.bib;
    const chief = api(s.url, await ev.judgeToken('r-chief'));
    const res = await chief.post<RemarkRequest>(`/contests/${rider}/remarks`, {
      contestant: ml,
      criterion: 'handling',
      reason: 'look again',
    });
    expect(res.status).toBe(201);
    expect((await api(s.url, await ev.judgeToken('r-j1')).get<JudgeSheet>('/judge/sheet')).body.remarks).toHaveLength(
      1,
    );
    expect((await api(s.url, await ev.judgeToken('r-j2')).get<JudgeSheet>('/judge/sheet')).body.remarks).toEqual([]); // organisation ml
    expect((await chief.get<JudgeSheet>('/judge/sheet')).body.remarks).toEqual([]);
    const named = await chief.post<RemarkRequest>(`/contests/${rider}/remarks`, {
      contestant: ml,
      criterion: 'handling',
      judge: 'r-j2',
      reason: 'x',
    });
    expect(named.status).toBe(400);
    expect(refusalOf(named).issues?.[0]?.path).toBe('judge');
  });

  it('answers unknown ids with 404, a closed contest with 409 and bad bodies with 400', async () => {
    const { id, as } = await courier();
    const chief = await as('c-chief');
    const post = (body: unknown) => chief.post(`/contests/${id}/remarks`, body);
    const ok = { contestant: 'C001', criterion: 'packing', reason: 'again please' };
    expect((await post({ ...ok, contestant: 'C999' })).status).toBe(404);
    expect((await post({ ...ok, criterion: 'nope' })).status).toBe(404);
    expect((await post({ ...ok, judge: 'nobody' })).status).toBe(404);
    expect((await post({ ...ok, judge: 'c-timer' })).status).toBe(400); // not assigned to packing
    const bad: unknown[] = [
      {},
      [],
      'text',
      42,
      null,
      { ...ok, reason: '' },
      { ...ok, reason: '   ' },
      { ...ok, reason: 'x'.repeat(1001) },
      { contestant: 'C001', criterion: 'packing' },
      { ...ok, extra: 1 },
      { ...ok, judge: 7 },
      { ...ok, judge: '' },
      { ...ok, contestant: 'C 001' },
      { ...ok, criterion: 'PACKING' },
      { ...ok, reason: 'a\u0000b' },
      { ...ok, judge: 'x'.repeat(40) },
    ];
    for (const body of bad) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(refusalOf(res).code).toMatch(/validation_failed|invalid_json/);
    }
    const raw = await chief.call('POST', `/contests/${id}/remarks`, '{"contestant":', {
      'content-type': 'application/json',
    });
    expect(raw.status).toBe(400);
    expect((await chief.call('POST', `/contests/${id}/remarks`, '')).status).toBe(400);

    expect((await chief.post(`/contests/${id}/state`, { to: 'review' })).status).toBe(200);
    const closed = await post(ok);
    expect(closed.status).toBe(409);
    expect(refusalOf(closed).code).toBe('contest_closed');
    const { ev: fresh } = await (async () => ({
      ev: await importAndOpen(s, exampleEvent('new-economy-contest'), { open: false }),
    }))();
    const setup = await fresh.admin.post(`/contests/${fresh.contestId('courier')}/remarks`, ok);
    expect(setup.status).toBe(409);
  });
});
