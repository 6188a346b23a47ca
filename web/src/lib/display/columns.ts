// The columns of a contest board on the big screen, shared by the live board and the reveal.
import type { Section } from '$shared/event-file/schema.ts';

/** Sections show as columns only when they fit beside the names. */
export const MAX_SECTION_COLUMNS = 3;

export function visibleSections(
  sections: readonly Section[] | undefined,
  max = MAX_SECTION_COLUMNS,
): readonly Section[] {
  return sections && sections.length <= max ? sections : [];
}

/** Widest section name, in em of the column header, that stays whole in its column (8 --t at 1.8 --t). */
export const SECTION_LABEL_EM = 4.2;

/** Width of a text in em, roughly: CJK and full-width characters 1, others 0.6. */
export function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : 0.6;
  return w;
}

/**
 * Column labels of the sections: their names when all fit on one line, otherwise letters (A, B, …)
 * for all, so the columns read alike, explained by a legend under the board.
 */
export function sectionLabels(sections: readonly Section[]): { labels: string[]; legend: boolean } {
  const legend = sections.some((s) => emWidth(s.name) > SECTION_LABEL_EM);
  return { labels: sections.map((s, i) => (legend ? String.fromCharCode(65 + i) : s.name)), legend };
}

/** CSS grid columns: rank, name (station), organisation, sections…, total, award (sized by the type, --t). */
export function boardColumns(blind: boolean, sectionCount: number): string {
  return [
    'calc(var(--t) * 5.2)',
    'minmax(0, 1.35fr)',
    ...(blind ? [] : ['minmax(0, 1fr)']),
    ...Array.from({ length: sectionCount }, () => 'calc(var(--t) * 8)'),
    'calc(var(--t) * 13)',
    'calc(var(--t) * 8.5)',
  ].join(' ');
}

/** Position of an award among the contest's tiers (0 = best), for its colour; null when unknown. */
export function awardTier(awards: readonly { name: string }[] | undefined, award: string | null): number | null {
  const i = award ? (awards ?? []).findIndex((a) => a.name === award) : -1;
  return i < 0 ? null : i;
}
