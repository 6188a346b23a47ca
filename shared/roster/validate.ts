// Rows of a contestant or judge roster checked with the event file's own schemas and rules
// (CONTRACT §4), so a roster that passes here makes a valid event file. Every problem names the
// file's line (header = 1) and the column, so an organiser can fix the spreadsheet directly.
import {
  contestant as contestantSchema,
  judge as judgeSchema,
  type Contestant,
  type ContestantStatus,
  type Judge,
  type Organisation,
} from '../event-file/schema.ts';
import type { RosterKind } from './columns.ts';
import type { CsvRecord } from './csv.ts';
import { organisationMatcher, proposeOrganisations, type OrganisationMatcher } from './organisations.ts';
import { listedOrganisations } from './problems.ts';
import {
  checkShape,
  checkSize,
  countRows,
  prepare,
  q,
  requireFields,
  RowProblems,
  type NamedOrganisation,
  type Reading,
  type RosterContext,
  type RosterMode,
} from './rows.ts';

export type ContestantReading = Reading<'contestants', Contestant>;
export type JudgeReading = Reading<'judges', Judge>;
export type RosterReading = ContestantReading | JudgeReading;

const STATUS: Record<string, ContestantStatus> = {
  active: 'active',
  正常: 'active',
  在赛: 'active',
  参赛: 'active',
  withdrawn: 'withdrawn',
  退赛: 'withdrawn',
  弃权: 'withdrawn',
  缺考: 'withdrawn',
  disqualified: 'disqualified',
  取消资格: 'disqualified',
  失格: 'disqualified',
};

const YES = new Set(['是', 'yes', 'y', 'true', '1', '√', '✓']);
const NO = new Set(['否', 'no', 'n', 'false', '0', '×']);

export function readRoster(kind: RosterKind, records: readonly CsvRecord[], ctx: RosterContext): RosterReading {
  return kind === 'contestants' ? readContestants(records, ctx) : readJudges(records, ctx);
}

/** The organisation cells of a roster: the code each names, and the names the event lacks. */
class OrganisationCells {
  private readonly match: OrganisationMatcher;
  private readonly unknown: { row: number; value: string }[] = [];
  private readonly named = new Map<string, NamedOrganisation>();
  constructor(private readonly all: readonly Organisation[]) {
    this.match = organisationMatcher(all);
  }

  /** The code of the organisation `value` names; undefined (and a problem on the row) when none or several. */
  resolve(p: RowProblems, value: string): string | undefined {
    const m = this.match(value);
    if (m.kind === 'code') return m.organisation.code;
    if (m.kind === 'name' || m.kind === 'similar') {
      const { code, name } = m.organisation;
      if (!this.named.has(value)) this.named.set(value, { value, code, name });
      return code;
    }
    if (m.kind === 'ambiguous') {
      const list = m.candidates.map((o) => `${o.name} (${o.code})`).join(', ');
      p.add('organisation', 'ambiguous_organisation', `${q(value)} could be any of ${list}: write the code`, {
        organisations: m.candidates.map(({ code, name }) => ({ code, name })),
      });
      return undefined;
    }
    this.unknown.push({ row: p.line, value });
    p.add(
      'organisation',
      'unknown_organisation',
      `unknown organisation ${q(value)}: use the code or name of one of the event's organisations, or add it`,
      listedOrganisations(this.all),
    );
    return undefined;
  }

  summary(): Pick<Reading<RosterKind, unknown>, 'namedOrganisations' | 'unknownOrganisations'> {
    return {
      namedOrganisations: [...this.named.values()],
      unknownOrganisations: proposeOrganisations(
        this.unknown,
        this.all.map((o) => o.code),
      ),
    };
  }
}

function alsoOnRow(p: RowProblems, column: string, what: string, value: string, first: number): void {
  p.add(column, 'duplicate', `${what} ${q(value)} is also on row ${first}`, { reason: 'in_file', firstRow: first });
}

/** The row `key` was first seen on; undefined when this row is the first (it is then recorded). */
function firstRow(seen: Map<string, number>, key: string, line: number): number | undefined {
  const first = seen.get(key);
  if (first === undefined) seen.set(key, line);
  return first;
}

export function readContestants(records: readonly CsvRecord[], ctx: RosterContext): ContestantReading {
  const { data, problems, ignored, missing } = prepare('contestants', records);
  const entries: ContestantReading['entries'] = [];
  const orgs = new OrganisationCells(ctx.organisations);
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
      p.add('status', 'invalid', 'must be active, withdrawn or disqualified (参赛, 退赛, 取消资格)', {
        reason: 'status',
      });
    const written = values.organisation ?? '';
    const organisation = written === '' ? '' : orgs.resolve(p, written);
    const candidate = {
      bib: values.bib ?? '',
      name: values.name ?? '',
      organisation: organisation ?? written,
      ...(station !== '' ? { station } : {}),
      ...(status ? { status } : {}),
    };
    checkShape(contestantSchema, candidate, p);
    if (!p.fields.has('bib')) {
      const first = firstRow(bibs, candidate.bib, line);
      if (first !== undefined) alsoOnRow(p, 'bib', 'bib', candidate.bib, first);
      else if (ctx.mode === 'merge' && existingBibs.has(candidate.bib))
        p.add(
          'bib',
          'duplicate',
          `bib ${q(candidate.bib)} is already in the contest: merge only adds (replace the roster to change one)`,
          { reason: 'in_contest' },
        );
    }
    if (station !== '' && !p.fields.has('station')) {
      const first = firstRow(stations, station, line);
      const holder = existingStations.get(station);
      if (first !== undefined) alsoOnRow(p, 'station', 'station', station, first);
      else if (ctx.mode === 'merge' && holder !== undefined)
        p.add('station', 'duplicate', `station ${q(station)} is already taken by contestant ${q(holder)}`, {
          reason: 'taken',
          holder,
        });
    }
    if (!p.any) entries.push({ row: line, value: candidate as Contestant });
  }
  const total = ctx.mode === 'merge' ? ctx.contestants.length + data.length : data.length;
  checkSize('contestants', total, records[0]?.line ?? 1, problems);
  const bibsNow = ctx.contestants.map((c) => c.bib);
  return {
    kind: 'contestants',
    rows: data.map(({ line, values }) => ({ row: line, values })),
    problems,
    entries,
    ignored,
    counts: countRows(
      data.length,
      problems.length,
      entries.map((e) => e.value.bib),
      bibsNow,
      ctx.mode,
    ),
    ...orgs.summary(),
  };
}

