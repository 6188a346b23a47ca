// The data of every export, taken from the live board (BoardCache and the shared scoring engine):
// a spreadsheet, a CSV and a printed sheet always show the same numbers as the leaderboard.
import { asc, eq } from 'drizzle-orm';
import { contests, events } from '../../db/schema/index.ts';
import type { ContestState } from '../../shared/api.ts';
import type { ContestantStatus, Criterion } from '../../shared/event-file/schema.ts';
import { newestByOrder } from '../../shared/scoring/criterion.ts';
import { teamTables } from '../../shared/scoring/teams.ts';
import { blindHidden } from '../../shared/blind.ts';
import type { BoardRow, ScoringMark } from '../../shared/scoring/types.ts';
import { unknownContest, unknownEvent } from '../errors.ts';
import type { CachedContest } from '../domain/boards/boards.ts';
import type { DomainCtx } from '../domain/context.ts';
import { eventTeams } from '../domain/boards/queries.ts';
import type { Actor } from '../domain/auth/auth.ts';

/** What one criterion was marked: nothing, one value, or each counted judge's value. */
export type RawMark =
  | { kind: 'none' }
  | { kind: 'value'; value: number | boolean }
  | { kind: 'judges'; marks: { judge: string; value: number }[] };

export interface ResultRow {
  rank: number | null;
  bib: string;
  name: string;
  organisation: string; // the organisation's name (or the station in a hidden blind contest)
  station: string | null;
  status: ContestantStatus;
  sections: Record<string, number>;
  total: number;
  award: string | null;
  complete: boolean;
  flagged: boolean;
}

export interface PointsRow {
  rank: number | null;
  bib: string;
  name: string;
  organisation: string;
  /** criterion code → points it gives (deductions negative) and what was marked. */
  cells: Record<string, { points: number; raw: RawMark }>;
}

export interface TeamExportRow {
  rank: number;
  organisation: string; // name
  code: string;
  score: number;
}

export interface ContestExport {
  event: { id: string; name: string };
  contest: { id: string; code: string; name: string; state: ContestState; blind: boolean; seq: number };
  /** Names are replaced by stations (a blind contest before certification, seen by a judge). */
  hidden: boolean;
  sections: { code: string; name: string }[];
  criteria: { code: string; name: string; kind: Criterion['kind']; section: string }[];
  rows: ResultRow[];
  points: PointsRow[];
  teams: TeamExportRow[];
}

export interface EventExport {
  event: { id: string; name: string };
  contests: ContestExport[];
  /** The event team ranking (SCORING §7), with each contest's team score per organisation. */
  teams: (TeamExportRow & { contests: Record<string, number | null> })[];
}

export type Viewer = 'organiser' | 'official';

async function eventName(ctx: DomainCtx, eventId: string): Promise<{ id: string; name: string }> {
  const [e] = await ctx.db.select({ id: events.id, name: events.name }).from(events).where(eq(events.id, eventId));
  if (!e) throw unknownEvent();
  return e;
}

/** The export of one contest as `viewer` may see it; 404 for an unknown contest. */
export async function contestExport(ctx: DomainCtx, contestId: string, viewer: Viewer): Promise<ContestExport> {
  const c = await ctx.boards.get(contestId);
  if (!c) throw unknownContest();
  return buildContestExport(c, await eventName(ctx, c.meta.eventId), viewer);
}

