// Team results over HTTP (CONTRACT §7, SCORING §7), checked against numbers worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFile } from '../../shared/event-file/schema.ts';
import { api, importAndOpen, startTestServer, uuid, type TestServer, refusalOf } from './harness.ts';
import type { Leaderboard, TeamsResponse } from '../../shared/api.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

// Each contest has one section (weight 1) with one direct measurement, max 100, so a
// contestant's total is exactly the value marked: total = 1 × 100 × v / 100 = v.
const section = [
  {
    code: 'main',
    name: '实操',
    weight: 1,
    criteria: [{ code: 'score', name: '成绩', kind: 'measurement' as const, max: 100 }],
  },
];

function teamEvent(): EventFile {
  return {
    format: 'jiangxin/event@1',
    name: '团体赛测试',
    organisations: ['a', 'b', 'c', 'd'].map((code) => ({ code, name: `${code.toUpperCase()} 公司` })),
    contests: [
      {
        code: 'alpha',
        name: '甲项',
        teamSize: 2,
        sections: section,
        contestants: [
          { bib: 'A1', name: 'a1', organisation: 'a' },
          { bib: 'A2', name: 'a2', organisation: 'a' },
          { bib: 'A3', name: 'a3', organisation: 'a' },
          { bib: 'B1', name: 'b1', organisation: 'b' },
          { bib: 'B2', name: 'b2', organisation: 'b' },
          { bib: 'C1', name: 'c1', organisation: 'c' },
          { bib: 'C2', name: 'c2', organisation: 'c', status: 'withdrawn' },
          { bib: 'D1', name: 'd1', organisation: 'd' },
        ],
        judges: [{ code: 'ja', name: '甲', pin: '1234', criteria: '*' }],
      },
      {
        code: 'beta',
        name: '乙项',
        sections: section, // teamSize defaults to 3
        contestants: [
          { bib: 'E1', name: 'e1', organisation: 'a' },
          { bib: 'E2', name: 'e2', organisation: 'a' },
          { bib: 'H1', name: 'h1', organisation: 'a', status: 'disqualified' },
          { bib: 'F1', name: 'f1', organisation: 'd' },
          { bib: 'F2', name: 'f2', organisation: 'd' },
          { bib: 'G1', name: 'g1', organisation: 'c' },
          { bib: 'G2', name: 'g2', organisation: 'c' },
          { bib: 'G3', name: 'g3', organisation: 'c' },
          { bib: 'G4', name: 'g4', organisation: 'c' },
        ],
        judges: [{ code: 'jb', name: '乙', pin: '1234', criteria: '*' }],
      },
    ],
  };
}

const VALUES: Record<string, Record<string, number>> = {
  alpha: { A1: 90.25, A2: 79.75, A3: 70, B1: 95, B2: 75, C1: 60, C2: 100 }, // D1 gets no mark
  beta: { E1: 50, E2: 40, H1: 99, F1: 50, F2: 40, G1: 40, G2: 40, G3: 30, G4: 5 },
};

async function scored() {
  const ev = await importAndOpen(s, teamEvent());
  for (const [code, values] of Object.entries(VALUES)) {
    for (const [contestant, value] of Object.entries(values)) {
      const r = await ev.admin.post(`/contests/${ev.contestId(code)}/marks`, {
        contestant,
        criterion: 'score',
        value,
        clientId: uuid(),
      });
      expect(r.status).toBe(201);
    }
  }
  return ev;
}

