// Cross-field rules of the event file (CONTRACT §4, SCORING.md §1–§6) on a file whose shape is
// already valid. Each problem is an issue with the JSON path of the offending value, written
// `contests[0].sections[1].criteria[2].max` (see formatPath in ./parse.ts).
//
// checkEventFile: errors, the file must be refused.
// eventFileWarnings: problems that do not make the file wrong but will hurt on the day
// (a judgement panel larger than the judges assigned to it, a blind contest without stations).
// They are advice only because CONTRACT §4's own example has a 3-judge panel and one judge.
import type { Contest, Criterion, EventFile, Judge } from './schema.ts';

export interface EventFileIssue {
  path: string;
  message: string;
}

/** SCORING §3: values of direct and judgement marks are multiples of `step`, 0.01 by default. */
export const DEFAULT_STEP = 0.01;
const WEIGHT_TOLERANCE = 1e-9;

/** x is a whole multiple of step, forgiving binary floating point (0.3 / 0.1 = 2.9999999999999996). */
export function isMultipleOf(x: number, step: number): boolean {
  const q = x / step;
  return Math.abs(q - Math.round(q)) <= 1e-9 * Math.max(1, Math.abs(q));
}

const q = (s: string) => JSON.stringify(s);
const num = (x: number) => String(Number(x.toPrecision(12)));

/** Reports every value seen before under the same key, pointing at the first occurrence. */
class Uniques {
  private readonly seen = new Map<string, string>();
  constructor(
    private readonly issues: EventFileIssue[],
    private readonly what: string,
  ) {}
  add(key: string, path: string, shown: string = key): void {
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, path);
    else this.issues.push({ path, message: `duplicate ${this.what} ${q(shown)} (also at ${first})` });
  }
}

interface LocatedCriterion {
  criterion: Criterion;
  path: string;
}

function criteriaOf(contest: Contest, cPath: string): Map<string, LocatedCriterion> {
  const byCode = new Map<string, LocatedCriterion>();
  contest.sections.forEach((section, s) =>
    section.criteria.forEach((criterion, k) => {
      if (!byCode.has(criterion.code))
        byCode.set(criterion.code, { criterion, path: `${cPath}.sections[${s}].criteria[${k}]` });
    }),
  );
  return byCode;
}

const marks = (j: Judge, criterionCode: string) =>
  j.criteria === '*' || j.criteria.includes(criterionCode);

export function checkEventFile(file: EventFile): EventFileIssue[] {
  const issues: EventFileIssue[] = [];
  const organisations = new Set(file.organisations.map((o) => o.code));

  const orgCodes = new Uniques(issues, 'organisation code');
  file.organisations.forEach((o, i) => orgCodes.add(o.code, `organisations[${i}].code`));

  const contestCodes = new Uniques(issues, 'contest code');
  // Judges sign in with event + judge code, so codes are unique in the whole event and,
  // because tablets capitalise on their own, unique ignoring case.
  const judgeCodes = new Uniques(issues, 'judge code');

  file.contests.forEach((contest, c) => {
    const cPath = `contests[${c}]`;
    contestCodes.add(contest.code, `${cPath}.code`);
    checkSections(contest, cPath, issues);
    const criteria = criteriaOf(contest, cPath);
    checkTieBreak(contest, cPath, criteria, issues);
    checkAwards(contest, cPath, issues);

    const bibs = new Uniques(issues, 'bib');
    const stations = new Uniques(issues, 'station');
    contest.contestants.forEach((p, i) => {
      const pPath = `${cPath}.contestants[${i}]`;
      bibs.add(p.bib, `${pPath}.bib`);
      if (p.station !== undefined) stations.add(p.station, `${pPath}.station`);
      if (!organisations.has(p.organisation))
        issues.push({
          path: `${pPath}.organisation`,
          message: `unknown organisation ${q(p.organisation)}: add it to "organisations" or correct the code`,
        });
    });

    contest.judges.forEach((j, i) => {
      const jPath = `${cPath}.judges[${i}]`;
      judgeCodes.add(j.code.toLowerCase(), `${jPath}.code`, j.code);
      if (j.organisation !== undefined && !organisations.has(j.organisation))
        issues.push({
          path: `${jPath}.organisation`,
          message: `unknown organisation ${q(j.organisation)}: add it to "organisations" or correct the code`,
        });
      if (j.chief === true && j.shadow === true)
        issues.push({
          path: `${jPath}.shadow`,
          message: 'a chief judge cannot be a shadow (trainee) judge',
        });
      if (j.criteria !== '*')
        j.criteria.forEach((code, k) => {
          if (!criteria.has(code))
            issues.push({
              path: `${jPath}.criteria[${k}]`,
              message: `unknown criterion ${q(code)}: contest ${q(contest.code)} has no criterion with this code`,
            });
        });
    });
  });
  return issues;
}

