// Part of verifying an event's audit log: every row of `marks` must be exactly what its 'mark'
// audit entry recorded, so a mark changed, added or deleted behind the API's back is found even
// though the hash chain itself is intact. The audit walk hands over the mark entries in chain
// order; within a contest those come in seq order (marks and their entries are written under the
// contest's lock), so each contest's marks are read once, in (seq, id) order, a page at a time,
// and matched like a merge: linear in the number of marks, with one page per contest in memory.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { auditLog, contests, marks } from '../../../db/schema/index.ts';
import { maskIdentityNumbersIn } from '../../../shared/identity/identity-number.ts';

type MarkRow = Pick<
  typeof marks.$inferSelect,
  | 'id'
  | 'contestant'
  | 'criterion'
  | 'judge'
  | 'value'
  | 'revision'
  | 'clientId'
  | 'seq'
  | 'shadow'
  | 'reason'
  | 'receivedAt'
  | 'originId'
>;

/** The id a mark's audit entry names: the one it had where it was made (marks keep order when imported). */
const auditedId = (m: Pick<MarkRow, 'id' | 'originId'>) => m.originId ?? m.id;

interface MarkEntry {
  id?: unknown;
  contestant?: unknown;
  criterion?: unknown;
  judge?: unknown;
  value?: unknown;
  revision?: unknown;
  clientId?: unknown;
  seq?: unknown;
  shadow?: unknown;
  reason?: unknown;
}

const PAGE = 2000;
const columns = {
  id: marks.id,
  contestant: marks.contestant,
  criterion: marks.criterion,
  judge: marks.judge,
  value: marks.value,
  revision: marks.revision,
  clientId: marks.clientId,
  seq: marks.seq,
  shadow: marks.shadow,
  reason: marks.reason,
  receivedAt: marks.receivedAt,
  originId: marks.originId,
};

/** One contest's marks in (seq, id) order, read a page at a time. */
class MarkCursor {
  private page: MarkRow[] = [];
  private at = 0;
  private last: { seq: number; id: number } | null = null;
  private exhausted = false;

  constructor(
    private readonly db: Db,
    private readonly contestId: string,
  ) {}

  async peek(): Promise<MarkRow | null> {
    if (this.at < this.page.length) return this.page[this.at]!;
    if (this.exhausted) return null;
    const after = this.last;
    this.page = await this.db
      .select(columns)
      .from(marks)
      .where(
        and(
          eq(marks.contestId, this.contestId),
          after ? sql`(${marks.seq}, ${marks.id}) > (${after.seq}, ${after.id})` : undefined,
        ),
      )
      .orderBy(asc(marks.seq), asc(marks.id))
      .limit(PAGE);
    this.at = 0;
    if (this.page.length < PAGE) this.exhausted = true;
    return this.page[0] ?? null;
  }

  next(): void {
    const m = this.page[this.at++];
    if (m) this.last = { seq: m.seq, id: m.id };
  }
}

export class MarkAuditCheck {
  private readonly cursors = new Map<string, MarkCursor>();

  constructor(
    private readonly db: Db,
    private readonly eventId: string,
  ) {}

  private cursor(contestId: string): MarkCursor {
    let c = this.cursors.get(contestId);
    if (!c) this.cursors.set(contestId, (c = new MarkCursor(this.db, contestId)));
    return c;
  }

  /** Matches the next 'mark' entry of the chain with its row; a problem in words, or null. */
  async entry(e: Pick<typeof auditLog.$inferSelect, 'n' | 'contestId' | 'payload' | 'at'>): Promise<string | null> {
    const data = (JSON.parse(e.payload) as { data?: MarkEntry }).data ?? {};
    const id = Number(data.id);
    const seq = Number(data.seq);
    if (!e.contestId || !Number.isSafeInteger(id) || !Number.isSafeInteger(seq))
      return `entry ${e.n} does not name a mark`;
    const cursor = this.cursor(e.contestId);
    const m = await cursor.peek();
    if (m && auditedId(m) === id) {
      cursor.next();
      const changed = differences(m, data, e.at);
      return changed.length
        ? `mark ${id} was changed outside the API (${changed.join(', ')} differ from audit entry ${e.n})`
        : null;
    }
    if (m && (m.seq < seq || (m.seq === seq && auditedId(m) < id))) {
      return `mark ${auditedId(m)} has no audit entry: it was added outside the API`;
    }
    // The row is not where its entry says: gone, or moved by an edited seq (only the failure path looks it up).
    const [moved] = await this.db
      .select({ id: marks.id })
      .from(marks)
      .where(
        and(
          sql`coalesce(${marks.originId}, ${marks.id}) = ${id}`,
          sql`${marks.contestId} IN (SELECT ${contests.id} FROM ${contests} WHERE ${contests.eventId} = ${this.eventId})`,
        ),
      );
    return moved
      ? `mark ${id} was changed outside the API (seq differs from audit entry ${e.n})`
      : `mark ${id} was deleted outside the API (audit entry ${e.n})`;
  }

  /** After the last entry: any mark of the event's contests not yet matched has no audit entry. */
  async finish(): Promise<string | null> {
    const ids = await this.db.select({ id: contests.id }).from(contests).where(eq(contests.eventId, this.eventId));
    for (const { id } of ids) {
      const m = await this.cursor(id).peek();
      if (m) return `mark ${auditedId(m)} has no audit entry: it was added outside the API`;
    }
    return null;
  }
}

// Entries keep identity numbers masked (audit.ts): a text that differs may still be the same masked.
const sameText = (row: string, entry: unknown) => row === entry || maskIdentityNumbersIn(row) === entry;

function differences(m: MarkRow, d: MarkEntry, at: Date): string[] {
  const out: string[] = [];
  if (!sameText(m.contestant, d.contestant)) out.push('contestant');
  if (!sameText(m.criterion, d.criterion)) out.push('criterion');
  if (!sameText(m.judge, d.judge)) out.push('judge');
  if (m.value !== d.value) out.push('value');
  if (m.revision !== d.revision) out.push('revision');
  if (m.clientId !== d.clientId) out.push('clientId');
  if (m.seq !== d.seq) out.push('seq');
  if (m.shadow !== d.shadow) out.push('shadow');
  // The entry leaves out an empty reason.
  if (m.reason ? !sameText(m.reason, d.reason) : d.reason !== undefined) out.push('reason');
  if (m.receivedAt.getTime() !== at.getTime()) out.push('receivedAt');
  return out;
}
