// Stores marks with group commit: the marks waiting for one contest are written together in one
// transaction under the contest row's lock (which orders them and numbers their seq), each as the
// next revision of its judge's mark, each with its own audit entry. One mark alone costs the same
// statements as a hundred, so throughput grows with load instead of queueing behind the lock.
import type { Db } from '../../../db/create-db.ts';
import { isDatabaseDown, isUniqueViolation } from '../../../db/errors.ts';
import { hotTransaction, type HotSql } from '../../../db/hot-sql.ts';
import type { marks } from '../../../db/schema/index.ts';
import type { MarkBody } from '../../../shared/api.ts';
import { refuse, unknownContest, type DomainError } from '../../errors.ts';
import { issue } from '../../../shared/errors/index.ts';
import type { ContestState } from '../../../shared/api.ts';
import { auditPayload, chainHash } from '../audit/audit.ts';
import type { Listeners } from '../../listeners.ts';
import type { Committed } from '../context.ts';

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

/** What a write did: stored a new row, or answered a retry with the row already stored. */
export type WriteOutcome = 'created' | 'replayed';

export type WriteResult = { outcome: WriteOutcome; row: MarkRow } | { error: DomainError };

interface Waiting {
  mark: PendingMark;
  resolve: (r: WriteResult) => void;
  reject: (err: unknown) => void;
}

const MAX_BATCH = 200;

export class MarkWriter {
  private readonly queues = new Map<string, Waiting[]>();
  private readonly draining = new Set<string>();

  /** `committed` is told of each batch that stored at least one mark. */
  constructor(
    private readonly db: Db,
    private readonly committed: Listeners<Committed>,
  ) {}

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
        // Let every request already read from the network join this batch first: the embedded
        // database answers in microtasks, so without this pause each mark would commit alone.
        await new Promise((resolve) => setImmediate(resolve));
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
      const results = await hotTransaction(this.db, (q) =>
        writeBatch(
          q,
          batch.map((w) => w.mark),
        ),
      );
      batch.forEach((w, i) => w.resolve(results[i]!));
      const stored = results.filter((r) => 'outcome' in r && r.outcome === 'created').length;
      if (stored > 0) this.committed.emit({ contestId, marks: stored });
    } catch (err) {
      // A batch fails whole (database away, or a race on a clientId used in another contest):
      // alone, each mark gets its own answer.
      if (batch.length > 1 && !isDatabaseDown(err)) {
        for (const w of batch) await this.writeSafely(contestId, [w]);
        return;
      }
      // Another process stored this clientId (for another contest) after our look-up: once more, the
      // look-up finds it and answers as a replay (or an idempotency conflict) instead of an internal error.
      if (!retried && isUniqueViolation(err)) return this.writeSafely(contestId, batch, true);
      for (const w of batch) w.reject(err);
      // The connection may have dropped after the COMMIT reached the database: the marks may be stored
      // though no one was told, and their retries replay without announcing anything. Announce
      // a possible change; the boards catch up from the database by seq once it answers again.
      if (isDatabaseDown(err)) this.committed.emit({ contestId, marks: 0 });
    }
  }
}

