// Accepting the marks of a flagged criterion (CONTRACT §5 flags), and freezing the public board.
import { and, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { contests, flagResolutions, marks } from '../../../db/schema/index.ts';
import { flagBody, freezeBody } from '../../../shared/api.ts';
import { parseInput, refuse, unauthorized, unknownContest } from '../../errors.ts';
import { actorName, requireOrganiser, type Actor } from '../auth/auth.ts';
import { appendAudit } from '../audit/audit.ts';
import { requireNotRecused } from './recusal.ts';
import type { DomainCtx } from '../context.ts';

export async function resolveFlag(ctx: DomainCtx, actor: Actor, contestId: string, input: unknown) {
  if (actor.role === 'anonymous') throw unauthorized();
  if (actor.role === 'judge' && (!actor.chief || actor.contestId !== contestId)) {
    const message = 'only the chief judge of this contest or an organiser may resolve a flag';
    throw refuse('forbidden:chief_or_organiser', message);
  }
  const { contestant, criterion, reason } = parseInput(flagBody, input);
  // The flag is read from the board, then accepted under the contest's row lock only if no mark of
  // that criterion arrived meanwhile: a later mark still too far apart must raise the flag again,
  // not be accepted by a resolution whose author never saw it.
  const c = await ctx.boards.get(contestId);
  if (!c) throw unknownContest();
  const person = c.meta.byBib.get(contestant);
  if (!person) throw refuse('not_found:contestant', `unknown contestant "${contestant}"`, { bib: contestant });
  requireNotRecused(actor, person);
  if (!c.meta.criteria.has(criterion)) {
    throw refuse('not_found:criterion', `unknown criterion "${criterion}"`, { criterion });
  }
  if (c.state !== 'scoring' && c.state !== 'review') {
    const message = `flags can be resolved only in scoring or review, not in "${c.state}"`;
    throw refuse('conflict:flags_state', message, { state: c.state });
  }
  if (!c.board.score(contestant)?.flags.includes(criterion)) {
    const message = `criterion "${criterion}" of ${contestant} is not flagged`;
    throw refuse('not_flagged', message, { bib: contestant, criterion });
  }
  const seq = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(contests)
      .set({ seq: sql`${contests.seq} + 1` })
      .where(and(eq(contests.id, contestId), inArray(contests.state, ['scoring', 'review'])))
      .returning({ seq: contests.seq });
    if (!row) throw refuse('conflict:changed_meanwhile', 'the contest left scoring and review meanwhile; look again');
    const [later] = await tx
      .select({ id: marks.id })
      .from(marks)
      .where(
        and(
          eq(marks.contestId, contestId),
          eq(marks.contestant, contestant),
          eq(marks.criterion, criterion),
          gt(marks.seq, c.seq),
        ),
      )
      .limit(1);
    if (later) {
      const message = `a new mark of "${criterion}" for ${contestant} arrived meanwhile; look at it and try again`;
      throw refuse('conflict:new_mark_meanwhile', message, { bib: contestant, criterion });
    }
    const who = actorName(actor);
    await tx.insert(flagResolutions).values({ contestId, contestant, criterion, reason, actor: who, seq: row.seq });
    await appendAudit(tx, {
      eventId: c.meta.eventId,
      kind: 'flag.resolved',
      contestId,
      actor: who,
      data: { contestant, criterion, reason, seq: row.seq },
    });
    return row.seq;
  });
  ctx.committed.emit({ contestId, marks: 0 });
  return { contestant, criterion, resolved: true, seq };
}

export async function setFrozen(ctx: DomainCtx, actor: Actor, contestId: string, input: unknown) {
  requireOrganiser(actor);
  const { frozen } = parseInput(freezeBody, input);
  const c = await ctx.boards.get(contestId);
  if (!c) throw unknownContest();
  if ((c.frozenSeq !== null) === frozen) return { frozen, seq: c.seq };
  const seq = await ctx.db.transaction(async (tx) => {
    // The public board stays at the last change before the freeze.
    const [row] = await tx
      .update(contests)
      .set({ seq: sql`${contests.seq} + 1`, frozenSeq: frozen ? sql`${contests.seq}` : null })
      // Only if not done meanwhile: a second freeze at once must not move the board the public keeps.
      .where(and(eq(contests.id, contestId), frozen ? isNull(contests.frozenSeq) : isNotNull(contests.frozenSeq)))
      .returning({ seq: contests.seq });
    if (!row) return null;
    await appendAudit(tx, {
      eventId: c.meta.eventId,
      kind: frozen ? 'freeze' : 'unfreeze',
      contestId,
      actor: actorName(actor),
      data: { seq: row.seq },
    });
    return row.seq;
  });
  if (seq === null) return { frozen, seq: (await ctx.boards.get(contestId))?.seq ?? c.seq }; // done by another request
  ctx.committed.emit({ contestId, marks: 0 });
  return { frozen, seq };
}
