// Reading an event's audit log with the console's filters (contest, judge, contestant, kind), in
// entry order and paged by `after`. The filters run in SQL: on the row's columns, and on the
// payload text, which is canonical JSON (sorted keys, no spaces), so `"contestant":"C001"` is an
// exact match and a tampered, unreadable payload cannot make the query fail.
import { and, asc, eq, gt, like, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { auditLog } from '../../../db/schema/index.ts';
import type { AuditEntryView, AuditQuery } from '../../../shared/admin-api.ts';

/** `text` as a LIKE pattern matching itself only. */
const literal = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
/** Matches a `"key":"value"` pair anywhere in the payload (values here are codes: no JSON escapes). */
const pair = (key: string, value: string) =>
  like(auditLog.payload, `%${literal(JSON.stringify(key) + ':' + JSON.stringify(value))}%`);

export async function readAuditFiltered(db: Db, eventId: string, q: AuditQuery): Promise<AuditEntryView[]> {
  const where: (SQL | undefined)[] = [eq(auditLog.eventId, eventId), gt(auditLog.n, q.after ?? 0)];
  if (q.contest) where.push(eq(auditLog.contestId, q.contest));
  if (q.kind) where.push(or(eq(auditLog.kind, q.kind), like(auditLog.kind, `${literal(q.kind)}.%`)));
  if (q.contestant) where.push(pair('contestant', q.contestant));
  if (q.judge) {
    // What the judge did (actor), and what was done about the judge's marks (a request to mark again).
    const actor = q.judge.startsWith('@') ? `organiser:${q.judge.slice(1)}` : `judge:${q.judge}`;
    where.push(or(eq(auditLog.actor, actor), pair('judge', q.judge)));
  }
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(asc(auditLog.n))
    .limit(q.limit ?? 1000);
  return rows.map((r) => ({
    n: r.n,
    kind: r.kind,
    contest: r.contestId,
    actor: r.actor,
    at: r.at.toISOString(),
    data: dataOf(r.payload),
    hash: r.hash,
  }));
}

/** The entry's data; an unreadable payload (only possible if tampered with) is shown as such, verify names it. */
function dataOf(payload: string): Record<string, unknown> {
  try {
    const p = JSON.parse(payload) as { data?: unknown };
    return p.data && typeof p.data === 'object' ? (p.data as Record<string, unknown>) : {};
  } catch {
    return { unreadable: payload.slice(0, 200) };
  }
}