function checkSections(contest: Contest, cPath: string, issues: EventFileIssue[]): void {
  const sectionCodes = new Uniques(issues, 'section code');
  // Marks name a criterion by its code alone, so criterion codes are unique in the whole contest.
  const criterionCodes = new Uniques(issues, 'criterion code');
  let weights = 0;
  contest.sections.forEach((section, s) => {
    const sPath = `${cPath}.sections[${s}]`;
    sectionCodes.add(section.code, `${sPath}.code`);
    weights += section.weight;
    if (!section.criteria.some((k) => k.kind !== 'deduction'))
      issues.push({
        path: `${sPath}.criteria`,
        message: `section ${q(section.code)} has only deductions, so its maximum is 0: add a measurement or judgement criterion`,
      });
    section.criteria.forEach((criterion, k) => {
      const kPath = `${sPath}.criteria[${k}]`;
      criterionCodes.add(criterion.code, `${kPath}.code`);
      checkCriterion(criterion, kPath, issues);
    });
  });
  if (Math.abs(weights - 1) > WEIGHT_TOLERANCE)
    issues.push({
      path: `${cPath}.sections`,
      message: `section weights of contest ${q(contest.code)} add up to ${num(weights)}; they must add up to 1`,
    });
}

function checkCriterion(criterion: Criterion, kPath: string, issues: EventFileIssue[]): void {
  if (criterion.kind === 'deduction') return;
  const scaleType = criterion.kind === 'measurement' ? (criterion.scale?.type ?? 'direct') : undefined;
  if (criterion.kind === 'measurement' && criterion.scale?.type === 'linear') {
    const { best, worst } = criterion.scale;
    if (best === worst)
      issues.push({
        path: `${kPath}.scale`,
        message: `a linear scale needs "best" and "worst" to differ (both are ${num(best)})`,
      });
  }
  if (scaleType === 'pass' || scaleType === 'linear') {
    if (criterion.step !== undefined)
      issues.push({
        path: `${kPath}.step`,
        message: `"step" has no meaning on a ${scaleType} scale (${
          scaleType === 'pass' ? 'the mark is yes or no' : 'any raw value is accepted'
        }): remove it`,
      });
    return;
  }
  // Direct measurement or judgement: marks are multiples of step, so max must be one too,
  // or a perfect performance could never be marked.
  const step = criterion.step ?? DEFAULT_STEP;
  if (!isMultipleOf(criterion.max, step))
    issues.push({
      path: `${kPath}.max`,
      message: `max ${num(criterion.max)} is not a multiple of the step ${num(step)}${
        criterion.step === undefined ? ' (the default)' : ''
      }, so full marks could never be given`,
    });
}

