// Rows of a contestant or judge roster checked with the event file's own schemas and rules
// (CONTRACT §4), so a roster that passes here makes a valid event file. Every problem names the
// file's line (header = 1) and the column, so an organiser can fix the spreadsheet directly.
import {
  contestant as contestantSchema,
  judge as judgeSchema,
  type Contestant,
  type ContestantStatus,
  type Judge,
} from '../event-file/schema.ts';
import type { CsvRecord } from './csv.ts';
import { columnsOf, mapHeader, REQUIRED, type RosterKind } from './columns.ts';

export type RosterMode = 'replace' | 'merge';

export type RosterProblemCode =
  | 'syntax'
  | 'empty_file'
  | 'no_rows'
  | 'missing_column'
  | 'duplicate_column'
  | 'too_many_rows'
  | 'required'
  | 'invalid'
  | 'duplicate'
  | 'unknown_organisation'
  | 'unknown_criterion';

export interface RosterProblem {
  /** 1-based line (CSV) or row (XLSX) of the file; the header is 1. */
  row: number;
  /** the field (bib, name, …), or "" for a problem of the whole file */
  column: string;
  value: string;
  code: RosterProblemCode;
  message: string;
}

export interface RosterRow {
  row: number;
  /** the row's cells by field, trimmed (a PIN only as asterisks) */
  values: Record<string, string>;
}

