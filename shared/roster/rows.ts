// The rows of a roster before the contestant or judge rules: the header read into fields, each row
// into trimmed values by field, and the problems of a row collected so a field is reported once.
import {
  contestant as contestantSchema,
  judge as judgeSchema,
  type Contestant,
  type EventFile,
  type Judge,
  type Organisation,
} from '../event-file/schema.ts';
import { columnsOf, mapHeader, REQUIRED, type RosterKind } from './columns.ts';
import type { CsvRecord } from './csv.ts';
import type { NewOrganisation } from './organisations.ts';
import type { RosterProblem, RosterProblemCode, RosterProblemParams } from './problems.ts';

export type RosterMode = 'replace' | 'merge';

export interface RosterRow {
  row: number;
  /** the row's cells by field, trimmed (a PIN only as asterisks) */
  values: Record<string, string>;
}

export interface RosterContext {
  mode: RosterMode;
  /** the event's organisations (with any the import adds) */
  organisations: readonly Organisation[];
  /** criterion codes of the contest */
  criteria: ReadonlySet<string>;
  /** the contest's contestants and judges now */
  contestants: readonly Contestant[];
  judges: readonly Judge[];
  /** judges of the event's other contests: lower-case code → contest code */
  otherJudges: ReadonlyMap<string, string>;
}

export interface RosterCounts {
  rows: number;
  problems: number;
  /** rows whose bib (judge code) is not in the contest yet */
  new: number;
  /** rows that replace a contestant (judge) with the same bib (code) */
  updated: number;
  /** contestants (judges) that a replace removes */
  removed: number;
}

/** A cell that named an organisation by its name rather than its code. */
export interface NamedOrganisation {
  value: string;
  code: string;
  name: string;
}

export interface Reading<K extends RosterKind, T> {
  kind: K;
  rows: RosterRow[];
  problems: RosterProblem[];
  /** the valid rows as event-file entries, in file order */
  entries: { row: number; value: T }[];
  /** headers that name no known column */
  ignored: string[];
  counts: RosterCounts;
  /** organisations named by name, one per distinct cell */
  namedOrganisations: NamedOrganisation[];
  /** names no organisation of the event has, each with a proposed code */
  unknownOrganisations: NewOrganisation[];
}

/** What rows of `file`'s contest number `index` are checked against. */
export function rosterContext(file: EventFile, index: number, mode: RosterMode): RosterContext {
  const contest = file.contests[index]!;
  return {
    mode,
    organisations: file.organisations,
    criteria: new Set(contest.sections.flatMap((s) => s.criteria.map((k) => k.code))),
    contestants: contest.contestants,
    judges: contest.judges,
    otherJudges: new Map(
      file.contests.flatMap((c, i) =>
        i === index ? [] : c.judges.map((j) => [j.code.toLowerCase(), c.code] as const),
      ),
    ),
  };
}

export const q = (s: string) => JSON.stringify(s);

// Cells that hold codes are read with full-width forms folded (Ｃ００１ → C001), as IMEs type them.
// Organisations are not among them: a cell may hold a name, shown as written and matched loosely.
const CODE_LIKE = new Set(['bib', 'station', 'status', 'code', 'criteria', 'chief', 'shadow', 'pin']);

export interface Prepared {
  data: { line: number; values: Record<string, string> }[];
  problems: RosterProblem[];
  ignored: string[];
  /** required fields without a column: reported once on the header, not again on every row */
  missing: Set<string>;
}

