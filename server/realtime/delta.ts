// What changed between the board a room last received and the current one.
import type { BoardRow } from '../../shared/scoring/types.ts';
import type { Leaderboard } from '../../shared/api.ts';
import type { BoardUpdate } from '../../shared/realtime.ts';

export interface SentBoard {
  seq: number;
  state: Leaderboard['state'];
  frozen: boolean;
  rows: Map<string, BoardRow>;
}

export function rememberBoard(lb: Leaderboard): SentBoard {
  return { seq: lb.seq, state: lb.state, frozen: lb.frozen ?? false, rows: new Map(lb.rows.map((r) => [r.bib, r])) };
}

/** The update that brings a holder of `prev` to `lb`; null when there is nothing new. */
export function updateFor(prev: SentBoard | null, lb: Leaderboard): BoardUpdate | null {
  const head = { contest: lb.contest, seq: lb.seq, state: lb.state, frozen: lb.frozen ?? false };
  if (!prev) return { ...head, full: true, rows: lb.rows };
  // Same seq but another state or freeze flag (a public board while frozen keeps its seq): resend it whole.
  if (lb.seq === prev.seq) return lb.state === prev.state && head.frozen === prev.frozen ? null : { ...head, full: true, rows: lb.rows };
  if (lb.seq < prev.seq) return { ...head, full: true, rows: lb.rows };
  const changed: BoardRow[] = [];
  for (const row of lb.rows) {
    const old = prev.rows.get(row.bib);
    if (!old || !sameRow(old, row)) changed.push(row);
  }
  // A mark that moves one contestant shifts the ranks of everyone it passes, so a delta often carries
  // many rows; it still beats the whole board (every viewer downloads it) unless every row changed.
  if (changed.length === lb.rows.length || lb.rows.length !== prev.rows.size) return { ...head, full: true, rows: lb.rows };
  return { ...head, full: false, prevSeq: prev.seq, changed, order: lb.rows.map((r) => r.bib) };
}

export function sameRow(a: BoardRow, b: BoardRow): boolean {
  if (a === b) return true;
  if (a.rank !== b.rank || a.total !== b.total || a.complete !== b.complete || a.flagged !== b.flagged) return false;
  if (a.award !== b.award || a.status !== b.status || a.name !== b.name || a.organisation !== b.organisation || a.station !== b.station) return false;
  const ka = Object.keys(a.sections);
  if (ka.length !== Object.keys(b.sections).length) return false;
  for (const k of ka) if (a.sections[k] !== b.sections[k]) return false;
  return true;
}
