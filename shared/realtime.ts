// Realtime protocol (CONTRACT §8): Socket.IO namespace /live, typed event maps and payload schemas.
import type { Leaderboard, ApiError } from './api.ts';
import type { BoardRow } from './scoring/types.ts';

export const PROTOCOL_VERSION = 1;
export const LIVE_NAMESPACE = '/live';

export interface WatchPayload {
  contest: string;
}

export interface FullBoardUpdate {
  contest: string;
  seq: number;
  full: true;
  state: Leaderboard['state'];
  frozen?: boolean;
  rows: BoardRow[];
}

export interface DeltaBoardUpdate {
  contest: string;
  seq: number;
  full: false;
  prevSeq: number;
  state: Leaderboard['state'];
  frozen?: boolean;
  changed: BoardRow[];
  order: string[]; // every bib, in board order
}

export type BoardUpdate = FullBoardUpdate | DeltaBoardUpdate;

export type WatchAck = Leaderboard | ApiError;

export interface LiveServerToClient {
  leaderboard: (update: BoardUpdate) => void;
}

export interface LiveClientToServer {
  watch: (payload: WatchPayload, ack: (res: WatchAck) => void) => void;
  unwatch: (payload: WatchPayload, ack?: (res: { ok: true } | ApiError) => void) => void;
}

/**
 * Applies an update to a board a client holds, following CONTRACT §8.
 * Returns the new board, the same board when the update is stale, or 'resync' on a gap.
 */
export function applyBoardUpdate(
  board: Leaderboard | null,
  update: BoardUpdate,
): Leaderboard | 'resync' {
  if (update.full) {
    if (board && update.seq < board.seq) return board;
    return { contest: update.contest, seq: update.seq, state: update.state, frozen: update.frozen, rows: update.rows };
  }
  if (!board) return 'resync';
  if (update.seq <= board.seq) return board;
  if (update.prevSeq !== board.seq) return 'resync';
  const byBib = new Map(board.rows.map((r) => [r.bib, r] as const));
  for (const row of update.changed) byBib.set(row.bib, row);
  const rows: BoardRow[] = [];
  for (const b of update.order) {
    const row = byBib.get(b);
    if (!row) return 'resync';
    rows.push(row);
  }
  return { contest: update.contest, seq: update.seq, state: update.state, frozen: update.frozen, rows };
}
