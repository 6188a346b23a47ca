// Pure helpers over the chief judge's progress (GET /contests/:id/progress): cell colours,
// filters, flags, who owes what, and readable certification blockers. No I/O, no runes.
import type { ContestProgress, ProgressCell } from '$shared/judge.ts';
import type { CertifyBlocker } from '$shared/api.ts';
import { normaliseQuery } from '$lib/board-rows.ts';
import { formatNumber, t } from '$lib/i18n/index.ts';

export type ProgressRow = ContestProgress['rows'][number];
export type ProgressCriterion = ContestProgress['criteria'][number];
export type ProgressJudge = ContestProgress['judges'][number];

/** complete / partial / missing / flagged for marked criteria; none / deducted for deductions; inactive for withdrawn contestants. */
export type CellStatus = 'complete' | 'partial' | 'missing' | 'flagged' | 'none' | 'deducted' | 'inactive';

export function cellStatus(row: ProgressRow, cell: ProgressCell): CellStatus {
  if (cell.flagged) return 'flagged';
  if (row.status !== 'active') return 'inactive';
  // A deduction marked as "0 violations" took nothing: no red, as if none were marked.
  if (cell.need === 0) return cell.have > 0 && cell.points !== 0 ? 'deducted' : 'none';
  if (cell.have >= cell.need) return 'complete';
  return cell.have > 0 ? 'partial' : 'missing';
}

/** Points a deduction takes, shown "−2"; nothing taken is a plain "0", never "−0". */
export function deductionText(points: number): string {
  return points === 0 ? formatNumber(0) : `−${formatNumber(points)}`;
}

/**
 * The warning before certifying while contestants are unmarked or flagged, naming only the counts that
 * are not zero (never "0 contestants are not fully marked"); null when there is nothing to warn about.
 */
export function certifyWarning(incomplete: number, flagged: number): string | null {
  if (incomplete === 0 && flagged === 0) return null;
  const parts = incomplete > 0 && flagged > 0 ? 'both' : incomplete > 0 ? 'incomplete' : 'flagged';
  return t('chief.state.certifyWarn', { incomplete, flagged, parts });
}

/** Marks shown as "have/need"; a measurement marked twice still reads 1/1. */
export function haveOfNeed(cell: ProgressCell, kind: ProgressCriterion['kind']): number {
  return kind === 'measurement' ? Math.min(cell.have, cell.need) : cell.have;
}

/** Judges were too far apart, and the chief judge accepted the marks as they are. */
export function acceptedFlag(cell: ProgressCell, criterion: ProgressCriterion): boolean {
  return (
    !cell.flagged && criterion.maxSpread !== null && cell.spread !== null && cell.spread > criterion.maxSpread + 1e-9
  );
}

export interface RowFilter {
  query: string;
  incompleteOnly: boolean;
  flaggedOnly: boolean;
}

export function filterProgressRows(rows: readonly ProgressRow[], f: RowFilter): ProgressRow[] {
  const q = normaliseQuery(f.query);
  return rows.filter((r) => {
    if (f.incompleteOnly && (r.complete || r.status !== 'active')) return false;
    if (f.flaggedOnly && !Object.values(r.cells).some((c) => c.flagged)) return false;
    if (!q) return true;
    // A row without a name is shown by its station only (blind): the bib must not find it either.
    const fields = r.name
      ? [r.bib, r.station ?? '', r.name, r.organisation ?? '', r.organisationName ?? '']
      : [who(r, r.bib)];
    return fields.some((field) => field.toLowerCase().normalize('NFKC').includes(q));
  });
}

export interface FlaggedCell {
  row: ProgressRow;
  criterion: ProgressCriterion;
  cell: ProgressCell;
}

/** Every flagged criterion, in board order of contestants and sheet order of criteria. */
export function flaggedCells(p: ContestProgress): FlaggedCell[] {
  const out: FlaggedCell[] = [];
  for (const row of p.rows) {
    for (const criterion of p.criteria) {
      const cell = row.cells[criterion.code];
      if (cell?.flagged) out.push({ row, criterion, cell });
    }
  }
  return out;
}

export interface JudgeDebt {
  judge: ProgressJudge;
  total: number;
  /** criterion code → bibs still owed, in contestant order, and how the desk names them (see who) */
  byCriterion: { criterion: ProgressCriterion; bibs: string[]; names: string[] }[];
}

/**
 * What each marking judge still owes, most first. The chief judge and trainee (shadow) judges are
 * left out: their marks are not expected.
 */
export function judgeDebts(p: ContestProgress): JudgeDebt[] {
  const rows = new Map(p.rows.map((r) => [r.bib, r]));
  // Bibs, as the desk has always listed them; stations only for rows without a name (see who).
  const shown = (bib: string) => {
    const row = rows.get(bib);
    return row && !row.name ? who(row, bib) : bib;
  };
  return p.judges
    .filter((j) => !j.chief && !j.shadow)
    .map((judge) => {
      const byCriterion = p.criteria
        .map((criterion) => {
          const bibs = judge.missing.filter((m) => m.criterion === criterion.code).map((m) => m.contestant);
          return { criterion, bibs, names: bibs.map(shown) };
        })
        .filter((x) => x.bibs.length > 0);
      return { judge, total: judge.missing.length, byCriterion };
    })
    .sort((a, b) => b.total - a.total || a.judge.code.localeCompare(b.judge.code));
}

/** A blind contest before certification, seen by its chief judge: stations only, no organisations. */
export function peopleHidden(p: ContestProgress): boolean {
  return p.rows.some((r) => r.name === undefined);
}

/**
 * How a contestant is named on the desk: bib and name, or only the station while a blind contest
 * hides people (the desk never shows bibs beside stations: bibs are on every printed list).
 */
export function who(row: Pick<ProgressRow, 'bib' | 'name' | 'station'> | undefined, bib: string): string {
  if (!row) return bib;
  if (row.name) return `${row.bib} ${row.name}`;
  return row.station ?? row.bib;
}

/** A blocker this app can word, or one it cannot (a newer server's kind: its `reasons` are English only). */
export type Blocker = CertifyBlocker | { kind: 'other' };

const KNOWN = new Set(['incomplete', 'flagged']);

/** The server's reasons for refusing certification: its structured `blockers`, one per reason. */
export function blockersOf(error: { reasons?: string[]; blockers?: { kind: string }[] }): Blocker[] {
  if (error.blockers?.length) {
    return error.blockers.map((b) => (KNOWN.has(b.kind) ? (b as CertifyBlocker) : { kind: 'other' }));
  }
  return (error.reasons ?? []).map(() => ({ kind: 'other' }));
}
