// The organiser console's API: the live overview of an event's contests and the audit log's filters.
import { z } from 'zod';
import type { ContestState } from './api.ts';

/** A judge is shown online after a request within this long (tablets fetch their sheet every minute). */
export const ONLINE_WINDOW_MS = 2 * 60_000;

export interface OverviewJudge {
  code: string;
  name: string;
  chief: boolean;
  shadow: boolean;
  online: boolean;
  /** The judge's last request to this server or last stored mark; null when never seen. */
  lastSeen: string | null;
}

export interface ContestOverview {
  id: string;
  code: string;
  name: string;
  state: ContestState;
  frozen: boolean;
  seq: number;
  /** Active contestants (withdrawn and disqualified ones are not marked). */
  active: number;
  complete: number;
  /** Mark revisions stored, corrections included. */
  marks: number;
  /** Flagged criteria (judges too far apart) not yet resolved, over active contestants. */
  flags: number;
  /** Requests to mark again that no newer mark has answered. */
  remarks: number;
  judges: OverviewJudge[];
  /** Public watchers of this contest's board (big screens, phones) connected to this server. */
  screens: number;
}

/** GET /api/v1/events/:id/overview (organiser). */
export interface EventOverview {
  event: { id: string; name: string };
  at: string;
  contests: ContestOverview[];
}

const entryNumber = z.coerce.number().int().min(0).max(2_147_483_647);

/** GET /api/v1/events/:id/audit query: paging by `after` plus optional filters. */
export const auditQuery = z.object({
  after: entryNumber.optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  contest: z.string().min(1).max(64).optional(),
  // A judge code, or "@username" for an organiser's corrections.
  judge: z
    .string()
    .regex(/^@?[A-Za-z0-9_.-]{1,64}$/, 'a judge code')
    .optional(),
  contestant: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,16}$/, 'a bib')
    .optional(),
  // An entry kind ("mark", "state", "flag.resolved"…); "flag" also matches "flag.*".
  kind: z
    .string()
    .regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, 'an entry kind')
    .max(64)
    .optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export interface AuditEntryView {
  n: number;
  kind: string;
  contest: string | null;
  actor: string;
  at: string;
  data: Record<string, unknown>;
  hash: string;
}

/** GET /api/v1/events/:id/audit. The next page: `after` = the last entry's `n`. */
export interface AuditPage {
  event: string;
  entries: AuditEntryView[];
}

/** GET /api/v1/events/:id/audit/verify: the chain walked to its head, or the first problem found on the way. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  head: string;
  problem?: string;
}
