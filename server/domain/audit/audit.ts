// The event's audit log: append inside the caller's transaction, read, and verify the hash chain.
// hash(n) = sha256(hash(n-1) + ":" + n + ":" + payload), hash(0) = "", computed by chainHash alone:
// on append (under the event row's lock), by the mark writer for its batches, and on verify. Besides
// the chain, verify matches the rows with it: marks (audit-marks.ts) and every other fact (audit-facts.ts).
// Identity numbers are masked in every entry (CONTRACT v1.1 §4).
import { sql, eq, asc } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/create-db.ts';
import { auditLog, events } from '../../../db/schema/index.ts';
import { maskIdentityNumbersDeep } from '../../../shared/identity/identity-number.ts';
import { canonicalJson, sha256 } from '../ids.ts';
import { MarkAuditCheck } from './audit-marks.ts';
import { FactAuditCheck, factsOfChange, type FactDigests } from './audit-facts.ts';
import type { AuditVerification } from '../../../shared/admin-api.ts';

export interface AuditInput {
  eventId: string;
  kind: string;
  contestId?: string | null;
  actor: string;
  data: Record<string, unknown>;
  at?: Date;
}

/**
 * The text an entry's hash covers; its fields are checked against the row's columns on verify. The
 * data is stored with identity numbers masked; `facts` (not shown by the read API) are the digests
 * of the facts after the change.
 */
export function auditPayload(e: Omit<AuditInput, 'eventId'> & { at: Date; facts?: FactDigests }): string {
  return canonicalJson({
    kind: e.kind,
    contest: e.contestId ?? null,
    actor: e.actor,
    at: e.at.toISOString(),
    data: maskIdentityNumbersDeep(e.data),
    facts: e.facts,
  });
}

/** The one hash of the chain: every writer of the chain and its verification compute it here. */
export const chainHash = (prev: string, n: number, payload: string) => sha256(`${prev}:${n}:${payload}`);

/**
 * Appends one entry, with the digests of the facts of its scope: they are read under the chain's lock
 * (the event row, which every writer of the chain takes last), so the newest entry's digests are of
 * every change committed before it. The head is read with that lock and the new one written with the entry.
 */
export async function appendAudit(tx: Tx, e: AuditInput): Promise<void> {
  const at = e.at ?? new Date();
  const [head] = await tx
    .select({ seq: events.auditSeq, hash: events.auditHead })
    .from(events)
    .where(eq(events.id, e.eventId))
    .for('update');
  if (!head) return; // no such event, no chain: nothing to append to (as the statement before found no row)
  const payload = auditPayload({ ...e, at, facts: await factsOfChange(tx, e.eventId, e.contestId) });
  const n = head.seq + 1;
  const hash = chainHash(head.hash, n, payload);
  await tx.execute(sql`
    WITH head AS (UPDATE ${events} SET audit_seq = ${n}, audit_head = ${hash} WHERE id = ${e.eventId})
    INSERT INTO ${auditLog} (event_id, n, kind, contest_id, actor, at, payload, hash)
    VALUES (${e.eventId}, ${n}, ${e.kind}, ${e.contestId ?? null}, ${e.actor}, ${at.toISOString()}::timestamptz, ${payload}, ${hash})`);
}

/**
 * Walks the whole chain; any edited, removed or reordered entry breaks it. On the same walk every
 * mark row is matched with its entry, and every other fact with the digests the entries recorded, so
 * a row changed, added or deleted in the database is found too (a broken chain is reported first: it
 * is the graver problem).
 */
export async function verifyAudit(db: Db, eventId: string): Promise<AuditVerification> {
  const [ev] = await db
    .select({ seq: events.auditSeq, head: events.auditHead })
    .from(events)
    .where(eq(events.id, eventId));
  if (!ev) return { ok: false, entries: 0, head: '', problem: 'unknown event' };
  let prev = '';
  let count = 0;
  const pageSize = 5000;
  const marksCheck = new MarkAuditCheck(db, eventId);
  const factsCheck = new FactAuditCheck(db, eventId);
  await factsCheck.start();
  let rowProblem: string | null = null;
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
      if (r.kind === 'mark') rowProblem ??= await marksCheck.entry(r);
      else rowProblem ??= factsCheck.entry(r);
    }
    if (rows.length < pageSize) break;
  }
  if (count !== ev.seq || prev !== ev.head) {
    return {
      ok: false,
      entries: count,
      head: ev.head,
      problem: `the chain ends at entry ${count}, the event records ${ev.seq}`,
    };
  }
  rowProblem ??= await marksCheck.finish();
  rowProblem ??= await factsCheck.finish();
  if (rowProblem) return { ok: false, entries: count, head: ev.head, problem: rowProblem };
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
