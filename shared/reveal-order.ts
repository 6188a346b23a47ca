// The reveal ceremony's order (issue 14): the server sends a big screen the rows revealed so far in
// this order, the screen lays them out in the ranked slots.
import type { BoardRow } from './scoring/types.ts';

/** Contestants in the order they are revealed: ranked rows, last place first. */
export function revealOrder(rows: readonly BoardRow[]): BoardRow[] {
  return rows.filter((r) => r.rank !== null).reverse();
}

/** The ranked rows in board order (the slots of the reveal board, best first). */
export function rankedRows(rows: readonly BoardRow[]): BoardRow[] {
  return rows.filter((r) => r.rank !== null);
}
