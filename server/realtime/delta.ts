// What changed between the board a room last received and the current one.
import type { BoardRow } from '../../shared/scoring/types.ts';
import { timesOf, type Leaderboard } from '../../shared/api.ts';
import type { BoardUpdate, CompactBoardUpdate } from '../../shared/realtime.ts';
import { sameRow } from '../../shared/scoring/same-row.ts';

export interface SentBoard {
  seq: number;
  state: Leaderboard['state'];
  frozen: boolean;
  rows: Map<string, BoardRow>;
  /** The rows in board order, as sent. */
  list: BoardRow[];
}

export function rememberBoard(lb: Leaderboard): SentBoard {
  return {
    seq: lb.seq,
    state: lb.state,
    frozen: lb.frozen ?? false,
    rows: new Map(lb.rows.map((r) => [r.bib, r])),
    list: lb.rows,
  };
}

/** The update that brings a holder of `prev` to `lb`; null when there is nothing new. */
export function updateFor(prev: SentBoard | null, lb: Leaderboard): BoardUpdate | null {
  const head = { ...timesOf(lb), contest: lb.contest, seq: lb.seq, state: lb.state, frozen: lb.frozen ?? false };
  if (!prev) return { ...head, kind: 'full', full: true, rows: lb.rows };
  // Same seq but another state or freeze flag (a public board while frozen keeps its seq): resend it whole.
  if (lb.seq === prev.seq) {
    return lb.state === prev.state && head.frozen === prev.frozen
      ? null
      : { ...head, kind: 'full', full: true, rows: lb.rows };
  }
  if (lb.seq < prev.seq) return { ...head, kind: 'full', full: true, rows: lb.rows };
  const changed: BoardRow[] = [];
  for (const row of lb.rows) {
    const old = prev.rows.get(row.bib);
    if (!old || !sameRow(old, row)) changed.push(row);
  }
  // A mark that moves one contestant shifts the ranks of everyone it passes, so a delta often carries
  // many rows; it still beats the whole board (every viewer downloads it) unless every row changed.
  if (changed.length === lb.rows.length || lb.rows.length !== prev.rows.size) {
    return { ...head, kind: 'full', full: true, rows: lb.rows };
  }
  return { ...head, kind: 'delta', full: false, prevSeq: prev.seq, changed, order: lb.rows.map((r) => r.bib) };
}

/**
 * The compact update (shared/realtime.ts) that brings a holder of `prev` to `lb`, or the update of
 * updateFor when a compact one cannot say it (no board held, a new seq of the same board, rows
 * added or removed, or rows that kept their content but not their relative order).
 */
export function compactUpdateFor(prev: SentBoard | null, lb: Leaderboard): BoardUpdate | null {
  if (!prev || lb.seq <= prev.seq || lb.rows.length !== prev.rows.size) return updateFor(prev, lb);
  const at: number[] = [];
  const changed: BoardRow[] = [];
  for (let i = 0; i < lb.rows.length; i++) {
    const row = lb.rows[i]!;
    const old = prev.rows.get(row.bib);
    if (!old) return updateFor(prev, lb); // another contestant in place of one the room holds
    if (!sameRow(old, row, false)) {
      changed.push(row);
      at.push(i);
    }
  }
  if (changed.length === lb.rows.length) return updateFor(prev, lb);
  // The rows left out must keep their relative order, as the client will keep it.
  const moved = new Set(changed.map((r) => r.bib));
  const kept = prev.list.filter((r) => !moved.has(r.bib));
  let k = 0;
  for (const row of lb.rows) {
    if (moved.has(row.bib)) continue;
    if (kept[k++]!.bib !== row.bib) return updateFor(prev, lb);
  }
  let ranked = lb.rows.length;
  const ties: [number, number][] = [];
  for (let i = 0; i < lb.rows.length; i++) {
    const rank = lb.rows[i]!.rank;
    if (rank === null) {
      ranked = i;
      break;
    }
    if (rank !== i + 1) {
      const last = ties[ties.length - 1];
      if (last && last[0] + 1 === rank && last[0] + last[1] === i) last[1]++;
      else if (rank === i && lb.rows[i - 1]?.rank === i) ties.push([i - 1, 2]);
      else return updateFor(prev, lb); // not a rank this rule can give: say it the contract's way
    }
  }
  const update: CompactBoardUpdate = {
    ...timesOf(lb),
    kind: 'compact',
    contest: lb.contest,
    seq: lb.seq,
    full: false,
    compact: true,
    prevSeq: prev.seq,
    state: lb.state,
    frozen: lb.frozen ?? false,
    changed,
    at,
    ranked,
    ties,
  };
  return update;
}
