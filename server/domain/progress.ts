// The chief judge's desk: who marked what, what is missing, which criteria are flagged, and
// requests to mark again.
import { asc, eq, sql } from 'drizzle-orm';
import { contests, judges, marks, remarkRequests } from '../../db/schema/index.ts';
import { rowsOf } from '../../db/create-db.ts';
import { remarkBody, type ContestProgress, type ProgressCell, type ProgressMark } from '../../shared/judge.ts';
import { forbidden, fromZod, notFound, unauthorized, conflict } from '../errors.ts';
import { actorName, type Actor } from './auth.ts';
import { appendAudit } from './audit.ts';
import type { DomainCtx } from './context.ts';

function requireChief(actor: Actor, contestId: string) {
  if (actor.role === 'anonymous') throw unauthorized();
  if (actor.role === 'judge' && !(actor.chief && actor.contestId === contestId)) {
    throw forbidden('only the chief judge of this contest or an organiser may do this');
  }
}

export async function contestProgress(ctx: DomainCtx, actor: Actor, contestId: string): Promise<ContestProgress> {
  requireChief(actor, contestId);
  const c = await ctx.boards.get(contestId);
  if (!c) throw notFound('unknown contest');
  const js = await ctx.db.select().from(judges).where(eq(judges.contestId, contestId)).orderBy(asc(judges.code));
  const reqs = await ctx.db.select().from(remarkRequests).where(eq(remarkRequests.contestId, contestId));
  // Newest revision of every judge's mark, shadow judges' included, with its time and note.
  const latest = rowsOf<{ contestant: string; criterion: string; judge: string; value: number | boolean; revision: number; received_at: string | Date; shadow: boolean; note: string | null }>(
    await ctx.db.execute(sql`SELECT DISTINCT ON (contestant, criterion, judge) contestant, criterion, judge, value, revision, received_at, shadow, note
      FROM ${marks} WHERE contest_id = ${contestId} ORDER BY contestant, criterion, judge, revision DESC`),
  );
  const byCell = new Map<string, ProgressMark[]>();
  for (const m of latest) {
    const key = `${m.contestant}/${m.criterion}`;
    const list = byCell.get(key) ?? [];
    list.push({ judge: m.judge, value: m.value, revision: m.revision, at: new Date(m.received_at).toISOString(), shadow: m.shadow, ...(m.note ? { note: m.note } : {}) });
    byCell.set(key, list);
  }
  const criteria = [...c.meta.criteria.values()].map(({ criterion: k, section }) => ({
    code: k.code, name: k.name, kind: k.kind, section: section.code,
    need: k.kind === 'judgement' ? (k.judges ?? 1) : k.kind === 'measurement' ? 1 : 0,
    maxSpread: k.kind === 'judgement' ? (k.maxSpread ?? null) : null,
  }));
  let complete = 0;
  let flagged = 0;
  const rows = c.meta.contestants.map((p) => {
    const score = c.board.score(p.bib);
    const cells: Record<string, ProgressCell> = {};
    for (const k of criteria) {
      const ms = byCell.get(`${p.bib}/${k.code}`) ?? [];
      const values = ms.filter((m) => !m.shadow).map((m) => m.value).filter((v): v is number => typeof v === 'number');
      cells[k.code] = {
        have: score?.marksCount?.[k.code] ?? 0,
        need: k.need,
        points: values.length || ms.some((m) => !m.shadow) ? (score?.criteria[k.code] ?? null) : null,
        flagged: score?.flags.includes(k.code) ?? false,
        spread: values.length > 1 ? Math.max(...values) - Math.min(...values) : null,
        marks: ms,
      };
    }
    if (score?.complete) complete++;
    if (score?.flagged) flagged++;
    return {
      bib: p.bib, name: p.name, organisation: p.organisation, station: p.station ?? null, status: p.status,
      complete: score?.complete ?? false, total: score?.total ?? 0, cells,
    };
  });
  const open = openRequests(reqs, c);
  return {
    contest: { id: c.meta.id, code: c.meta.code, name: c.meta.name, state: c.state, seq: c.seq },
    criteria,
    judges: js.map((j) => ({ code: j.code, name: j.name, chief: j.chief, shadow: j.shadow, criteria: j.criteria, organisation: j.organisation })),
    rows,
    remarks: open,
    summary: { contestants: rows.length, complete, flagged, openRemarks: open.length },
  };
}

type RequestRow = typeof remarkRequests.$inferSelect;

/** Requests not yet answered by a newer counted mark of the judge (or of any judge, when none is named). */
function openRequests(reqs: RequestRow[], c: NonNullable<Awaited<ReturnType<DomainCtx['boards']['get']>>>) {
  return reqs
    .filter((r) => {
      const ms = c.board.countedMarks(r.contestant).filter((m) => m.criterion === r.criterion && (!r.judge || m.judge === r.judge));
      return !ms.some((m) => m.order > r.seq);
    })
    .map((r) => ({ id: String(r.id), contestant: r.contestant, criterion: r.criterion, judge: r.judge, reason: r.reason, requestedBy: r.requestedBy, at: r.at.toISOString() }));
}

export async function requestRemark(ctx: DomainCtx, actor: Actor, contestId: string, input: unknown) {
  requireChief(actor, contestId);
  const parsed = remarkBody.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  const { contestant, criterion, judge, reason } = parsed.data;
  const c = await ctx.boards.get(contestId);
  if (!c) throw notFound('unknown contest');
  if (!c.meta.byBib.has(contestant)) throw notFound(`unknown contestant "${contestant}"`);
  if (!c.meta.criteria.has(criterion)) throw notFound(`unknown criterion "${criterion}"`);
  if (c.state !== 'scoring') throw conflict(`judges can mark again only while the contest is in scoring, not in "${c.state}"`, 'contest_closed');
  if (judge) {
    const [j] = await ctx.db.select({ code: judges.code }).from(judges).where(sql`${judges.contestId} = ${contestId} AND ${judges.code} = ${judge}`);
    if (!j) throw notFound(`unknown judge "${judge}"`);
  }
  const who = actorName(actor);
  const row = await ctx.db.transaction(async (tx) => {
    // The request bumps the contest's seq, so only marks made after it answer it.
    const [locked] = await tx.update(contests).set({ seq: sql`${contests.seq} + 1` }).where(eq(contests.id, contestId)).returning({ seq: contests.seq });
    if (!locked) throw notFound('unknown contest');
    const [r] = await tx.insert(remarkRequests).values({ contestId, contestant, criterion, judge: judge ?? null, reason, requestedBy: who, seq: locked.seq }).returning();
    await appendAudit(tx, { eventId: c.meta.eventId, kind: 'remark.requested', contestId, actor: who, data: { contestant, criterion, judge: judge ?? null, reason, seq: locked.seq } });
    return r!;
  });
  ctx.changes.contestChanged(contestId);
  return { id: String(row.id), contestant, criterion, judge: judge ?? null, reason, requestedBy: who, at: row.at.toISOString() };
}
