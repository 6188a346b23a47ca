// A frozen board (CONTRACT §5) keeps its public `seq` at the freeze: a growing number would tell the
// hall that marks are arriving, and how many. On reveal it jumps to the live seq, and every watcher
// holding the frozen board gets the whole board or a delta from exactly that seq (CONTRACT §8).
import { describe, expect, it } from 'vitest';
import type { Leaderboard, ContestDetail } from '../../shared/api.ts';
import { api, type TestServer } from './harness.ts';
import { Watcher, expectExact, liveSuite, setup } from './live-kit.ts';

let s: TestServer;
liveSuite((server) => (s = server));

describe('the public seq of a frozen contest', () => {
  it('stays at the freeze while marks arrive (board, contest, sockets) and converges exactly on reveal', async () => {
    const { contestId: id, storm, ev } = await setup('new-economy-contest', 'courier', ['c-timer', 'c-j2', 'c-j3']);
    const watchers = [new Watcher(id), new Watcher(id, undefined, s, true)];
    await Promise.all(watchers.map((w) => w.watch()));
    await storm(20);
    expect((await ev.admin.post(`/contests/${id}/freeze`, { frozen: true })).status).toBe(200);
    await expectExact(watchers, id);
    const pub = api(s.url);
    const publicSeqs = async () => [
      (await pub.get<Leaderboard>(`/contests/${id}/leaderboard`)).body.seq,
      (await pub.get<ContestDetail>(`/contests/${id}`)).body.seq as number,
    ];
    const [frozenSeq] = await publicSeqs();
    expect(await publicSeqs()).toEqual([frozenSeq, frozenSeq]);
    const organiserSeq = async () => (await ev.admin.get<ContestDetail>(`/contests/${id}`)).body.seq as number;
    const before = await organiserSeq();

    await storm(30);
    expect(await organiserSeq()).toBeGreaterThanOrEqual(before + 30);
    expect(await publicSeqs()).toEqual([frozenSeq, frozenSeq]);
    await expectExact(watchers, id);
    for (const w of watchers) {
      expect(w.board!.seq).toBe(frozenSeq);
      expect(w.updates.every((u) => u.seq <= frozenSeq!)).toBe(true);
    }

    const seen = watchers.map((w) => w.updates.length);
    expect((await ev.admin.post(`/contests/${id}/freeze`, { frozen: false })).status).toBe(200);
    await expectExact(watchers, id);
    const revealed = (await pub.get<Leaderboard>(`/contests/${id}/leaderboard`)).body;
    expect(revealed.seq).toBe(await organiserSeq());
    expect(revealed.rows).toEqual((await ev.admin.get<Leaderboard>(`/contests/${id}/leaderboard`)).body.rows);
    watchers.forEach((w, i) => {
      const first = w.updates[seen[i]!]!;
      // Straight from the frozen board: a whole board, or a delta whose prevSeq is the frozen seq.
      expect(first.full || first.prevSeq === frozenSeq, JSON.stringify(first).slice(0, 200)).toBe(true);
      expect(w.resyncs).toBe(0);
    });
  }, 90_000);
});
