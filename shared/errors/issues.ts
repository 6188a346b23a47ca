// Every validation issue a 400 can list (CONTRACT §2, v1.1: each issue `{path, code, params,
// message}`), as data: its stable code and the params it carries. Shapes come from zod (./zod.ts),
// the rest from the event file's rules, mark values, appeals, archives and uploaded files. The web
// app words each code in zh-CN and en; `message` stays English for logs and scripts.
import type { ParamsOf, ParamsSpec } from './params.ts';

/** Text formats checked by a pattern (event-file codes, bibs, PINs, …), by name. */
export const FORMATS = ['code', 'bib', 'judge_code', 'pin', 'tie_break', 'uuid', 'other'] as const;
export type FormatName = (typeof FORMATS)[number];

/** What `duplicate` found twice. */
export const DUPLICATES = [
  'organisation',
  'contest',
  'judge',
  'section',
  'criterion',
  'bib',
  'station',
  'award',
] as const;

/** The rows of an archive that its event file defines. */
export const ARCHIVE_ROWS = [
  'event',
  'organisation',
  'contest',
  'section',
  'criterion',
  'contestant',
  'judge',
] as const;

export const ISSUES = {
  // The shape of a value (zod).
  unknown_field: { field: 'text' },
  required: { allowed: 'values?' },
  wrong_type: { expected: 'types', allowed: 'values?', got: 'type' },
  one_of: { allowed: 'values', value: 'value?' },
  empty: {},
  too_short: { min: 'count', value: 'value?' },
  too_long: { max: 'count' },
  too_few: { min: 'count' },
  too_many: { max: 'count' },
  too_small: { min: 'number', inclusive: 'boolean', value: 'value?' },
  too_big: { max: 'number', inclusive: 'boolean', value: 'value?' },
  bad_format: { format: FORMATS, value: 'value?' },
  not_multiple_of: { step: 'number', value: 'value?' },
  invalid: { value: 'value?' },
  unstorable: {},
  not_json: { line: 'count?', column: 'count?' },
  unreadable: {},

  // Rules between the fields of an event file (shared/event-file/rules.ts).
  duplicate: { what: DUPLICATES, value: 'text', first: 'path' },
  unknown_organisation: { value: 'text' },
  unknown_criterion: { value: 'text', contest: 'text?' },
  chief_shadow: {},
  deductions_only: { section: 'text' },
  weights_sum: { contest: 'text', sum: 'number' },
  linear_same_ends: { value: 'number' },
  step_meaningless: { scale: ['pass', 'linear'] },
  max_off_step: { max: 'number', step: 'number', defaultStep: 'boolean' },
  tie_break_unknown: { key: 'text', what: ['section', 'criterion'], value: 'text' },
  tie_break_not_raw: { key: 'text', criterion: 'text', kind: ['judgement', 'deduction', 'pass'] },
  award_ratio_or_count: {},
  award_ratios_sum: { sum: 'number' },
  blind_without_station: { contest: 'text', bib: 'text' },
  // Advice (warnings) on an event file.
  panel_too_small: { criterion: 'text', needed: 'count', assigned: 'count' },
  panel_own_organisation: { criterion: 'text', organisation: 'text', eligible: 'count', needed: 'count' },

  // A mark's value against its criterion (shared/scoring/validate-mark.ts).
  value_type: { expected: ['number', 'pass', 'count'] },
  value_range: { min: 'number', max: 'number?' },
  value_step: { step: 'number' },
  value_whole: {},

  // Names in a request that the contest does not have; who may mark whom.
  unknown_contestant: { value: 'text' },
  unknown_judge: { value: 'text' },
  judge_shadow: { judge: 'text' },
  judge_not_assigned: { judge: 'text', criterion: 'text' },
  judge_own_organisation: { judge: 'text' },
  duplicate_correction: { judge: 'text', criterion: 'text' },
  rejected_with_corrections: {},

  // An event archive that does not hold together.
  archive_event_count: {},
  archive_wrong_event: { event: 'text' },
  archive_dangling: { what: ['contest', 'certification', 'mark'] },
  archive_duplicate_row: {},
  archive_bad_id: {},
  archive_pin_hash: {},
  archive_not_in_file: { what: ARCHIVE_ROWS },
  archive_missing_row: { what: ARCHIVE_ROWS, value: 'text' },
  archive_bad_transition: { from: 'state', to: 'state' },
  archive_state_history: { state: 'state', last: 'state' },
  archive_seq_ahead: { seq: 'count', max: 'count' },
  archive_digest: {},
  archive_audit_chain: { n: 'count' },
  db_refused: {},

  // An uploaded roster file that cannot be read at all.
  file_not_base64: { format: ['csv', 'xlsx'] },
  file_encoding: {},
  file_nul: {},
  xlsx_too_large: { rows: 'count', columns: 'count' },
  xlsx_unreadable: {},
  xlsx_too_many_parts: { max: 'count' },
  xlsx_no_sheet: {},
} as const satisfies Record<string, ParamsSpec>;

export type IssueCode = keyof typeof ISSUES;
export type IssueParams<C extends IssueCode> = ParamsOf<(typeof ISSUES)[C]>;
export const ISSUE_CODES = Object.keys(ISSUES) as IssueCode[];

/** One problem of a request, at a path (CONTRACT §2): `message` is English, for logs. */
export type Issue = {
  [C in IssueCode]: { path: string; code: C; params?: IssueParams<C>; message: string };
}[IssueCode];

/** An issue as a client receives it: codes and params it may not know (a newer server). */
export interface WireIssue {
  path: string;
  code?: string;
  params?: Record<string, unknown>;
  message: string;
}

export function isIssueCode(code: string): code is IssueCode {
  return Object.hasOwn(ISSUES, code);
}

/** Builds an issue; params are left out when there are none. */
export function issue<C extends IssueCode>(
  path: string,
  code: C,
  message: string,
  ...params: {} extends IssueParams<C> ? [params?: IssueParams<C>] : [params: IssueParams<C>]
): Issue {
  const p = params[0];
  return (p && Object.keys(p).length > 0 ? { path, code, params: p, message } : { path, code, message }) as Issue;
}
