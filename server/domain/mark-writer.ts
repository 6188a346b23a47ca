// Stores marks with group commit: the marks waiting for one contest are written together in one
// transaction under the contest row's lock (which orders them and numbers their seq), each as the
// next revision of its judge's mark, each with its own audit entry. One mark alone costs the same
// statements as a hundred, so throughput grows with load instead of queueing behind the lock.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../../db/create-db.ts';
import { isDatabaseDown, isUniqueViolation } from '../../db/errors.ts';
import { auditLog, contests, events, marks } from '../../db/schema/index.ts';
import type { MarkBody } from '../../shared/api.ts';
import { DomainError, conflict, invalid } from '../errors.ts';
import { auditPayload, chainHash } from './audit.ts';

export type MarkRow = typeof marks.$inferSelect;

export interface PendingMark {
  contestId: string;
  eventId: string;
  body: MarkBody;
  judge: string; // judge code, or "@username" for an organiser
  actor: string; // audit actor
  mayCorrect: boolean; // organiser or chief judge: may mark in review (with a reason)
  shadow: boolean;
  fingerprint: string;
}

export type WriteResult = { status: 201 | 200; row: MarkRow } | { error: DomainError };

interface Waiting {
  mark: PendingMark;
  resolve: (r: WriteResult) => void;
  reject: (err: unknown) => void;
}

const MAX_BATCH = 200;

export class MarkWriter {
  private readonly queues = new Map<string, Waiting[]>();
  private readonly draining = new Set<string>();
  /** Called after each committed batch that stored at least one mark. */
  onCommitted?: (contestId: string, stored: number) => void;

  constructor(private readonly db: Db) {}

  submit(mark: PendingMark): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      const q = this.queues.get(mark.contestId) ?? [];
      q.push({ mark, resolve, reject });
      this.queues.set(mark.contestId, q);
      if (!this.draining.has(mark.contestId)) void this.drain(mark.contestId);
    });
  }

  private async drain(contestId: string): Promise<void> {
    this.draining.add(contestId);
    try {
      for (;;) {
        const q = this.queues.get(contestId);
        if (!q || q.length === 0) break;
        const batch = q.splice(0, MAX_BATCH);
        await this.writeSafely(contestId, batch);
      }
    } finally {
      this.draining.delete(contestId);
      this.queues.delete(contestId);
    }
  }

  private async writeSafely(contestId: string, batch: Waiting[], retried = false): Promise<void> {
    try {
      const results = await this.db.transaction((tx) => writeBatch(tx, batch.map((w) => w.mark)));
      batch.forEach((w, i) => w.resolve(results[i]!));
      const stored = results.filter((r) => 'status' in r && r.status === 201).length;
      if (stored > 0) this.onCommitted?.(contestId, stored);
    } catch (err) {
      // A batch fails whole (database away, or a race on a clientId used in another contest):
      // alone, each mark gets its own answer.
      if (batch.length > 1 && !isDatabaseDown(err)) {
        for (const w of batch) await this.writeSafely(contestId, [w]);
        return;
      }
      // Another process stored this clientId (for another contest) after our look-up: once more, the
      // look-up finds it and answers as a replay (200 or 409) instead of an internal error.
      if (!retried && isUniqueViolation(err)) return this.writeSafely(contestId, batch, true);
      for (const w of batch) w.reject(err);
      // The connection may have dropped after the COMMIT reached the database: the marks may be stored
      // though no one was told, and their retries replay (200) without announcing anything. Announce
      // a possible change; the boards catch up from the database by seq once it answers again.
      if (isDatabaseDown(err)) this.onCommitted?.(contestId, 0);
    }
  }
}

