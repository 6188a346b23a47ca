// Contestant and judge rosters from CSV or spreadsheet rows (no I/O): parsing, column names,
// and row checks with the event file's own rules.
export * from './csv.ts';
export * from './decode.ts';
export * from './columns.ts';
export * from './validate.ts';
