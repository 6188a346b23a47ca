// The organiser console's API on a real database: the live overview of an event (progress, flags,
// requests to mark again, judges online, screens watching) and the audit log's filters.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { AuditPage, EventOverview } from '../../shared/admin-api.ts';
import type { ContestProgress } from '../../shared/judge.ts';
import type { Leaderboard } from '../../shared/api.ts';
import {
  api,
  exampleEvent,
  importAndOpen,
  startTestServer,
  uuid,
  type TestServer,
  refusalOf,
  issuesOf,
} from './harness.ts';

let s: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  for (const so of sockets) so.disconnect();
  await s?.stop();
});

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

async function watch(contest: string, token?: string): Promise<Socket> {
  const so = io(`${s.url}/live`, {
    transports: ['websocket'],
    reconnection: false,
    ...(token ? { auth: { token } } : {}),
  });
  sockets.push(so);
  const ack = await so.timeout(5000).emitWithAck('watch', { contest });
  if (ack?.error) throw new Error(`watch: ${JSON.stringify(ack)}`);
  return so;
}

/** The courier contest with some marks: C001 packing flagged, C002 complete, a request to mark again. */
async function scenario() {
  const ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
  const id = ev.contestId('courier');
  const as = async (code: string) => api(s.url, await ev.judgeToken(code));
  const [timer, j2, j3, j4, chief] = await Promise.all(['c-timer', 'c-j2', 'c-j3', 'c-j4', 'c-chief'].map(as));
  const [t, m2, m3, m4] = [timer!, j2!, j3!, j4!].map((c) => marker(c, id));
  await m2!('C001', 'packing', 5);
  await m3!('C001', 'packing', 20);
  await m4!('C001', 'packing', 24);
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
  await t!('C003', 'exam', 70);
  await t!('C003', 'exam', 72); // a second revision
  const req = await chief!.post(`/contests/${id}/remarks`, {
    contestant: 'C003',
    criterion: 'exam',
    judge: 'c-timer',
    reason: 'typo?',
  });
  expect(req.status).toBe(201);
  return { ev, id, timer: timer!, chief: chief!, t: t! };
}

const overviewOf = async (eventId: string) => {
  const r = await api(s.url, s.adminToken).get<EventOverview>(`/events/${eventId}/overview`);
  expect(r.status).toBe(200);
  return r.body;
};

describe('GET /events/:id/overview', () => {
  it('agrees with the board, the marks and the chief desk for every contest', async () => {
    const { ev, id, chief } = await scenario();
    const o = await overviewOf(ev.id);
    expect(o.event.id).toBe(ev.id);
    expect(o.contests.map((c) => c.code)).toEqual(ev.contests.map((c) => c.code));

    const courier = o.contests.find((c) => c.id === id)!;
    const board = (await ev.admin.get<Leaderboard>(`/contests/${id}/leaderboard`)).body;
    const progress = (await chief.get<ContestProgress>(`/contests/${id}/progress`)).body;
    const allMarks = (await ev.admin.get<{ marks: unknown[] }>(`/contests/${id}/marks`)).body.marks;
    const active = board.rows.filter((r) => r.status === 'active');
    expect(courier).toMatchObject({
      code: 'courier',
      name: '快递员',
      state: 'scoring',
      frozen: false,
      seq: board.seq,
      active: active.length,
      complete: active.filter((r) => r.complete).length,
      marks: allMarks.length,
      remarks: progress.summary.openRemarks,
      screens: 0,
    });
    expect(courier.complete).toBeGreaterThan(0);
    expect(courier.remarks).toBe(1);
    const flaggedCells = progress.rows.flatMap((r) => Object.values(r.cells).filter((c) => c.flagged));
    expect(courier.flags).toBe(flaggedCells.length);
    expect(courier.flags).toBeGreaterThan(0);

    const rider = o.contests.find((c) => c.code === 'rider')!;
    expect(rider).toMatchObject({ state: 'scoring', complete: 0, marks: 0, flags: 0, remarks: 0 });
  });

  it('shows judges online after a request or a mark, and offline when never seen', async () => {
    const { ev, id } = await scenario();
    // A judge that only opened its sheet, never marked.
    const j1 = api(s.url, await ev.judgeToken('c-j1'));
    expect((await j1.get('/judge/sheet')).status).toBe(200);
    const o = await overviewOf(ev.id);
    const judges = o.contests.find((c) => c.id === id)!.judges;
    const byCode = new Map(judges.map((j) => [j.code, j]));
    expect([...byCode.keys()].sort()).toEqual(
      exampleEvent('new-economy-contest')
        .contests[0]!.judges.map((j) => j.code)
        .sort(),
    );
    for (const code of ['c-j1', 'c-j2', 'c-timer', 'c-chief']) {
      expect(byCode.get(code)).toMatchObject({ online: true });
      expect(Date.now() - Date.parse(byCode.get(code)!.lastSeen!)).toBeLessThan(60_000);
    }
    expect(byCode.get('c-trainee')).toMatchObject({ name: '龚晓东', online: false, lastSeen: null, shadow: true });
    expect(byCode.get('c-chief')).toMatchObject({ chief: true });
    // The rider contest's judges signed in never: all offline.
    expect(o.contests.find((c) => c.code === 'rider')!.judges.every((j) => !j.online && j.lastSeen === null)).toBe(
      true,
    );
  });

  it('counts public screens watching a contest, not organisers, and shows a freeze', async () => {
    const { ev, id } = await scenario();
    await watch(id);
    const second = await watch(id);
    await watch(id, s.adminToken); // the console's own live board
    // Room membership and presence are updated as the watches arrive: wait for them.
    await vi.waitFor(async () => {
      const o = await overviewOf(ev.id);
      expect(o.contests.find((c) => c.id === id)!.screens).toBe(2);
      expect(o.contests.find((c) => c.code === 'rider')!.screens).toBe(0);
    });

    second.disconnect();
    expect((await ev.admin.post(`/contests/${id}/freeze`, { frozen: true })).status).toBe(200);
    await vi.waitFor(async () => {
      const o = await overviewOf(ev.id);
      expect(o.contests.find((c) => c.id === id)).toMatchObject({ screens: 1, frozen: true });
    });
  });

  it('is for organisers only, and 404 for an unknown event', async () => {
    const { ev, timer } = await scenario();
    expect((await api(s.url).get(`/events/${ev.id}/overview`)).status).toBe(401);
    const judge = await timer.get(`/events/${ev.id}/overview`);
    expect(judge.status).toBe(403);
    expect(refusalOf(judge).code).toBe('forbidden');
    const unknown = await ev.admin.get('/events/no-such-event/overview');
    expect(unknown.status).toBe(404);
    expect(refusalOf(unknown).code).toBe('not_found');
  });
});

