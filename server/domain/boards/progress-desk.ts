// The steps of the chief judge's desk (progress.ts): each judge's newest marks by cell, the
// criteria with what each cell needs, the contestants' rows, and what every judge still owes.
import { sql } from 'drizzle-orm';
import { marks } from '../../../db/schema/index.ts';
import { rowsOf } from '../../../db/create-db.ts';
import type { ContestProgress, MissingMark, ProgressCell, ProgressMark } from '../../../shared/judge.ts';
import type { Actor } from '../auth/auth.ts';
import { isRecused } from '../marks/recusal.ts';
import type { DomainCtx } from '../context.ts';
import type { CachedContest } from './boards.ts';
import type { CellMarkSeq } from './progress.ts';

type ProgressCriterion = ContestProgress['criteria'][number];
type ProgressRow = ContestProgress['rows'][number];
type JudgeRow = { code: string; name: string; chief: boolean; shadow: boolean; organisation: string | null };

/** The newest revision of every judge's mark, shadow judges' included, by cell ("bib/criterion"). */
export async function newestMarksByCell(ctx: DomainCtx, contestId: string) {
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
    await ctx.db.execute(sql`SELECT DISTINCT ON (contestant, criterion, judge)
        contestant, criterion, judge, value, revision, received_at, shadow, note, seq
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
  return { byCell, seqs };
}

/** The contest's criteria in order, with how many marks a cell needs and the spread that flags it. */
export function progressCriteria(c: CachedContest): ProgressCriterion[] {
  return [...c.meta.criteria.values()].map(({ criterion: k, section }) => ({
    code: k.code,
    name: k.name,
    kind: k.kind,
    section: section.code,
    sectionName: section.name,
    need: k.kind === 'judgement' ? (k.judges ?? 1) : k.kind === 'measurement' ? 1 : 0,
    maxSpread: k.kind === 'judgement' ? (k.maxSpread ?? null) : null,
    def: k,
  }));
}

/**
 * One row a contestant, each cell with what it has and needs, its points, flag and spread; and how
 * many are complete and flagged. `hide`: a blind contest shown to a judge, stations only.
 */
export function progressRows(
  c: CachedContest,
  criteria: ProgressCriterion[],
  byCell: Map<string, ProgressMark[]>,
  actor: Actor,
  hide: boolean,
) {
  let complete = 0;
  let flagged = 0;
  const rows: ProgressRow[] = c.meta.contestants.map((p) => {
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
  return { rows, complete, flagged };
}

/**
 * A judge on the desk, with the cells it still owes. A judge never marks its own organisation's
 * contestants. While people are hidden, the desk must not show which stations those are (nor the
 * judge's organisation): what a judge owes is then every open cell of its criteria it has not
 * marked, as for a judge of no organisation.
 */
export function judgeOnDesk(
  j: JudgeRow & { criteria: '*' | string[] },
  c: CachedContest,
  criteria: ProgressCriterion[],
  rows: ProgressRow[],
  hide: boolean,
): ContestProgress['judges'][number] {
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
}
