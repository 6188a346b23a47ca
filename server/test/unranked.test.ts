// SCORING §5.4 (rules 1.1) over HTTP on a real database: a contestant is ranked from its first
// counted mark — a deduction counts, a shadow (trainee) judge's mark never does — and the
// withdrawn come after those not ranked yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Leaderboard, TeamsResponse } from '../../shared/api.ts';
import { api, exampleEvent, importAndOpen, startTestServer, uuid, type TestServer } from './harness.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

describe('contestants without a counted mark', () => {
  it('are not ranked until their first counted mark; shadow marks do not count, deductions do', async () => {
    const file = exampleEvent('new-economy-contest');
    const courier = file.contests.find((c) => c.code === 'courier')!;
    courier.contestants.find((c) => c.bib === 'C002')!.status = 'withdrawn';
    expect(courier.judges.find((j) => j.code === 'c-trainee')?.shadow).toBe(true);
    const ev = await importAndOpen(s, file);
    const id = ev.contestId('courier');
    const board = async () => (await api(s.url).get<Leaderboard>(`/contests/${id}/leaderboard`)).body.rows;
    const markAs = async (judge: string, contestant: string, criterion: string, value: number) => {
      const r = await api(s.url, await ev.judgeToken(judge)).post(`/contests/${id}/marks`, {
        contestant,
        criterion,
        value,
        clientId: uuid(),
      });
      expect(r.status).toBe(201);
    };
    const bibs = courier.contestants.map((c) => c.bib).filter((b) => b !== 'C002');

    // No mark: nobody ranked, bib order, the withdrawn C002 last.
    let rows = await board();
    expect(rows.map((r) => r.bib)).toEqual([...bibs, 'C002']);
    expect(rows.every((r) => r.rank === null && r.award === null)).toBe(true);

    // Only the trainee (shadow) marks C004: still nobody ranked.
    await markAs('c-trainee', 'C004', 'packing', 12);
    rows = await board();
    expect(rows.find((r) => r.bib === 'C004')).toMatchObject({ rank: null, total: 0 });
    expect(rows.every((r) => r.rank === null)).toBe(true);

    // A deduction alone ranks C005 (total 0), before everyone still unmarked.
    await markAs('c-timer', 'C005', 'safety', 1);
    rows = await board();
    expect(rows.slice(0, 2).map((r) => [r.bib, r.rank, r.total])).toEqual([
      ['C005', 1, 0],
      ['C001', null, 0],
    ]);
    expect(rows.filter((r) => r.rank !== null).map((r) => r.bib)).toEqual(['C005']);
    expect(rows.at(-1)).toMatchObject({ bib: 'C002', status: 'withdrawn', rank: null });

    // Teams count ranked contestants only: C005's organisation alone, with 0.
    const teams = (await api(s.url).get<TeamsResponse>(`/events/${ev.id}/teams`)).body;
    const org = courier.contestants.find((c) => c.bib === 'C005')!.organisation;
    expect(teams.contests.courier).toEqual([{ organisation: org, rank: 1, score: 0 }]);
  });
});
