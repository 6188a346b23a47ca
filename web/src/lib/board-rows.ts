// Pure helpers over leaderboard rows: what changed between two boards, and the search filter.
import type { BoardRow } from '$shared/scoring/types.ts';

function sameRow(a: BoardRow, b: BoardRow): boolean {
  if (
    a.rank !== b.rank ||
    a.total !== b.total ||
    a.award !== b.award ||
    a.complete !== b.complete ||
    a.flagged !== b.flagged ||
    a.status !== b.status ||
    a.name !== b.name ||
    a.organisation !== b.organisation ||
    a.station !== b.station
  ) {
    return false;
  }
  const keys = Object.keys(a.sections);
  if (keys.length !== Object.keys(b.sections).length) return false;
  return keys.every((k) => a.sections[k] === b.sections[k]);
}

/** Bibs whose row is new or differs between two boards (for a full update, which lists no changes). */
export function changedBibs(before: readonly BoardRow[], after: readonly BoardRow[]): string[] {
  const old = new Map(before.map((r) => [r.bib, r] as const));
  return after
    .filter((r) => {
      const prev = old.get(r.bib);
      return !prev || !sameRow(prev, r);
    })
    .map((r) => r.bib);
}

/**
 * A row of a blind contest as the public sees it before certification: the station in place of
 * bib, name and organisation (shared/blind.ts). Nothing else to show or search in it.
 */
export function stationOnly(row: Pick<BoardRow, 'bib' | 'name' | 'organisation'>): boolean {
  return row.bib === row.name && row.organisation === row.name;
}

export function normaliseQuery(query: string): string {
  return query.trim().toLowerCase().normalize('NFKC');
}

/**
 * Rows whose bib, station, name or organisation (code or display name) contains the query,
 * ignoring case and full-width/half-width differences (phones often type full-width letters).
 */
export function filterRows(
  rows: readonly BoardRow[],
  query: string,
  organisationName: (code: string) => string = (code) => code,
): readonly BoardRow[] {
  const q = normaliseQuery(query);
  if (!q) return rows;
  const fields = (r: BoardRow) =>
    stationOnly(r) ? [r.bib] : [r.bib, r.station ?? '', r.name, r.organisation, organisationName(r.organisation)];
  return rows.filter((r) => fields(r).some((field) => field.toLowerCase().normalize('NFKC').includes(q)));
}
