// Marks over HTTP on a real database: stored, revised, idempotent, refused with the right status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, exampleEvent, importAndOpen, startTestServer, uuid, type TestServer, refusalOf } from './harness.ts';
import type { Leaderboard, MarkResponse, MarksResponse } from '../../shared/api.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

describe('POST /contests/:id/marks', () => {
  it('stores a mark, returns it with its seq, and the board shows it', async () => {
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const courier = ev.contestId('courier');
    const timer = api(s.url, await ev.judgeToken('c-timer'));
    const clientId = uuid();
    const res = await timer.post<MarkResponse>(`/contests/${courier}/marks`, {
      contestant: 'C001',
      criterion: 'exam',
      value: 80,
      clientId,
    });
    expect(res.status).toBe(201);
    expect(res.body.mark).toMatchObject({
      contestant: 'C001',
      criterion: 'exam',
      judge: 'c-timer',
      value: 80,
      revision: 1,
      clientId,
    });
    expect(typeof res.body.seq).toBe('number');
    const board = await api(s.url).get<Leaderboard>(`/contests/${courier}/leaderboard`);
    expect(board.status).toBe(200);
    const row = board.body.rows.find((r) => r.bib === 'C001');
    expect(row!.sections.theory).toBe(80);
    expect(row!.total).toBe(24);
    expect(board.body.seq).toBeGreaterThanOrEqual(res.body.seq);
  });

  it('replays the same clientId with 200 and refuses another body with 409', async () => {
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const courier = ev.contestId('courier');
    const timer = api(s.url, await ev.judgeToken('c-timer'));
    const body = { contestant: 'C002', criterion: 'sorting', value: 90, clientId: uuid() };
    const first = await timer.post<MarkResponse>(`/contests/${courier}/marks`, body);
    const again = await timer.post<MarkResponse>(`/contests/${courier}/marks`, body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await timer.post<MarkResponse>(`/contests/${courier}/marks`, { ...body, value: 91 });
    expect(other.status).toBe(409);
    expect(refusalOf(other).code).toBe('idempotency_conflict');
    const all = await ev.admin.get<MarksResponse>(`/contests/${courier}/marks`);
    expect(all.body.marks.filter((m) => m.clientId === body.clientId)).toHaveLength(1);
  });

  it('counts a concurrent storm of retries of one mark once', async () => {
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const courier = ev.contestId('courier');
    const timer = api(s.url, await ev.judgeToken('c-timer'));
    const body = { contestant: 'C003', criterion: 'exam', value: 70, clientId: uuid() };
    const results = await Promise.all(
      Array.from({ length: 12 }, () => timer.post<MarkResponse>(`/contests/${courier}/marks`, body)),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(11);
    const all = await ev.admin.get<MarksResponse>(`/contests/${courier}/marks`);
    expect(all.body.marks.filter((m) => m.contestant === 'C003')).toHaveLength(1);
  });

  it('makes a new revision for a correction and counts only the newest', async () => {
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const courier = ev.contestId('courier');
    const timer = api(s.url, await ev.judgeToken('c-timer'));
    await timer.post<MarkResponse>(`/contests/${courier}/marks`, {
      contestant: 'C004',
      criterion: 'exam',
      value: 50,
      clientId: uuid(),
    });
    const second = await timer.post<MarkResponse>(`/contests/${courier}/marks`, {
      contestant: 'C004',
      criterion: 'exam',
      value: 90,
      clientId: uuid(),
    });
    expect(second.body.mark.revision).toBe(2);
    const board = await api(s.url).get<Leaderboard>(`/contests/${courier}/leaderboard`);
    expect(board.body.rows.find((r) => r.bib === 'C004')!.sections.theory).toBe(90);
    const all = await ev.admin.get<MarksResponse>(`/contests/${courier}/marks`);
    expect(all.body.marks.filter((m) => m.contestant === 'C004').map((m) => m.value)).toEqual([50, 90]);
  });

  it('refuses bad values, unassigned criteria, own organisation, unknown ids and closed contests', async () => {
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const courier = ev.contestId('courier');
    const timer = api(s.url, await ev.judgeToken('c-timer'));
    const j1 = api(s.url, await ev.judgeToken('c-j1')); // organisation sd
    const post = (client: ReturnType<typeof api>, b: object) =>
      client.post<MarkResponse>(`/contests/${courier}/marks`, { clientId: uuid(), ...b });
    expect((await post(timer, { contestant: 'C001', criterion: 'exam', value: 101 })).status).toBe(400);
    expect((await post(timer, { contestant: 'C001', criterion: 'exam', value: '80' })).status).toBe(400);
    expect((await post(timer, { contestant: 'C001', criterion: 'waybill', value: 1 })).status).toBe(400);
    expect((await post(timer, { contestant: 'C001', criterion: 'safety', value: 1.5 })).status).toBe(400);
    expect((await post(j1, { contestant: 'C001', criterion: 'packing', value: 10.25 })).status).toBe(400);
    expect((await post(timer, { contestant: 'C001', criterion: 'exam', value: 80, extra: 1 })).status).toBe(400);
    expect((await post(timer, { contestant: 'C001', criterion: 'packing', value: 10 })).status).toBe(403);
    // The demo file's courier roster has no contestant of sd (the recused judge's organisation), so add one.
    const file = exampleEvent('new-economy-contest');
    file.contests[0]!.contestants.push({ bib: 'C900', name: '测试', organisation: 'sd' });
    const ev2 = await importAndOpen(s, file);
    const j1b = api(s.url, await ev2.judgeToken('c-j1'));
    const own = await j1b.post<MarkResponse>(`/contests/${ev2.contestId('courier')}/marks`, {
      clientId: uuid(),
      contestant: 'C900',
      criterion: 'packing',
      value: 10,
    });
    expect(own.status).toBe(403);
    expect(refusalOf(own).message).toMatch(/own organisation/);
    expect((await post(timer, { contestant: 'C999', criterion: 'exam', value: 80 })).status).toBe(404);
    expect((await post(timer, { contestant: 'C001', criterion: 'nope', value: 80 })).status).toBe(404);
    expect((await post(api(s.url), { contestant: 'C001', criterion: 'exam', value: 80 })).status).toBe(401);
    await ev.admin.post(`/contests/${courier}/state`, { to: 'review' });
    const closed = await post(timer, { contestant: 'C001', criterion: 'exam', value: 80 });
    expect(closed.status).toBe(409);
    expect(refusalOf(closed).message).toMatch(/review/);
  });
});