describe('GET /events/:id/audit filters', () => {
  it('filters by contest, judge, contestant and kind, as the whole log read and filtered here', async () => {
    const { ev, id } = await scenario();
    const rider = ev.contestId('rider');
    expect(
      (
        await ev.admin.post(`/contests/${id}/flags`, {
          contestant: 'C001',
          criterion: 'packing',
          reason: 'seen on video',
        })
      ).status,
    ).toBe(200);
    const all = (await ev.admin.get<AuditPage>(`/events/${ev.id}/audit`)).body.entries;
    const read = async (q: string) => {
      const r = await ev.admin.get<AuditPage>(`/events/${ev.id}/audit?${q}`);
      expect(r.status).toBe(200);
      return r.body.entries.map((e) => e.n);
    };
    const ns = (f: (e: (typeof all)[number]) => boolean) => all.filter(f).map((e) => e.n);

    expect(await read(`contest=${rider}`)).toEqual(ns((e) => e.contest === rider));
    expect(await read(`contest=${rider}`)).toHaveLength(1); // opened for scoring
    expect(await read('kind=mark')).toEqual(ns((e) => e.kind === 'mark'));
    expect(await read('kind=flag')).toEqual(ns((e) => e.kind.startsWith('flag.')));
    expect(await read('kind=flag')).toHaveLength(1);
    expect(await read('kind=remark.requested')).toEqual(ns((e) => e.kind === 'remark.requested'));
    // The timer's marks, and the chief's request addressed to the timer.
    const timer = await read('judge=c-timer');
    expect(timer).toEqual(ns((e) => e.actor === 'judge:c-timer' || e.data.judge === 'c-timer'));
    expect(timer.length).toBe(7);
    expect(await read('contestant=C001')).toEqual(ns((e) => e.data.contestant === 'C001'));
    expect(await read('contestant=C001')).toHaveLength(4); // three marks and the accepted flag
    expect(await read(`contestant=C003&kind=mark&contest=${id}`)).toEqual(
      ns((e) => e.kind === 'mark' && e.data.contestant === 'C003'),
    );
    // A bib that is a prefix of others matches only itself; LIKE wildcards are taken literally.
    expect(await read('contestant=C00')).toEqual([]);
    expect(await read('judge=c_j2')).toEqual([]);
  });

  it('pages by `after` with the filters kept', async () => {
    const { ev } = await scenario();
    const marks = (await ev.admin.get<AuditPage>(`/events/${ev.id}/audit?kind=mark`)).body.entries.map((e) => e.n);
    const pages: number[] = [];
    let after = 0;
    for (;;) {
      const page = (await ev.admin.get<AuditPage>(`/events/${ev.id}/audit?kind=mark&limit=4&after=${after}`)).body
        .entries;
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(4);
      pages.push(...page.map((e) => e.n));
      after = page.at(-1)!.n;
    }
    expect(pages).toEqual(marks);
    expect(marks.length).toBe(15);
  });

  it('refuses malformed filters with 400 and the parameter named', async () => {
    const { ev } = await scenario();
    for (const q of [
      'judge=%27%20OR%201%3D1',
      'contestant=C001%25',
      'kind=MARK',
      'after=-1',
      'limit=0',
      'contestant=' + 'X'.repeat(17),
    ]) {
      const r = await ev.admin.get(`/events/${ev.id}/audit?${q}`);
      expect(r.status, q).toBe(400);
      expect(refusalOf(r).code).toBe('validation_failed');
      expect(issuesOf(r)[0]!.path).toBe(q.split('=')[0]);
    }
    expect((await api(s.url).get(`/events/${ev.id}/audit?kind=mark`)).status).toBe(401);
  });
});
