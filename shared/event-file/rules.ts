// Cross-field rules of the event file (CONTRACT §4, SCORING.md §1–§6). They run on what could be
// salvaged of the file (./loose.ts), so they report alongside unknown fields and wrong types; a
// rule whose values are missing or invalid is skipped, never guessed. Each problem is an issue
// (shared/errors) with the JSON path of the offending value, written
// `contests[0].sections[1].criteria[2].max` (see formatPath in shared/errors/zod.ts).
import { issue, type DUPLICATES, type Issue } from '../errors/issues.ts';
import type { Holes, LooseContest, LooseContestant, LooseCriterion, LooseFile, LooseSection } from './loose.ts';

export type EventFileIssue = Issue;

/** SCORING §3: values of direct and judgement marks are multiples of `step`, 0.01 by default. */
export const DEFAULT_STEP = 0.01;
const WEIGHT_TOLERANCE = 1e-9;

/** x is a whole multiple of step, forgiving binary floating point (0.3 / 0.1 = 2.9999999999999996). */
export function isMultipleOf(x: number, step: number): boolean {
  const q = x / step;
  return Math.abs(q - Math.round(q)) <= 1e-9 * Math.max(1, Math.abs(q));
}

const q = (s: string) => JSON.stringify(s);
/** A sum without floating-point noise (0.1 + 0.2 is 0.3 here). */
const tidy = (x: number) => Number(x.toPrecision(12));

/** Reports every value seen before under the same key, pointing at the first occurrence. */
class Uniques {
  private readonly seen = new Map<string, string>();
  constructor(
    private readonly issues: Issue[],
    private readonly what: (typeof DUPLICATES)[number],
    private readonly words: string,
  ) {}
  add(key: string | undefined, path: string, shown: string | undefined = key): void {
    if (key === undefined || shown === undefined) return;
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, path);
    else {
      const message = `duplicate ${this.words} ${q(shown)} (also at ${first})`;
      this.issues.push(issue(path, 'duplicate', message, { what: this.what, value: shown, first }));
    }
  }
}

/** Calls `each` for the entries that are there, with their index in the file. */
function present<T>(list: Holes<T>, each: (item: T, index: number) => void): void {
  list.forEach((item, index) => {
    if (item !== undefined) each(item, index);
  });
}

/**
 * The codes of a list, or null when an entry or its code is invalid: a reference to it is then
 * neither known nor unknown, and saying "unknown" would send the organiser after the wrong value.
 */
function codesOf(list: Holes<{ code?: string }>): ReadonlySet<string> | null {
  const codes = new Set<string>();
  for (const x of list) {
    if (x?.code === undefined) return null;
    codes.add(x.code);
  }
  return codes;
}

function unknownOrganisation(path: string, value: string): Issue {
  const message = `unknown organisation ${q(value)}: add it to "organisations" or correct the code`;
  return issue(path, 'unknown_organisation', message, { value });
}

// Judges and the public see a blind contest's contestants as stations (CONTRACT §7): without one, the
// bib would show instead, and a bib is on every printed list beside the name.
function blindWithoutStation(contest: LooseContest, p: LooseContestant, path: string): Issue {
  const message =
    `contest ${q(contest.code ?? '')} is blind but contestant ${q(p.bib ?? '')} has no station ` +
    'to show judges and the public in place of the bib, name and organisation';
  return issue(`${path}.station`, 'blind_without_station', message, { contest: contest.code ?? '', bib: p.bib ?? '' });
}

