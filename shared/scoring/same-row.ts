// Whether two leaderboard rows say the same thing: what the server's deltas send as changed and what
// screens light up as changed are decided by this one comparison.
import type { BoardRow } from './types.ts';

/** Whether two rows say the same; `withRank` false ignores the rank (a compact update derives it). */
export function sameRow(a: BoardRow, b: BoardRow, withRank = true): boolean {
  if (a === b) return true;
  if ((withRank && a.rank !== b.rank) || a.total !== b.total || a.complete !== b.complete || a.flagged !== b.flagged)
    return false;
  if (
    a.award !== b.award ||
    a.status !== b.status ||
    a.name !== b.name ||
    a.organisation !== b.organisation ||
    a.station !== b.station
  )
    return false;
  if ((a.unmarked ?? []).join('\n') !== (b.unmarked ?? []).join('\n')) return false;
  const ka = Object.keys(a.sections);
  if (ka.length !== Object.keys(b.sections).length) return false;
  for (const k of ka) if (a.sections[k] !== b.sections[k]) return false;
  return true;
}
