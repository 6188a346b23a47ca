// Messages of the judge screens (English). Typed against the Chinese file: same keys.
import type { judgeZhCN } from './judge.zh-CN.ts';
import { GLOSSARY } from '$shared/glossary.ts';

const words = GLOSSARY['en'];

export const judgeEn: Record<keyof typeof judgeZhCN, string> = {
  'judge.title': 'Judge scoring',
  'judge.entry': 'Judges: sign in to mark',

  'judge.signin.title': 'Judge sign-in',
  'judge.signin.lead':
    'Enter the event, your judge code and PIN, or scan the QR code on your judge card with this tablet.',
  'judge.signin.event': 'Event',
  'judge.signin.eventPick': 'Choose the event',
  'judge.signin.eventTyped': 'Event ID',
  'judge.signin.typeEvent': 'Type the event ID instead',
  'judge.signin.pickEvent': 'Pick the event from the list',
  'judge.signin.judge': 'Judge code',
  'judge.signin.pin': 'PIN',
  'judge.signin.submit': 'Sign in',
  'judge.signin.busy': 'Signing in…',
  'judge.signin.pairing': 'Signing in from the QR code…',
  'judge.signin.wrong': 'The event, judge code or PIN is wrong. Check your judge card and try again.',
  'judge.signin.tooMany': 'Too many attempts. Wait {seconds} s, then try again.',
  'judge.signin.missing': 'Fill in the event, judge code and PIN.',
  'judge.signin.again': 'Your session has ended: sign in again. Marks saved on this tablet are kept and will be sent.',
  'judge.signin.othersWaiting':
    'This tablet holds {count, plural, one {# unsent mark of judge {judge}: that judge must sign in to send it.} ' +
    'other {# unsent marks of judge {judge}: that judge must sign in to send them.}}',

  'judge.keypad.label': 'Number pad',
  'judge.keypad.clear': 'Clear',
  'judge.keypad.back': 'Delete',

  'judge.bar.judge': 'Judge: {name} ({code})',
  'judge.bar.chief': words.role.chiefJudge,
  'judge.bar.shadow': 'Trainee judge (marks do not count)',
  'judge.bar.signOut': 'Sign out',

  'judge.conn.label': 'Network and sending status',
  'judge.conn.online': 'Online',
  'judge.conn.offline': 'Offline',
  'judge.conn.sending': 'Sending…',
  'judge.conn.waiting': '{count} waiting to send',
  'judge.conn.signin': 'Sign in again',
  'judge.conn.sendNow': 'Send now',

  'judge.home.search': 'Search bib or station',
  'judge.home.searchBlind': 'Search station',
  'judge.home.count': '{total, plural, one {# contestant} other {# contestants}}, {complete} fully marked',
  'judge.home.noMatch': 'No contestant matches “{query}”.',
  'judge.home.empty': 'There are no contestants for you to mark.',
  'judge.home.progress': '{done}/{total} marked',
  'judge.home.complete': 'Done',
  'judge.home.remark': 'Re-mark',
  'judge.home.refused': '{count} refused',
  'judge.home.waiting': '{count} waiting',
  'judge.home.blind': 'Blind marking: stations only, no names or organisations.',
  'judge.home.closed': 'Marking is closed: the contest is “{state}” and accepts no marks.',
  'judge.home.reviewChief': 'Review: as chief judge you may correct marks, each with a reason.',
  'judge.home.loading': 'Loading the scoring sheet…',
  'judge.home.noSheet': 'This tablet has no scoring sheet yet. Connect to the network and try again.',
  'judge.home.station': 'Station {station}',
  'judge.home.remarksTitle': 'Re-marks requested by the chief judge',

  'judge.chiefEntry.toDesk': 'Sign in as the chief judge: you then return to the chief judge desk.',
  'judge.chiefEntry.title': 'You are the chief judge of this contest',
  'judge.chiefEntry.lead':
    'Follow marking progress, settle flagged marks and requests to mark again, close marking and review corrections.',
  'judge.chiefEntry.open': 'Open the chief judge desk',

  'judge.refused.title': 'Refused marks',
  'judge.refused.lead': 'The server did not accept these marks. Correct them, or dismiss once read.',
  'judge.refused.dismiss': 'Dismiss',
  'judge.refused.correct': 'Correct',

  'judge.sheet.back': 'Contestants',
  'judge.sheet.prev': 'Previous',
  'judge.sheet.next': 'Next',
  'judge.sheet.nextTo': 'Next: {label}',
  'judge.sheet.max': 'max {max}',
  'judge.sheet.points': '{points, plural, one {# point} other {# points}}',
  'judge.sheet.deducts': '−{points, plural, one {# point} other {# points}}',
  'judge.sheet.deductsNone': 'No points deducted',
  'judge.sheet.save': 'Save',
  'judge.sheet.saveAgain': 'Save again',
  'judge.sheet.saved': 'Saved',
  'judge.sheet.noteAdd': 'Add a note',
  'judge.sheet.note': 'Note (optional, up to 500 characters)',
  'judge.sheet.reason': 'Reason for the correction (required)',
  'judge.sheet.current': 'Now {value}',
  'judge.sheet.none': 'Not marked yet',
  'judge.sheet.history': 'History ({count})',
  'judge.sheet.revision': 'Revision {n}',
  'judge.sheet.remark': 'The chief judge asks for a re-mark: {reason}',
  'judge.sheet.unknown': 'This contestant is not on your sheet.',
  'judge.sheet.pass': 'Pass',
  'judge.sheet.fail': 'Fail',
  'judge.sheet.violations': '{count} ×',
  'judge.sheet.perUnit': '{points, plural, one {# point} other {# points}} each, at most {max}',
  'judge.sheet.linear': 'Raw value · best {best}, worst {worst}',
  'judge.sheet.step': 'step {step}',
  'judge.sheet.less': 'Less',
  'judge.sheet.more': 'More',
  'judge.sheet.value': 'Value',
  'judge.sheet.closed': 'Marking closed',

  'judge.value.noteTooLong': 'A note has at most 500 characters.',

  'judge.status.waiting': 'Saved on this tablet · waiting',
  'judge.status.sending': 'Sending…',
  'judge.status.received': 'Received',
  'judge.status.refused': 'Refused',

  'judge.watch.title': 'Stopwatch',
  'judge.watch.start': 'Start',
  'judge.watch.stop': 'Stop',
  'judge.watch.resume': 'Resume',
  'judge.watch.reset': 'Reset',
  'judge.watch.use': 'Use {seconds} s',

  'judge.signout.title': 'Sign out?',
  'judge.signout.text': 'Signing out clears the scoring sheet and your marks from this tablet.',
  'judge.signout.pending':
    '{count, plural, one {# mark has not reached the server yet! If you sign out now it is lost. ' +
    'Connect to the network and wait until it is sent.} other {# marks have not reached the server yet! ' +
    'If you sign out now they are lost. Connect to the network and wait until they are sent.}}',
  'judge.signout.confirm': 'Sign out',
  'judge.signout.discard': '{count, plural, one {Discard # mark and sign out} other {Discard # marks and sign out}}',
  'judge.signout.cancel': 'Cancel',

  'judge.storage': 'Storage on this tablet is not available, so marks cannot be kept offline: {error}',
};
