// A preview's problems arranged for the table: by row and column, plus those of the whole file.
import type { RosterProblem } from '$shared/roster-api.ts';

export interface ProblemIndex {
  /** problems that belong to no row (missing column, empty file …) or to a row the table does not show */
  file: RosterProblem[];
  byRow: Map<number, RosterProblem[]>;
}

export function indexProblems(problems: readonly RosterProblem[], rows: readonly number[]): ProblemIndex {
  const shown = new Set(rows);
  const index: ProblemIndex = { file: [], byRow: new Map() };
  for (const p of problems) {
    if (!shown.has(p.row)) {
      index.file.push(p);
      continue;
    }
    const list = index.byRow.get(p.row);
    if (list) list.push(p);
    else index.byRow.set(p.row, [p]);
  }
  return index;
}

export function cellProblems(index: ProblemIndex, row: number, column: string): RosterProblem[] {
  return (index.byRow.get(row) ?? []).filter((p) => p.column === column);
}
