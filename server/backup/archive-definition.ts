// An archive's definition of its event: the event file must pass every rule an imported or edited
// file passes (shared/event-file), and the rows of organisations, contests, sections, criteria,
// contestants and judges must be exactly the rows the server makes from that file. So a row can
// only say what a valid file says: a contestant the file rules would refuse cannot come in as a row.
import { getTableColumns, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as s from '../../db/schema/index.ts';
import { parseEventFile } from '../../shared/event-file/parse.ts';
import type { Contest, EventFile } from '../../shared/event-file/schema.ts';
import { issue, type Issue } from '../../shared/errors/index.ts';
import { contestDefinition, contestPartRows, judgeRow, organisationRows } from '../domain/events/event-store.ts';
import { canonicalJson } from '../domain/ids.ts';
import type { ArchiveRow, EventArchive } from './archive-format.ts';

export type RowKind = 'event' | 'organisation' | 'contest' | 'section' | 'criterion' | 'contestant' | 'judge';

/** What the rules between rows need of the definition: each contest of the archive, by id. */
export interface DefinedContest {
  id: string;
  contest: Contest;
  row: ArchiveRow;
}

/** A Drizzle row (camelCase keys) with its columns' names, as the archive holds rows. */
function asColumns(table: PgTable, row: Record<string, unknown>): ArchiveRow {
  const columns = getTableColumns(table) as Record<string, Column>;
  const out: ArchiveRow = {};
  for (const [key, value] of Object.entries(row)) out[columns[key]!.name] = value ?? null;
  return out;
}

type Add = (found: Issue) => void;

/** Rows the file makes for one table, by key; the archive's rows must be these, each once. */
function compareRows(
  table: string,
  what: RowKind,
  archived: readonly ArchiveRow[],
  expected: Map<string, ArchiveRow>,
  keyOf: (row: ArchiveRow) => string,
  add: Add,
): void {
  const seen = new Set<string>();
  archived.forEach((row, i) => {
    const key = keyOf(row);
    const want = expected.get(key);
    const at = `tables.${table}[${i}]`;
    if (seen.has(key)) return add(issue(at, 'archive_duplicate_row', 'appears twice'));
    seen.add(key);
    if (!want) return add(issue(at, 'archive_not_in_file', `is no ${what} of the event file`, { what }));
    const differs = Object.keys(want).find((col) => canonicalJson(row[col]) !== canonicalJson(want[col]));
    const message = `differs from the event file's ${what}`;
    if (differs) add(issue(`${at}.${differs}`, 'archive_not_in_file', message, { what }));
  });
  for (const key of expected.keys()) {
    if (seen.has(key)) continue;
    add(issue(`tables.${table}`, 'archive_missing_row', `has no row for ${what} ${key}`, { what, value: key }));
  }
}

/** The file's own issues, at their place in the archive; and PINs, which a stored file never holds. */
function fileIssues(file: unknown, add: Add): EventFile | null {
  const parsed = parseEventFile(file);
  const at = 'tables.events[0].file';
  if (!parsed.ok) {
    for (const found of parsed.issues) add({ ...found, path: found.path ? `${at}.${found.path}` : at });
    return null;
  }
  parsed.file.contests.forEach((c, ci) =>
    c.judges.forEach((j, ji) => {
      const path = `${at}.contests[${ci}].judges[${ji}].pin`;
      if (j.pin !== undefined) add(issue(path, 'unknown_field', 'a stored event file holds no PINs', { field: 'pin' }));
    }),
  );
  return parsed.file;
}

/** The rows the server makes from the file, by key, with the archive's contest ids. */
function expectedRows(a: EventArchive, file: EventFile, contests: Map<string, DefinedContest>) {
  const eventId = a.event;
  const byCode = new Map(a.tables.contests!.map((row) => [String(row.code), row]));
  const rows = {
    organisations: new Map(organisationRows(eventId, file).map((r) => [r.code, asColumns(s.organisations, r)])),
    contests: new Map<string, ArchiveRow>(),
    sections: new Map<string, ArchiveRow>(),
    criteria: new Map<string, ArchiveRow>(),
    contestants: new Map<string, ArchiveRow>(),
    judges: new Map<string, ArchiveRow>(),
  };
  file.contests.forEach((c, position) => {
    const definition = contestDefinition(c);
    rows.contests.set(c.code, { event_id: eventId, code: c.code, name: c.name, position, definition });
    const row = byCode.get(c.code);
    if (!row) return; // reported as a missing row
    const id = String(row.id);
    contests.set(id, { id, contest: c, row });
    const parts = contestPartRows(id, c);
    for (const r of parts.sections) rows.sections.set(`${c.code}/${r.code}`, asColumns(s.sections, r));
    for (const r of parts.criteria) rows.criteria.set(`${c.code}/${r.code}`, asColumns(s.criteria, r));
    for (const r of parts.contestants) rows.contestants.set(`${c.code}/${r.bib}`, asColumns(s.contestants, r));
    for (const j of c.judges) {
      // The row id and PIN hash are the archive's own; everything else is the file's.
      const judge = asColumns(s.judges, judgeRow(j, { id: '', eventId, contestId: id }, ''));
      const { id: _, pin_hash: __, ...want } = judge;
      rows.judges.set(j.code, want);
    }
  });
  return rows;
}

/** The event file's issues, and the rows' differences from it; the archive's contests when all is well. */
export function definitionIssues(a: EventArchive, add: Add): Map<string, DefinedContest> | null {
  const event = a.tables.events![0];
  const file = event ? fileIssues(event.file, add) : null;
  if (!event || !file) return null;
  if (event.name !== file.name) {
    add(issue('tables.events[0].name', 'archive_not_in_file', 'differs from the event file', { what: 'event' }));
  }
  const contests = new Map<string, DefinedContest>();
  const want = expectedRows(a, file, contests);
  const codes = new Map(a.tables.contests!.map((c) => [c.id, String(c.code)]));
  const inContest = (key: string) => (r: ArchiveRow) => `${codes.get(r.contest_id) ?? String(r.contest_id)}/${r[key]}`;
  const byCode = (r: ArchiveRow) => String(r.code);
  const t = a.tables;
  compareRows('organisations', 'organisation', t.organisations!, want.organisations, byCode, add);
  compareRows('contests', 'contest', t.contests!, want.contests, byCode, add);
  compareRows('sections', 'section', t.sections!, want.sections, inContest('code'), add);
  compareRows('criteria', 'criterion', t.criteria!, want.criteria, inContest('code'), add);
  compareRows('contestants', 'contestant', t.contestants!, want.contestants, inContest('bib'), add);
  compareRows('judges', 'judge', t.judges!, want.judges, byCode, add);
  return contests;
}
