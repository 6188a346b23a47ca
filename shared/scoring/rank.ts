// Board order, ranks and awards (SCORING §5–§6).
import { awardFor, tierCutoffs } from './awards.ts';
import type { BoardRow, ContestDef, ContestantInfo, ContestantScore } from './types.ts';
import { criteriaByCode } from './contestant.ts';

export interface BoardEntry {
  info: ContestantInfo;
  score: ContestantScore;
}

type Compare = (a: ContestantScore, b: ContestantScore) => number;

/** Plain string comparison (code-unit order, never locale-dependent). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A value worth more (higher section/criterion, or lower raw for raw-asc) sorts first. */
function desc(a: number, b: number): number {
  return a > b ? -1 : a < b ? 1 : 0;
}

function rawNumber(v: number | boolean | undefined): number | undefined {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function rawCompare(code: string, ascending: boolean): Compare {
  return (a, b) => {
    const x = rawNumber(a.raw[code]);
    const y = rawNumber(b.raw[code]);
    if (x === undefined || y === undefined) {
      return x === undefined ? (y === undefined ? 0 : 1) : -1; // no mark last
    }
    return ascending ? -desc(x, y) : desc(x, y);
  };
}

/** Comparator for one tie-break key (`section:…`, `criterion:…`, `raw-asc:…`, `raw-desc:…`). */
export function tieBreakCompare(def: ContestDef, key: string): Compare {
  const colon = key.indexOf(':');
  const type = key.slice(0, colon);
  const code = key.slice(colon + 1);
  if (type === 'section') return (a, b) => desc(a.sections[code] ?? 0, b.sections[code] ?? 0);
  if (type === 'criterion') {
    // A deduction's "points" are negative: fewer points deducted ranks first.
    const sign = criteriaByCode(def).get(code)?.criterion.kind === 'deduction' ? -1 : 1;
    return (a, b) => desc(sign * (a.criteria[code] ?? 0), sign * (b.criteria[code] ?? 0));
  }
  if (type === 'raw-asc') return rawCompare(code, true);
  if (type === 'raw-desc') return rawCompare(code, false);
  return () => 0;
}

/** Compares ranked contestants by total then tie-breaks; 0 means they share a rank. */
export function rankCompare(def: ContestDef): Compare {
  const keys = (def.tieBreak ?? []).map((k) => tieBreakCompare(def, k));
  return (a, b) => {
    let c = desc(a.total, b.total);
    for (let i = 0; c === 0 && i < keys.length; i++) c = keys[i]!(a, b);
    return c;
  };
}

/** Withdrawn and disqualified contestants are never ranked (SCORING §5 point 5). */
export function isRanked(info: ContestantInfo): boolean {
  return info.status !== 'withdrawn' && info.status !== 'disqualified';
}

/** Where a contestant stands: ranked, not ranked for want of a counted mark (§5.4), or out (§5.5). */
export function standing(e: BoardEntry): 'ranked' | 'unmarked' | 'out' {
  return !isRanked(e.info) ? 'out' : e.score.marked ? 'ranked' : 'unmarked';
}

export function toRow(e: BoardEntry, rank: number | null, award: string | null): BoardRow {
  const { info, score } = e;
  return {
    bib: info.bib,
    name: info.name,
    organisation: info.organisation,
    ...(info.station !== undefined ? { station: info.station } : {}),
    rank,
    total: score.total,
    sections: { ...score.sections },
    complete: score.complete,
    flagged: score.flagged,
    award,
    status: info.status,
    ...(score.marked && score.unmarkedSections.length > 0 ? { unmarked: [...score.unmarkedSections] } : {}),
  };
}

/** Builds one board row; a caller may hand back a row it built before for the same inputs. */
export type RowMaker = (e: BoardEntry, rank: number | null, award: string | null) => BoardRow;

/**
 * The leaderboard rows in board order, with ranks and awards (SCORING §5–§6): ranked contestants,
 * then those without a counted mark, then withdrawn and disqualified. Entries given in (nearly) board
 * order sort in about linear time, which is what a live board gives after a few marks.
 */
export function rankBoard(def: ContestDef, entries: readonly BoardEntry[], makeRow: RowMaker = toRow): BoardRow[] {
  const cmp = rankCompare(def);
  const byBib = (a: BoardEntry, b: BoardEntry) => compareStrings(a.info.bib, b.info.bib);
  const ranked = entries.filter((e) => standing(e) === 'ranked');
  ranked.sort((a, b) => cmp(a.score, b.score) || byBib(a, b));
  // Not ranked: first those without a counted mark yet, then withdrawn and disqualified, each in bib order.
  const unmarked = entries.filter((e) => standing(e) === 'unmarked').sort(byBib);
  const out = entries.filter((e) => standing(e) === 'out').sort(byBib);

  const ranks: number[] = [];
  ranked.forEach((e, i) => {
    const prev = ranked[i - 1];
    ranks.push(prev !== undefined && cmp(prev.score, e.score) === 0 ? ranks[i - 1]! : i + 1);
  });
  const tiers = def.awards ?? [];
  const n = ranked.filter((e) => e.score.complete).length;
  const cutoffs = tierCutoffs(tiers, n);
  const rows = ranked.map((e, i) => {
    const rank = ranks[i]!;
    const award = e.score.complete ? awardFor(tiers, cutoffs, rank, e.score.total) : null;
    return makeRow(e, rank, award);
  });
  for (const e of unmarked) rows.push(makeRow(e, null, null));
  for (const e of out) rows.push(makeRow(e, null, null));
  return rows;
}
