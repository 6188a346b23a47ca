// Contestant and judge rosters from CSV or spreadsheet rows (no I/O): parsing, column names,
// organisations named by code or name, and row checks with the event file's own rules.
export * from './csv.ts';
export * from './decode.ts';
export * from './columns.ts';
export * from './problems.ts';
export * from './organisations.ts';
export * from './validate.ts';
export { rosterContext } from './rows.ts';
export type { NamedOrganisation, RosterContext, RosterCounts, RosterMode, RosterRow } from './rows.ts';