async function writeBatch(q: HotSql, batch: PendingMark[]): Promise<WriteResult[]> {
  const first = batch[0]!;
  const results: (WriteResult | null)[] = batch.map(() => null);
  // One round trip: the statements are sent together (pipelined) and run in order, so the reads
  // happen under both locks (contest, then the event's audit chain, the order every writer takes).
  // Lists travel as one jsonb parameter, so the statements' text never changes.
  const clientIds = batch.map((m) => m.body.clientId.toLowerCase());
  const bibs = [...new Set(batch.map((m) => m.body.contestant))];
  const [contestRows, headRows, existing, revisionRows, ids] = await Promise.all([
    q.query<{ seq: number; state: string }>(LOCK_CONTEST, [first.contestId]),
    q.query<{ audit_seq: number; audit_head: string }>(LOCK_AUDIT_HEAD, [first.eventId]),
    q.query<StoredMark>(MARKS_BY_CLIENT_ID, [JSON.stringify(clientIds)]),
    q.query<{ contestant: string; criterion: string; judge: string; revision: number }>(REVISIONS, [
      first.contestId,
      JSON.stringify(bibs),
    ]),
    q.query<{ id: string }>(NEW_MARK_IDS, [batch.length]),
  ]);
  const contest = contestRows[0];
  const head = headRows[0];
  if (!contest || !head) throw unknownContest();
  const revisions = new Map(
    revisionRows.map((r) => [revisionKey(r.contestant, r.criterion, r.judge), Number(r.revision)]),
  );

  // Replays first: a clientId already stored replays (same body) or conflicts, whatever the state.
  const byClient = new Map(existing.map((r) => [r.client_id, markRow(r)] as const));
  const fresh: number[] = [];
  const seenInBatch = new Map<string, number>();
  batch.forEach((m, i) => {
    const id = clientIds[i]!;
    const stored = byClient.get(id);
    if (stored) results[i] = replayOf(stored, m);
    else if (seenInBatch.has(id))
      return; // answered after the insert, as a replay of the first
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
    const receivedAt = new Date();
    const rows: MarkRow[] = fresh.map((i, k) => {
      const m = batch[i]!;
      const key = revisionKey(m.body.contestant, m.body.criterion, m.judge);
      const revision = (revisions.get(key) ?? 0) + 1;
      revisions.set(key, revision);
      return {
        id: Number(ids[k]!.id),
        contestId: m.contestId,
        contestant: m.body.contestant,
        criterion: m.body.criterion,
        judge: m.judge,
        value: m.body.value,
        revision,
        clientId: clientIds[i]!,
        fingerprint: m.fingerprint,
        note: m.body.note ?? null,
        reason: m.body.reason ?? null,
        shadow: m.shadow,
        seq: Number(contest.seq) + k + 1,
        receivedAt,
        originId: null,
      };
    });
    fresh.forEach((i, k) => (results[i] = { outcome: 'created', row: rows[k]! }));
    const audit = markAudits(
      first.eventId,
      head,
      fresh.map((i, k) => ({ m: batch[i]!, row: rows[k]! })),
    );
    // The writes, pipelined too; any failure aborts the whole transaction.
    await Promise.all([
      q.query(INSERT_MARKS, [JSON.stringify(rows.map(markRecord))]),
      q.query(SET_CONTEST_SEQ, [Number(contest.seq) + fresh.length, first.contestId]),
      q.query(INSERT_AUDIT, [JSON.stringify(audit.rows)]),
      q.query(SET_AUDIT_HEAD, [audit.seq, audit.head, first.eventId]),
    ]);
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

const MARK_COLUMNS =
  'id, contest_id, contestant, criterion, judge, value, revision, client_id, fingerprint, note, reason, shadow, seq, received_at';
const LOCK_CONTEST = 'SELECT seq, state FROM contests WHERE id = $1 FOR UPDATE';
const LOCK_AUDIT_HEAD = 'SELECT audit_seq, audit_head FROM events WHERE id = $1 FOR UPDATE';
const MARKS_BY_CLIENT_ID = `SELECT id::text AS id, contest_id, contestant, criterion, judge, value, revision, client_id::text AS client_id,
  fingerprint, note, reason, shadow, seq, received_at, origin_id::text AS origin_id
  FROM marks WHERE client_id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid)`;
const REVISIONS = `SELECT contestant, criterion, judge, max(revision) AS revision FROM marks
  WHERE contest_id = $1 AND contestant IN (SELECT jsonb_array_elements_text($2::jsonb)) GROUP BY contestant, criterion, judge`;
const NEW_MARK_IDS =
  "SELECT nextval(pg_get_serial_sequence('marks', 'id'))::text AS id FROM generate_series(1, $1::int)";
const INSERT_MARKS = `INSERT INTO marks (${MARK_COLUMNS}) SELECT ${MARK_COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS x(id bigint,
  contest_id text, contestant text, criterion text, judge text, value jsonb, revision integer, client_id uuid, fingerprint text,
  note text, reason text, shadow boolean, seq integer, received_at timestamptz)`;
const SET_CONTEST_SEQ = 'UPDATE contests SET seq = $1 WHERE id = $2';
const INSERT_AUDIT = `INSERT INTO audit_log (event_id, n, kind, contest_id, actor, at, payload, hash)
  SELECT event_id, n, kind, contest_id, actor, at, payload, hash FROM jsonb_to_recordset($1::jsonb)
  AS x(event_id text, n integer, kind text, contest_id text, actor text, at timestamptz, payload text, hash text)`;
const SET_AUDIT_HEAD = 'UPDATE events SET audit_seq = $1, audit_head = $2 WHERE id = $3';

/** A stored mark as the driver returns it (bigint id and uuid as text). */
interface StoredMark {
  id: string;
  contest_id: string;
  contestant: string;
  criterion: string;
  judge: string;
  value: number | boolean;
  revision: number;
  client_id: string;
  fingerprint: string;
  note: string | null;
  reason: string | null;
  shadow: boolean;
  seq: number;
  received_at: Date | string;
  origin_id: string | null;
}

function markRow(r: StoredMark): MarkRow {
  return {
    id: Number(r.id),
    contestId: r.contest_id,
    contestant: r.contestant,
    criterion: r.criterion,
    judge: r.judge,
    value: r.value,
    revision: Number(r.revision),
    clientId: r.client_id,
    fingerprint: r.fingerprint,
    note: r.note,
    reason: r.reason,
    shadow: r.shadow,
    seq: Number(r.seq),
    receivedAt: new Date(r.received_at),
    originId: r.origin_id === null ? null : Number(r.origin_id),
  };
}

const revisionKey = (contestant: string, criterion: string, judge: string) =>
  `${contestant}\u0000${criterion}\u0000${judge}`;

/** A mark row as jsonb_to_recordset reads it (snake_case columns). */
function markRecord(r: MarkRow) {
  return {
    id: r.id,
    contest_id: r.contestId,
    contestant: r.contestant,
    criterion: r.criterion,
    judge: r.judge,
    value: r.value,
    revision: r.revision,
    client_id: r.clientId,
    fingerprint: r.fingerprint,
    note: r.note,
    reason: r.reason,
    shadow: r.shadow,
    seq: r.seq,
    received_at: r.receivedAt.toISOString(),
  };
}

function stateRefusal(state: string, m: PendingMark): DomainError | null {
  if (state === 'scoring') return null;
  if (state === 'review') {
    if (!m.mayCorrect) {
      const message = 'marking is closed: the contest is in review; only the chief judge may correct marks';
      return refuse('contest_closed:review', message);
    }
    if (!m.body.reason) {
      const issues = [issue('reason', 'required', 'required in review')];
      const message = 'a correction in review needs a reason';
      return refuse('validation_failed:reason_required', message, { when: 'review' }, { issues });
    }
    return null;
  }
  // States are stored as text; the column only ever holds a ContestState.
  const message = `marks are not accepted: the contest is in "${state}"`;
  return refuse('contest_closed', message, { state: state as ContestState });
}

function replayOf(stored: MarkRow, m: PendingMark): WriteResult {
  if (stored.fingerprint !== m.fingerprint) {
    return { error: refuse('idempotency_conflict', 'this clientId was already used for a different mark') };
  }
  return { outcome: 'replayed', row: stored };
}

/** The audit entries of the stored marks, chained from the event's head (read under its lock). */
function markAudits(
  eventId: string,
  head: { audit_seq: number; audit_head: string },
  entries: { m: PendingMark; row: MarkRow }[],
) {
  let n = Number(head.audit_seq);
  let prev = head.audit_head;
  const rows = entries.map(({ m, row }) => {
    n++;
    const data = {
      id: String(row.id),
      contestant: row.contestant,
      criterion: row.criterion,
      judge: row.judge,
      value: row.value,
      revision: row.revision,
      clientId: row.clientId,
      seq: row.seq,
      shadow: row.shadow,
      ...(row.reason ? { reason: row.reason } : {}),
    };
    const payload = auditPayload({ kind: 'mark', contestId: m.contestId, actor: m.actor, at: row.receivedAt, data });
    prev = chainHash(prev, n, payload);
    return {
      event_id: eventId,
      n,
      kind: 'mark',
      contest_id: m.contestId,
      actor: m.actor,
      at: row.receivedAt.toISOString(),
      payload,
      hash: prev,
    };
  });
  return { rows, seq: n, head: prev };
}
