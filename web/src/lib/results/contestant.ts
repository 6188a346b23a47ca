// Pure helpers of the contestant page: finding the row, and what each section is out of.
import type { BoardRow } from '$shared/scoring/types.ts';
import type { Section } from '$shared/event-file/schema.ts';
import { normaliseQuery, notStarted } from '$lib/board-rows.ts';

/** The row of a bib as typed in an address: exact first, then ignoring case and full-width letters. */
export function findRow(rows: readonly BoardRow[], bib: string): BoardRow | null {
  const exact = rows.find((r) => r.bib === bib);
  if (exact) return exact;
  const wanted = normaliseQuery(bib);
  return rows.find((r) => normaliseQuery(r.bib) === wanted) ?? null;
}

/** Section max M (SCORING §4): the sum of `max` over its measurement and judgement criteria. */
export function sectionMax(section: Pick<Section, 'criteria'>): number {
  return section.criteria.reduce((sum, k) => (k.kind === 'deduction' ? sum : sum + k.max), 0);
}

export interface SectionLine {
  code: string;
  name: string;
  /** Share of the total, 0–100 (weight × 100). */
  weightPct: number;
  score: number | null;
  max: number;
  /** 0–1, for the bar. */
  fraction: number;
  /** Points this section adds to the total: weight × 100 × S / M. */
  points: number | null;
}

export function sectionLines(sections: readonly Section[], row: BoardRow | null): SectionLine[] {
  return sections.map((s) => {
    const max = sectionMax(s);
    // Before the first mark in a section it has no score yet (a 0 would read as a result).
    const score = row && !notStarted(row) && !row.unmarked?.includes(s.code) ? (row.sections[s.code] ?? null) : null;
    const fraction = score === null || max <= 0 ? 0 : Math.min(1, Math.max(0, score / max));
    return {
      code: s.code,
      name: s.name,
      weightPct: Math.round(s.weight * 1000) / 10,
      score,
      max,
      fraction,
      points: score === null ? null : Math.round(s.weight * 100 * fraction * 100) / 100,
    };
  });
}

/** Ranked contestants (those with a rank), for "rank r of n". */
export function rankedCount(rows: readonly BoardRow[]): number {
  return rows.filter((r) => r.status === 'active' && r.rank !== null).length;
}

/** The address of a contestant's page (CONTRACT §10 plus /:bib). */
export function contestantHref(eventId: string, contestCode: string, bib: string): string {
  return `/results/${encodeURIComponent(eventId)}/${encodeURIComponent(contestCode)}/${encodeURIComponent(bib)}`;
}