export function prepare(kind: RosterKind, records: readonly CsvRecord[]): Prepared {
  const problems: RosterProblem[] = [];
  const [head, ...rest] = records;
  if (!head) {
    problems.push({
      row: 1,
      column: '',
      value: '',
      code: 'empty_file',
      params: { names: [...REQUIRED[kind]] },
      message: `the file is empty: its first row must name the columns (${REQUIRED[kind].join(', ')} …)`,
    });
    return { data: [], problems, ignored: [], missing: new Set() };
  }
  const map = mapHeader(kind, head.cells);
  const missing = new Set(REQUIRED[kind].filter((f) => !map.fields.has(f)));
  for (const field of missing) {
    const names = [...columnsOf(kind)[field]!];
    problems.push({
      row: head.line,
      column: field,
      value: '',
      code: 'missing_column',
      params: { field, names },
      message: `no column for ${q(field)}: name one ${names.map(q).join(' or ')}`,
    });
  }
  for (const d of map.duplicates)
    problems.push({
      row: head.line,
      column: d.field,
      value: d.header,
      code: 'duplicate_column',
      params: { field: d.field, header: d.header },
      message: `two columns hold ${q(d.field)}: keep one (the second is ${q(d.header)})`,
    });
  const data = [];
  for (const rec of rest) {
    if (rec.cells.every((c) => c.trim() === '')) continue; // spreadsheets leave blank rows at the end
    const values: Record<string, string> = {};
    for (const [field, index] of map.fields) {
      const raw = (rec.cells[index] ?? '').trim();
      values[field] = CODE_LIKE.has(field) ? raw.normalize('NFKC').trim() : raw;
    }
    data.push({ line: rec.line, values });
  }
  if (data.length === 0 && problems.length === 0)
    problems.push({
      row: head.line,
      column: '',
      value: '',
      code: 'no_rows',
      params: {},
      message: 'the file has a header but no rows',
    });
  return { data, problems, ignored: map.ignored, missing };
}

/** Collects a row's problems; a field with a problem is not checked again. */
export class RowProblems {
  readonly fields = new Set<string>();
  constructor(
    private readonly all: RosterProblem[],
    readonly line: number,
    private readonly values: Record<string, string>,
    private readonly muted: ReadonlySet<string>,
  ) {}
  add(
    column: string,
    code: RosterProblemCode,
    message: string,
    params: RosterProblemParams = {},
    value = this.values[column] ?? '',
  ): void {
    this.fields.add(column);
    if (!this.muted.has(column)) this.all.push({ row: this.line, column, value, code, params, message });
  }
  get any(): boolean {
    return this.fields.size > 0;
  }
}

interface ShapeIssue {
  code: string;
  message: string;
  origin?: string;
  maximum?: unknown;
  path: PropertyKey[];
}

/** The schema's verdict on a candidate entry, reported on fields not already reported. */
export function checkShape(
  schema: typeof contestantSchema | typeof judgeSchema,
  candidate: Record<string, unknown>,
  p: RowProblems,
): void {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return;
  for (const issue of parsed.error.issues as ShapeIssue[]) {
    const column = String(issue.path[0] ?? '');
    if (p.fields.has(column)) continue;
    const index = issue.path[1];
    const criteria = Array.isArray(candidate.criteria) ? (candidate.criteria as string[]) : [];
    const value = column === 'criteria' && typeof index === 'number' ? (criteria[index] ?? '') : undefined;
    if (issue.code === 'too_big' && issue.origin === 'string' && issue.maximum !== undefined) {
      const max = Number(issue.maximum);
      p.add(column, 'invalid', `must be at most ${max} characters`, { reason: 'too_long', max }, value);
    } else p.add(column, 'invalid', issue.message, { reason: 'format' }, value);
  }
}

export function requireFields(kind: RosterKind, p: RowProblems, values: Record<string, string>): void {
  const who = kind === 'contestants' ? 'contestant' : 'judge';
  for (const field of REQUIRED[kind])
    if ((values[field] ?? '') === '') p.add(field, 'required', `is empty: every ${who} needs a ${field}`);
}

export function countRows(
  rows: number,
  problems: number,
  keys: string[],
  existing: string[],
  mode: RosterMode,
): RosterCounts {
  const before = new Set(existing);
  const inFile = new Set(keys);
  const updated = keys.filter((k) => before.has(k)).length;
  return {
    rows,
    problems,
    new: keys.length - updated,
    updated,
    removed: mode === 'replace' ? existing.filter((k) => !inFile.has(k)).length : 0,
  };
}

// The event file's limits (schema.ts: contestants .max(20000), judges .max(2000)).
const MAX: Record<RosterKind, number> = { contestants: 20000, judges: 2000 };

export function checkSize(kind: RosterKind, total: number, line: number, problems: RosterProblem[]): void {
  if (total > MAX[kind])
    problems.push({
      row: line,
      column: '',
      value: String(total),
      code: 'too_many_rows',
      params: { max: MAX[kind], total },
      message: `a contest holds at most ${MAX[kind]} ${kind}; this would make ${total}`,
    });
}
