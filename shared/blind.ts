// Blind contests (加密, CONTRACT §7 v1.1): until the results are certified, whoever may not see
// everything sees a contestant as its station only — in place of the bib, the name and the
// organisation — so that nothing links a station to a person or an organisation.
import type { BoardRow } from './scoring/types.ts';
import { hasResults } from './lifecycle.ts';

/** Whether a contest still shows its contestants by station only: blind, and not (or no longer) certified. */
export function blindHidden(blind: boolean | undefined, state: string): boolean {
  return blind === true && !hasResults(state);
}

/** A board row with the station it is shown as in place of bib, name and organisation. */
export function blindRow(row: BoardRow, station: string): BoardRow {
  return { ...row, bib: station, name: station, organisation: station, station };
}
