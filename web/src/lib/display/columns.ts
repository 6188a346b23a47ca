// The columns of a contest board on the big screen, shared by the live board and the reveal.
import type { Section } from '$shared/event-file/schema.ts';

/** Sections show as columns only when they fit beside the names. */
export const MAX_SECTION_COLUMNS = 3;

export function visibleSections(sections: readonly Section[] | undefined): readonly Section[] {
  return sections && sections.length <= MAX_SECTION_COLUMNS ? sections : [];
}

/** CSS grid columns: rank, name (station), organisation, sections…, total, award. */
export function boardColumns(blind: boolean, sectionCount: number): string {
  return [
    'calc(var(--u) * 5)',
    'minmax(0, 1.3fr)',
    ...(blind ? [] : ['minmax(0, 1fr)']),
    ...Array.from({ length: sectionCount }, () => 'calc(var(--u) * 8.5)'),
    'calc(var(--u) * 11)',
    'calc(var(--u) * 10)',
  ].join(' ');
}

/** Position of an award among the contest's tiers (0 = best), for its colour; null when unknown. */
export function awardTier(awards: readonly { name: string }[] | undefined, award: string | null): number | null {
  const i = award ? (awards ?? []).findIndex((a) => a.name === award) : -1;
  return i < 0 ? null : i;
}
