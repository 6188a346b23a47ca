// Submitting a mark (CONTRACT §6): validate against the contest, make it idempotent by clientId,
// store it as the next revision under the contest's lock, audit it, then announce the change.
import { and, eq, sql } from 'drizzle-orm';
import { contests, marks } from '../../db/schema/index.ts';
import { markBody, type Mark, type MarkResponse } from '../../shared/api.ts';
import { validateMarkValue } from '../../shared/scoring/validate-mark.ts';
import { DomainError, conflict, forbidden, fromZod, invalid, notFound, unauthorized } from '../errors.ts';
import type { Actor } from './auth.ts';
import { appendAudit } from './audit.ts';
import { canonicalJson, sha256 } from './ids.ts';
import type { DomainCtx } from './context.ts';

type MarkRow = typeof marks.$inferSelect;

export interface MarkOutcome {
  status: 200 | 201;
  body: MarkResponse;
}

class RaceLost extends Error {}

export async function submitMark(ctx: DomainCtx, actor: Actor, contestId: string, input: unknown): Promise<MarkOutcome> {
  if (actor.role === 'anonymous') throw unauthorized();
  const parsed = markBody.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  const body = parsed.data;
  if (actor.role === 'judge' && actor.contestId !== contestId) throw forbidden('you are not a judge of this contest');
  const judge = actor.role === 'judge' ? actor.code : `@${actor.username}`;
  const fingerprint = sha256(canonicalJson({ contestId, judge, c: body.contestant, k: body.criterion, v: body.value, n: body.note, r: body.reason }));

  const replay = await findByClientId(ctx, body.clientId, fingerprint);
  if (replay) return replay;

  const cached = await ctx.boards.get(contestId);
  if (!cached) throw notFound('unknown contest');
  const { meta } = cached;
  const target = meta.criteria.get(body.criterion);
  if (!target) throw notFound(`unknown criterion "${body.criterion}"`);
  const person = meta.byBib.get(body.contestant);
  if (!person) throw notFound(`unknown contestant "${body.contestant}"`);
  if (actor.role === 'judge') {
    if (actor.criteria !== '*' && !actor.criteria.includes(body.criterion)) {
      throw forbidden(`criterion "${body.criterion}" is not assigned to you`);
    }
    if (actor.organisation && actor.organisation === person.organisation) {
      throw forbidden('you may not mark a contestant of your own organisation');
    }
  }
  const bad = validateMarkValue(target.criterion, body.value);
  if (bad) throw invalid(bad.message, [{ path: 'value', message: bad.message }]);

  const shadow = actor.role === 'judge' && actor.shadow;
  let row: MarkRow;
  try {
    row = await ctx.db.transaction(async (tx) => {
      const [locked] = await tx
        .update(contests)
        .set({ seq: sql`${contests.seq} + 1` })
        .where(eq(contests.id, contestId))
        .returning({ seq: contests.seq, state: contests.state });
      if (!locked) throw notFound('unknown contest');
      checkState(locked.state, actor, body.reason);
      const inserted = await tx
        .insert(marks)
        .values({
          contestId, contestant: body.contestant, criterion: body.criterion, judge, value: body.value,
          revision: sql`(SELECT coalesce(max(${marks.revision}), 0) + 1 FROM ${marks} WHERE ${and(
            eq(marks.contestId, contestId), eq(marks.contestant, body.contestant),
            eq(marks.criterion, body.criterion), eq(marks.judge, judge))})`,
          clientId: body.clientId, fingerprint, note: body.note ?? null, reason: body.reason ?? null,
          shadow, seq: locked.seq,
        })
        .onConflictDoNothing({ target: marks.clientId })
        .returning();
      const mark = inserted[0];
      if (!mark) throw new RaceLost();
      await appendAudit(tx, {
        eventId: meta.eventId, kind: 'mark', contestId, actor: actor.role === 'judge' ? `judge:${judge}` : `organiser:${actor.username}`,
        at: mark.receivedAt,
        data: { id: String(mark.id), contestant: mark.contestant, criterion: mark.criterion, judge, value: mark.value,
          revision: mark.revision, clientId: mark.clientId, seq: mark.seq, shadow, ...(mark.reason ? { reason: mark.reason } : {}) },
      });
      return mark;
    });
  } catch (err) {
    // Another request with the same clientId committed first: answer as its replay.
    if (err instanceof RaceLost || isUniqueViolation(err)) {
      const again = await findByClientId(ctx, body.clientId, fingerprint);
      if (again) return again;
    }
    throw err;
  }
  ctx.changes.contestChanged(contestId);
  return { status: 201, body: { mark: toMark(row), seq: row.seq } };
}

function checkState(state: string, actor: Actor, reason: string | undefined): void {
  if (state === 'scoring') return;
  if (state === 'review') {
    const may = actor.role === 'organiser' || (actor.role === 'judge' && actor.chief);
    if (!may) throw conflict('marking is closed: the contest is in review; only the chief judge may correct marks', 'contest_closed');
    if (!reason) throw invalid('a correction in review needs a reason', [{ path: 'reason', message: 'required in review' }]);
    return;
  }
  throw conflict(`marks are not accepted: the contest is in "${state}"`, 'contest_closed');
}

async function findByClientId(ctx: DomainCtx, clientId: string, fingerprint: string): Promise<MarkOutcome | null> {
  const [existing] = await ctx.db.select().from(marks).where(eq(marks.clientId, clientId));
  if (!existing) return null;
  if (existing.fingerprint !== fingerprint) {
    throw new DomainError(409, 'idempotency_conflict', 'this clientId was already used for a different mark');
  }
  return { status: 200, body: { mark: toMark(existing), seq: existing.seq } };
}

export function toMark(r: MarkRow): Mark {
  return {
    id: String(r.id), contestant: r.contestant, criterion: r.criterion, judge: r.judge, value: r.value,
    revision: r.revision, clientId: r.clientId, receivedAt: r.receivedAt.toISOString(),
    ...(r.note !== null ? { note: r.note } : {}), ...(r.reason !== null ? { reason: r.reason } : {}),
  };
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}
