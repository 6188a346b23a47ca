// Score of one contestant (SCORING §3–§4): criterion points, section scores, total,
// completeness and flags.
import type { Criterion, Section } from '../event-file/schema.ts';
import { criterionPoints } from './criterion.ts';
import { round2 } from './round.ts';
import type { ContestDef, ContestantScore, FlagResolution, ScoringMark } from './types.ts';

export interface CriterionEntry {
  criterion: Criterion;
  section: Section;
}

const indexCache = new WeakMap<ContestDef, Map<string, CriterionEntry>>();

/** criterion code → its definition and section (cached per definition object). */
export function criteriaByCode(def: ContestDef): Map<string, CriterionEntry> {
  let map = indexCache.get(def);
  if (map === undefined) {
    map = new Map();
    for (const section of def.sections) {
      for (const criterion of section.criteria) map.set(criterion.code, { criterion, section });
    }
    indexCache.set(def, map);
  }
  return map;
}

/** True when `a` is a newer revision than `b` of the same (judge, contestant, criterion). */
export function isNewerRevision(a: ScoringMark, b: ScoringMark): boolean {
  return a.revision > b.revision || (a.revision === b.revision && a.order > b.order);
}

/** Key of a (judge, criterion) pair within one contestant. */
export function judgeKey(judge: string, criterion: string): string {
  return `${criterion}\u0000${judge}`;
}

/** The marks that count: the newest revision per (judge, criterion), grouped by criterion. */
export function countedMarks(marks: Iterable<ScoringMark>): Map<string, ScoringMark[]> {
  const newest = new Map<string, ScoringMark>();
  for (const m of marks) {
    const key = judgeKey(m.judge, m.criterion);
    const old = newest.get(key);
    if (old === undefined || isNewerRevision(m, old)) newest.set(key, m);
  }
  return groupByCriterion(newest.values());
}

export function groupByCriterion(marks: Iterable<ScoringMark>): Map<string, ScoringMark[]> {
  const byCriterion = new Map<string, ScoringMark[]>();
  for (const m of marks) {
    const list = byCriterion.get(m.criterion);
    if (list === undefined) byCriterion.set(m.criterion, [m]);
    else list.push(m);
  }
  return byCriterion;
}

/**
 * Score from the counted marks (already one per judge and criterion).
 * `resolvedAt(criterion)` gives the highest order of a flag resolution, if any.
 */
export function scoreCounted(
  def: ContestDef,
  bib: string,
  counted: ReadonlyMap<string, readonly ScoringMark[]>,
  resolvedAt: (criterion: string) => number | undefined,
): ContestantScore {
  const sections: Record<string, number> = {};
  const criteria: Record<string, number> = {};
  const raw: Record<string, number | boolean | undefined> = {};
  const flags: string[] = [];
  const marksCount: Record<string, number> = {};
  let complete = true;
  let marked = false;
  const unmarkedSections: string[] = [];
  let total = 0;
  for (const section of def.sections) {
    let max = 0;
    let points = 0;
    let deductions = 0;
    let sectionMarked = false;
    for (const c of section.criteria) {
      const marks = counted.get(c.code) ?? [];
      if (marks.length > 0) sectionMarked = true;
      const r = criterionPoints(c, marks);
      criteria[c.code] = round2(r.points);
      marksCount[c.code] = r.judges;
      if (c.kind === 'deduction') {
        deductions += r.points;
        continue;
      }
      max += c.max;
      points += r.points;
      if (!r.satisfied) complete = false;
      if (r.raw !== undefined) raw[c.code] = r.raw;
      if (c.kind === 'judgement' && c.maxSpread !== undefined && r.spread > c.maxSpread + 1e-9) {
        const at = resolvedAt(c.code);
        const newest = Math.max(...marks.map((m) => m.order));
        if (at === undefined || at < newest) flags.push(c.code);
      }
    }
    if (sectionMarked) marked = true;
    else unmarkedSections.push(section.code);
    // A section without measurement or judgement criteria has M = 0: it scores 0.
    const s = max > 0 ? Math.min(Math.max(points - deductions, 0), max) : 0;
    sections[section.code] = round2(s);
    if (max > 0) total += section.weight * 100 * (s / max);
  }
  const flagged = flags.length > 0;
  return {
    bib,
    total: round2(total),
    sections,
    criteria,
    raw,
    complete,
    marked,
    unmarkedSections,
    flagged,
    flags,
    marksCount,
  };
}

/** Highest resolution order per criterion for one contestant. */
export function resolutionOrders(bib: string, resolutions: readonly FlagResolution[]): Map<string, number> {
  const at = new Map<string, number>();
  for (const r of resolutions) {
    if (r.contestant !== bib) continue;
    const old = at.get(r.criterion);
    if (old === undefined || r.order > old) at.set(r.criterion, r.order);
  }
  return at;
}

/**
 * Score one contestant from all of its accepted mark revisions (any order). Marks for other
 * contestants and for unknown criteria are ignored.
 */
export function scoreContestant(
  def: ContestDef,
  bib: string,
  marks: readonly ScoringMark[],
  resolutions: readonly FlagResolution[] = [],
): ContestantScore {
  const index = criteriaByCode(def);
  const mine = marks.filter((m) => m.contestant === bib && index.has(m.criterion));
  const at = resolutionOrders(bib, resolutions);
  return scoreCounted(def, bib, countedMarks(mine), (code) => at.get(code));
}
