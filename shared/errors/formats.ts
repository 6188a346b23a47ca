// The text formats of the contract (CONTRACT §4, §6) by name, so a value that misses one gets an
// issue saying which format it is (bad_format {format: "pin"}), whatever the schema's own words.
import { UUID_RE } from '../api.ts';
import { BIB_RE, CODE_RE, JUDGE_CODE_RE, PIN_RE, TIE_BREAK_RE } from '../event-file/schema.ts';
import type { FormatName } from './issues.ts';

/** zod reports a failed regex by its source text (`String(pattern)`): that is the key here. */
export const FORMAT_PATTERNS: ReadonlyMap<string, FormatName> = new Map([
  [String(CODE_RE), 'code'],
  [String(BIB_RE), 'bib'],
  [String(JUDGE_CODE_RE), 'judge_code'],
  [String(PIN_RE), 'pin'],
  [String(TIE_BREAK_RE), 'tie_break'],
  [String(UUID_RE), 'uuid'],
]);
