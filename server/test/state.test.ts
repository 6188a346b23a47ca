// The contest lifecycle over HTTP (CONTRACT §5): transitions, who may make them, marks by state,
// certification blockers, concurrent changes, flags and the freeze.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index.ts';
import { hashSecret } from '../domain/auth/auth.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';
import { eventOf, oneSection, panel } from './fixtures/events.ts';
import { api, importAndOpen, startTestServer, uuid, type TestServer, issuesOf, refusalOf } from './harness.ts';
import type { ContestDetail, Leaderboard, MarkResponse, SessionResponse } from '../../shared/api.ts';
import type { AuditPage } from '../../shared/admin-api.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

// One section (weight 1): exam (measurement, max 100) and form (judgement, 2 judges, mean,
// maxSpread 2, step 0.5, max 10). Section max M = 110, total = 100 × S / 110.
function weldingEvent(): EventFile {
  return eventOf('焊工状态测试', [
    oneSection({
      code: 'weld',
      name: '焊工',
      criteria: [
        { code: 'exam', name: '考试', kind: 'measurement', max: 100 },
        {
          code: 'form',
          name: '焊缝成形',
          kind: 'judgement',
          max: 10,
          judges: 2,
          aggregate: 'mean',
          maxSpread: 2,
          step: 0.5,
        },
      ],
      contestants: [
        { bib: 'W1', name: '张三', organisation: 'a' },
        { bib: 'W2', name: '李四', organisation: 'b' },
      ],
      judges: panel(['exam', 'form'], ['form']),
    }),
  ]);
}

const STATES = ['setup', 'scoring', 'review', 'certified', 'published'] as const;
type State = (typeof STATES)[number];
const ALLOWED: Record<State, State[]> = {
  setup: ['scoring'],
  scoring: ['review'],
  review: ['scoring', 'certified'],
  certified: ['published', 'review'],
  published: ['review'],
};

async function setup() {
  const ev = await importAndOpen(s, weldingEvent(), { open: false });
  const id = ev.contestId('weld');
  const as = async (code: string) => api(s.url, await ev.judgeToken(code));
  const [chief, j1, j2] = [await as('chief'), await as('j1'), await as('j2')];
  const mark = (
    who: ReturnType<typeof api>,
    contestant: string,
    criterion: string,
    value: number,
    extra: object = {},
  ) => who.post<MarkResponse>(`/contests/${id}/marks`, { contestant, criterion, value, clientId: uuid(), ...extra });
  const to = (state: State, reason?: string, who = ev.admin) =>
    who.post(`/contests/${id}/state`, { to: state, ...(reason ? { reason } : {}) });
  const state = async () => (await ev.admin.get<ContestDetail>(`/contests/${id}`)).body.state as State;
  const row = async (bib: string, who = ev.admin) =>
    (await who.get<Leaderboard>(`/contests/${id}/leaderboard`)).body.rows.find((r) => r.bib === bib);
  /** Every mark a complete contest needs, with the form panels close together. */
  const complete = async () => {
    for (const bib of ['W1', 'W2']) {
      expect((await mark(j1, bib, 'exam', 70)).status).toBe(201);
      expect((await mark(j1, bib, 'form', 7)).status).toBe(201);
      expect((await mark(j2, bib, 'form', 8)).status).toBe(201);
    }
  };
  /** Drives a fresh contest to `target` along the normal path. */
  const reach = async (target: State) => {
    const path: State[] = ['scoring', 'review', 'certified', 'published'];
    for (const next of path.slice(0, STATES.indexOf(target))) {
      if (next === 'review') await complete();
      expect((await to(next)).status).toBe(200);
    }
  };
  return { ev, id, chief, j1, j2, mark, to, state, row, complete, reach };
}

