// What a judge's tablet needs to work, also offline: the contest's assigned criteria, the
// contestants this judge may mark (never one of its own organisation; stations only when blind),
// every revision it made, and the chief judge's open requests to mark again.
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { events, marks, remarkRequests } from '../../../db/schema/index.ts';
import type { Criterion } from '../../../shared/event-file/schema.ts';
import type { JudgeSheet } from '../../../shared/judge.ts';
import { refuse, unauthorized, unknownContest } from '../../errors.ts';
import { actorName, type Actor, type JudgeActor } from '../auth/auth.ts';
import type { DomainCtx } from '../context.ts';
import { toMark } from '../marks/marks.ts';
import { remarkOpen, toRemark, type CellMarkSeq } from './progress.ts';

export const assigned = (judge: Pick<JudgeActor, 'criteria'>, criterion: string) =>
  judge.criteria === '*' || judge.criteria.includes(criterion);

export async function judgeSheet(ctx: DomainCtx, actor: Actor): Promise<JudgeSheet> {
  if (actor.role === 'anonymous') throw unauthorized();
  if (actor.role !== 'judge') throw refuse('forbidden:judges_only', "this is the judges' sheet; sign in as a judge");
  const c = await ctx.boards.get(actor.contestId);
  if (!c) throw unknownContest();
  const [ev] = await ctx.db
    .select({ id: events.id, name: events.name })
    .from(events)
    .where(eq(events.id, c.meta.eventId));
  const blind = c.meta.def.blind === true;
  const sections = c.meta.def.sections
    .map((s) => ({
      code: s.code,
      name: s.name,
      weight: s.weight,
      criteria: s.criteria.filter((k: Criterion) => assigned(actor, k.code)),
    }))
    .filter((s) => s.criteria.length > 0);
  const mine = await ctx.db
    .select()
    .from(marks)
    .where(and(eq(marks.contestId, actor.contestId), eq(marks.judge, actor.code)))
    .orderBy(asc(marks.seq));
  const requests = await openRemarks(ctx, actor, c.meta.byBib);
  const contestants = c.meta.contestants
    .filter((p) => !(actor.organisation && p.organisation === actor.organisation))
    .map((p) => ({
      bib: p.bib,
      station: p.station ?? null,
      status: p.status,
      ...(blind
        ? {}
        : {
            name: p.name,
            organisation: p.organisation,
            organisationName: c.meta.organisations.get(p.organisation) ?? p.organisation,
          }),
    }));
  return {
    event: { id: ev?.id ?? c.meta.eventId, name: ev?.name ?? '' },
    contest: { id: c.meta.id, code: c.meta.code, name: c.meta.name, state: c.state, blind, sections },
    judge: { code: actor.code, name: actor.name, chief: actor.chief, shadow: actor.shadow },
    contestants,
    marks: mine.map(toMark),
    remarks: requests,
    seq: c.seq,
  };
}

async function openRemarks(ctx: DomainCtx, judge: JudgeActor, byBib: Map<string, { organisation: string }>) {
  const reqs = await ctx.db
    .select()
    .from(remarkRequests)
    .where(eq(remarkRequests.contestId, judge.contestId))
    .orderBy(asc(remarkRequests.seq));
  // Addressed to this judge by name, or to every judge of the criterion that may mark the contestant.
  // (A chief judge's own requests to everyone are not put back on its own sheet.)
  const relevant = reqs.filter((r) =>
    r.judge
      ? r.judge === judge.code
      : r.requestedBy !== actorName(judge) &&
        assigned(judge, r.criterion) &&
        !(judge.organisation && byBib.get(r.contestant)?.organisation === judge.organisation),
  );
  if (relevant.length === 0) return [];
  const bibs = [...new Set(relevant.map((r) => r.contestant))];
  const cells = await ctx.db
    .select({
      contestant: marks.contestant,
      criterion: marks.criterion,
      judge: marks.judge,
      shadow: marks.shadow,
      seq: max(marks.seq),
    })
    .from(marks)
    .where(and(eq(marks.contestId, judge.contestId), inArray(marks.contestant, bibs)))
    .groupBy(marks.contestant, marks.criterion, marks.judge, marks.shadow);
  const byCell = new Map<string, CellMarkSeq[]>();
  for (const m of cells) {
    const key = `${m.contestant}/${m.criterion}`;
    byCell.set(key, [...(byCell.get(key) ?? []), { judge: m.judge, shadow: m.shadow, seq: Number(m.seq ?? 0) }]);
  }
  return relevant
    .filter((r) => {
      const cell = byCell.get(`${r.contestant}/${r.criterion}`) ?? [];
      // Still open for the chief, and this judge has not marked the cell since it was asked.
      return remarkOpen(r, cell) && !cell.some((m) => m.judge === judge.code && m.seq > r.seq);
    })
    .map(toRemark);
}