export function checkEventFile(file: LooseFile): Issue[] {
  const issues: Issue[] = [];
  const organisations = codesOf(file.organisations);

  const orgCodes = new Uniques(issues, 'organisation', 'organisation code');
  present(file.organisations, (o, i) => orgCodes.add(o.code, `organisations[${i}].code`));

  const contestCodes = new Uniques(issues, 'contest', 'contest code');
  // Judges sign in with event + judge code, so codes are unique in the whole event and,
  // because tablets capitalise on their own, unique ignoring case.
  const judgeCodes = new Uniques(issues, 'judge', 'judge code');

  present(file.contests, (contest, c) => {
    const cPath = `contests[${c}]`;
    contestCodes.add(contest.code, `${cPath}.code`);
    checkSections(contest, cPath, issues);
    const criteria = criteriaOf(contest);
    checkTieBreak(contest, cPath, criteria, issues);
    checkAwards(contest, cPath, issues);

    const bibs = new Uniques(issues, 'bib', 'bib');
    const stations = new Uniques(issues, 'station', 'station');
    present(contest.contestants, (p, i) => {
      const pPath = `${cPath}.contestants[${i}]`;
      bibs.add(p.bib, `${pPath}.bib`);
      stations.add(p.station, `${pPath}.station`);
      if (contest.blind === true && p.station === undefined && !p.badStation) {
        issues.push(blindWithoutStation(contest, p, pPath));
      }
      if (p.organisation !== undefined && organisations?.has(p.organisation) === false)
        issues.push(unknownOrganisation(`${pPath}.organisation`, p.organisation));
    });

    present(contest.judges, (j, i) => {
      const jPath = `${cPath}.judges[${i}]`;
      judgeCodes.add(j.code?.toLowerCase(), `${jPath}.code`, j.code);
      if (j.organisation !== undefined && organisations?.has(j.organisation) === false)
        issues.push(unknownOrganisation(`${jPath}.organisation`, j.organisation));
      if (j.chief === true && j.shadow === true)
        issues.push(issue(`${jPath}.shadow`, 'chief_shadow', 'a chief judge cannot be a shadow (trainee) judge'));
      if (Array.isArray(j.criteria) && criteria.complete)
        j.criteria.forEach((code, k) => {
          if (criteria.byCode.has(code)) return;
          const message = `unknown criterion ${q(code)}: contest ${q(contest.code ?? '')} has no criterion with this code`;
          const params = { value: code, contest: contest.code };
          issues.push(issue(`${jPath}.criteria[${k}]`, 'unknown_criterion', message, params));
        });
    });
  });
  return issues;
}

interface Criteria {
  /** the first criterion of each code */
  byCode: Map<string, LooseCriterion>;
  /** every section and criterion is there with a valid code (see codesOf) */
  complete: boolean;
}

function criteriaOf(contest: LooseContest): Criteria {
  const byCode = new Map<string, LooseCriterion>();
  let complete = contest.sections.every((s) => s !== undefined);
  present(contest.sections, (section) =>
    section.criteria.forEach((criterion) => {
      if (criterion?.code === undefined) complete = false;
      else if (!byCode.has(criterion.code)) byCode.set(criterion.code, criterion);
    }),
  );
  return { byCode, complete };
}

function checkSections(contest: LooseContest, cPath: string, issues: Issue[]): void {
  const sectionCodes = new Uniques(issues, 'section', 'section code');
  // Marks name a criterion by its code alone, so criterion codes are unique in the whole contest.
  const criterionCodes = new Uniques(issues, 'criterion', 'criterion code');
  present(contest.sections, (section, s) => {
    const sPath = `${cPath}.sections[${s}]`;
    sectionCodes.add(section.code, `${sPath}.code`);
    checkDeductionsOnly(section, sPath, issues);
    present(section.criteria, (criterion, k) => {
      const kPath = `${sPath}.criteria[${k}]`;
      criterionCodes.add(criterion.code, `${kPath}.code`);
      if (criterion.full) checkCriterion(criterion.full, kPath, issues);
    });
  });
  // The sum means something only when every weight is known.
  const weights = contest.sections.map((section) => section?.weight);
  if (weights.length === 0 || weights.some((w) => w === undefined)) return;
  const sum = tidy((weights as number[]).reduce((a, b) => a + b, 0));
  if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
    const message = `section weights of contest ${q(contest.code ?? '')} add up to ${sum}; they must add up to 1`;
    issues.push(issue(`${cPath}.sections`, 'weights_sum', message, { contest: contest.code ?? '', sum }));
  }
}

function checkDeductionsOnly(section: LooseSection, sPath: string, issues: Issue[]): void {
  const kinds = section.criteria.map((k) => k?.kind);
  // An unknown kind (undefined) might not be a deduction: only a section of known deductions counts.
  if (kinds.length === 0 || kinds.some((kind) => kind !== 'deduction')) return;
  const name = section.code ?? '';
  const message = `section ${q(name)} has only deductions, so its maximum is 0: add a measurement or judgement criterion`;
  issues.push(issue(`${sPath}.criteria`, 'deductions_only', message, { section: name }));
}