describe('GET /events/:id/teams', () => {
  it('matches SCORING §7 worked by hand', async () => {
    const ev = await scored();
    const res = await api(s.url).get<TeamsResponse>(`/events/${ev.id}/teams`);
    expect(res.status).toBe(200);
    expect(res.body.event).toBe(ev.id);
    // alpha, teamSize 2 (best two ranked totals):
    //   a: 90.25 + 79.75 = 170 (best 90.25; A3's 70 is the third, not counted)
    //   b: 95 + 75 = 170 (best 95) → ties a on score, wins on best single total
    //   c: 60 (C2 is withdrawn: no rank, so its 100 does not count; fewer members, fewer terms)
    //   d: no row (D1 has no mark yet: not ranked, SCORING §5.4, so it has no term)
    expect(res.body.contests.alpha).toEqual([
      { organisation: 'b', rank: 1, score: 170 },
      { organisation: 'a', rank: 2, score: 170 },
      { organisation: 'c', rank: 3, score: 60 },
    ]);
    // beta, teamSize 3:
    //   c: best three of 40, 40, 30, 5 = 110
    //   a: 50 + 40 = 90 (H1 is disqualified: its 99 does not count), best 50
    //   d: 50 + 40 = 90, best 50 → equal to a on score and best: shared rank 2, listed by code
    //   b has no contestant in beta and no row there.
    expect(res.body.contests.beta).toEqual([
      { organisation: 'c', rank: 1, score: 110 },
      { organisation: 'a', rank: 2, score: 90 },
      { organisation: 'd', rank: 2, score: 90 },
    ]);
    // Event: a 170 + 90 = 260; b 170 (best single total in the event 95); c 60 + 110 = 170
    // (best 60) → b before c; d 90 (beta only).
    expect(res.body.overall).toEqual([
      { organisation: 'a', rank: 1, score: 260 },
      { organisation: 'b', rank: 2, score: 170 },
      { organisation: 'c', rank: 3, score: 170 },
      { organisation: 'd', rank: 4, score: 90 },
    ]);
  });

  it('follows corrections and agrees with the leaderboards', async () => {
    const ev = await scored();
    const alpha = ev.contestId('alpha');
    // D1 marked 99.99 → d in alpha: 99.99; overall 99.99 + 90 = 189.99 (best 99.99) → above b and c.
    await ev.admin.post(`/contests/${alpha}/marks`, {
      contestant: 'D1',
      criterion: 'score',
      value: 99.99,
      clientId: uuid(),
    });
    // A correction of A3 to 85 (a new revision): a's best two are now 90.25 + 85 = 175.25.
    await ev.admin.post(`/contests/${alpha}/marks`, {
      contestant: 'A3',
      criterion: 'score',
      value: 85,
      clientId: uuid(),
    });
    const teams = (await api(s.url).get<TeamsResponse>(`/events/${ev.id}/teams`)).body;
    expect(teams.contests.alpha).toEqual([
      { organisation: 'a', rank: 1, score: 175.25 },
      { organisation: 'b', rank: 2, score: 170 },
      { organisation: 'd', rank: 3, score: 99.99 },
      { organisation: 'c', rank: 4, score: 60 },
    ]);
    expect(teams.overall).toEqual([
      { organisation: 'a', rank: 1, score: 265.25 },
      { organisation: 'd', rank: 2, score: 189.99 },
      { organisation: 'b', rank: 3, score: 170 },
      { organisation: 'c', rank: 4, score: 170 },
    ]);
    // The same numbers from the public board: each organisation's best two ranked totals.
    const rows = (await api(s.url).get<Leaderboard>(`/contests/${alpha}/leaderboard`)).body.rows;
    for (const t of teams.contests.alpha!) {
      const best = rows
        .filter((r) => r.organisation === t.organisation && r.rank !== null)
        .map((r) => r.total)
        .sort((x, y) => y - x);
      expect(Math.round(best.slice(0, 2).reduce((x, y) => x + y, 0) * 100) / 100).toBe(t.score);
    }
  });

  it('keeps the public team table at the freeze, like the public boards', async () => {
    const ev = await scored();
    const alpha = ev.contestId('alpha');
    const before = (await api(s.url).get<TeamsResponse>(`/events/${ev.id}/teams`)).body;
    await ev.admin.post(`/contests/${alpha}/freeze`, { frozen: true });
    await ev.admin.post(`/contests/${alpha}/marks`, {
      contestant: 'D1',
      criterion: 'score',
      value: 99.99,
      clientId: uuid(),
    });
    expect((await api(s.url).get<TeamsResponse>(`/events/${ev.id}/teams`)).body).toEqual(before);
    // Organisers see d's 99.99 at once: alpha d 99.99 (3rd), overall d 189.99 (2nd).
    const live = (await ev.admin.get<TeamsResponse>(`/events/${ev.id}/teams`)).body;
    expect(live.contests.alpha![2]).toEqual({ organisation: 'd', rank: 3, score: 99.99 });
    expect(live.overall[1]).toEqual({ organisation: 'd', rank: 2, score: 189.99 });
    await ev.admin.post(`/contests/${alpha}/freeze`, { frozen: false });
    expect((await api(s.url).get<TeamsResponse>(`/events/${ev.id}/teams`)).body).toEqual(live);
  });

  it('is 404 for an unknown event', async () => {
    const r = await api(s.url).get('/events/nope/teams');
    expect(r.status).toBe(404);
    expect(refusalOf(r).code).toBe('not_found');
  });
});
