// Recomputes a contest's leaderboard from scratch, from the revisions GET /contests/:id/marks lists,
// with the shared scoring engine's whole-history functions (scoreContestant + rankBoard), not the
// incremental board the server keeps: what the server shows must be exactly what its stored marks say.
import { expect } from 'vitest';
import { rankBoard, scoreContestant } from '../../shared/scoring/index.ts';
import type { BoardRow, ScoringMark } from '../../shared/scoring/types.ts';
import type { Contest } from '../../shared/event-file/schema.ts';
import type { Leaderboard } from '../../shared/api.ts';
import { api } from './harness.ts';

export interface ListedMark {
  id: string;
  contestant: string;
  criterion: string;
  judge: string;
  value: number | boolean;
  revision: number;
  clientId: string;
  receivedAt: string;
  seq: number;
  shadow: boolean;
  reason?: string;
}

/** The board rows the marks up to `upToSeq` (all when absent) give, for a contest without flag resolutions. */
export function recompute(contest: Contest, marks: readonly ListedMark[], upToSeq = Infinity): BoardRow[] {
  const counted: ScoringMark[] = marks
    .filter((m) => !m.shadow && m.seq <= upToSeq)
    .map((m) => ({
      contestant: m.contestant,
      criterion: m.criterion,
      judge: m.judge,
      value: m.value,
      revision: m.revision,
      order: m.seq,
    }));
  const entries = contest.contestants.map((p) => ({
    info: {
      bib: p.bib,
      name: p.name,
      organisation: p.organisation,
      status: p.status ?? 'active',
      ...(p.station ? { station: p.station } : {}),
    },
    score: scoreContestant(contest, p.bib, counted),
  }));
  return rankBoard(contest, entries);
}

export async function listMarks(base: string, adminToken: string, contestId: string): Promise<ListedMark[]> {
  const res = await api(base, adminToken).get<{ marks: ListedMark[] }>(`/contests/${contestId}/marks`);
  expect(res.status).toBe(200);
  return res.body.marks;
}

/**
 * Asserts that both audiences' GET boards equal a recomputation from the stored marks: organisers
 * the live board, the public the board at the freeze while frozen. Returns what it read.
 */
export async function expectBoardsMatchMarks(base: string, adminToken: string, contestId: string, contest: Contest) {
  expect(contest.blind ?? false).toBe(false); // blind public rows are renamed; these checks compare names too
  const marks = await listMarks(base, adminToken, contestId);
  const organiser = (await api(base, adminToken).get<Leaderboard>(`/contests/${contestId}/leaderboard`)).body;
  const pub = (await api(base).get<Leaderboard>(`/contests/${contestId}/leaderboard`)).body;
  // Nothing may change between the reads, or the comparison would mean nothing.
  expect((await api(base, adminToken).get<Leaderboard>(`/contests/${contestId}/leaderboard`)).body.seq).toBe(
    organiser.seq,
  );
  expect(organiser.rows).toEqual(recompute(contest, marks));
  expect(Math.max(0, ...marks.map((m) => m.seq))).toBeLessThanOrEqual(organiser.seq);
  if (organiser.frozen) {
    expect(pub.frozen).toBe(true);
    expect(pub.rows).toEqual(recompute(contest, marks, pub.seq));
  } else {
    expect(pub.seq).toBe(organiser.seq);
    expect(pub.rows).toEqual(organiser.rows);
  }
  return { marks, organiser, pub };
}
