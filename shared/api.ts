// HTTP API bodies (CONTRACT §3–§7) as zod schemas, shared by the server (validation) and web (types).
import { z } from 'zod';
import type { BoardRow, TeamRow } from './scoring/types.ts';
import { bib, code, type AwardTier, type Organisation, type Section } from './event-file/schema.ts';
import type { WireIssue } from './errors/issues.ts';

export const loginBody = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const judgeLoginBody = z.strictObject({
  event: z.string().min(1).max(64),
  judge: z.string().min(1).max(64),
  pin: z.string().min(1).max(16),
});

export const CONTEST_STATES = ['setup', 'scoring', 'review', 'certified', 'published'] as const;
export const contestState = z.enum(CONTEST_STATES);
export type ContestState = z.infer<typeof contestState>;

export const stateBody = z.strictObject({
  to: contestState,
  reason: z.string().trim().min(1).max(1000).optional(),
});

export const flagBody = z.strictObject({
  contestant: bib,
  criterion: code,
  reason: z.string().trim().min(1, 'a reason is required').max(1000),
});

export const freezeBody = z.strictObject({ frozen: z.boolean() });

export const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const markBody = z.strictObject({
  contestant: bib,
  criterion: code,
  value: z.union([z.number().finite(), z.boolean()]),
  clientId: z.string().regex(UUID_RE, 'must be a UUID'),
  note: z.string().max(500, 'at most 500 characters').optional(),
  reason: z.string().trim().min(1).max(1000).optional(),
});
export type MarkBody = z.infer<typeof markBody>;

export const MAX_BATCH = 500;
// Each entry is judged alone, so the batch only checks that it is a list of objects.
export const batchBody = z.strictObject({
  marks: z.array(z.unknown()).min(1).max(MAX_BATCH, `at most ${MAX_BATCH} marks per batch`),
});

export interface Mark {
  id: string;
  contestant: string;
  criterion: string;
  judge: string;
  value: number | boolean;
  revision: number;
  clientId: string;
  receivedAt: string;
  note?: string;
  reason?: string;
}

export interface MarkResponse {
  mark: Mark;
  seq: number;
}

/** GET /contests/:id/marks (chief judge or organiser): every mark with its place in the stream. */
export interface MarksResponse {
  marks: (Mark & { seq: number; shadow: boolean })[];
}

/** POST /contests/:id/marks/batch: one result per entry, in order. */
export interface BatchResponse {
  results: BatchResult[];
}

export interface BatchResult {
  clientId: string | null;
  status: number;
  mark?: Mark;
  seq?: number;
  error?: ApiError['error'];
}

export interface Leaderboard extends BoardTimes {
  contest: string;
  seq: number;
  state: ContestState;
  frozen?: boolean;
  rows: BoardRow[];
}

/**
 * Beyond CONTRACT §7 (extra fields of boards and their realtime updates): when the board as its
 * audience sees it last changed (a frozen public board: the last change before the freeze), since
 * when it is frozen, and when its results were certified (while certified or published).
 */
export interface BoardTimes {
  updatedAt?: string;
  frozenAt?: string;
  certifiedAt?: string;
}

/** The times `from` has (no keys for those it lacks, so boards compare equal however they arrived). */
export function timesOf(from: BoardTimes): BoardTimes {
  const times: BoardTimes = {};
  if (from.updatedAt !== undefined) times.updatedAt = from.updatedAt;
  if (from.frozenAt !== undefined) times.frozenAt = from.frozenAt;
  if (from.certifiedAt !== undefined) times.certifiedAt = from.certifiedAt;
  return times;
}

export interface TeamsResponse {
  event: string;
  contests: Record<string, TeamRow[]>;
  overall: TeamRow[];
}

export interface ContestSummary {
  id: string;
  code: string;
  name: string;
  state: ContestState;
}

export interface EventSummary {
  id: string;
  name: string;
  contests: ContestSummary[];
}

/** GET /events/:id. `organisations` may be absent (older servers); pages then show codes. */
export interface EventDetail extends EventSummary {
  organisations?: Organisation[];
}

/** GET /contests/:id: public fields only (pins and judges are never sent to the public). */
export interface ContestDetail extends ContestSummary {
  eventId: string;
  seq: number;
  frozen: boolean;
  blind: boolean;
  teamSize: number;
  tieBreak: string[];
  awards: AwardTier[];
  sections: Section[];
}

/** POST /events (201): the new event's ids and the PINs the server made for judges without one. */
export interface ImportResult {
  id: string;
  contests: { id: string; code: string }[];
  judges: { code: string; pin: string }[];
}

/** POST /auth/login and /auth/judge (the judge's with who signed in). */
export interface SessionResponse {
  token: string;
  role: 'organiser' | 'judge';
  expiresAt: string;
  judge?: { code: string; name: string; chief: boolean; contest: string };
}

/** GET /auth/me: who the session belongs to. */
export type MeResponse =
  | { role: 'organiser'; username: string }
  | {
      role: 'judge';
      judge: {
        code: string;
        name: string;
        chief: boolean;
        shadow: boolean;
        event: string;
        contest: string;
        criteria: '*' | string[];
        organisation: string | null;
      };
    };

/** POST /contests/:id/state, /flags, /freeze. */
export interface StateResponse {
  state: ContestState;
}
export interface FlagResponse {
  contestant: string;
  criterion: string;
  resolved: boolean;
  seq: number;
}
export interface FreezeResponse {
  frozen: boolean;
  seq: number;
}

/** CONTRACT §2 (v1.1): `code` and `params` say what happened (see shared/errors); `message` is English, for logs. */
export interface ApiError {
  error: {
    code: string;
    message: string;
    params?: Record<string, unknown>;
    issues?: WireIssue[];
    reasons?: string[];
    /** With transition_blocked: the same reasons, structured (one per entry of `reasons`). */
    blockers?: CertifyBlocker[];
  };
}

/** Why a contest cannot be certified yet: a contestant's missing marks, or a flag not resolved. */
export type CertifyBlocker =
  | { kind: 'incomplete'; bib: string; missing: { criterion: string; have?: number; need?: number }[] }
  | { kind: 'flagged'; bib: string; criterion: string };
