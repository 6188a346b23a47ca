// The organiser's live overview of an event: per contest its state, progress, flags, open requests
// to mark again, its judges (online or not) and the screens watching its public board.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { contests, events, judges, marks, remarkRequests } from '../../../db/schema/index.ts';
import { rowsOf } from '../../../db/create-db.ts';
import { ONLINE_WINDOW_MS, type ContestOverview, type EventOverview } from '../../../shared/admin-api.ts';
import { unknownEvent } from '../../errors.ts';
import { requireOrganiser, type Actor } from '../auth/auth.ts';
import type { DomainCtx } from '../context.ts';
import { remarkOpen, type CellMarkSeq } from './progress.ts';

/**
 * When each judge last made a request to this server. Judges' tablets talk HTTP only (they fetch
 * their sheet every minute while open), so a recent request is the truest sign a tablet is on;
 * a stored mark counts too, which also covers judges served by another server process.
 */
export class JudgePresence {
  private readonly seen = new Map<string, number>();

  touch(judgeId: string, at = Date.now()): void {
    this.seen.set(judgeId, at);
  }

  lastSeen(judgeId: string): number | null {
    return this.seen.get(judgeId) ?? null;
  }
}

/**
 * Counts the public watchers of contests' boards (Socket.IO room sizes), from the realtime layer:
 * across all server processes when several share Redis, hence asynchronous and for many at once.
 */
export type ScreenCounter = (contestIds: string[]) => Promise<ReadonlyMap<string, number>>;

/** What the overview reads besides the database and the boards (fields of the services object). */
export interface OverviewCtx extends DomainCtx {
  presence: JudgePresence;
  screens: ScreenCounter;
}

export async function eventOverview(
  ctx: OverviewCtx,
  actor: Actor,
  eventId: string,
  now = Date.now(),
): Promise<EventOverview> {
  requireOrganiser(actor);
  const [ev] = await ctx.db.select({ id: events.id, name: events.name }).from(events).where(eq(events.id, eventId));
  if (!ev) throw unknownEvent();
  const cs = await ctx.db
    .select({ id: contests.id })
    .from(contests)
    .where(eq(contests.eventId, eventId))
    .orderBy(asc(contests.position));
  const ids = cs.map((c) => c.id);
  if (ids.length === 0) return { event: ev, at: new Date(now).toISOString(), contests: [] };

  const js = await ctx.db.select().from(judges).where(eq(judges.eventId, eventId)).orderBy(asc(judges.code));
  // Per contest and judge: how many mark revisions, and when the last one arrived.
  const byJudge = rowsOf<{ contest_id: string; judge: string; n: number | string; last: string | Date }>(
    await ctx.db.execute(sql`SELECT contest_id, judge, count(*) AS n, max(received_at) AS last FROM ${marks}
      WHERE contest_id IN ${inList(ids)} GROUP BY contest_id, judge`),
  );
  const remarks = await openRemarks(ctx, ids);
  const screens = await ctx.screens(ids);

  const out: ContestOverview[] = [];
  for (const id of ids) {
    const c = await ctx.boards.get(id);
    if (!c) continue; // removed while we read
    let active = 0;
    let complete = 0;
    let flags = 0;
    for (const p of c.meta.contestants) {
      if (p.status !== 'active') continue;
      active++;
      const s = c.board.score(p.bib);
      if (s?.complete) complete++;
      flags += s?.flags.length ?? 0;
    }
    const mine = byJudge.filter((r) => r.contest_id === id);
    out.push({
      id,
      code: c.meta.code,
      name: c.meta.name,
      state: c.state,
      frozen: c.frozenSeq !== null,
      seq: c.seq,
      active,
      complete,
      flags,
      marks: mine.reduce((sum, r) => sum + Number(r.n), 0),
      remarks: remarks.get(id) ?? 0,
      judges: js
        .filter((j) => j.contestId === id)
        .map((j) => {
          const marked = mine.find((r) => r.judge === j.code);
          const last = Math.max(ctx.presence.lastSeen(j.id) ?? 0, marked ? new Date(marked.last).getTime() : 0);
          return {
            code: j.code,
            name: j.name,
            chief: j.chief,
            shadow: j.shadow,
            online: last > 0 && now - last <= ONLINE_WINDOW_MS,
            lastSeen: last > 0 ? new Date(last).toISOString() : null,
          };
        }),
      screens: screens.get(id) ?? 0,
    });
  }
  return { event: ev, at: new Date(now).toISOString(), contests: out };
}

/** Open requests to mark again per contest, by the same rule as the chief judge's desk. */
async function openRemarks(ctx: DomainCtx, ids: string[]): Promise<Map<string, number>> {
  const reqs = await ctx.db.select().from(remarkRequests).where(inArray(remarkRequests.contestId, ids));
  const counts = new Map<string, number>();
  if (reqs.length === 0) return counts;
  // Newest revision of every judge's mark on the cells someone asked about.
  const latest = rowsOf<{
    contest_id: string;
    contestant: string;
    criterion: string;
    judge: string;
    seq: number | string;
    shadow: boolean;
  }>(
    await ctx.db
      .execute(sql`SELECT DISTINCT ON (m.contest_id, m.contestant, m.criterion, m.judge) m.contest_id, m.contestant, m.criterion, m.judge, m.seq, m.shadow
      FROM ${marks} m
      WHERE m.contest_id IN ${inList([...new Set(reqs.map((r) => r.contestId))])}
        AND EXISTS (SELECT 1 FROM ${remarkRequests} r WHERE r.contest_id = m.contest_id AND r.contestant = m.contestant AND r.criterion = m.criterion)
      ORDER BY m.contest_id, m.contestant, m.criterion, m.judge, m.revision DESC, m.seq DESC`),
  );
  const cells = new Map<string, CellMarkSeq[]>();
  for (const m of latest) {
    const key = `${m.contest_id}\u0000${m.contestant}\u0000${m.criterion}`;
    cells.set(key, [...(cells.get(key) ?? []), { judge: m.judge, seq: Number(m.seq), shadow: m.shadow }]);
  }
  for (const r of reqs) {
    if (remarkOpen(r, cells.get(`${r.contestId}\u0000${r.contestant}\u0000${r.criterion}`) ?? [])) {
      counts.set(r.contestId, (counts.get(r.contestId) ?? 0) + 1);
    }
  }
  return counts;
}

const inList = (values: string[]) =>
  sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
