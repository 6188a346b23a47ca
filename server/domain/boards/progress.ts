// The chief judge's desk: who marked what, what is missing, which criteria are flagged, and
// requests to mark again.
import { asc, eq, sql } from 'drizzle-orm';
import { contests, judges, remarkRequests } from '../../../db/schema/index.ts';
import type { ContestState } from '../../../shared/api.ts';
import { remarkBody, type ContestProgress } from '../../../shared/judge.ts';
import { invalid, parseInput, refuse, unauthorized, unknownContest } from '../../errors.ts';
import { issue } from '../../../shared/errors/index.ts';
import { actorName, type Actor } from '../auth/auth.ts';
import { appendAudit } from '../audit/audit.ts';
import { requireNotRecused } from '../marks/recusal.ts';
import { blindHidden } from '../../../shared/blind.ts';
import type { DomainCtx } from '../context.ts';
import { judgeOnDesk, newestMarksByCell, progressCriteria, progressRows } from './progress-desk.ts';

function requireChief(actor: Actor, contestId: string) {
  if (actor.role === 'anonymous') throw unauthorized();
  if (actor.role === 'judge' && !(actor.chief && actor.contestId === contestId)) {
    throw refuse('forbidden:chief_or_organiser', 'only the chief judge of this contest or an organiser may do this');
  }
}

// States are stored as text; the column only ever holds a ContestState.
const notScoring = (state: string) =>
  refuse('contest_closed:remark', `judges can mark again only while the contest is in scoring, not in "${state}"`, {
    state: state as ContestState,
  });

/** The newest revision of one judge's mark on one cell, as far as requests to mark again care. */
export interface CellMarkSeq {
  judge: string;
  seq: number;
  shadow: boolean;
}

/**
 * Whether a request to mark again is still open. One naming a judge is answered by that judge's
 * next mark. One for every judge stays open until each judge whose mark counts on the cell has
 * marked again (or, when nobody had marked, until somebody does).
 */
export function remarkOpen(r: { judge: string | null; seq: number }, cell: readonly CellMarkSeq[]): boolean {
  if (r.judge) return !cell.some((m) => m.judge === r.judge && m.seq > r.seq);
  const counted = cell.filter((m) => !m.shadow);
  return counted.length === 0 || counted.some((m) => m.seq < r.seq);
}

type RequestRow = typeof remarkRequests.$inferSelect;

export const toRemark = (r: RequestRow) => ({
  id: String(r.id),
  contestant: r.contestant,
  criterion: r.criterion,
  judge: r.judge,
  reason: r.reason,
  requestedBy: r.requestedBy,
  at: r.at.toISOString(),
});

export async function contestProgress(ctx: DomainCtx, actor: Actor, contestId: string): Promise<ContestProgress> {
  requireChief(actor, contestId);
  const c = await ctx.boards.get(contestId);
  if (!c) throw unknownContest();
  const js = await ctx.db.select().from(judges).where(eq(judges.contestId, contestId)).orderBy(asc(judges.code));
  const reqs = await ctx.db
    .select()
    .from(remarkRequests)
    .where(eq(remarkRequests.contestId, contestId))
    .orderBy(asc(remarkRequests.seq));
  const { byCell, seqs } = await newestMarksByCell(ctx, contestId);
  const criteria = progressCriteria(c);
  // Until results are certified, a blind contest shows a chief judge stations only (organisers see all).
  const hide = actor.role === 'judge' && blindHidden(c.meta.def.blind, c.state);
  const { rows, complete, flagged } = progressRows(c, criteria, byCell, actor, hide);
  const open = reqs.filter((r) => remarkOpen(r, seqs.get(`${r.contestant}/${r.criterion}`) ?? [])).map(toRemark);
  return {
    contest: {
      id: c.meta.id,
      eventId: c.meta.eventId,
      code: c.meta.code,
      name: c.meta.name,
      state: c.state,
      seq: c.seq,
      blind: c.meta.def.blind === true,
    },
    criteria,
    judges: js.map((j) => judgeOnDesk(j, c, criteria, rows, hide)),
    rows,
    remarks: open,
    summary: { contestants: rows.length, complete, flagged, openRemarks: open.length },
  };
}

export async function requestRemark(ctx: DomainCtx, actor: Actor, contestId: string, input: unknown) {
  requireChief(actor, contestId);
  const { contestant, criterion, judge, reason } = parseInput(remarkBody, input);
  const c = await ctx.boards.get(contestId);
  if (!c) throw unknownContest();
  const person = c.meta.byBib.get(contestant);
  if (!person) throw refuse('not_found:contestant', `unknown contestant "${contestant}"`, { bib: contestant });
  requireNotRecused(actor, person);
  if (!c.meta.criteria.has(criterion)) {
    throw refuse('not_found:criterion', `unknown criterion "${criterion}"`, { criterion });
  }
  if (judge) {
    const [j] = await ctx.db
      .select()
      .from(judges)
      .where(sql`${judges.contestId} = ${contestId} AND ${judges.code} = ${judge}`);
    if (!j) throw refuse('not_found:judge', `unknown judge "${judge}"`, { judges: [judge] });
    // A request the judge could never answer would stay open for ever.
    if (j.criteria !== '*' && !j.criteria.includes(criterion)) {
      const message = `judge "${judge}" is not assigned to criterion "${criterion}"`;
      throw invalid(message, [issue('judge', 'judge_not_assigned', message, { judge, criterion })]);
    }
    if (j.organisation && j.organisation === person.organisation) {
      const message = `judge "${judge}" may not mark a contestant of its own organisation`;
      throw invalid(message, [issue('judge', 'judge_own_organisation', message, { judge })]);
    }
  }
  if (c.state !== 'scoring') throw notScoring(c.state);
  const who = actorName(actor);
  const row = await ctx.db.transaction(async (tx) => {
    // The request bumps the contest's seq, so only marks made after it answer it.
    const [locked] = await tx
      .update(contests)
      .set({ seq: sql`${contests.seq} + 1` })
      .where(eq(contests.id, contestId))
      .returning({ seq: contests.seq, state: contests.state });
    if (!locked) throw unknownContest();
    if (locked.state !== 'scoring') throw notScoring(locked.state);
    const [r] = await tx
      .insert(remarkRequests)
      .values({ contestId, contestant, criterion, judge: judge ?? null, reason, requestedBy: who, seq: locked.seq })
      .returning();
    await appendAudit(tx, {
      eventId: c.meta.eventId,
      kind: 'remark.requested',
      contestId,
      actor: who,
      data: { contestant, criterion, judge: judge ?? null, reason, seq: locked.seq },
    });
    return r!;
  });
  ctx.committed.emit({ contestId, marks: 0 });
  return toRemark(row);
}
