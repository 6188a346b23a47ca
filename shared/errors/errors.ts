// Every refusal the server can give, as data: its key and the params it carries (CONTRACT §2,
// v1.1). A key is the wire `code`, or `code:reason` when one code covers several refusals: the
// reason travels as `params.reason`, so the codes clients rely on never change. The server builds
// its errors from these keys (server/errors.ts) and maps codes to HTTP statuses at its edge; the
// web app words each key in zh-CN and en (web/src/lib/i18n/problems), typed against this list.
import type { ParamsOf, ParamsSpec } from './params.ts';

const STATES = 'state';

export const ERRORS = {
  bad_request: {},
  /** a realtime client that names an older or unknown protocol version (shared/realtime.ts) */
  'bad_request:protocol_version': { version: 'text', supported: 'count' },
  invalid_json: {},
  'invalid_json:empty': {},
  'invalid_json:syntax': {},
  'invalid_json:not_gzip': {},
  'invalid_json:not_utf8': {},
  'invalid_json:content_type': {},

  validation_failed: {},
  'validation_failed:event_file': {},
  'validation_failed:roster': { kind: ['contestants', 'judges'] },
  'validation_failed:archive': {},
  'validation_failed:reason_required': { when: ['review', 'amend'] },

  unauthorized: {},
  'unauthorized:wrong_password': {},
  'unauthorized:wrong_pin': {},
  'unauthorized:session_ended': {},
  'unauthorized:account_gone': {},

  forbidden: {},
  'forbidden:cross_site': {},
  'forbidden:organiser_only': {},
  'forbidden:chief_or_organiser': {},
  'forbidden:state_change': {},
  'forbidden:not_published': {},
  'forbidden:not_your_contest': {},
  'forbidden:criterion_not_assigned': { criterion: 'text' },
  'forbidden:own_organisation': {},
  'forbidden:recused': {},
  'forbidden:judges_only': {},
  'forbidden:not_started': {},

  not_found: {},
  'not_found:event': {},
  'not_found:contest': { contest: 'text?' },
  'not_found:contestant': { bib: 'text' },
  'not_found:criterion': { criterion: 'text' },
  'not_found:judge': { judges: 'list' },
  'not_found:appeal': {},
  'not_found:snapshot': {},
  'not_found:certificate': {},
  'not_found:not_certified': {},
  'not_found:trusted_key': {},
  /** the venue's big screens and announcements (issue 14) */
  'not_found:screen': {},
  'not_found:announcement': {},

  conflict: {},
  'conflict:already_in_state': { state: STATES },
  'conflict:bad_transition': { from: STATES, to: STATES },
  'conflict:changed_meanwhile': {},
  'conflict:new_mark_meanwhile': { bib: 'text', criterion: 'text' },
  'conflict:flags_state': { state: STATES },
  'conflict:edit_not_setup': { contests: 'list' },
  'conflict:roster_not_setup': { contest: 'text', state: STATES },
  'conflict:no_judges': {},
  'conflict:judge_removed': { judge: 'text' },
  'conflict:appeal_too_early': { state: STATES },
  'conflict:appeal_decided': {},
  'conflict:appeal_deciding': {},
  'conflict:review_first': { state: STATES },
  'conflict:archive_imported': { event: 'text' },
  'conflict:archive_clash': {},
  'conflict:snapshots_postgres': {},
  'conflict:snapshots_off': {},
  'conflict:not_certified': {},
  'conflict:reopened': { state: STATES },
  'conflict:no_winners': {},
  'conflict:too_many_screens': { limit: 'count' },
  'conflict:too_many_announcements': { limit: 'count' },
  'conflict:not_revealing': {},

  contest_closed: { state: 'state?' },
  'contest_closed:review': {},
  'contest_closed:remark': { state: STATES },
  transition_blocked: { count: 'count' },
  idempotency_conflict: {},
  not_flagged: { bib: 'text', criterion: 'text' },
  appeal_window_closed: { deadline: 'time?', certifiedAt: 'time?', minutes: 'count' },
  /** the public address for QR codes and certificates (issue 11, point 1) */
  public_url_fixed: {},
  public_url_unconfirmed: {},

  payload_too_large: { limitKb: 'count?' },
  'payload_too_large:archive': { limitMb: 'count' },
  'payload_too_large:xlsx': { limitMb: 'count' },
  rate_limited: { seconds: 'count?' },
  /** a realtime socket sending watch/unwatch too fast, or watching too many contests at once */
  'rate_limited:watch': { seconds: 'count' },
  'rate_limited:watch_contests': { limit: 'count' },
  unavailable: {},
  'unavailable:shutting_down': {},
  'unavailable:snapshot_failed': {},
  /** too many public (anonymous) requests waiting at once (issue 12, point 9) */
  'unavailable:busy': { seconds: 'count' },
  internal: {},
} as const satisfies Record<string, ParamsSpec>;

export type ErrorKey = keyof typeof ERRORS;
/** The wire codes: the part of a key before ":". */
export type ErrorCode = ErrorKey extends infer K ? (K extends `${infer C}:${string}` ? C : K) : never;
export type ErrorParams<K extends ErrorKey> = ParamsOf<(typeof ERRORS)[K]>;

export const ERROR_KEYS = Object.keys(ERRORS) as ErrorKey[];
export const ERROR_CODES = [...new Set(ERROR_KEYS.map((k) => k.split(':')[0]!))] as ErrorCode[];

export const codeOfKey = (key: ErrorKey) => key.split(':')[0] as ErrorCode;

/** The catalogue key of a refusal as it came over the wire (a key unknown here is returned as is). */
export function errorKeyOf(code: string, params?: Readonly<Record<string, unknown>>): string {
  const reason = params?.reason;
  return typeof reason === 'string' ? `${code}:${reason}` : code;
}

export function isErrorKey(key: string): key is ErrorKey {
  return Object.hasOwn(ERRORS, key);
}
