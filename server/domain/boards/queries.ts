// Read-only use cases: events, contests, marks, teams. Public callers never see pins or judges.
import { asc, eq, inArray } from 'drizzle-orm';
import { events, contests, organisations, marks } from '../../../db/schema/index.ts';
import type { ContestState, EventSummary, TeamsResponse } from '../../../shared/api.ts';
import { teamTables } from '../../../shared/scoring/teams.ts';
import { refuse, unauthorized, unknownContest, unknownEvent } from '../../errors.ts';
import { requireOrganiser, type Actor } from '../auth/auth.ts';
import type { DomainCtx } from '../context.ts';
import { toMark } from '../marks/marks.ts';
import { seqFor } from './boards.ts';
import { blindHidden } from '../../../shared/blind.ts';

export async function listEvents(ctx: DomainCtx): Promise<EventSummary[]> {
  const evs = await ctx.db.select({ id: events.id, name: events.name }).from(events).orderBy(asc(events.createdAt));
  if (evs.length === 0) return [];
  const cs = await ctx.db
    .select({
      id: contests.id,
      code: contests.code,
      name: contests.name,
      state: contests.state,
      eventId: contests.eventId,
    })
    .from(contests)
    .where(
      inArray(
        contests.eventId,
        evs.map((e) => e.id),
      ),
    )
    .orderBy(asc(contests.position));
  return evs.map((e) => ({
    ...e,
    contests: cs
      .filter((c) => c.eventId === e.id)
      .map(({ eventId: _, state, ...c }) => ({ ...c, state: state as ContestState })),
  }));
}

export async function getEvent(ctx: DomainCtx, eventId: string) {
  const [e] = await ctx.db.select({ id: events.id, name: events.name }).from(events).where(eq(events.id, eventId));
  if (!e) throw unknownEvent();
  const cs = await ctx.db
    .select({ id: contests.id, code: contests.code, name: contests.name, state: contests.state })
    .from(contests)
    .where(eq(contests.eventId, eventId))
    .orderBy(asc(contests.position));
  const orgs = await ctx.db
    .select({ code: organisations.code, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.eventId, eventId))
    .orderBy(asc(organisations.position));
  return { ...e, contests: cs.map((c) => ({ ...c, state: c.state as ContestState })), organisations: orgs };
}

export async function getEventFile(ctx: DomainCtx, actor: Actor, eventId: string) {
  requireOrganiser(actor);
  const [e] = await ctx.db.select({ file: events.file }).from(events).where(eq(events.id, eventId));
  if (!e) throw unknownEvent();
  return e.file;
}

export async function getContest(ctx: DomainCtx, actor: Actor, contestId: string) {
  const c = await ctx.boards.get(contestId);
  if (!c) throw unknownContest();
  const { def, id, eventId, code, name } = c.meta;
  const seq = seqFor(c, actor.role === 'organiser' ? 'organiser' : 'public');
  return {
    id,
    eventId,
    code,
    name,
    state: c.state,
    seq,
    frozen: c.frozenSeq !== null,
    blind: def.blind ?? false,
    teamSize: def.teamSize ?? 3,
    tieBreak: def.tieBreak ?? [],
    awards: def.awards ?? [],
    sections: def.sections,
  };
}

export async function listMarks(ctx: DomainCtx, actor: Actor, contestId: string) {
  if (actor.role === 'anonymous') throw unauthorized();
  if (actor.role === 'judge' && !(actor.chief && actor.contestId === contestId)) {
    const message = 'only the chief judge of this contest or an organiser may see every mark';
    throw refuse('forbidden:chief_or_organiser', message);
  }
  const c = await ctx.boards.get(contestId);
  if (!c) throw unknownContest();
  const rows = await ctx.db.select().from(marks).where(eq(marks.contestId, contestId)).orderBy(asc(marks.seq));
  return { marks: rows.map((r) => ({ ...toMark(r), seq: r.seq, shadow: r.shadow })) };
}

export async function eventTeams(ctx: DomainCtx, actor: Actor, eventId: string): Promise<TeamsResponse> {
  const [e] = await ctx.db.select({ id: events.id }).from(events).where(eq(events.id, eventId));
  if (!e) throw unknownEvent();
  const ids = await ctx.db
    .select({ id: contests.id })
    .from(contests)
    .where(eq(contests.eventId, eventId))
    .orderBy(asc(contests.position));
  const audience = actor.role === 'organiser' ? 'organiser' : 'public';
  const inputs = [];
  for (const { id } of ids) {
    const c = await ctx.boards.get(id);
    if (!c) continue;
    // A blind contest's team table would tie its stations to organisations (team scores are sums of
    // the totals on the board): the public counts it only once certified (CONTRACT §7).
    if (audience === 'public' && (c.state === 'setup' || blindHidden(c.meta.def.blind, c.state))) continue;
    const rows = audience === 'public' && c.frozen ? c.frozen.rows : c.board.rows();
    inputs.push({ code: c.meta.code, teamSize: c.meta.def.teamSize, rows });
  }
  const t = teamTables(inputs);
  return { event: eventId, contests: t.contests, overall: t.overall };
}
