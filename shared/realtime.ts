// Realtime protocol (CONTRACT §8): Socket.IO namespace /live, typed event maps and payload schemas.
import { timesOf, type Leaderboard, type ApiError, type BoardTimes } from './api.ts';
import type { BoardRow } from './scoring/types.ts';

/**
 * The version of this protocol a client speaks, sent in the handshake (`auth: {"protocol": n}`).
 * 2: updates carry `kind`. A client that names an older or unknown version is refused with
 * `bad_request:protocol_version` (it runs an old copy of the app: reload); one that names none
 * (a plain CONTRACT §8 client) is served as always.
 */
export const PROTOCOL_VERSION = 2;
export const LIVE_NAMESPACE = '/live';

/** What a client may put in the handshake's `auth`. */
export interface LiveHandshake {
  protocol?: number;
  /** An organiser's token: organisers also see boards hidden from the public. */
  token?: string;
  /** 'public': the public board even when the browser holds an organiser's cookie (big screen). */
  audience?: 'public';
}

/** Why a handshake naming `given` is refused, or null when it may connect (no version: as CONTRACT §8). */
export function protocolRefusal(given: unknown): { version: string; supported: number } | null {
  if (given === undefined) return null;
  return given === PROTOCOL_VERSION ? null : { version: String(given).slice(0, 20), supported: PROTOCOL_VERSION };
}

export interface WatchPayload {
  contest: string;
  /** Ask for compact deltas (CompactBoardUpdate) instead of CONTRACT §8's. */
  compact?: boolean;
}

/** Every update says what it is in `kind` (beside CONTRACT §8's `full` and v1.1's `compact`). */
export interface FullBoardUpdate extends BoardTimes {
  kind: 'full';
  contest: string;
  seq: number;
  full: true;
  state: Leaderboard['state'];
  frozen?: boolean;
  rows: BoardRow[];
}

export interface DeltaBoardUpdate extends BoardTimes {
  kind: 'delta';
  contest: string;
  seq: number;
  full: false;
  prevSeq: number;
  state: Leaderboard['state'];
  frozen?: boolean;
  changed: BoardRow[];
  order: string[]; // every bib, in board order
}

/**
 * Beyond the contract: the compact delta, for clients that watch with `compact: true` (the web app).
 * A mark that lifts one contestant past 300 others changes 300 ranks: CONTRACT §8's delta carries
 * those 300 rows and every bib in `order` (tens of KB for 1,000 contestants), this one carries the
 * rows whose content other than the rank changed (`changed`, each with its new index in `at`) and
 * the ranks as a rule: rank = index + 1, except in tie groups `[first index, length]` (all sharing
 * the first index's rank), and null from index `ranked` on (no counted mark yet, withdrawn,
 * disqualified). The other rows keep their relative order. Usually under 2 KB.
 */
export interface CompactBoardUpdate extends BoardTimes {
  kind: 'compact';
  contest: string;
  seq: number;
  full: false;
  compact: true;
  prevSeq: number;
  state: Leaderboard['state'];
  frozen?: boolean;
  changed: BoardRow[];
  at: number[];
  ranked: number;
  ties: [number, number][];
}

export type BoardUpdate = FullBoardUpdate | DeltaBoardUpdate | CompactBoardUpdate;

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
export function applyBoardUpdate(board: Leaderboard | null, update: BoardUpdate): Leaderboard | 'resync' {
  if (update.kind === 'full') {
    if (board && update.seq < board.seq) return board;
    return { ...headOf(update), rows: update.rows };
  }
  if (!board) return 'resync';
  if (update.seq <= board.seq) return board;
  if (update.prevSeq !== board.seq) return 'resync';
  return update.kind === 'compact' ? applyCompact(board, update) : applyDelta(board, update);
}

/** The board as a full update: how a watch reply is applied. */
export const fullUpdateOf = (board: Leaderboard): FullBoardUpdate => ({ ...board, kind: 'full', full: true });

function applyDelta(board: Leaderboard, update: DeltaBoardUpdate): Leaderboard | 'resync' {
  const byBib = new Map(board.rows.map((r) => [r.bib, r] as const));
  for (const row of update.changed) byBib.set(row.bib, row);
  const rows: BoardRow[] = [];
  for (const b of update.order) {
    const row = byBib.get(b);
    if (!row) return 'resync';
    rows.push(row);
  }
  return { ...headOf(update), rows };
}

/** The rank at each index of a board, from a compact update's rule. */
export function ranksOf(
  length: number,
  ranked: number,
  ties: readonly (readonly [number, number])[],
): (number | null)[] {
  const ranks: (number | null)[] = Array.from({ length }, (_, i) => (i < ranked ? i + 1 : null));
  for (const [first, n] of ties) for (let i = first; i < first + n && i < ranked; i++) ranks[i] = first + 1;
  return ranks;
}

function applyCompact(board: Leaderboard, update: CompactBoardUpdate): Leaderboard | 'resync' {
  if (update.at.length !== update.changed.length) return 'resync';
  const moved = new Set(update.changed.map((r) => r.bib));
  const rows: BoardRow[] = board.rows.filter((r) => !moved.has(r.bib));
  const placed = update.changed.map((row, k) => ({ row, at: update.at[k]! })).sort((a, b) => a.at - b.at);
  for (const { row, at } of placed) {
    if (at > rows.length) return 'resync';
    rows.splice(at, 0, row);
  }
  const ranks = ranksOf(rows.length, update.ranked, update.ties);
  const out = rows.map((r, i) => (r.rank === ranks[i] ? r : { ...r, rank: ranks[i]! }));
  return { ...headOf(update), rows: out };
}

/** A board's fields other than its rows, as an update carries them (its times only when it has them). */
function headOf(update: BoardUpdate): Omit<Leaderboard, 'rows'> {
  const { contest, seq, state, frozen } = update;
  return { contest, seq, state, frozen, ...timesOf(update) };
}