function checkCriterion(criterion: NonNullable<LooseCriterion['full']>, kPath: string, issues: Issue[]): void {
  if (criterion.kind === 'deduction') return;
  const scaleType = criterion.kind === 'measurement' ? (criterion.scale?.type ?? 'direct') : undefined;
  if (criterion.kind === 'measurement' && criterion.scale?.type === 'linear') {
    const { best, worst } = criterion.scale;
    if (best === worst) {
      const message = `a linear scale needs "best" and "worst" to differ (both are ${tidy(best)})`;
      issues.push(issue(`${kPath}.scale`, 'linear_same_ends', message, { value: best }));
    }
  }
  if (scaleType === 'pass' || scaleType === 'linear') {
    if (criterion.step !== undefined) {
      const why = scaleType === 'pass' ? 'the mark is yes or no' : 'any raw value is accepted';
      const message = `"step" has no meaning on a ${scaleType} scale (${why}): remove it`;
      issues.push(issue(`${kPath}.step`, 'step_meaningless', message, { scale: scaleType }));
    }
    return;
  }
  // Direct measurement or judgement: marks are multiples of step, so max must be one too,
  // or a perfect performance could never be marked.
  const step = criterion.step ?? DEFAULT_STEP;
  if (!isMultipleOf(criterion.max, step)) {
    const defaultStep = criterion.step === undefined;
    const message = `max ${tidy(criterion.max)} is not a multiple of the step ${tidy(step)}${
      defaultStep ? ' (the default)' : ''
    }, so full marks could never be given`;
    issues.push(issue(`${kPath}.max`, 'max_off_step', message, { max: criterion.max, step, defaultStep }));
  }
}

function checkTieBreak(contest: LooseContest, cPath: string, criteria: Criteria, issues: Issue[]): void {
  const sections = codesOf(contest.sections);
  present(contest.tieBreak, (key, t) => {
    const path = `${cPath}.tieBreak[${t}]`;
    const colon = key.indexOf(':');
    const kind = key.slice(0, colon);
    const code = key.slice(colon + 1);
    if (kind === 'section') {
      if (sections?.has(code) === false) {
        const message = `unknown section ${q(code)} in tie-break key ${q(key)}`;
        issues.push(issue(path, 'tie_break_unknown', message, { key, what: 'section', value: code }));
      }
      return;
    }
    const found = criteria.byCode.get(code);
    if (found === undefined) {
      if (!criteria.complete) return;
      const message = `unknown criterion ${q(code)} in tie-break key ${q(key)}`;
      issues.push(issue(path, 'tie_break_unknown', message, { key, what: 'criterion', value: code }));
      return;
    }
    if (kind !== 'raw-asc' && kind !== 'raw-desc') return;
    const k = found.full;
    if (k === undefined || (k.kind === 'measurement' && k.scale?.type !== 'pass')) return;
    const what = k.kind === 'measurement' ? 'pass' : k.kind;
    const message = `${q(key)} compares raw measurements, but ${q(code)} is ${
      what === 'pass' ? 'marked pass/fail' : `a ${what} criterion`
    }: use "criterion:${code}"`;
    issues.push(issue(path, 'tie_break_not_raw', message, { key, criterion: code, kind: what }));
  });
}

function checkAwards(contest: LooseContest, cPath: string, issues: Issue[]): void {
  const names = new Uniques(issues, 'award', 'award name');
  present(contest.awards, (a, i) => names.add(a.name, `${cPath}.awards[${i}].name`));
  // Ratios are all > 0, so the known ones alone may already add up to more than the field.
  const sum = tidy(contest.awards.reduce((total, a) => total + (a?.ratio ?? 0), 0));
  if (sum > 1 + WEIGHT_TOLERANCE) {
    const message = `award ratios add up to ${sum}, more than the whole field: they must add up to at most 1`;
    issues.push(issue(`${cPath}.awards`, 'award_ratios_sum', message, { sum }));
  }
}