export interface RosterContext {
  mode: RosterMode;
  organisations: ReadonlySet<string>;
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

interface Reading<K extends RosterKind, T> {
  kind: K;
  rows: RosterRow[];
  problems: RosterProblem[];
  /** the valid rows as event-file entries, in file order */
  entries: { row: number; value: T }[];
  /** headers that name no known column */
  ignored: string[];
  counts: RosterCounts;
}
export type ContestantReading = Reading<'contestants', Contestant>;
export type JudgeReading = Reading<'judges', Judge>;
export type RosterReading = ContestantReading | JudgeReading;

// The event file's limits (schema.ts: contestants .max(20000), judges .max(2000)).
const MAX: Record<RosterKind, number> = { contestants: 20000, judges: 2000 };

const q = (s: string) => JSON.stringify(s);

const STATUS: Record<string, ContestantStatus> = {
  active: 'active', 正常: 'active', 在赛: 'active', 参赛: 'active',
  withdrawn: 'withdrawn', 退赛: 'withdrawn', 弃权: 'withdrawn', 缺考: 'withdrawn',
  disqualified: 'disqualified', 取消资格: 'disqualified', 失格: 'disqualified',
};

const YES = new Set(['是', 'yes', 'y', 'true', '1', '√', '✓']);
const NO = new Set(['否', 'no', 'n', 'false', '0', '×']);

// Cells that hold codes are read with full-width forms folded (Ｃ００１ → C001), as IMEs type them.
const CODE_LIKE = new Set(['bib', 'station', 'organisation', 'status', 'code', 'criteria', 'chief', 'shadow', 'pin']);

export function readRoster(kind: RosterKind, records: readonly CsvRecord[], ctx: RosterContext): RosterReading {
  return kind === 'contestants' ? readContestants(records, ctx) : readJudges(records, ctx);
}

interface Prepared {
  data: { line: number; values: Record<string, string> }[];
  problems: RosterProblem[];
  ignored: string[];
  /** required fields without a column: reported once on the header, not again on every row */
  missing: Set<string>;
}

function prepare(kind: RosterKind, records: readonly CsvRecord[]): Prepared {
  const problems: RosterProblem[] = [];
  const [head, ...rest] = records;
  if (!head) {
    problems.push({
      row: 1, column: '', value: '', code: 'empty_file',
      message: `the file is empty: its first row must name the columns (${REQUIRED[kind].join(', ')} …)`,
    });
    return { data: [], problems, ignored: [], missing: new Set() };
  }
  const map = mapHeader(kind, head.cells);
  const missing = new Set(REQUIRED[kind].filter((f) => !map.fields.has(f)));
  for (const field of missing)
    problems.push({
      row: head.line, column: field, value: '', code: 'missing_column',
      message: `no column for ${q(field)}: name one ${columnsOf(kind)[field]!.map(q).join(' or ')}`,
    });
  for (const d of map.duplicates)
    problems.push({
      row: head.line, column: d.field, value: d.header, code: 'duplicate_column',
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
    problems.push({ row: head.line, column: '', value: '', code: 'no_rows', message: 'the file has a header but no rows' });
  return { data, problems, ignored: map.ignored, missing };
}

/** Collects a row's problems; a field with a problem is not checked again. */
class RowProblems {
  readonly fields = new Set<string>();
  constructor(
    private readonly all: RosterProblem[],
    private readonly line: number,
    private readonly values: Record<string, string>,
    private readonly muted: ReadonlySet<string>,
  ) {}
  add(column: string, code: RosterProblemCode, message: string, value = this.values[column] ?? ''): void {
    this.fields.add(column);
    if (!this.muted.has(column)) this.all.push({ row: this.line, column, value, code, message });
  }
  get any(): boolean {
    return this.fields.size > 0;
  }
}

function zodMessage(issue: { code: string; message: string; maximum?: unknown }): string {
  if (issue.code === 'too_big' && issue.maximum !== undefined) return `must be at most ${String(issue.maximum)} characters`;
  return issue.message;
}

/** The schema's verdict on a candidate entry, reported on fields not already reported. */
function checkShape(
  schema: typeof contestantSchema | typeof judgeSchema,
  candidate: Record<string, unknown>,
  p: RowProblems,
): void {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const column = String(issue.path[0] ?? '');
    if (p.fields.has(column)) continue;
    const index = issue.path[1];
    const criteria = Array.isArray(candidate.criteria) ? (candidate.criteria as string[]) : [];
    const value = column === 'criteria' && typeof index === 'number' ? (criteria[index] ?? '') : undefined;
    p.add(column, 'invalid', zodMessage(issue as never), value);
  }
}

function requireFields(kind: RosterKind, p: RowProblems, values: Record<string, string>): void {
  for (const field of REQUIRED[kind])
    if ((values[field] ?? '') === '') p.add(field, 'required', `is empty: every ${kind === 'contestants' ? 'contestant' : 'judge'} needs a ${field}`);
}

function counts(rows: number, problems: number, keys: string[], existing: string[], mode: RosterMode): RosterCounts {
  const before = new Set(existing);
  const inFile = new Set(keys);
  const updated = keys.filter((k) => before.has(k)).length;
  return {
    rows, problems, new: keys.length - updated, updated,
    removed: mode === 'replace' ? existing.filter((k) => !inFile.has(k)).length : 0,
  };
}

function checkSize(kind: RosterKind, total: number, line: number, problems: RosterProblem[]): void {
  if (total > MAX[kind])
    problems.push({
      row: line, column: '', value: String(total), code: 'too_many_rows',
      message: `a contest holds at most ${MAX[kind]} ${kind}; this would make ${total}`,
    });
}

export function readContestants(records: readonly CsvRecord[], ctx: RosterContext): ContestantReading {
  const { data, problems, ignored, missing } = prepare('contestants', records);
  const entries: ContestantReading['entries'] = [];
  const bibs = new Map<string, number>();
  const stations = new Map<string, number>();
  const existingBibs = new Set(ctx.contestants.map((c) => c.bib));
  const existingStations = new Map(ctx.contestants.flatMap((c) => (c.station ? [[c.station, c.bib] as const] : [])));
  for (const { line, values } of data) {
    const p = new RowProblems(problems, line, values, missing);
    requireFields('contestants', p, values);
    const station = values.station ?? '';
    const statusText = values.status ?? '';
    const status = statusText === '' ? undefined : STATUS[statusText.toLowerCase()];
    if (statusText !== '' && !status)
      p.add('status', 'invalid', 'must be active, withdrawn or disqualified (正常, 退赛, 取消资格)');
    const candidate = {
      bib: values.bib ?? '', name: values.name ?? '', organisation: values.organisation ?? '',
      ...(station !== '' ? { station } : {}), ...(status ? { status } : {}),
    };
    checkShape(contestantSchema, candidate, p);
    if (!p.fields.has('organisation') && !ctx.organisations.has(candidate.organisation))
      p.add('organisation', 'unknown_organisation', `unknown organisation ${q(candidate.organisation)}: use the code of one of the event's organisations`);
    if (!p.fields.has('bib')) {
      const first = bibs.get(candidate.bib);
      if (first !== undefined) p.add('bib', 'duplicate', `bib ${q(candidate.bib)} is also on row ${first}`);
      else {
        bibs.set(candidate.bib, line);
        if (ctx.mode === 'merge' && existingBibs.has(candidate.bib))
          p.add('bib', 'duplicate', `bib ${q(candidate.bib)} is already in the contest: merge only adds contestants (replace the roster to change one)`);
      }
    }
    if (station !== '' && !p.fields.has('station')) {
      const first = stations.get(station);
      const holder = existingStations.get(station);
      if (first !== undefined) p.add('station', 'duplicate', `station ${q(station)} is also on row ${first}`);
      else {
        stations.set(station, line);
        if (ctx.mode === 'merge' && holder !== undefined)
          p.add('station', 'duplicate', `station ${q(station)} is already taken by contestant ${q(holder)}`);
      }
    }
    if (!p.any) entries.push({ row: line, value: candidate as Contestant });
  }
  const total = ctx.mode === 'merge' ? ctx.contestants.length + data.length : data.length;
  checkSize('contestants', total, records[0]?.line ?? 1, problems);
  return {
    kind: 'contestants',
    rows: data.map(({ line, values }) => ({ row: line, values })),
    problems,
    entries,
    ignored,
    counts: counts(data.length, problems.length, entries.map((e) => e.value.bib), ctx.contestants.map((c) => c.bib), ctx.mode),
  };
}

function parseFlag(p: RowProblems, field: 'chief' | 'shadow', text: string): boolean | undefined {
  if (text === '') return undefined;
  const t = text.toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  p.add(field, 'invalid', 'must be 是 or 否 (yes/no, true/false, 1/0)');
  return undefined;
}

function parseCriteria(text: string): '*' | string[] {
  if (text === '*' || text === '全部' || text.toLowerCase() === 'all') return '*';
  return text.split(/[\s;；,，、]+/).filter((c) => c !== '');
}

export function readJudges(records: readonly CsvRecord[], ctx: RosterContext): JudgeReading {
  const { data, problems, ignored, missing } = prepare('judges', records);
  const entries: JudgeReading['entries'] = [];
  const codes = new Map<string, number>();
  const existing = new Set(ctx.judges.map((j) => j.code.toLowerCase()));
  for (const { line, values } of data) {
    const p = new RowProblems(problems, line, values, missing);
    requireFields('judges', p, values);
    const chief = parseFlag(p, 'chief', values.chief ?? '');
    const shadow = parseFlag(p, 'shadow', values.shadow ?? '');
    const criteria = parseCriteria(values.criteria ?? '');
    const { pin = '', organisation = '' } = values;
    const candidate = {
      code: values.code ?? '', name: values.name ?? '', criteria,
      ...(pin !== '' ? { pin } : {}), ...(organisation !== '' ? { organisation } : {}),
      ...(chief !== undefined ? { chief } : {}), ...(shadow !== undefined ? { shadow } : {}),
    };
    checkShape(judgeSchema, candidate, p);
    if (organisation !== '' && !p.fields.has('organisation') && !ctx.organisations.has(organisation))
      p.add('organisation', 'unknown_organisation', `unknown organisation ${q(organisation)}: use the code of one of the event's organisations`);
    if (criteria !== '*' && !p.fields.has('criteria'))
      for (const c of criteria)
        if (!ctx.criteria.has(c))
          p.add('criteria', 'unknown_criterion', `unknown criterion ${q(c)}: the contest has ${[...ctx.criteria].join(', ')}`, c);
    if (chief === true && shadow === true && !p.fields.has('shadow'))
      p.add('shadow', 'invalid', 'a chief judge cannot be a shadow (trainee) judge');
    if (!p.fields.has('code')) {
      // Judges sign in with event + code, and tablets capitalise on their own: unique ignoring case.
      const key = candidate.code.toLowerCase();
      const first = codes.get(key);
      const other = ctx.otherJudges.get(key);
      if (first !== undefined) p.add('code', 'duplicate', `judge code ${q(candidate.code)} is also on row ${first}`);
      else {
        codes.set(key, line);
        if (other !== undefined) p.add('code', 'duplicate', `judge code ${q(candidate.code)} is already used in contest ${q(other)}: judge codes are unique in the event`);
        else if (ctx.mode === 'merge' && existing.has(key))
          p.add('code', 'duplicate', `judge ${q(candidate.code)} is already in the contest: merge only adds judges (replace the roster to change one)`);
      }
    }
    if (!p.any) entries.push({ row: line, value: candidate as Judge });
  }
  const total = ctx.mode === 'merge' ? ctx.judges.length + data.length : data.length;
  checkSize('judges', total, records[0]?.line ?? 1, problems);
  return {
    kind: 'judges',
    rows: data.map(({ line, values }) => ({ row: line, values: values.pin ? { ...values, pin: '*'.repeat(values.pin.length) } : values })),
    problems,
    entries,
    ignored,
    counts: counts(data.length, problems.length, entries.map((e) => e.value.code.toLowerCase()), ctx.judges.map((j) => j.code.toLowerCase()), ctx.mode),
  };
}

/** The contest's list after the import: replace takes the file's entries, merge appends them. */
export function applyRoster<T>(existing: readonly T[], entries: readonly { value: T }[], mode: RosterMode): T[] {
  const incoming = entries.map((e) => e.value);
  return mode === 'replace' ? incoming : [...existing, ...incoming];
}