async function writeBatch(tx: Tx, batch: PendingMark[]): Promise<WriteResult[]> {
  const first = batch[0]!;
  const results: (WriteResult | null)[] = batch.map(() => null);
  const [contest] = await tx.execute(sql`SELECT seq, state FROM ${contests} WHERE id = ${first.contestId} FOR UPDATE`).then(rowsOf<{ seq: number; state: string }>);
  if (!contest) throw new DomainError(404, 'not_found', 'unknown contest');

  // Replays first: a clientId already stored answers 200 (same body) or 409, whatever the state.
  const existing = await tx.select().from(marks).where(inArray(marks.clientId, batch.map((m) => m.body.clientId.toLowerCase())));
  const byClient = new Map(existing.map((r) => [r.clientId, r] as const));
  const fresh: number[] = [];
  const seenInBatch = new Map<string, number>();
  batch.forEach((m, i) => {
    const id = m.body.clientId.toLowerCase();
    const stored = byClient.get(id);
    if (stored) results[i] = replayOf(stored, m);
    else if (seenInBatch.has(id)) return; // answered after the insert, as a replay of the first
    else {
      const refusal = stateRefusal(contest.state, m);
      if (refusal) results[i] = { error: refusal };
      else {
        seenInBatch.set(id, i);
        fresh.push(i);
      }
    }
  });

  if (fresh.length > 0) {
    const revisions = await currentRevisions(tx, first.contestId, fresh.map((i) => batch[i]!));
    const receivedAt = new Date();
    const values = fresh.map((i, k) => {
      const m = batch[i]!;
      const key = `${m.body.contestant}\u0000${m.body.criterion}\u0000${m.judge}`;
      const revision = (revisions.get(key) ?? 0) + 1;
      revisions.set(key, revision);
      return {
        contestId: m.contestId, contestant: m.body.contestant, criterion: m.body.criterion, judge: m.judge,
        value: m.body.value, revision, clientId: m.body.clientId.toLowerCase(), fingerprint: m.fingerprint,
        note: m.body.note ?? null, reason: m.body.reason ?? null, shadow: m.shadow, seq: contest.seq + k + 1, receivedAt,
      };
    });
    const inserted = await tx.insert(marks).values(values).returning();
    await tx.update(contests).set({ seq: contest.seq + fresh.length }).where(eq(contests.id, first.contestId));
    const rows = new Map(inserted.map((r) => [r.clientId, r] as const));
    fresh.forEach((i) => {
      results[i] = { status: 201, row: rows.get(batch[i]!.body.clientId.toLowerCase())! };
    });
    await appendMarkAudits(tx, first.eventId, fresh.map((i) => ({ m: batch[i]!, row: rows.get(batch[i]!.body.clientId.toLowerCase())! })));
  }
  // Duplicates inside the batch replay the mark their first copy stored.
  batch.forEach((m, i) => {
    if (results[i]) return;
    const firstIndex = seenInBatch.get(m.body.clientId.toLowerCase())!;
    const r = results[firstIndex]!;
    results[i] = 'row' in r ? replayOf(r.row, m) : r;
  });
  return results as WriteResult[];
}

function stateRefusal(state: string, m: PendingMark): DomainError | null {
  if (state === 'scoring') return null;
  if (state === 'review') {
    if (!m.mayCorrect) return conflict('marking is closed: the contest is in review; only the chief judge may correct marks', 'contest_closed');
    if (!m.body.reason) return invalid('a correction in review needs a reason', [{ path: 'reason', message: 'required in review' }]);
    return null;
  }
  return conflict(`marks are not accepted: the contest is in "${state}"`, 'contest_closed');
}

function replayOf(stored: MarkRow, m: PendingMark): WriteResult {
  if (stored.fingerprint !== m.fingerprint) {
    return { error: new DomainError(409, 'idempotency_conflict', 'this clientId was already used for a different mark') };
  }
  return { status: 200, row: stored };
}

async function currentRevisions(tx: Tx, contestId: string, batch: PendingMark[]): Promise<Map<string, number>> {
  const bibs = [...new Set(batch.map((m) => m.body.contestant))];
  const rows = await tx
    .select({ contestant: marks.contestant, criterion: marks.criterion, judge: marks.judge, revision: sql<number>`max(${marks.revision})` })
    .from(marks)
    .where(and(eq(marks.contestId, contestId), inArray(marks.contestant, bibs)))
    .groupBy(marks.contestant, marks.criterion, marks.judge);
  return new Map(rows.map((r) => [`${r.contestant}\u0000${r.criterion}\u0000${r.judge}`, Number(r.revision)]));
}

async function appendMarkAudits(tx: Tx, eventId: string, entries: { m: PendingMark; row: MarkRow }[]): Promise<void> {
  const [head] = await tx.execute(sql`SELECT audit_seq, audit_head FROM ${events} WHERE id = ${eventId} FOR UPDATE`).then(rowsOf<{ audit_seq: number; audit_head: string }>);
  if (!head) throw new DomainError(404, 'not_found', 'unknown event');
  let n = head.audit_seq;
  let prev = head.audit_head;
  const rows = entries.map(({ m, row }) => {
    n++;
    const data = {
      id: String(row.id), contestant: row.contestant, criterion: row.criterion, judge: row.judge, value: row.value,
      revision: row.revision, clientId: row.clientId, seq: row.seq, shadow: row.shadow, ...(row.reason ? { reason: row.reason } : {}),
    };
    const payload = auditPayload({ kind: 'mark', contestId: m.contestId, actor: m.actor, at: row.receivedAt, data });
    prev = chainHash(prev, n, payload);
    return { eventId, n, kind: 'mark', contestId: m.contestId, actor: m.actor, at: row.receivedAt, payload, hash: prev };
  });
  await tx.insert(auditLog).values(rows);
  await tx.update(events).set({ auditSeq: n, auditHead: prev }).where(eq(events.id, eventId));
}

