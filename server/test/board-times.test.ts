// What a phone or the big screen says beside a board (issue 14): when the board it sees last changed,
// since when a frozen board is frozen, and when the results were certified. Extra fields of the
// leaderboard (CONTRACT §7) and of every realtime update (§8); the watchers hold what GET answers.
import { describe, expect, it } from 'vitest';
import type { Leaderboard, MarksResponse } from '../../shared/api.ts';
import type { CertificationResponse } from '../../shared/certification-api.ts';
import type { AuditPage } from '../../shared/admin-api.ts';
import { api, uuid, type TestServer } from './harness.ts';
import { Watcher, expectExact, liveSuite, setup } from './live-kit.ts';
import { certifyContest, type ContestDay } from './backup-fixture.ts';
import { planFor, seededRng, simulated, valueFor } from '../demo/marks.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';

let s: TestServer;
liveSuite((server) => (s = server));

/** Every simulated judge marks all it may, so that the contest can be certified. */
async function markEverything(ev: ContestDay, contest: EventFile['contests'][number]) {
  const rng = seededRng(5);
  for (const judge of contest.judges.filter(simulated)) {
    const marks = planFor(contest, judge).map((task) => ({
      contestant: task.contestant,
      criterion: task.criterion.code,
      value: valueFor(task, { judge: judge.code, rng }),
      clientId: uuid(),
    }));
    const res = await api(s.url, await ev.judgeToken(judge.code)).post(
      `/contests/${ev.contestId(contest.code)}/marks/batch`,
      { marks },
    );
    expect(res.status).toBe(200);
  }
}

describe('the times of a board', () => {
  it('says when the board last changed, since when it is frozen, and when it was certified', async () => {
    const {
      contestId: id,
      storm,
      ev,
      file,
    } = await setup('new-economy-contest', 'courier', ['c-timer', 'c-j2', 'c-j3']);
    const watchers = [new Watcher(id), new Watcher(id, undefined, s, true)];
    await Promise.all(watchers.map((w) => w.watch()));
    const pub = api(s.url);
    const board = async (who = pub) => (await who.get<Leaderboard>(`/contests/${id}/leaderboard`)).body;
    const newestMark = async () => {
      const { marks } = (await ev.admin.get<MarksResponse>(`/contests/${id}/marks`)).body;
      return marks.reduce((a, b) => (b.seq > a.seq ? b : a)).receivedAt;
    };

    // Open, no mark yet: the last change is the opening.
    const opened = await board();
    expect(opened.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(opened.frozenAt).toBeUndefined();
    expect(opened.certifiedAt).toBeUndefined();

    await storm(10);
    const marked = await newestMark();
    expect((await board()).updatedAt).toBe(marked);
    await expectExact(watchers, id);
    expect(watchers.map((w) => w.board!.updatedAt)).toEqual([marked, marked]);

    expect((await ev.admin.post(`/contests/${id}/freeze`, { frozen: true })).status).toBe(200);
    const audit = (await ev.admin.get<AuditPage>(`/events/${ev.id}/audit?kind=freeze`)).body.entries;
    const freeze = audit.at(-1)!;
    await storm(10);
    const later = await newestMark();
    expect(later > marked).toBe(true);
    // The public board stays as it was at the freeze, and says so; organisers see the newest change.
    expect(await board()).toMatchObject({ frozen: true, updatedAt: marked, frozenAt: freeze.at });
    expect(await board(ev.admin)).toMatchObject({ frozen: true, updatedAt: later, frozenAt: freeze.at });
    await expectExact(watchers, id);
    expect(watchers.map((w) => [w.board!.updatedAt, w.board!.frozenAt])).toEqual([
      [marked, freeze.at],
      [marked, freeze.at],
    ]);

    expect((await ev.admin.post(`/contests/${id}/freeze`, { frozen: false })).status).toBe(200);
    const revealed = await board();
    expect(revealed.frozenAt).toBeUndefined();
    expect(revealed.updatedAt).toBe(later);

    await markEverything(
      ev,
      file.contests.find((c) => c.code === 'courier')!,
    );
    await certifyContest(ev, id);
    const cert = (await ev.admin.get<CertificationResponse>(`/contests/${id}/certification`)).body;
    const certified = await board();
    expect(certified).toMatchObject({ state: 'certified', certifiedAt: cert.certifiedAt });
    await expectExact(watchers, id);
    expect(watchers.map((w) => w.board!.certifiedAt)).toEqual([cert.certifiedAt, cert.certifiedAt]);

    // Reopened for an amendment: provisional again, no certification time.
    await ev.admin.post(`/contests/${id}/state`, { to: 'review', reason: '复核' });
    expect((await board()).certifiedAt).toBeUndefined();
    await expectExact(watchers, id);
    expect(watchers.map((w) => w.board!.certifiedAt)).toEqual([undefined, undefined]);
  }, 90_000);
});
