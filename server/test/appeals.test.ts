// Appeals (申诉) over HTTP: who may record and decide them, the appeal window after certification,
// corrections of upheld appeals through the marks path (board, revisions, audit), bad bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { contestStates } from '../../db/schema/index.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';
import { eventOf, oneSection, panel, type Criterion } from './fixtures/events.ts';
import { api, importAndOpen, startTestServer, uuid, type TestServer, issuesOf, refusalOf } from './harness.ts';
import type { Appeal, ContestAppeals, EventAppeals, EventSettings } from '../../shared/appeals-api.ts';
import type { AuditPage, AuditVerification } from '../../shared/admin-api.ts';
import type { ContestDetail, Leaderboard, MarksResponse } from '../../shared/api.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

// weld: one section (weight 1): exam (measurement, max 100) and form (judgement, 2 judges, mean,
// step 0.5, max 10). Section max M = 110, so total = round2(100 × (exam + mean(form)) / 110).
// pipe: a second contest of the event, to see that a chief judge sees only its own appeals.
function appealEvent(): EventFile {
  const exam: Criterion = { code: 'exam', name: '考试', kind: 'measurement', max: 100 };
  return eventOf(`申诉测试 ${uuid().slice(0, 8)}`, [
    oneSection({
      code: 'weld',
      name: '焊工',
      criteria: [
        exam,
        { code: 'form', name: '焊缝成形', kind: 'judgement', max: 10, judges: 2, aggregate: 'mean', step: 0.5 },
      ],
      contestants: [
        { bib: 'W1', name: '张三', organisation: 'a' },
        { bib: 'W2', name: '李四', organisation: 'b' },
      ],
      judges: [
        ...panel(['exam', 'form'], ['form']),
        { code: 'j3', name: '三号', pin: '4444', criteria: ['form'], organisation: 'a' },
        { code: 'trainee', name: '见习', pin: '5555', criteria: '*', shadow: true },
      ],
    }),
    oneSection({
      code: 'pipe',
      name: '管道工',
      criteria: [exam],
      contestants: [{ bib: 'P1', name: '王五', organisation: 'a' }],
      judges: [{ code: 'pchief', name: '管道裁判长', pin: '6666', chief: true, criteria: '*' }],
    }),
  ]);
}

const round2 = (x: number) => Math.floor(x * 100 + 0.5 + 1e-9) / 100;
const weldTotal = (exam: number, form: number[]) =>
  round2((100 * (exam + form.reduce((a, b) => a + b, 0) / form.length)) / 110);

type State = 'setup' | 'scoring' | 'review' | 'certified' | 'published';