function parseFlag(p: RowProblems, field: 'chief' | 'shadow', text: string): boolean | undefined {
  if (text === '') return undefined;
  const t = text.toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  p.add(field, 'invalid', 'must be 是 or 否 (yes/no, true/false, 1/0)', { reason: 'flag' });
  return undefined;
}

function parseCriteria(text: string): '*' | string[] {
  if (text === '*' || text === '全部' || text.toLowerCase() === 'all') return '*';
  return text.split(/[\s;；,，、]+/).filter((c) => c !== '');
}

interface JudgeCodes {
  /** lower-case code → first row in the file */
  seen: Map<string, number>;
  /** lower-case codes of the contest's judges now */
  existing: ReadonlySet<string>;
}

function checkJudgeCode(p: RowProblems, code: string, codes: JudgeCodes, ctx: RosterContext): void {
  // Judges sign in with event + code, and tablets capitalise on their own: unique ignoring case.
  const key = code.toLowerCase();
  const first = firstRow(codes.seen, key, p.line);
  const other = ctx.otherJudges.get(key);
  if (first !== undefined) alsoOnRow(p, 'code', 'judge code', code, first);
  else if (other !== undefined)
    p.add(
      'code',
      'duplicate',
      `judge code ${q(code)} is already used in contest ${q(other)}: judge codes are unique in the event`,
      { reason: 'other_contest', contest: other },
    );
  else if (ctx.mode === 'merge' && codes.existing.has(key))
    p.add(
      'code',
      'duplicate',
      `judge ${q(code)} is already in the contest: merge only adds judges (replace the roster to change one)`,
      { reason: 'in_contest' },
    );
}

export function readJudges(records: readonly CsvRecord[], ctx: RosterContext): JudgeReading {
  const { data, problems, ignored, missing } = prepare('judges', records);
  const entries: JudgeReading['entries'] = [];
  const orgs = new OrganisationCells(ctx.organisations);
  const known = [...ctx.criteria];
  const codes: JudgeCodes = { seen: new Map(), existing: new Set(ctx.judges.map((j) => j.code.toLowerCase())) };
  for (const { line, values } of data) {
    const p = new RowProblems(problems, line, values, missing);
    requireFields('judges', p, values);
    const chief = parseFlag(p, 'chief', values.chief ?? '');
    const shadow = parseFlag(p, 'shadow', values.shadow ?? '');
    const criteria = parseCriteria(values.criteria ?? '');
    const { pin = '', organisation: written = '' } = values;
    const organisation = written === '' ? '' : (orgs.resolve(p, written) ?? written);
    const candidate = {
      code: values.code ?? '',
      name: values.name ?? '',
      criteria,
      ...(pin !== '' ? { pin } : {}),
      ...(organisation !== '' ? { organisation } : {}),
      ...(chief !== undefined ? { chief } : {}),
      ...(shadow !== undefined ? { shadow } : {}),
    };
    checkShape(judgeSchema, candidate, p);
    if (criteria !== '*' && !p.fields.has('criteria'))
      for (const c of criteria)
        if (!ctx.criteria.has(c))
          p.add(
            'criteria',
            'unknown_criterion',
            `unknown criterion ${q(c)}: the contest has ${known.join(', ')}`,
            {
              criteria: known,
            },
            c,
          );
    if (chief === true && shadow === true && !p.fields.has('shadow'))
      p.add('shadow', 'invalid', 'a chief judge cannot be a shadow (trainee) judge', { reason: 'chief_shadow' });
    if (!p.fields.has('code')) checkJudgeCode(p, candidate.code, codes, ctx);
    if (!p.any) entries.push({ row: line, value: candidate as Judge });
  }
  const total = ctx.mode === 'merge' ? ctx.judges.length + data.length : data.length;
  checkSize('judges', total, records[0]?.line ?? 1, problems);
  const keys = entries.map((e) => e.value.code.toLowerCase());
  return {
    kind: 'judges',
    rows: data.map(({ line, values }) => ({
      row: line,
      values: values.pin ? { ...values, pin: '*'.repeat(values.pin.length) } : values,
    })),
    problems,
    entries,
    ignored,
    counts: countRows(data.length, problems.length, keys, [...codes.existing], ctx.mode),
    ...orgs.summary(),
  };
}

/** The contest's list after the import: replace takes the file's entries, merge appends them. */
export function applyRoster<T>(existing: readonly T[], entries: readonly { value: T }[], mode: RosterMode): T[] {
  const incoming = entries.map((e) => e.value);
  return mode === 'replace' ? incoming : [...existing, ...incoming];
}
