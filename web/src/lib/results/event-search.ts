// "Find me" across an event: one query over the public boards of every open contest.
import type { BoardRow } from '$shared/scoring/types.ts';
import { normaliseQuery, stationOnly } from '$lib/board-rows.ts';

export interface ContestRows {
  code: string;
  name: string;
  rows: readonly BoardRow[];
}

export interface SearchHit {
  contestCode: string;
  contestName: string;
  row: BoardRow;
  /** Exact bib or name matches first, then prefix, then anywhere. */
  score: number;
}

const norm = (text: string) => text.toLowerCase().normalize('NFKC').replace(/\s+/g, '');

function matchScore(q: string, fields: readonly string[]): number {
  let best = 0;
  for (const field of fields) {
    const f = norm(field);
    if (!f) continue;
    if (f === q) return 3;
    if (f.startsWith(q)) best = Math.max(best, 2);
    else if (f.includes(q)) best = Math.max(best, 1);
  }
  return best;
}

/**
 * Rows of every contest whose bib, station, name or organisation matches, best matches first
 * (then by contest and board order). Case, full-width letters and spaces do not matter.
 */
export function searchEvent(
  contests: readonly ContestRows[],
  query: string,
  organisationName: (code: string) => string = (code) => code,
  limit = 30,
): { hits: SearchHit[]; total: number } {
  const q = norm(normaliseQuery(query));
  if (!q) return { hits: [], total: 0 };
  const hits: SearchHit[] = [];
  for (const contest of contests) {
    for (const row of contest.rows) {
      const fields = stationOnly(row)
        ? [row.bib]
        : [row.bib, row.station ?? '', row.name, organisationName(row.organisation)];
      const score = matchScore(q, fields);
      if (score > 0) hits.push({ contestCode: contest.code, contestName: contest.name, row, score });
    }
  }
  // Array.prototype.sort is stable: equal scores keep contest and board order.
  hits.sort((a, b) => b.score - a.score);
  return { hits: hits.slice(0, limit), total: hits.length };
}