async function setup() {
  const ev = await importAndOpen(s, appealEvent(), { open: false });
  const id = ev.contestId('weld');
  const pipe = ev.contestId('pipe');
  const as = async (code: string) => api(s.url, await ev.judgeToken(code));
  const [chief, j1, j2, pchief] = [await as('chief'), await as('j1'), await as('j2'), await as('pchief')];
  const anon = api(s.url);
  const to = async (state: State, reason?: string) => {
    const r = await ev.admin.post(`/contests/${id}/state`, { to: state, ...(reason ? { reason } : {}) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const mark = (who: ReturnType<typeof api>, contestant: string, criterion: string, value: number) =>
    who.post(`/contests/${id}/marks`, { contestant, criterion, value, clientId: uuid() });
  /** Drives the contest on from its state to `target`: W1 exam 70, form 7 and 8; W2 exam 60, form 9 and 9. */
  const reach = async (target: State) => {
    const path: State[] = ['setup', 'scoring', 'review', 'certified', 'published'];
    const from = (await ev.admin.get<ContestDetail>(`/contests/${id}`)).body.state as State;
    for (const next of path.slice(path.indexOf(from) + 1, path.indexOf(target) + 1)) {
      if (next === 'review') {
        for (const [bib, exam, f1, f2] of [
          ['W1', 70, 7, 8],
          ['W2', 60, 9, 9],
        ] as const) {
          expect((await mark(j1, bib, 'exam', exam)).status).toBe(201);
          expect((await mark(j1, bib, 'form', f1)).status).toBe(201);
          expect((await mark(j2, bib, 'form', f2)).status).toBe(201);
        }
      }
      await to(next);
    }
  };
  const appeal = (body: object = { contestant: 'W1', criterion: 'form', text: '焊缝成形评分过低' }, who = ev.admin) =>
    who.post<Appeal>(`/contests/${id}/appeals`, body);
  const decide = (appealId: string, body: object, who = ev.admin) =>
    who.post<Appeal>(`/appeals/${appealId}/decision`, body);
  const board = async () => (await ev.admin.get<Leaderboard>(`/contests/${id}/leaderboard`)).body.rows;
  const audit = async () => (await ev.admin.get<AuditPage>(`/events/${ev.id}/audit`)).body.entries;
  /** Moves the latest certification `minutes` into the past. */
  const certifiedAgo = async (minutes: number) => {
    await s.db.db
      .update(contestStates)
      .set({ at: new Date(Date.now() - minutes * 60_000) })
      .where(and(eq(contestStates.contestId, id), eq(contestStates.to, 'certified')));
  };
  return { ev, id, pipe, chief, j1, j2, pchief, anon, to, mark, reach, appeal, decide, board, audit, certifiedAgo };
}

describe('recording an appeal', () => {
  it('accepts an appeal within the window, lists it and logs it', async () => {
    const c = await setup();
    await c.reach('certified');
    const r = await c.appeal();
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      id: expect.any(String),
      contest: c.id,
      contestant: 'W1',
      criterion: 'form',
      text: '焊缝成形评分过低',
      submittedBy: 'organiser:admin',
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
      amendment: null,
    });
    expect(Date.parse(r.body.submittedAt)).not.toBeNaN();
    const whole = await c.appeal({ contestant: 'W2', text: '对总成绩有异议' });
    expect(whole.status).toBe(201);
    expect(whole.body.criterion).toBeNull();

    const list = await c.ev.admin.get<ContestAppeals>(`/contests/${c.id}/appeals`);
    expect(list.status).toBe(200);
    expect(list.body.appeals.map((a) => a.id)).toEqual([whole.body.id, r.body.id]); // newest first
    expect(list.body.window).toMatchObject({
      minutes: 60,
      open: true,
      certifiedAt: expect.any(String),
      deadline: expect.any(String),
    });
    expect(Date.parse(list.body.window.deadline!) - Date.parse(list.body.window.certifiedAt!)).toBe(60 * 60_000);
    const byEvent = await c.ev.admin.get<EventAppeals>(`/events/${c.ev.id}/appeals`);
    expect(byEvent.body.appeals.map((a) => a.id)).toEqual([whole.body.id, r.body.id]);

    const logged = (await c.audit()).filter((e) => e.kind === 'appeal');
    expect(logged.map((e) => e.data.id)).toEqual([r.body.id, whole.body.id]);
    expect(logged[0]).toMatchObject({
      actor: 'organiser:admin',
      contest: c.id,
      data: { contestant: 'W1', criterion: 'form', text: '焊缝成形评分过低' },
    });
    expect((await c.ev.admin.get<AuditVerification>(`/events/${c.ev.id}/audit/verify`)).body.ok).toBe(true);
  });

  it('closes the window appealWindowMinutes after the latest certification, on both sides of the deadline', async () => {
    const c = await setup();
    await c.reach('published');
    await c.certifiedAgo(59);
    expect((await c.appeal()).status).toBe(201);

    await c.certifiedAgo(61);
    const late = await c.appeal();
    expect(late.status).toBe(409);
    expect(refusalOf(late).code).toBe('appeal_window_closed');
    const window = (await c.ev.admin.get<ContestAppeals>(`/contests/${c.id}/appeals`)).body.window;
    expect(window.open).toBe(false);
    expect(refusalOf(late).message).toContain(window.deadline);

    // A longer window set by the organiser reopens it; a window of 0 closes it at once.
    expect((await c.ev.admin.call('PUT', `/events/${c.ev.id}/settings`, { appealWindowMinutes: 120 })).body).toEqual({
      event: c.ev.id,
      appealWindowMinutes: 120,
    });
    expect((await c.appeal()).status).toBe(201);
    expect((await c.ev.admin.call('PUT', `/events/${c.ev.id}/settings`, { appealWindowMinutes: 0 })).status).toBe(200);
    await c.certifiedAgo(1 / 60); // a second ago
    expect(refusalOf(await c.appeal()).code).toBe('appeal_window_closed');
    expect((await c.ev.admin.get<EventSettings>(`/events/${c.ev.id}/settings`)).body).toEqual({
      event: c.ev.id,
      appealWindowMinutes: 0,
    });
    const settings = (await c.audit()).filter((e) => e.kind === 'settings');
    expect(settings.map((e) => e.data.appealWindowMinutes)).toEqual([120, 0]);
    expect(settings[0]!.data.previous).toEqual({ appealWindowMinutes: 60 });

    // Reopening for an amendment hears appeals again; certifying again starts a new window.
    await c.to('review', '复核申诉');
    expect((await c.appeal()).status).toBe(201);
    await c.ev.admin.call('PUT', `/events/${c.ev.id}/settings`, { appealWindowMinutes: 30 });
    await c.to('certified');
    expect((await c.appeal()).status).toBe(201);
  });

  it('refuses appeals before the results are out', async () => {
    const c = await setup();
    const inSetup = await c.appeal();
    expect(inSetup.status).toBe(409);
    expect(refusalOf(inSetup).code).toBe('conflict');
    await c.reach('scoring');
    const inScoring = await c.appeal();
    expect(inScoring.status).toBe(409);
    expect(refusalOf(inScoring).message).toMatch(/not out yet/);
    expect((await c.ev.admin.get<ContestAppeals>(`/contests/${c.id}/appeals`)).body).toMatchObject({
      state: 'scoring',
      appeals: [],
      window: { open: false },
    });
    await c.reach('review');
    expect((await c.appeal()).status).toBe(201);
  });

  it('lets the chief judge of the contest record and see appeals, and no other judge or anonymous caller', async () => {
    const c = await setup();
    await c.reach('certified');
    const byChief = await c.appeal(undefined, c.chief);
    expect(byChief.status).toBe(201);
    expect(byChief.body.submittedBy).toBe('judge:chief');
    expect((await c.appeal(undefined, c.j1)).status).toBe(403);
    expect((await c.appeal(undefined, c.pchief)).status).toBe(403);
    expect((await c.appeal(undefined, c.anon)).status).toBe(401);
    expect((await c.chief.get<ContestAppeals>(`/contests/${c.id}/appeals`)).status).toBe(200);
    expect((await c.j1.get<ContestAppeals>(`/contests/${c.id}/appeals`)).status).toBe(403);
    expect((await c.anon.get<ContestAppeals>(`/contests/${c.id}/appeals`)).status).toBe(401);
    expect((await c.chief.get<EventAppeals>(`/events/${c.ev.id}/appeals`)).body.appeals.map((a) => a.id)).toEqual([
      byChief.body.id,
    ]);
    expect((await c.pchief.get<EventAppeals>(`/events/${c.ev.id}/appeals`)).body.appeals).toEqual([]);
    expect((await c.j1.get<EventAppeals>(`/events/${c.ev.id}/appeals`)).status).toBe(403);
    expect((await c.anon.get<EventAppeals>(`/events/${c.ev.id}/appeals`)).status).toBe(401);
    // Deciding and settings are the organiser's.
    expect((await c.decide(byChief.body.id, { decision: 'rejected', reason: '维持' }, c.chief)).status).toBe(403);
    expect((await c.decide(byChief.body.id, { decision: 'rejected', reason: '维持' }, c.anon)).status).toBe(401);
    expect((await c.chief.get(`/events/${c.ev.id}/settings`)).status).toBe(403);
    expect((await c.chief.call('PUT', `/events/${c.ev.id}/settings`, { appealWindowMinutes: 5 })).status).toBe(403);
    expect((await c.anon.call('PUT', `/events/${c.ev.id}/settings`, { appealWindowMinutes: 5 })).status).toBe(401);
    expect((await c.ev.admin.get<ContestAppeals>(`/contests/${c.id}/appeals`)).body.appeals[0]!.status).toBe('pending');
  });
});

describe('deciding an appeal', () => {
  it('applies an upheld appeal’s correction through the marks path, only in review', async () => {
    const c = await setup();
    await c.reach('certified');
    const a = (await c.appeal()).body;
    const before = await c.board();
    const correction = {
      decision: 'upheld',
      reason: '复核录像，二号裁判评分有误',
      corrections: [{ criterion: 'form', judge: 'j2', value: 10, note: '录像复核' }],
    };

    const locked = await c.decide(a.id, correction);
    expect(locked.status).toBe(409);
    expect(refusalOf(locked)).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/reopen the contest for review first/),
    });
    expect((await c.ev.admin.get<ContestAppeals>(`/contests/${c.id}/appeals`)).body.appeals[0]!.status).toBe('pending');
    expect(await c.board()).toEqual(before);

    await c.to('review', `申诉 ${a.id}`);
    const r = await c.decide(a.id, correction);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: a.id,
      status: 'upheld',
      decidedBy: 'organiser:admin',
      decisionReason: correction.reason,
      decidedAt: expect.any(String),
    });
    expect(r.body.amendment!.marks).toHaveLength(1);
    const markId = r.body.amendment!.marks[0];

    // The correction is j2's next revision, with the appeal in its reason.
    const marks = (await c.ev.admin.get<MarksResponse>(`/contests/${c.id}/marks`)).body.marks;
    const stored = marks.find((m) => m.id === markId);
    expect(stored).toMatchObject({
      contestant: 'W1',
      criterion: 'form',
      judge: 'j2',
      value: 10,
      revision: 2,
      note: '录像复核',
    });
    expect(stored!.reason).toContain(a.id);

    // W1's form is now mean(7, 10); W2 is untouched.
    const after = await c.board();
    const w1 = after.find((row) => row.bib === 'W1')!;
    expect(w1.total).toBe(weldTotal(70, [7, 10]));
    expect(before.find((row) => row.bib === 'W1')!.total).toBe(weldTotal(70, [7, 8]));
    expect(after.find((row) => row.bib === 'W2')).toEqual(before.find((row) => row.bib === 'W2'));

    const entries = await c.audit();
    expect(entries.find((e) => e.kind === 'appeal_decision')).toMatchObject({
      actor: 'organiser:admin',
      data: { id: a.id, decision: 'upheld', marks: [markId] },
    });
    expect(entries.find((e) => e.kind === 'mark' && e.data.id === markId)).toMatchObject({
      actor: 'organiser:admin',
      data: { judge: 'j2', value: 10 },
    });
    expect((await c.ev.admin.get<AuditVerification>(`/events/${c.ev.id}/audit/verify`)).body.ok).toBe(true);

    // Decided once: a second decision is refused and changes nothing.
    const again = await c.decide(a.id, { decision: 'rejected', reason: '再议' });
    expect(again.status).toBe(409);
    expect((await c.ev.admin.get<ContestAppeals>(`/contests/${c.id}/appeals`)).body.appeals[0]!.status).toBe('upheld');
    await c.to('certified');
    expect((await c.board()).find((row) => row.bib === 'W1')!.total).toBe(weldTotal(70, [7, 10]));
  });

  it('keeps the board as it was when an appeal is rejected', async () => {
    const c = await setup();
    await c.reach('certified');
    const a = (await c.appeal()).body;
    const before = await c.board();
    const withCorrections = await c.decide(a.id, {
      decision: 'rejected',
      reason: '维持原判',
      corrections: [{ criterion: 'form', judge: 'j2', value: 10 }],
    });
    expect(withCorrections.status).toBe(400);
    expect(issuesOf(withCorrections).map((i) => i.path)).toEqual(['corrections']);
    const r = await c.decide(a.id, { decision: 'rejected', reason: '维持原判' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'rejected', decisionReason: '维持原判', amendment: null });
    expect(await c.board()).toEqual(before);
    expect((await c.audit()).find((e) => e.kind === 'appeal_decision')).toMatchObject({
      data: { id: a.id, decision: 'rejected', marks: [] },
    });
    expect((await c.decide(a.id, { decision: 'rejected', reason: '维持原判' })).status).toBe(409);
    // Upheld without corrections (e.g. a procedural finding) is a decision too.
    const b = (await c.appeal({ contestant: 'W2', text: '程序异议' })).body;
    expect((await c.decide(b.id, { decision: 'upheld', reason: '程序确有瑕疵，已书面说明' })).body).toMatchObject({
      status: 'upheld',
      amendment: { marks: [] },
    });
  });

  it('leaves the appeal pending and stores nothing when any correction is refused', async () => {
    const c = await setup();
    await c.reach('review');
    const a = (await c.appeal()).body;
    const marksBefore = (await c.ev.admin.get<MarksResponse>(`/contests/${c.id}/marks`)).body.marks.length;
    const good = { criterion: 'exam', judge: 'j1', value: 75 };
    const cases: [object, string][] = [
      [{ criterion: 'form', judge: 'j2', value: 11 }, 'corrections[1].value'], // above max
      [{ criterion: 'form', judge: 'j2', value: 7.3 }, 'corrections[1].value'], // off step
      [{ criterion: 'form', judge: 'nobody', value: 7 }, 'corrections[1].judge'],
      [{ criterion: 'exam', judge: 'j2', value: 7 }, 'corrections[1].judge'], // not assigned
      [{ criterion: 'form', judge: 'j3', value: 7 }, 'corrections[1].judge'], // own organisation
      [{ criterion: 'form', judge: 'trainee', value: 7 }, 'corrections[1].judge'], // shadow
      [{ criterion: 'nope', judge: 'j2', value: 7 }, 'corrections[1].criterion'],
      [{ criterion: 'form', judge: 'j2', value: '7' }, 'corrections[1].value'],
      [{ criterion: 'form', judge: 'j2', value: 7, extra: 1 }, 'corrections[1].extra'],
      [good, 'corrections[1]'], // the same judge and criterion twice
    ];
    for (const [bad, path] of cases) {
      const r = await c.decide(a.id, { decision: 'upheld', reason: '复核', corrections: [good, bad] });
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(
        issuesOf(r).map((i) => i.path),
        JSON.stringify(bad),
      ).toContain(path);
    }
    expect((await c.ev.admin.get<MarksResponse>(`/contests/${c.id}/marks`)).body.marks).toHaveLength(marksBefore);
    expect((await c.ev.admin.get<ContestAppeals>(`/contests/${c.id}/appeals`)).body.appeals[0]!.status).toBe('pending');
    expect((await c.audit()).some((e) => e.kind === 'appeal_decision')).toBe(false);
    const ok = await c.decide(a.id, { decision: 'upheld', reason: '复核', corrections: [good] });
    expect(ok.status).toBe(200);
    expect((await c.board()).find((row) => row.bib === 'W1')!.total).toBe(weldTotal(75, [7, 8]));
  });
  it('lets exactly one of two decisions made at once win, with one set of corrections', async () => {
    const c = await setup();
    await c.reach('review');
    const a = (await c.appeal()).body;
    const marksBefore = (await c.ev.admin.get<MarksResponse>(`/contests/${c.id}/marks`)).body.marks.length;
    const results = await Promise.all([
      c.decide(a.id, {
        decision: 'upheld',
        reason: '复核',
        corrections: [{ criterion: 'form', judge: 'j2', value: 9 }],
      }),
      c.decide(a.id, {
        decision: 'upheld',
        reason: '复核',
        corrections: [{ criterion: 'form', judge: 'j2', value: 10 }],
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body;
    const marks = (await c.ev.admin.get<MarksResponse>(`/contests/${c.id}/marks`)).body.marks;
    expect(marks).toHaveLength(marksBefore + 1);
    expect(marks.at(-1)!.id).toBe(winner.amendment!.marks[0]);
    expect((await c.audit()).filter((e) => e.kind === 'appeal_decision')).toHaveLength(1);
  });
});

describe('bad requests', () => {
  it('answers 400 (never 500) for bad bodies, 404 for unknown ids', async () => {
    const c = await setup();
    await c.reach('certified');
    const post = (path: string, body: unknown) => c.ev.admin.post(path, body);
    const appeals = `/contests/${c.id}/appeals`;
    const bodies: [unknown, string | null][] = [
      ['{not json', null],
      ['', null],
      [[], ''],
      [{ contestant: 'W1', text: '' }, 'text'],
      [{ contestant: 'W1', text: '   ' }, 'text'],
      [{ contestant: 'W1' }, 'text'],
      [{ contestant: 'W9', text: '异议' }, 'contestant'],
      [{ contestant: 'W1', criterion: 'nope', text: '异议' }, 'criterion'],
      [{ contestant: 'W1', criterion: 5, text: '异议' }, 'criterion'],
      [{ contestant: 'W1', text: '异议', status: 'upheld' }, 'status'],
      [{ contestant: 'W1', text: 'x'.repeat(2001) }, 'text'],
    ];
    for (const [body, path] of bodies) {
      const r =
        typeof body === 'string'
          ? await c.ev.admin.call('POST', appeals, body, { 'content-type': 'application/json' })
          : await post(appeals, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      if (path !== null)
        expect(
          issuesOf(r).map((i) => i.path),
          JSON.stringify(body),
        ).toContain(path);
    }
    const a = (await c.appeal()).body;
    const decisions: [unknown, string][] = [
      [{}, 'decision'],
      [{ decision: 'maybe', reason: 'x' }, 'decision'],
      [{ decision: 'upheld' }, 'reason'],
      [{ decision: 'upheld', reason: '  ' }, 'reason'],
      [{ decision: 'upheld', reason: 'x', corrections: 'all' }, 'corrections'],
      [{ decision: 'upheld', reason: 'x', corrections: [{ criterion: 'form', value: 7 }] }, 'corrections[0].judge'],
      [{ decision: 'upheld', reason: 'x', by: 'me' }, 'by'],
    ];
    for (const [body, path] of decisions) {
      const r = await c.decide(a.id, body as object);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(
        issuesOf(r).map((i) => i.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    for (const bad of [-1, 10_081, 1.5, '60', null]) {
      const r = await c.ev.admin.call('PUT', `/events/${c.ev.id}/settings`, { appealWindowMinutes: bad });
      expect(r.status, String(bad)).toBe(400);
      expect(issuesOf(r)[0]!.path).toBe('appealWindowMinutes');
    }
    expect(
      (await c.ev.admin.call('PUT', `/events/${c.ev.id}/settings`, { appealWindowMinutes: 10_080, more: 1 })).status,
    ).toBe(400);
    expect((await c.ev.admin.get<EventSettings>(`/events/${c.ev.id}/settings`)).body.appealWindowMinutes).toBe(60);
    expect((await c.ev.admin.get<ContestAppeals>(`/contests/${c.id}/appeals`)).body.appeals).toHaveLength(1);

    expect((await c.decide('ap-unknown', { decision: 'rejected', reason: 'x' })).status).toBe(404);
    expect((await post('/contests/c-unknown/appeals', { contestant: 'W1', text: '异议' })).status).toBe(404);
    expect((await c.ev.admin.get('/contests/c-unknown/appeals')).status).toBe(404);
    expect((await c.ev.admin.get('/events/e-unknown/appeals')).status).toBe(404);
    expect((await c.ev.admin.get('/events/e-unknown/settings')).status).toBe(404);
    expect((await c.ev.admin.call('PUT', '/events/e-unknown/settings', { appealWindowMinutes: 5 })).status).toBe(404);
  });
});
