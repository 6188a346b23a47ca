// Advice on a valid event file: problems that do not make it wrong but will hurt on the day (a
// judgement panel larger than the judges assigned to it, or one its own organisation empties). They
// are advice only because CONTRACT §4's own example has a 3-judge panel and one judge.
import { issue, type Issue } from '../errors/issues.ts';
import type { EventFile, Judge } from './schema.ts';
import { counted } from '../plural.ts';

const q = (s: string) => JSON.stringify(s);
const marks = (j: Judge, criterionCode: string) => j.criteria === '*' || j.criteria.includes(criterionCode);

/** Advice that does not block an import: a contest that may never be complete. */
export function eventFileWarnings(file: EventFile): Issue[] {
  const warnings: Issue[] = [];
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
        const assigned = counting.filter((j) => marks(j, criterion.code)).length;
        const code = criterion.code;
        if (assigned < needed) {
          const path = criterion.kind === 'judgement' && criterion.judges !== undefined ? `${kPath}.judges` : kPath;
          const message = `criterion ${q(code)} needs ${counted(needed, 'judge', 'judges')} but ${
            assigned
          } non-shadow ${assigned === 1 ? 'judge is' : 'judges are'} assigned to it, so no contestant can get ${
            needed === 1 ? 'the mark needed' : `the ${needed} marks needed`
          }`;
          warnings.push(issue(path, 'panel_too_small', message, { criterion: code, needed, assigned }));
          return;
        }
        // A judge never marks a contestant of its own organisation.
        for (const organisation of orgs) {
          const eligible = counting.filter((j) => marks(j, code) && j.organisation !== organisation).length;
          if (eligible >= needed) continue;
          const message =
            `contestants of organisation ${q(organisation)} can be marked on criterion ${q(code)} ` +
            `by ${counted(eligible, 'judge', 'judges')} but ${needed} ${needed === 1 ? 'is' : 'are'} needed: ` +
            `the other assigned judges belong to ${q(organisation)}`;
          const params = { criterion: code, organisation, eligible, needed };
          warnings.push(issue(kPath, 'panel_own_organisation', message, params));
        }
      }),
    );
  });
  return warnings;
}
