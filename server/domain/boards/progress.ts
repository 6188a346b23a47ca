// The chief judge's desk: who marked what, what is missing, which criteria are flagged, and
// requests to mark again.
import { asc, eq, sql } from 'drizzle-orm';
import { contests, judges, marks, remarkRequests } from '../../../db/schema/index.ts';
import { rowsOf } from '../../../db/create-db.ts';
import type { ContestState } from '../../../shared/api.ts';
import {
  remarkBody,
  type ContestProgress,
  type MissingMark,
  type ProgressCell,
  type ProgressMark,
} from '../../../shared/judge.ts';
import { invalid, parseInput, refuse, unauthorized, unknownContest } from '../../errors.ts';
import { issue } from '../../../shared/errors/index.ts';
import { actorName, type Actor } from '../auth/auth.ts';
import { appendAudit } from '../audit/audit.ts';
import { isRecused, requireNotRecused } from '../marks/recusal.ts';
import { blindHidden } from '../../../shared/blind.ts';
import type { DomainCtx } from '../context.ts';

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
  // Newest revision of every judge's mark, shadow judges' included, with its time and note.
  const latest = rowsOf<{
    contestant: string;
    criterion: string;
    judge: string;
    value: number | boolean;
    revision: number;
    received_at: string | Date;
    shadow: boolean;
    note: string | null;
    seq: number | string;
  }>(
    await ctx.db
      .execute(sql`SELECT DISTINCT ON (contestant, criterion, judge) contestant, criterion, judge, value, revision, received_at, shadow, note, seq
      FROM ${marks} WHERE contest_id = ${contestId} ORDER BY contestant, criterion, judge, revision DESC, seq DESC`),
  );
  const byCell = new Map<string, ProgressMark[]>();
  const seqs = new Map<string, CellMarkSeq[]>();
  for (const m of latest) {
    const key = `${m.contestant}/${m.criterion}`;
    const list = byCell.get(key) ?? [];
    list.push({
      judge: m.judge,
      value: m.value,
      revision: m.revision,
      at: new Date(m.received_at).toISOString(),
      shadow: m.shadow,
      ...(m.note ? { note: m.note } : {}),
    });
    byCell.set(key, list);
    seqs.set(key, [...(seqs.get(key) ?? []), { judge: m.judge, seq: Number(m.seq), shadow: m.shadow }]);
  }
  const criteria = [...c.meta.criteria.values()].map(({ criterion: k, section }) => ({
    code: k.code,
    name: k.name,
    kind: k.kind,
    section: section.code,
    sectionName: section.name,
    need: k.kind === 'judgement' ? (k.judges ?? 1) : k.kind === 'measurement' ? 1 : 0,
    maxSpread: k.kind === 'judgement' ? (k.maxSpread ?? null) : null,
    def: k,
  }));
  // Until results are certified, a blind contest shows a chief judge stations only (organisers see all).
  const hide = actor.role === 'judge' && blindHidden(c.meta.def.blind, c.state);
  let complete = 0;
  let flagged = 0;
  const rows = c.meta.contestants.map((p) => {
    const score = c.board.score(p.bib);
    const cells: Record<string, ProgressCell> = {};
    for (const k of criteria) {
      const ms = byCell.get(`${p.bib}/${k.code}`) ?? [];
      const values = ms
        .filter((m) => !m.shadow)
        .map((m) => m.value)
        .filter((v): v is number => typeof v === 'number');
      cells[k.code] = {
        have: score?.marksCount?.[k.code] ?? 0,
        need: k.need,
        points: ms.some((m) => !m.shadow) ? (score?.criteria[k.code] ?? null) : null,
        flagged: score?.flags.includes(k.code) ?? false,
        spread: k.kind === 'judgement' && values.length > 1 ? Math.max(...values) - Math.min(...values) : null,
        marks: ms,
      };
    }
    if (score?.complete) complete++;
    if (score?.flagged) flagged++;
    const who = hide
      ? {}
      : {
          name: p.name,
          organisation: p.organisation,
          organisationName: c.meta.organisations.get(p.organisation) ?? p.organisation,
        };
    return {
      bib: p.bib,
      ...who,
      station: p.station ?? null,
      status: p.status,
      complete: score?.complete ?? false,
      total: score?.total ?? 0,
      recused: isRecused(actor, p.organisation),
      cells,
    };
  });
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
    judges: js.map((j) => {
      // A judge never marks its own organisation's contestants. While people are hidden, the desk
      // must not show which stations those are (nor the judge's organisation): what a judge owes is
      // then every open cell of its criteria it has not marked, as for a judge of no organisation.
      const recused = (p: { organisation: string }) => !hide && !!j.organisation && j.organisation === p.organisation;
      const missing: MissingMark[] = [];
      for (const k of criteria) {
        if (k.need === 0 || (j.criteria !== '*' && !j.criteria.includes(k.code))) continue;
        for (const [i, p] of c.meta.contestants.entries()) {
          if (p.status !== 'active' || recused(p)) continue;
          const cell = rows[i]!.cells[k.code]!;
          if (cell.have < cell.need && !cell.marks.some((m) => m.judge === j.code))
            missing.push({ contestant: p.bib, criterion: k.code });
        }
      }
      const organisation = hide ? null : j.organisation;
      const { code, name, chief, shadow } = j;
      return { code, name, chief, shadow, criteria: j.criteria, organisation, missing };
    }),
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
