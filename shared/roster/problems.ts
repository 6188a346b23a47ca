// What is wrong with a roster, as data: a stable code and params that a screen words in the
// reader's language (CONTRACT §2, v1.1), with an English message kept for logs and scripts.
import type { Organisation } from '../event-file/schema.ts';

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
  | 'ambiguous_organisation'
  | 'unknown_criterion';

/** Why a value is `invalid`: which rule it breaks. */
export type InvalidReason =
  /** not the format of its column (bib, station, code, PIN, organisation or criterion code) */
  | 'format'
  | 'too_long'
  | 'status'
  /** chief or shadow is not yes/no */
  | 'flag'
  | 'chief_shadow'
  /** an XLSX cell beyond the last column a roster may use */
  | 'too_many_columns'
  /** an XLSX formula without a saved value */
  | 'formula'
  /** the event file's own rules refuse the result (a rule no row check covers) */
  | 'event_rule';

/** Where else a `duplicate` value is. */
export type DuplicateReason =
  /** on an earlier row of the file (`firstRow`) */
  | 'in_file'
  /** already in the contest, and merge only adds */
  | 'in_contest'
  /** a station already taken by contestant `holder` */
  | 'taken'
  /** a judge code of the event's contest `contest` */
  | 'other_contest';

/** At most this many of the event's organisations are listed in one problem (`more` counts the rest). */
export const LISTED_ORGANISATIONS = 30;

export interface RosterProblemParams {
  reason?: InvalidReason | DuplicateReason;
  /** the row a duplicate first appears on */
  firstRow?: number;
  holder?: string;
  contest?: string;
  /** missing_column, duplicate_column: the field; duplicate_column: the second header */
  field?: string;
  header?: string;
  /** missing_column: the headings that name the field; empty_file: the required fields */
  names?: string[];
  /** unknown_organisation: the event's organisations; ambiguous_organisation: those the value could be */
  organisations?: Organisation[];
  /** organisations beyond those listed */
  more?: number;
  /** unknown_criterion: the contest's criterion codes */
  criteria?: string[];
  max?: number;
  total?: number;
  /** too_many_columns, formula: the XLSX cell (B7) */
  cell?: string;
  /** event_rule: the event file's path and its own issue code, when it has one */
  path?: string;
  rule?: string;
}

export interface RosterProblem {
  /** 1-based line (CSV) or row (XLSX) of the file; the header is 1. */
  row: number;
  /** the field (bib, name, …), or "" for a problem of the whole file */
  column: string;
  value: string;
  code: RosterProblemCode;
  params: RosterProblemParams;
  /** English, for logs */
  message: string;
}

/** The event's organisations as a problem lists them: the first LISTED_ORGANISATIONS, and how many more. */
export function listedOrganisations(all: readonly Organisation[]): RosterProblemParams {
  const organisations = all.slice(0, LISTED_ORGANISATIONS).map(({ code, name }) => ({ code, name }));
  const more = all.length - organisations.length;
  return more > 0 ? { organisations, more } : { organisations };
}
