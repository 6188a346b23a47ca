// The event's audit log: append inside the caller's transaction, read, and verify the hash chain.
// hash(n) = sha256(hash(n-1) + ":" + n + ":" + payload), hash(0) = "". PostgreSQL computes it on
// append (one statement, under the event row's lock); verify recomputes it here.
import { sql, eq, asc } from 'drizzle-orm';
import type { Db, Tx } from '../../db/create-db.ts';
import { auditLog, events } from '../../db/schema/index.ts';
import { canonicalJson, sha256 } from './ids.ts';
import { MarkAuditCheck } from './audit-marks.ts';

export interface AuditInput {
  eventId: string;
  kind: string;
  contestId?: string | null;
  actor: string;
  data: Record<string, unknown>;
  at?: Date;
}

/** The text an entry's hash covers; its fields are checked against the row's columns on verify. */
export function auditPayload(e: Omit<AuditInput, 'eventId'> & { at: Date }): string {
  return canonicalJson({ kind: e.kind, contest: e.contestId ?? null, actor: e.actor, at: e.at.toISOString(), data: e.data });
}

export const chainHash = (prev: string, n: number, payload: string) => sha256(`${prev}:${n}:${payload}`);

/** Appends one entry; the hash is computed by PostgreSQL in the same statement that takes the chain's lock. */
export async function appendAudit(tx: Tx | Db, e: AuditInput): Promise<void> {
  const at = e.at ?? new Date();
  const payload = auditPayload({ ...e, at });
  await tx.execute(sql`
    WITH e AS (
      UPDATE ${events} SET
        audit_seq = audit_seq + 1,
        audit_head = encode(sha256(convert_to(audit_head || ':' || (audit_seq + 1)::text || ':' || ${payload}, 'UTF8')), 'hex')
      WHERE id = ${e.eventId}
      RETURNING audit_seq, audit_head)
    INSERT INTO ${auditLog} (event_id, n, kind, contest_id, actor, at, payload, hash)
    SELECT ${e.eventId}, e.audit_seq, ${e.kind}, ${e.contestId ?? null}, ${e.actor}, ${at.toISOString()}::timestamptz, ${payload}, e.audit_head FROM e`);
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  head: string;
  problem?: string;
}

/**
 * Walks the whole chain; any edited, removed or reordered entry breaks it. On the same walk every
 * mark row is matched with its entry, so a mark changed, added or deleted in the database is found too
 * (a broken chain is reported first: it is the graver problem).
 */
export async function verifyAudit(db: Db, eventId: string): Promise<AuditVerification> {
  const [ev] = await db.select({ seq: events.auditSeq, head: events.auditHead }).from(events).where(eq(events.id, eventId));
  if (!ev) return { ok: false, entries: 0, head: '', problem: 'unknown event' };
  let prev = '';
  let count = 0;
  const pageSize = 5000;
  const marksCheck = new MarkAuditCheck(db, eventId);
  let markProblem: string | null = null;
  for (let after = 0; ; after += pageSize) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.eventId} = ${eventId} AND ${auditLog.n} > ${after}`)
      .orderBy(asc(auditLog.n))
      .limit(pageSize);
    for (const r of rows) {
      count++;
      const problem = checkEntry(r, count, prev);
      if (problem) return { ok: false, entries: count, head: ev.head, problem };
      prev = r.hash;
      if (r.kind === 'mark' && !markProblem) markProblem = await marksCheck.entry(r);
    }
    if (rows.length < pageSize) break;
  }
  if (count !== ev.seq || prev !== ev.head) {
    return { ok: false, entries: count, head: ev.head, problem: `the chain ends at entry ${count}, the event records ${ev.seq}` };
  }
  markProblem ??= await marksCheck.finish();
  if (markProblem) return { ok: false, entries: count, head: ev.head, problem: markProblem };
  return { ok: true, entries: count, head: ev.head };
}

function checkEntry(r: typeof auditLog.$inferSelect, n: number, prev: string): string | null {
  if (r.n !== n) return `entry ${n} is missing`;
  if (chainHash(prev, n, r.payload) !== r.hash) return `entry ${n} does not match its hash`;
  let p: { kind?: unknown; contest?: unknown; actor?: unknown; at?: unknown };
  try {
    p = JSON.parse(r.payload);
  } catch {
    return `entry ${n} is not readable`;
  }
  if (p.kind !== r.kind || p.contest !== r.contestId || p.actor !== r.actor || p.at !== r.at.toISOString()) {
    return `entry ${n} was changed outside its payload`;
  }
  return null;
}
