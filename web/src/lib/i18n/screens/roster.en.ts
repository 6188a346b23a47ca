// Messages of the roster import screen (English). Typed against the Chinese file: same keys.
import type { rosterZhCN } from './roster.zh-CN.ts';

export const rosterEn: Record<keyof typeof rosterZhCN, string> = {
  'editor.roster.title': 'Contestants & judges',
  'editor.roster.choose': 'Contest and file',
  'editor.roster.kind': 'Roster of',
  'editor.roster.contestants': 'Contestants',
  'editor.roster.judges': 'Judges',
  'editor.roster.mode': 'Mode',
  'editor.roster.replace': 'Replace',
  'editor.roster.merge': 'Merge',
  'editor.roster.replaceHelp': 'Replace: the file becomes the contest’s whole list; anyone not in it is removed.',
  'editor.roster.mergeHelp': 'Merge: the file’s rows are added; rows with a known bib (code) update it; the rest stay.',
  'editor.roster.file': 'Roster file (CSV or XLSX)',
  'editor.roster.hintContestants':
    'Columns: bib, name, organisation (name or code), station, status. You can drop the file here.',
  'editor.roster.hintJudges':
    'Columns: code, name, organisation, criteria (* or codes), chief, shadow, pin. You can drop the file here.',
  'editor.roster.chosen': 'Chosen: {name}',
  'editor.roster.badFormat': '“{name}” cannot be read: choose a .csv or .xlsx file.',
  'editor.roster.locked': 'This contest is in {state}: its roster can no longer change.',
  'editor.roster.reading': 'Checking the file…',
  'editor.roster.preview': 'Preview',
  'editor.roster.summaryOk':
    '{rows, plural, one {# row} other {# rows}}, no problems: {new} new, {updated} updated, {removed} removed.',
  'editor.roster.summaryBad':
    '{rows, plural, one {# row} other {# rows}}, {problems, plural, one {# problem} other {# problems}} — nothing ' +
    'will be imported until they are fixed.',
  'editor.roster.gbk': 'The file was read as GBK (Excel on Chinese Windows).',
  'editor.roster.ignored': 'Columns not recognised (not imported): {columns}',
  'editor.roster.atLine': 'Line {n}: ',
  'editor.roster.line': 'Line',
  'editor.roster.problemsCol': 'Problems',
  'editor.roster.import': '{n, plural, one {Import # row} other {Import # rows}}',
  'editor.roster.importedContestants':
    '{n, plural, one {# contestant} other {# contestants}} imported into “{contest}”.',
  'editor.roster.importedJudges': '{n, plural, one {# judge} other {# judges}} imported into “{contest}”.',
  'editor.roster.col.bib': 'Bib',
  'editor.roster.col.name': 'Name',
  'editor.roster.col.organisation': 'Organisation',
  'editor.roster.col.station': 'Station',
  'editor.roster.col.status': 'Status',
  'editor.roster.col.code': 'Code',
  'editor.roster.col.criteria': 'Criteria',
  'editor.roster.col.chief': 'Chief',
  'editor.roster.col.shadow': 'Shadow',
  'editor.roster.col.pin': 'PIN',

  'editor.roster.summaryOrganisations':
    '{rows, plural, one {# row} other {# rows}}. Organisations not in this event: {n}. Add them below, or correct ' +
    'the file and choose it again.',
  'editor.roster.importAdding': 'Add the organisations ({orgs}) and import {n, plural, one {# row} other {# rows}}',
  'editor.roster.retry': 'Nothing was imported: the file or the event changed. Here is the file checked again.',
  'editor.roster.listSep': ', ',
  'editor.roster.org': '{name} ({code})',
  'editor.roster.moreOrganisations': 'and {n} more',
  'editor.roster.addedOrganisations': 'Organisations added: {list}.',
  'editor.roster.columnIs': '{column}: ',
  'editor.roster.rows': 'row {rows}',
  'editor.roster.rowsMore': 'rows {rows} and {n} more',

  'editor.roster.orgs.title': 'Organisations not in this event ({n})',
  'editor.roster.orgs.lead':
    'These organisation names in the file match none of the event’s organisations. If they are new, add them to the event; if they are misspelt, correct the file and choose it again.',
  'editor.roster.orgs.existing': 'Organisations of this event: {list}',
  'editor.roster.orgs.existingNone': 'This event has no organisations yet.',
  'editor.roster.orgs.name': 'Name (from the file)',
  'editor.roster.orgs.code': 'Code',
  'editor.roster.orgs.codeHelp':
    'Codes appear in results and exports, and can be changed: 1–32 lower-case letters, digits, - or _.',
  'editor.roster.orgs.where': 'Found on',
  'editor.roster.orgs.add': 'Add these organisations to the event ({n})',
  'editor.roster.orgs.addNote': 'They are added together with the roster, and only if it is imported.',
  'editor.roster.orgs.adding': 'The import will also add these organisations ({n}): {list}',
  'editor.roster.orgs.undo': 'Undo',
  'editor.roster.orgs.named': 'Organisations recognised by their names ({n}): {list}',
  'editor.roster.orgs.namedAs': '“{value}” → {org}',
  'editor.roster.orgs.badCode': 'A code is 1–32 lower-case letters, digits, - or _.',
  'editor.roster.orgs.codeTaken': '“{value}” is already the code of “{holder}”.',
  'editor.roster.orgs.nameTaken': '“{value}” is the same name as the organisation “{holder}”.',
  'editor.roster.orgs.nameEmpty': 'The name must not be empty.',
  'editor.roster.orgs.nameTooLong':
    'The name is too long: at most {max, plural, one {# character} other {# characters}}.',

  'editor.roster.problem.syntax':
    'A quote (") on this line is never closed, so the rest of the file reads as one cell: check the quotes.',
  'editor.roster.problem.empty_file': 'The file is empty: its first row must name the columns ({names} …).',
  'editor.roster.problem.no_rows': 'The file has a header but no rows.',
  'editor.roster.problem.missing_column': 'No “{field}” column: add one, headed {names}.',
  'editor.roster.problem.duplicate_column': 'Two columns hold “{field}”: keep one (the second is “{header}”).',
  'editor.roster.problem.too_many_rows.contestants':
    'A contest holds at most {max, plural, one {# contestant} other {# contestants}}; this would make {total}.',
  'editor.roster.problem.too_many_rows.judges':
    'A contest holds at most {max, plural, one {# judge} other {# judges}}; this would make {total}.',
  'editor.roster.problem.required': 'Must not be empty.',
  'editor.roster.problem.invalid': '“{value}” is not valid.',
  'editor.roster.problem.invalid.format': '“{value}” is not in the right form.',
  'editor.roster.problem.invalid.format.bib':
    '“{value}” is not in the right form: 1–16 letters, digits, - or _, no spaces or other signs.',
  'editor.roster.problem.invalid.format.code':
    '“{value}” is not in the right form: 1–32 letters, digits, - or _, no spaces or other signs.',
  'editor.roster.problem.invalid.format.criteria':
    'Criterion code “{value}” is not in the right form: 1–32 lower-case letters, digits, - or _.',
  'editor.roster.problem.invalid.format.pin': 'A PIN is 4–8 digits.',
  'editor.roster.problem.invalid.too_long': 'Too long: at most {max, plural, one {# character} other {# characters}}.',
  'editor.roster.problem.invalid.status':
    '“{value}” is not a status: write active, withdrawn or disqualified (empty is active).',
  'editor.roster.problem.invalid.flag': '“{value}” is not understood: write yes or no.',
  'editor.roster.problem.invalid.chief_shadow': 'A chief judge cannot be a shadow (trainee) judge.',
  'editor.roster.problem.invalid.too_many_columns':
    'Cell {cell} is out of range: a roster has at most {max, plural, one {# column} other {# columns}}.',
  'editor.roster.problem.invalid.formula':
    'Cell {cell} holds a formula without a saved value (or with an error): type the value itself.',
  'editor.roster.problem.invalid.event_rule':
    'This row conflicts with the rest of the event’s set-up and cannot be imported.',
  'editor.roster.problem.duplicate': '“{value}” appears twice.',
  'editor.roster.problem.duplicate.in_file': '“{value}” is also on row {firstRow}.',
  'editor.roster.problem.duplicate.in_contest':
    '“{value}” is already in the contest: merge only adds; replace the roster to change one.',
  'editor.roster.problem.duplicate.taken': 'Station “{value}” is already taken by contestant {holder}.',
  'editor.roster.problem.duplicate.other_contest':
    'Judge code “{value}” is already used in contest {contest}: judge codes are unique in the event.',
  'editor.roster.problem.unknown_organisation': 'This event has no organisation “{value}”.',
  'editor.roster.problem.unknown_organisation.list':
    'This event has no organisation “{value}”. Its organisations: {list}.',
  'editor.roster.problem.ambiguous_organisation': '“{value}” could be {list}: write the organisation’s code.',
  'editor.roster.problem.unknown_criterion': 'The contest has no criterion “{value}”: it has {criteria}.',
};
