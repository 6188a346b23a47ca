// Submitting a mark (CONTRACT §6): check it against the contest, then hand it to the MarkWriter,
// which stores it (idempotent by clientId, the next revision, audited) and announces the change.
import type { marks } from '../../../db/schema/index.ts';
import { markBody, type Mark, type MarkResponse } from '../../../shared/api.ts';
import { validateMarkValue } from '../../../shared/scoring/validate-mark.ts';
import { invalid, parseInput, refuse, unauthorized, unknownContest } from '../../errors.ts';
import type { Actor } from '../auth/auth.ts';
import { canonicalJson, sha256 } from '../ids.ts';
import type { DomainCtx } from '../context.ts';
import type { PendingMark, WriteOutcome, WriteResult } from './mark-writer.ts';

type MarkRow = typeof marks.$inferSelect;

export interface MarkOutcome {
  outcome: WriteOutcome;
  body: MarkResponse;
}

export async function submitMark(
  ctx: DomainCtx,
  actor: Actor,
  contestId: string,
  input: unknown,
): Promise<MarkOutcome> {
  return outcomeOf(await ctx.writer.submit(await prepareMark(ctx, actor, contestId, input)));
}

export function outcomeOf(result: WriteResult): MarkOutcome {
  if ('error' in result) throw result.error;
  return { outcome: result.outcome, body: { mark: toMark(result.row), seq: result.row.seq } };
}

/** Everything that can be checked before the contest's lock: the body, the judge's rights, the value. */
export async function prepareMark(
  ctx: DomainCtx,
  actor: Actor,
  contestId: string,
  input: unknown,
): Promise<PendingMark> {
  if (actor.role === 'anonymous') throw unauthorized();
  const body = parseInput(markBody, input);
  if (actor.role === 'judge' && actor.contestId !== contestId) {
    throw refuse('forbidden:not_your_contest', 'you are not a judge of this contest');
  }
  const judge = actor.role === 'judge' ? actor.code : `@${actor.username}`;
  const fingerprint = sha256(
    canonicalJson({
      contestId,
      judge,
      c: body.contestant,
      k: body.criterion,
      v: body.value,
      n: body.note,
      r: body.reason,
    }),
  );

  const meta = await ctx.boards.meta(contestId);
  if (!meta) throw unknownContest();
  const target = meta.criteria.get(body.criterion);
  if (!target) {
    throw refuse('not_found:criterion', `unknown criterion "${body.criterion}"`, { criterion: body.criterion });
  }
  const person = meta.byBib.get(body.contestant);
  if (!person) {
    throw refuse('not_found:contestant', `unknown contestant "${body.contestant}"`, { bib: body.contestant });
  }
  if (actor.role === 'judge') {
    if (actor.criteria !== '*' && !actor.criteria.includes(body.criterion)) {
      const message = `criterion "${body.criterion}" is not assigned to you`;
      throw refuse('forbidden:criterion_not_assigned', message, { criterion: body.criterion });
    }
    if (actor.organisation && actor.organisation === person.organisation) {
      throw refuse('forbidden:own_organisation', 'you may not mark a contestant of your own organisation');
    }
  }
  const bad = validateMarkValue(target.criterion, body.value);
  if (bad) throw invalid(bad.message, [bad]);

  return {
    contestId,
    eventId: meta.eventId,
    body,
    judge,
    fingerprint,
    actor: actor.role === 'judge' ? `judge:${judge}` : `organiser:${actor.username}`,
    mayCorrect: actor.role === 'organiser' || actor.chief,
    shadow: actor.role === 'judge' && actor.shadow,
  };
}

export function toMark(r: MarkRow): Mark {
  return {
    id: String(r.id),
    contestant: r.contestant,
    criterion: r.criterion,
    judge: r.judge,
    value: r.value,
    revision: r.revision,
    clientId: r.clientId,
    receivedAt: r.receivedAt.toISOString(),
    ...(r.note !== null ? { note: r.note } : {}),
    ...(r.reason !== null ? { reason: r.reason } : {}),
  };
}
