// Every refusal in English, by key (shared/errors/errors.ts); typed like errors.zh-CN.ts.
import type { ProblemKey } from './keys.ts';

export const errorsEn: Record<ProblemKey, string> = {
  bad_request: 'The request is not valid.',
  'bad_request:protocol_version':
    'This page is out of date (live boards are at version {supported}): please reload it.',
  invalid_json: 'The request is not valid JSON.',
  'invalid_json:empty': 'The request was empty.',
  'invalid_json:syntax': 'This is not valid JSON: check the file.',
  'invalid_json:not_gzip': 'This is not a readable gzip file.',
  'invalid_json:not_utf8': 'The file is not UTF-8 JSON.',
  'invalid_json:content_type': 'The request was not sent as JSON (Content-Type: application/json).',

  validation_failed: 'Some of what was sent is not valid: check it and try again.',
  'validation_failed:event_file': 'The event file has problems; nothing was stored.',
  'validation_failed:roster':
    'The {kind, select, judges {judge} other {contestant}} list has problems; nothing was imported.',
  'validation_failed:archive': 'The event archive is not valid or not complete; nothing was imported.',
  'validation_failed:reason_required':
    '{when, select, amend {Amending certified results} other {A correction in review}} needs a reason.',

  unauthorized: 'Please sign in first.',
  'unauthorized:wrong_password': 'Wrong user name or password.',
  'unauthorized:wrong_pin': 'Wrong event, judge code or PIN.',
  'unauthorized:session_ended': 'Your session has ended: sign in again.',
  'unauthorized:account_gone': 'This account no longer exists: sign in again.',

  forbidden: 'You are not allowed to do this.',
  'forbidden:cross_site': 'A request from another site was refused.',
  'forbidden:organiser_only': 'Only an organiser may do this.',
  'forbidden:chief_or_organiser': 'Only the chief judge of this contest or an organiser may do this.',
  'forbidden:state_change':
    'Only an organiser may change the state (the chief judge may close marking, reopen it and certify).',
  'forbidden:not_published': 'Certified results are public once they are published.',
  'forbidden:not_your_contest': 'You are not a judge of this contest.',
  'forbidden:criterion_not_assigned': 'The criterion “{criterion}” is not assigned to you.',
  'forbidden:own_organisation': 'You may not mark a contestant of your own organisation.',
  'forbidden:recused': 'This contestant is of your own organisation: an organiser decides on their marks, not you.',
  'forbidden:judges_only': 'This is the judges’ sheet: sign in as a judge.',
  'forbidden:not_started': 'This contest has not started; its board is not public yet.',

  not_found: 'Not found.',
  'not_found:event': 'This event does not exist.',
  'not_found:contest': 'This contest does not exist.',
  'not_found:contestant': 'There is no contestant {bib}.',
  'not_found:criterion': 'There is no criterion “{criterion}”.',
  'not_found:judge': 'There is no judge {judges}.',
  'not_found:appeal': 'This appeal does not exist.',
  'not_found:snapshot': 'This snapshot does not exist.',
  'not_found:certificate': 'No certificate has this verification code: check the code on the certificate.',
  'not_found:not_certified': 'The results of this contest have not been certified yet.',
  'not_found:trusted_key': 'This installation key is not trusted here.',
  'not_found:screen': 'This screen is not known (any more): reload the list.',
  'not_found:announcement': 'This announcement is not known (any more): reload the page.',

  conflict: 'This conflicts with the current state: reload and try again.',
  'conflict:already_in_state': 'The contest is already “{state}”.',
  'conflict:bad_transition': 'The contest cannot go from “{from}” to “{to}”.',
  'conflict:changed_meanwhile': 'Something changed meanwhile: reload and try again.',
  'conflict:new_mark_meanwhile': 'A new mark of “{criterion}” for {bib} arrived meanwhile: look at it and try again.',
  'conflict:flags_state': 'Flags can be resolved only while scoring or in review; the contest is “{state}”.',
  'conflict:edit_not_setup':
    'The event can be edited only while every contest is being set up (before scoring starts); these have ' +
    'started: {contests}.',
  'conflict:roster_not_setup':
    'Contest {contest} is “{state}”: contestants and judges can be imported only while setting up, before ' +
    'scoring starts.',
  'conflict:no_judges': 'The event has no judges yet: import judges first.',
  'conflict:judge_removed': 'Judge {judge} was removed meanwhile: try again.',
  'conflict:appeal_too_early': 'Results are not out yet (the contest is “{state}”): appeals are heard from review on.',
  'conflict:appeal_decided': 'This appeal was already decided.',
  'conflict:appeal_deciding': 'This appeal is being decided right now.',
  'conflict:review_first':
    'Reopen the contest for review first: corrections are made in review, and the contest is “{state}”.',
  'conflict:archive_imported': 'Event {event} is already in this database (the archive was imported before).',
  'conflict:archive_clash':
    'This database already holds data the archive brings: import it into a database without this event.',
  'conflict:snapshots_postgres':
    'With PostgreSQL, back up with the database’s own tools (such as pg_dump); this server takes no snapshots.',
  'conflict:snapshots_off': 'Snapshots are not running on this server.',
  'conflict:not_certified': 'This contest has no certified results yet: certify them before printing certificates.',
  'conflict:reopened':
    'The contest was reopened after certification (it is “{state}”): certify it again before printing certificates.',
  'conflict:no_winners': 'The certified results have no award winners: there is no certificate to print.',
  'conflict:too_many_screens': 'This event already has {limit} screens: remove ones no longer used from the console.',
  'conflict:too_many_announcements': 'At most {limit} announcements show at once: withdraw one first.',
  'conflict:not_revealing': 'This screen is not showing a reveal: choose “Reveal” for it first.',

  contest_closed:
    '{state, select, none {This contest does not accept marks now.} other {The contest is “{state}”: no marks ' +
    'are accepted.}}',
  'contest_closed:review': 'Marking is closed: the contest is in review, and only the chief judge may correct marks.',
  'contest_closed:remark': 'Judges can be asked to mark again only while the contest is scoring; it is “{state}”.',
  transition_blocked:
    '{count, plural, one {Cannot certify yet: # problem to resolve.} other {Cannot certify yet: # problems to ' +
    'resolve.}}',
  idempotency_conflict: 'This mark was already sent with different content.',
  not_flagged: '“{criterion}” of {bib} is not flagged.',
  public_url_fixed: 'PUBLIC_URL on the server sets the public address: it cannot be changed here.',
  public_url_unconfirmed:
    'The certificates would carry an address only this computer can open: choose the public address in the ' +
    'console first.',
  appeal_window_closed:
    '{deadline, select, none {The appeal window has closed.} other {The appeal window closed at {deadline} ' +
    '({minutes, plural, one {# minute} other {# minutes}} after the results were certified).}}',

  payload_too_large:
    '{limitKb, select, none {What was sent is too large.} other {What was sent is larger than the {limitKb} KB ' +
    'limit.}}',
  'payload_too_large:archive': 'The archive unpacks to more than {limitMb} MB.',
  'payload_too_large:xlsx':
    'The XLSX file unpacks to more than {limitMb} MB: save only the roster sheet, or save it as CSV.',
  rate_limited:
    '{seconds, select, none {Too many attempts: try again later.} other {Too many attempts: try again in ' +
    '{seconds, plural, one {# second} other {# seconds}}.}}',
  'rate_limited:watch':
    'This page asked for the leaderboard too often: it asks again in ' +
    '{seconds, plural, one {# second} other {# seconds}}.',
  'rate_limited:watch_contests': 'One connection follows at most {limit} contests at a time: close some boards first.',
  unavailable: 'The server cannot reach its database right now; nothing was stored. Try again shortly.',
  'unavailable:shutting_down': 'The server is shutting down: try again shortly.',
  'unavailable:snapshot_failed': 'The snapshot could not be written: free some disk space and try again.',
  'unavailable:busy':
    'The server is answering many requests from the public right now: try again in ' +
    '{seconds, plural, one {# second} other {# seconds}}.',
  internal: 'The server failed; nothing was stored. Try again shortly.',

  network_error: 'Cannot reach the server: check the network.',
  timeout: 'The server did not answer in time: try again shortly.',
  unknown: 'Something went wrong: try again shortly.',
};
