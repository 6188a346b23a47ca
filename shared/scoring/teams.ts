// Team results (SCORING §7).
import { compareStrings } from './rank.ts';
import { round2 } from './round.ts';
import type { BoardRow, TeamRow, TeamTables } from './types.ts';

export interface TeamContestInput {
  code: string;
  teamSize?: number;
  rows: readonly BoardRow[];
}

export interface TeamTally {
  organisation: string;
  score: number;
  best: number;
}

/** Rank tallies by score, then best single total; still equal: shared rank, by organisation. */
function rankTallies(tallies: TeamTally[]): TeamRow[] {
  const cmp = (a: TeamTally, b: TeamTally) => b.score - a.score || b.best - a.best;
  tallies.sort((a, b) => cmp(a, b) || compareStrings(a.organisation, b.organisation));
  const out: TeamRow[] = [];
  tallies.forEach((t, i) => {
    const prev = tallies[i - 1];
    const rank = prev !== undefined && cmp(prev, t) === 0 ? out[i - 1]!.rank : i + 1;
    out.push({ organisation: t.organisation, rank, score: t.score });
  });
  return out;
}

/** Team score per organisation in one contest: best `teamSize` totals of ranked contestants. */
export function contestTeamTallies(rows: readonly BoardRow[], teamSize = 3): Map<string, TeamTally> {
  const totals = new Map<string, number[]>();
  for (const r of rows) {
    if (r.rank === null) continue;
    const list = totals.get(r.organisation);
    if (list === undefined) totals.set(r.organisation, [r.total]);
    else list.push(r.total);
  }
  const tallies = new Map<string, TeamTally>();
  for (const [organisation, list] of totals) {
    list.sort((a, b) => b - a);
    const score = round2(list.slice(0, teamSize).reduce((s, t) => s + t, 0));
    tallies.set(organisation, { organisation, score, best: list[0] ?? 0 });
  }
  return tallies;
}

/** Team tables per contest and for the whole event. */
export function teamTables(contests: readonly TeamContestInput[]): TeamTables {
  const result: TeamTables = { contests: {}, overall: [] };
  const overall = new Map<string, TeamTally>();
  for (const c of contests) {
    const tallies = contestTeamTallies(c.rows, c.teamSize ?? 3);
    result.contests[c.code] = rankTallies([...tallies.values()].map((t) => ({ ...t })));
    for (const t of tallies.values()) {
      const o = overall.get(t.organisation);
      if (o === undefined) overall.set(t.organisation, { ...t });
      else {
        o.score = round2(o.score + t.score);
        o.best = Math.max(o.best, t.best);
      }
    }
  }
  result.overall = rankTallies([...overall.values()]);
  return result;
}