function checkTieBreak(
  contest: Contest,
  cPath: string,
  criteria: Map<string, LocatedCriterion>,
  issues: EventFileIssue[],
): void {
  const sections = new Set(contest.sections.map((s) => s.code));
  (contest.tieBreak ?? []).forEach((key, t) => {
    const path = `${cPath}.tieBreak[${t}]`;
    const colon = key.indexOf(':');
    const kind = key.slice(0, colon);
    const code = key.slice(colon + 1);
    if (kind === 'section') {
      if (!sections.has(code))
        issues.push({ path, message: `unknown section ${q(code)} in tie-break key ${q(key)}` });
      return;
    }
    const found = criteria.get(code);
    if (found === undefined) {
      issues.push({ path, message: `unknown criterion ${q(code)} in tie-break key ${q(key)}` });
      return;
    }
    if (kind === 'raw-asc' || kind === 'raw-desc') {
      const k = found.criterion;
      if (k.kind !== 'measurement')
        issues.push({
          path,
          message: `${q(key)} compares raw measurements, but ${q(code)} is a ${k.kind} criterion: use "criterion:${code}"`,
        });
      else if (k.scale?.type === 'pass')
        issues.push({
          path,
          message: `${q(key)} compares raw measurements, but ${q(code)} is marked pass/fail: use "criterion:${code}"`,
        });
    }
  });
}

function checkAwards(contest: Contest, cPath: string, issues: EventFileIssue[]): void {
  const awards = contest.awards ?? [];
  const names = new Uniques(issues, 'award name');
  awards.forEach((a, i) => names.add(a.name, `${cPath}.awards[${i}].name`));
  const ratios = awards.reduce((sum, a) => sum + (a.ratio ?? 0), 0);
  if (ratios > 1 + WEIGHT_TOLERANCE)
    issues.push({
      path: `${cPath}.awards`,
      message: `award ratios add up to ${num(ratios)}, more than the whole field: they must add up to at most 1`,
    });
}

/** Advice that does not block an import: a contest that may never be complete. */
export function eventFileWarnings(file: EventFile): EventFileIssue[] {
  const warnings: EventFileIssue[] = [];
  file.contests.forEach((contest, c) => {
    const cPath = `contests[${c}]`;
    const counting = contest.judges.filter((j) => j.shadow !== true);
    const orgs = [...new Set(contest.contestants.map((p) => p.organisation))];
    contest.sections.forEach((section, s) =>
      section.criteria.forEach((criterion, k) => {
        // Deductions never block completeness (SCORING §4).
        if (criterion.kind === 'deduction') return;
        const kPath = `${cPath}.sections[${s}].criteria[${k}]`;
        const needed = criterion.kind === 'judgement' ? (criterion.judges ?? 1) : 1;
        const assigned = counting.filter((j) => marks(j, criterion.code));
        const panel = criterion.kind === 'judgement' ? `the ${needed} marks needed` : 'the mark needed';
        if (assigned.length < needed) {
          warnings.push({
            path: criterion.kind === 'judgement' && criterion.judges !== undefined ? `${kPath}.judges` : kPath,
            message: `criterion ${q(criterion.code)} needs ${needed} judge${needed === 1 ? '' : 's'} but ${
              assigned.length
            } non-shadow judge${assigned.length === 1 ? ' is' : 's are'} assigned to it, so no contestant can get ${panel}`,
          });
          return;
        }
        // A judge never marks a contestant of its own organisation.
        for (const org of orgs) {
          const eligible = assigned.filter((j) => j.organisation !== org).length;
          if (eligible < needed)
            warnings.push({
              path: kPath,
              message: `contestants of organisation ${q(org)} can be marked on criterion ${q(criterion.code)} by ${
                eligible
              } judge${eligible === 1 ? '' : 's'} but ${needed} ${
                needed === 1 ? 'is' : 'are'
              } needed: the other assigned judges belong to ${q(org)}`,
            });
        }
      }),
    );
    if (contest.blind === true)
      contest.contestants.forEach((p, i) => {
        if (p.station === undefined)
          warnings.push({
            path: `${cPath}.contestants[${i}]`,
            message: `contest ${q(contest.code)} is marked blind but contestant ${q(p.bib)} has no station to show judges instead of the bib`,
          });
      });
  });
  return warnings;
}
