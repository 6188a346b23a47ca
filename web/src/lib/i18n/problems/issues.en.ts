// Every validation issue in English, by code (shared/errors/issues.ts); typed like issues.zh-CN.ts.
import type { IssueCode } from '$shared/errors/index.ts';

const ROW =
  '{what, select, event {event} organisation {organisation} contest {contest} section {section} ' +
  'criterion {criterion} contestant {contestant} other {judge}}';
const GOT = '{value, select, none {} other { (got {value})}}';

export const issuesEn: Record<IssueCode, string> = {
  unknown_field: 'Unknown field “{field}”: remove it or correct its name.',
  required: 'Required{allowed, select, none {} other {: one of {allowed}}}.',
  wrong_type: 'Must be {allowed, select, none {} other {{allowed} or }}{expected} (got {got}).',
  one_of: `Must be one of {allowed}${GOT}.`,
  empty: 'Must not be empty.',
  too_short: `Must be at least {min, plural, one {# character} other {# characters}}${GOT}.`,
  too_long: 'Must be at most {max, plural, one {# character} other {# characters}}.',
  too_few: 'Needs at least {min, plural, one {# entry} other {# entries}}.',
  too_many: 'At most {max, plural, one {# entry} other {# entries}}.',
  too_small: `Must be {inclusive, select, true {at least} other {more than}} {min}${GOT}.`,
  too_big: `Must be {inclusive, select, true {at most} other {less than}} {max}${GOT}.`,
  bad_format:
    '{format, select, code {Must be 1–32 lower-case letters, digits, - or _} bib {Must be 1–16 letters, digits, ' +
    '- or _} judge_code {Must be 1–32 letters, digits, - or _} pin {Must be 4–8 digits} tie_break {Must be ' +
    'section:<code>, criterion:<code>, raw-asc:<code> or raw-desc:<code>} uuid {Must be a UUID} other {Has the ' +
    'wrong format}}' +
    `${GOT}.`,
  not_multiple_of: `Must be a multiple of {step}${GOT}.`,
  invalid: `Not valid${GOT}.`,
  unstorable: 'Contains characters that cannot be stored (NUL or broken Unicode).',
  not_json: 'Not valid JSON{line, select, none {} other { (line {line}, column {column})}}.',
  unreadable: 'The event file could not be read.',

  duplicate:
    'Duplicate {what, select, organisation {organisation code} contest {contest code} judge {judge code} section ' +
    '{section code} criterion {criterion code} bib {bib} station {station} other {award name}} “{value}” (also ' +
    'at {first}).',
  unknown_organisation: 'Unknown organisation “{value}”: add it to the organisations or correct the code.',
  unknown_criterion:
    'Unknown criterion “{value}”{contest, select, none {} other {: contest {contest} has no criterion with this ' +
    'code}}.',
  chief_shadow: 'A chief judge cannot be a shadow (trainee) judge.',
  deductions_only:
    'Section “{section}” has only deductions, so its maximum is 0: add a measurement or judgement criterion.',
  weights_sum: 'The section weights of contest {contest} add up to {sum}; they must add up to 1.',
  linear_same_ends: 'A linear scale needs different best and worst values (both are {value}).',
  step_meaningless:
    'A step has no meaning on a {scale, select, pass {pass/fail scale (the mark is yes or no)} other {linear ' +
    'scale (any raw value is accepted)}}: remove it.',
  max_off_step:
    'The maximum {max} is not a multiple of the step {step}{defaultStep, select, true { (the default)} other ' +
    '{}}, so full marks could never be given.',
  tie_break_unknown:
    'The tie-break rule “{key}” names an unknown {what, select, section {section} other {criterion}} “{value}”.',
  tie_break_not_raw:
    '“{key}” compares raw measurements, but “{criterion}” is {kind, select, judgement {a judgement criterion} ' +
    'deduction {a deduction} other {marked pass/fail}}: use “criterion:{criterion}”.',
  award_ratio_or_count: 'An award needs exactly one of a ratio or a count.',
  award_ratios_sum: 'The award ratios add up to {sum}, more than the whole field: they must add up to at most 1.',
  panel_too_small:
    'Criterion “{criterion}” needs {needed, plural, one {# judge} other {# judges}} per contestant but ' +
    '{assigned, plural, one {# non-shadow judge is} other {# non-shadow judges are}} assigned to it, so no ' +
    'contestant can get the marks needed.',
  panel_own_organisation:
    'Contestants of “{organisation}” can be marked on “{criterion}” by {eligible, plural, one {# judge} other {# ' +
    'judges}} but {needed} {needed, plural, one {is} other {are}} needed: the other assigned judges belong to ' +
    '“{organisation}”.',
  blind_without_station:
    'Contest {contest} is blind but contestant {bib} has no station: until the results are certified, judges ' +
    'and the public see each contestant as a station only. Give every contestant a station, or leave the ' +
    'contest not blind until stations are drawn.',

  value_type:
    '{expected, select, pass {Choose pass or fail.} count {Enter a whole number of violations.} other {Enter a ' +
    'number.}}',
  value_range: '{max, select, none {Must be {min} or more.} other {Must be between {min} and {max}.}}',
  value_step: 'Must be a multiple of {step}.',
  value_whole: 'Must be a whole number.',

  unknown_contestant: 'This contest has no contestant {value}.',
  unknown_judge: 'This contest has no judge {value}.',
  judge_shadow: 'Judge {judge} is a shadow judge: its marks never count.',
  judge_not_assigned: 'Criterion “{criterion}” is not assigned to judge {judge}.',
  judge_own_organisation: 'Judge {judge} may not mark a contestant of its own organisation.',
  duplicate_correction: 'A second correction of judge {judge} on “{criterion}”.',
  rejected_with_corrections: 'A rejected appeal changes no marks.',

  archive_event_count: 'Must hold exactly one event.',
  archive_wrong_event: 'Must belong to the archive’s event {event}.',
  archive_dangling: 'Names no {what, select, contest {contest} mark {mark} other {certification}} of the archive.',
  archive_duplicate_row: 'Appears twice.',
  archive_bad_id: 'Is not an id as this software makes them.',
  archive_pin_hash: 'Is not a PIN hash as this software makes them (argon2id of bounded cost, or empty).',
  archive_not_in_file: `Does not match the event file’s ${ROW}.`,
  archive_missing_row: `The event file’s ${ROW} {value} has no row in the archive.`,
  archive_bad_transition: 'A contest cannot go from “{from}” to “{to}”.',
  archive_state_history: 'The contest is “{state}”, but its state changes end in “{last}”.',
  archive_seq_ahead: 'Seq {seq} is beyond its contest’s seq {max}.',
  archive_digest: 'Is not the digest of the certified results.',
  archive_audit_chain: 'The audit log breaks at entry {n}.',
  db_refused: 'The database refuses this value.',

  file_not_base64: 'Must be the {format, select, xlsx {XLSX} other {CSV}} file encoded in base64.',
  file_encoding: 'The file is neither UTF-8 nor GBK/GB18030 text: save it again as CSV (UTF-8).',
  file_nul: 'The file contains NUL characters: is it really a CSV file?',
  xlsx_too_large:
    'A sheet of the XLSX file has more than {rows} rows or {columns} columns: save only the roster, or save it as CSV.',
  xlsx_unreadable: 'Could not read the XLSX file: save it from Excel or WPS as “Excel workbook (.xlsx)”, or as CSV.',
  xlsx_too_many_parts:
    'The XLSX file has more than {max} parts, which is not a roster: save only the roster sheet, or save it as CSV.',
  xlsx_no_sheet: 'The XLSX file has no worksheet.',
};
