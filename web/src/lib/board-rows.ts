// Pure helpers over leaderboard rows: what changed between two boards, the search filter, and how
// screens write a row's scores.
import type { BoardRow } from '$shared/scoring/types.ts';
import { formatScore } from '$shared/scoring/format.ts';
import { sameRow } from '$shared/scoring/same-row.ts';

/**
 * An active contestant without a counted mark yet: not ranked (SCORING §5.4). Screens show "—" for
 * its rank, total and sections, and say "not started" (a 0 would read as a result).
 */
export function notStarted(row: Pick<BoardRow, 'rank' | 'status'>): boolean {
  return row.status === 'active' && row.rank === null;
}

/** A row's total or one of its section scores as screens write it: two decimals, "—" before the first mark. */
export function scoreText(
  row: Pick<BoardRow, 'rank' | 'status' | 'total' | 'sections' | 'unmarked'>,
  section?: string,
): string {
  if (notStarted(row)) return '—';
  if (section !== undefined && row.unmarked?.includes(section)) return '—';
  const value = section === undefined ? row.total : row.sections[section];
  return value === undefined ? '—' : formatScore(value);
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