export function buildContestExport(
  c: CachedContest,
  event: { id: string; name: string },
  viewer: Viewer,
): ContestExport {
  const { meta, board } = c;
  // As public boards do (boards.ts boardFor): only organisers see people before certification.
  const hidden = viewer !== 'organiser' && blindHidden(meta.def.blind, c.state);
  const boardRows = board.rows();
  const who = (r: BoardRow) => {
    if (!hidden) {
      return { bib: r.bib, name: r.name, organisation: meta.organisations.get(r.organisation) ?? r.organisation };
    }
    const station = meta.shownAs.get(r.bib)!;
    return { bib: station, name: station, organisation: station };
  };
  const rows: ResultRow[] = boardRows.map((r) => ({
    rank: r.rank,
    ...who(r),
    station: r.station ?? null,
    status: r.status,
    sections: { ...r.sections },
    total: r.total,
    award: r.award,
    complete: r.complete,
    flagged: r.flagged,
  }));
  const criteria = meta.def.sections.flatMap((s) =>
    s.criteria.map((k) => ({ code: k.code, name: k.name, kind: k.kind, section: s.code })),
  );
  const points: PointsRow[] = boardRows.map((r) => {
    const score = board.score(r.bib);
    const counted = board.countedMarks(r.bib);
    const cells: PointsRow['cells'] = {};
    for (const k of criteria) {
      const pts = score?.criteria[k.code] ?? 0;
      cells[k.code] = {
        points: k.kind === 'deduction' && pts !== 0 ? -pts : pts,
        raw: rawOf(
          k.kind,
          counted.filter((m) => m.criterion === k.code),
        ),
      };
    }
    return { rank: r.rank, ...who(r), cells };
  });
  // The contest's team table exactly as GET /events/:id/teams computes it (organisers' live rows);
  // none while people are hidden: team scores are sums of the totals beside the stations.
  const t = teamTables(hidden ? [] : [{ code: meta.code, teamSize: meta.def.teamSize, rows: boardRows }]);
  const teams = (t.contests[meta.code] ?? []).map((x) => ({
    rank: x.rank,
    code: x.organisation,
    organisation: meta.organisations.get(x.organisation) ?? x.organisation,
    score: x.score,
  }));
  return {
    event,
    contest: {
      id: meta.id,
      code: meta.code,
      name: meta.name,
      state: c.state,
      blind: meta.def.blind === true,
      seq: c.seq,
    },
    hidden,
    sections: meta.def.sections.map((s) => ({ code: s.code, name: s.name })),
    criteria,
    rows,
    points,
    teams,
  };
}

/** The raw value(s) behind a criterion's points, chosen as the engine chooses them (criterion.ts). */
function rawOf(kind: Criterion['kind'], marks: ScoringMark[]): RawMark {
  if (marks.length === 0) return { kind: 'none' };
  if (kind === 'judgement') {
    const sorted = [...marks].sort((a, b) => (a.judge < b.judge ? -1 : a.judge > b.judge ? 1 : 0));
    return { kind: 'judges', marks: sorted.map((m) => ({ judge: m.judge, value: Number(m.value) })) };
  }
  const newest = newestByOrder(marks);
  return newest ? { kind: 'value', value: newest.value } : { kind: 'none' };
}

/** Every contest of an event (organisers' view) and the event team ranking; 404 for an unknown event. */
export async function eventExport(ctx: DomainCtx, actor: Actor, eventId: string): Promise<EventExport> {
  const event = await eventName(ctx, eventId);
  const ids = await ctx.db
    .select({ id: contests.id })
    .from(contests)
    .where(eq(contests.eventId, eventId))
    .orderBy(asc(contests.position));
  const list: ContestExport[] = [];
  for (const { id } of ids) {
    const c = await ctx.boards.get(id);
    if (c) list.push(buildContestExport(c, event, 'organiser'));
  }
  const teams = await eventTeams(ctx, actor, eventId);
  const names = new Map<string, string>();
  for (const c of ids) {
    const meta = await ctx.boards.meta(c.id);
    for (const [code, name] of meta?.organisations ?? []) names.set(code, name);
  }
  return {
    event,
    contests: list,
    teams: teams.overall.map((o) => ({
      rank: o.rank,
      code: o.organisation,
      organisation: names.get(o.organisation) ?? o.organisation,
      score: o.score,
      contests: Object.fromEntries(
        list.map((c) => [
          c.contest.code,
          teams.contests[c.contest.code]?.find((x) => x.organisation === o.organisation)?.score ?? null,
        ]),
      ),
    })),
  };
}
