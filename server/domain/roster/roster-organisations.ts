// The roster's refusals as issues (CONTRACT §2, v1.1: each with a stable code and params, so a
// screen words it in its reader's language), and the organisations an organiser confirmed adding
// with a roster, checked against the event's own.
import type { Organisation } from '../../../shared/event-file/schema.ts';
import type { RosterBody } from '../../../shared/roster-api.ts';
import { checkNewOrganisations, type RosterProblem } from '../../../shared/roster/index.ts';
import { invalid, type Issue } from '../../errors.ts';

/** An issue with the code and params a screen words it from. */
export interface CodedIssue extends Issue {
  code: string;
  params: Record<string, unknown>;
}

const problemPath = (p: RosterProblem) => `row ${p.row}${p.column ? ` · ${p.column}` : ''}`;

/** A roster's problems as the issues of the refusal: the row, column and value travel in params. */
export function problemIssues(problems: readonly RosterProblem[]): CodedIssue[] {
  return problems.map((p) => ({
    path: problemPath(p),
    code: p.code,
    params: { ...p.params, row: p.row, column: p.column, value: p.value },
    message: p.message,
  }));
}

/** The organisations to add, names trimmed; a 400 naming each bad or clashing code and name. */
export function organisationsToAdd(
  existing: readonly Organisation[],
  requested: RosterBody['addOrganisations'],
): Organisation[] {
  const adding = (requested ?? []).map((o) => ({ code: o.code, name: o.name.trim() }));
  const problems = checkNewOrganisations(existing, adding);
  if (problems.length === 0) return adding;
  const issues: CodedIssue[] = problems.map((p) => ({
    path: `addOrganisations[${p.index}].${p.field}`,
    code: p.code,
    params: p.params,
    message: p.message,
  }));
  const first = `${issues[0]!.path}: ${issues[0]!.message}`;
  throw invalid(`the organisations to add are not valid, nothing was imported; ${first}`, issues);
}