describe('transitions', () => {
  it('allows exactly the transitions of §5 and refuses every other with 409', async () => {
    for (const from of STATES) {
      const c = await setup();
      await c.reach(from);
      for (const target of STATES.filter((t) => !ALLOWED[from].includes(t))) {
        const r = await c.to(target, 'a reason');
        expect(r.status, `${from} → ${target}`).toBe(409);
        expect(refusalOf(r)).toMatchObject({ code: 'conflict', message: expect.any(String) });
        expect(await c.state()).toBe(from);
      }
      for (const target of ALLOWED[from]) {
        const fresh = await setup();
        await fresh.reach(from);
        const r = await fresh.to(target, 'a reason');
        expect(r.status, `${from} → ${target}`).toBe(200);
        expect(r.body).toEqual({ state: target });
        expect(await fresh.state()).toBe(target);
      }
    }
  });

  it('reopens certified and published results only with a reason', async () => {
    for (const from of ['certified', 'published'] as const) {
      const c = await setup();
      await c.reach(from);
      for (const reason of [undefined, '   ']) {
        const r = await c.ev.admin.post(`/contests/${c.id}/state`, {
          to: 'review',
          ...(reason === undefined ? {} : { reason }),
        });
        expect(r.status).toBe(400);
        expect(issuesOf(r).map((i) => i.path)).toContain('reason');
      }
      expect(await c.state()).toBe(from);
      expect((await c.to('review', '选手申诉，复核理论成绩')).status).toBe(200);
    }
  });

  it('lets the chief judge close, reopen and certify, and no judge do anything else', async () => {
    const c = await setup();
    expect((await c.to('scoring', undefined, c.chief)).status).toBe(403);
    expect((await c.to('scoring')).status).toBe(200);
    await c.complete();
    expect((await c.to('review', undefined, c.j1)).status).toBe(403);
    expect((await c.to('review', undefined, c.chief)).status).toBe(200);
    expect((await c.to('scoring', undefined, c.chief)).status).toBe(200);
    expect((await c.to('review', undefined, c.chief)).status).toBe(200);
    expect((await c.to('certified', undefined, c.j2)).status).toBe(403);
    expect((await c.to('certified', undefined, c.chief)).status).toBe(200);
    expect((await c.to('published', undefined, c.chief)).status).toBe(403);
    expect((await c.to('review', 'a reason', c.chief)).status).toBe(403);
    expect(await c.state()).toBe('certified');
  });

  it('lets exactly one of two organisers changing the state at once win', async () => {
    const username = `org-${uuid().slice(0, 8)}`;
    await s.db.db.insert(users).values({ username, passwordHash: await hashSecret('second-organiser') });
    const login = await api(s.url).post<SessionResponse>('/auth/login', { username, password: 'second-organiser' });
    const second = api(s.url, login.body.token);
    for (let round = 0; round < 3; round++) {
      const c = await setup();
      await c.reach('scoring');
      const results = await Promise.all([
        c.to('review'),
        c.to('review', undefined, second),
        c.to('review'),
        c.to('review', undefined, second),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      const audit = await c.ev.admin.get<AuditPage>(`/events/${c.ev.id}/audit`);
      expect(audit.body.entries.filter((e) => e.kind === 'state' && e.data.to === 'review')).toHaveLength(1);
    }
  });
});

describe('marks by state', () => {
  it('accepts marks only in scoring; in review only the chief judge or an organiser, with a reason', async () => {
    const c = await setup();
    const closed = await c.mark(c.ev.admin, 'W1', 'exam', 50);
    expect(closed.status).toBe(409);
    expect(refusalOf(closed)).toMatchObject({ code: 'contest_closed', params: { state: 'setup' } });
    await c.reach('review');
    const notChief = await c.mark(c.j1, 'W1', 'exam', 60, { reason: '更正' });
    expect(notChief.status).toBe(409);
    expect(refusalOf(notChief)).toMatchObject({ code: 'contest_closed', params: { reason: 'review' } });
    const noReason = await c.mark(c.chief, 'W1', 'exam', 60);
    expect(noReason.status).toBe(400);
    expect(refusalOf(noReason)).toMatchObject({
      code: 'validation_failed',
      params: { reason: 'reason_required', when: 'review' },
    });
    expect(issuesOf(noReason)).toEqual([{ path: 'reason', code: 'required', message: expect.any(String) }]);
    expect((await c.mark(c.chief, 'W1', 'exam', 60, { reason: '复核后更正' })).status).toBe(201);
    expect((await c.mark(c.ev.admin, 'W2', 'exam', 90, { reason: '录入错误' })).status).toBe(201);
    // W1: exam 60 (chief's mark is the newest), form mean(7, 8) = 7.5 → S = 67.5, total = 100 × 67.5 / 110 = 61.36
    expect((await c.row('W1'))!.total).toBe(61.36);
    for (const target of ['certified', 'published'] as const) {
      expect((await c.to(target)).status).toBe(200);
      expect((await c.mark(c.ev.admin, 'W1', 'exam', 10, { reason: 'late' })).status).toBe(409);
      expect((await c.mark(c.chief, 'W1', 'exam', 10, { reason: 'late' })).status).toBe(409);
    }
  });

  it('refuses to certify while a contestant is incomplete or a flag is open, listing the reasons', async () => {
    const c = await setup();
    await c.reach('scoring');
    await c.mark(c.j1, 'W1', 'exam', 70);
    await c.mark(c.j1, 'W1', 'form', 7);
    await c.mark(c.j2, 'W1', 'form', 8);
    await c.mark(c.j1, 'W2', 'exam', 70);
    await c.mark(c.j1, 'W2', 'form', 2);
    await c.to('review');
    const incomplete = await c.to('certified');
    expect(incomplete.status).toBe(409);
    expect(refusalOf(incomplete).code).toBe('transition_blocked');
    expect(refusalOf(incomplete).reasons).toEqual([expect.stringMatching(/W2.*form/)]);
    // The same, structured for screens: W2 has 1 of the 2 judges' marks of "form".
    expect(refusalOf(incomplete).blockers).toEqual([
      { kind: 'incomplete', bib: 'W2', missing: [{ criterion: 'form', have: 1, need: 2 }] },
    ]);
    // The chief completes W2 in review, but 2 and 9 are 7 apart (> maxSpread 2): flagged.
    expect((await c.mark(c.chief, 'W2', 'form', 9, { reason: '补录' })).status).toBe(201);
    const flagged = await c.to('certified');
    expect(flagged.status).toBe(409);
    expect(refusalOf(flagged).reasons).toEqual([expect.stringMatching(/W2.*form.*flag/)]);
    expect(refusalOf(flagged).blockers).toEqual([{ kind: 'flagged', bib: 'W2', criterion: 'form' }]);
    expect(await c.state()).toBe('review');
    expect(
      (await c.ev.admin.post(`/contests/${c.id}/flags`, { contestant: 'W2', criterion: 'form', reason: '合议后维持' }))
        .status,
    ).toBe(200);
    expect(await c.to('certified', undefined, c.chief)).toMatchObject({ status: 200, body: { state: 'certified' } });
  });
});

describe('flags and freeze', () => {
  it('shows a panel far apart as flagged until the chief accepts it, and raises it again on a later wide mark', async () => {
    const c = await setup();
    await c.reach('scoring');
    await c.mark(c.j1, 'W1', 'form', 3);
    expect((await c.row('W1'))!.flagged).toBe(false); // one mark: no spread yet
    await c.mark(c.j2, 'W1', 'form', 8); // 8 − 3 = 5 > 2
    const flagged = await c.row('W1');
    expect(flagged).toMatchObject({ flagged: true, complete: false });
    // Flagged points still count: form mean(3, 8) = 5.5 → total = 100 × 5.5 / 110 = 5
    expect(flagged!.total).toBe(5);
    expect(
      (await api(s.url).get<Leaderboard>(`/contests/${c.id}/leaderboard`)).body.rows.find((r) => r.bib === 'W1')!
        .flagged,
    ).toBe(true);
    const body = { contestant: 'W1', criterion: 'form', reason: '两位裁判合议，维持原分' };
    expect(refusalOf(await c.ev.admin.post(`/contests/${c.id}/flags`, { ...body, contestant: 'W2' })).code).toBe(
      'not_flagged',
    );
    expect((await c.j1.post(`/contests/${c.id}/flags`, body)).status).toBe(403);
    const resolved = await c.chief.post(`/contests/${c.id}/flags`, body);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ contestant: 'W1', criterion: 'form', resolved: true });
    expect(await c.row('W1')).toMatchObject({ flagged: false, total: 5 });
    await c.mark(c.j1, 'W1', 'form', 4); // 8 − 4 = 4 > 2: still too far apart
    expect(await c.row('W1')).toMatchObject({ flagged: true });
    await c.mark(c.j1, 'W1', 'form', 7); // 8 − 7 = 1: close enough
    expect(await c.row('W1')).toMatchObject({ flagged: false });
  });

  it('keeps the public board at the freeze while organisers see live marks, and reveals on unfreeze', async () => {
    const c = await setup();
    await c.reach('scoring');
    await c.mark(c.j1, 'W1', 'exam', 55); // W1: 100 × 55 / 110 = 50
    const pub = api(s.url);
    const shown = (await pub.get<Leaderboard>(`/contests/${c.id}/leaderboard`)).body;
    expect(shown.rows.map((r) => [r.bib, r.total, r.rank])).toEqual([
      ['W1', 50, 1],
      ['W2', 0, null], // no mark yet: not ranked (SCORING §5.4)
    ]);
    expect((await c.ev.admin.post(`/contests/${c.id}/freeze`, { frozen: true })).status).toBe(200);
    expect((await c.j1.post(`/contests/${c.id}/freeze`, { frozen: false })).status).toBe(403);
    await c.mark(c.j1, 'W2', 'exam', 99); // W2: 100 × 99 / 110 = 90
    const live = (await c.ev.admin.get<Leaderboard>(`/contests/${c.id}/leaderboard`)).body;
    expect(live.rows.map((r) => [r.bib, r.total, r.rank])).toEqual([
      ['W2', 90, 1],
      ['W1', 50, 2],
    ]);
    const frozen = (await pub.get<Leaderboard>(`/contests/${c.id}/leaderboard`)).body;
    expect(frozen.rows).toEqual(shown.rows);
    expect(frozen.seq).toBe(shown.seq);
    expect((await c.ev.admin.post(`/contests/${c.id}/freeze`, { frozen: false })).status).toBe(200);
    const revealed = (await pub.get<Leaderboard>(`/contests/${c.id}/leaderboard`)).body;
    expect(revealed.rows).toEqual(live.rows);
    expect(revealed.seq).toBeGreaterThan(live.seq);
  });
});
