// Messages of the chief screens (English). Typed against the Chinese file: same keys.
import type { chiefZhCN } from './chief.zh-CN.ts';

export const chiefEn: Record<keyof typeof chiefZhCN, string> = {
  'chief.title': 'Chief judge desk',
  'chief.cancel': 'Cancel',
  'chief.close': 'Close',
  'chief.confirm': 'OK',
  'chief.working': 'Sending…',
  'chief.reasonRequired': 'Please give a reason.',
  'chief.offline':
    'The server cannot be reached. You are seeing the latest data received; it updates when the connection returns.',
  'chief.publicBoard': 'Public board',
  'chief.toJudging': 'Judge scoring',
  'chief.signedInAs': 'Chief judge: {name} ({code})',
  'chief.blind': 'Blind marking: stations only',
  'chief.updatedAt': 'updated {time}',

  'chief.gate.signIn': 'Sign in on this device as the chief judge first, then open the chief judge desk.',
  'chief.gate.notChief':
    "The judge signed in on this device, {name}, is not the chief judge, so the chief judge desk is not open to them. The chief judge signs out on the marking page first, then signs in with the chief judge's code and PIN.",
  'chief.gate.expired': 'Your session has expired. Please sign in again.',
  'chief.gate.forbidden': 'You are not the chief judge of this contest, so you cannot see its marking progress.',
  'chief.gate.link': 'Go to judge sign-in',
  'chief.gate.back': 'Back to marking',

  'chief.live.live': 'Live',
  'chief.live.polling': 'Refreshing',
  'chief.live.offline': 'Connection lost',

  'chief.summary.contestants': 'Contestants',
  'chief.summary.complete': 'Fully marked',
  'chief.summary.flagged': 'Flagged',
  'chief.summary.remarks': 'Re-mark requests',

  'chief.state.label': 'Contest state',
  'chief.state.toReview': 'Close marking (review)',
  'chief.state.toScoring': 'Reopen marking',
  'chief.state.toCertified': 'Certify results',
  'chief.state.reviewText':
    'Once marking is closed, judges can no longer send marks; the chief judge can still correct marks in review, with a reason. Close marking now?',
  'chief.state.scoringText': 'Reopening lets judges send and correct marks again. Reopen marking now?',
  'chief.state.certifyText':
    'Certified results are locked, signed and recorded; after that only an organiser can amend them, with a reason. Certify now?',
  'chief.state.certifyWarn':
    '{parts, select, both {{incomplete, plural, one {# contestant is} other {# contestants are}} not fully marked ' +
    'and {flagged, plural, one {# has an unresolved flag} other {# have unresolved flags}}} incomplete ' +
    '{{incomplete, plural, one {# contestant is} other {# contestants are}} not fully marked} other ' +
    '{{flagged, plural, one {# contestant has an unresolved flag} other {# contestants have unresolved flags}}}}: ' +
    'certification will probably be refused.',
  'chief.state.blocked':
    '{count, plural, one {The results cannot be certified yet. # problem to resolve:} other {The results cannot ' +
    'be certified yet. # problems to resolve:}}',
  'chief.state.setupNote': 'Marking has not started yet; the organiser opens it.',
  'chief.state.lockedNote': 'The results are certified and locked; ask the organiser for an amendment.',
  'chief.blocker.incomplete': '{who}: not fully marked ({missing})',
  'chief.blocker.flagged': '{who}: “{criterion}” is flagged (judges too far apart) and not resolved',
  'chief.blocker.other': 'Another problem this screen cannot show: reload the page to see it.',

  'chief.matrix.title': 'Marking progress',
  'chief.matrix.contestant': 'Contestant',
  'chief.matrix.total': 'Total',
  'chief.matrix.judges': '{n, plural, one {# judge} other {# judges}}',
  'chief.matrix.count': 'Showing {shown} of {total, plural, one {# contestant} other {# contestants}}',
  'chief.matrix.noMatch': 'No contestant matches the filters.',
  'chief.filter.label': 'Filters',
  'chief.filter.incomplete': 'Incomplete only',
  'chief.filter.flagged': 'Flagged only',
  'chief.kind.measurement': 'Measured',
  'chief.kind.judgement': 'Judged',
  'chief.kind.deduction': 'Deduction',
  'chief.cell.complete': 'Complete',
  'chief.cell.partial': 'Partly marked',
  'chief.cell.missing': 'Not marked',
  'chief.cell.flagged': 'Flagged',
  'chief.cell.none': 'No deduction',
  'chief.cell.deducted': 'Deducted',
  'chief.cell.inactive': 'Not ranked',

  'chief.detail.marks': 'Marks',
  'chief.detail.points': 'Points',
  'chief.detail.spread': 'Spread',
  'chief.detail.maxSpread': '(allowed {max})',
  'chief.detail.accepted': 'Accepted by the chief judge',
  'chief.detail.judge': 'Judge',
  'chief.detail.value': 'Value',
  'chief.detail.revision': 'Revision',
  'chief.detail.rev': 'rev. {n}',
  'chief.detail.time': 'Time',
  'chief.detail.note': 'Note',
  'chief.detail.shadow': 'trainee (not counted)',
  'chief.detail.noMarks': 'No judge has marked this yet.',
  'chief.detail.owing': 'Still to mark:',
  'chief.detail.requested': 'Asked {judge} to mark again: {reason}',

  'chief.flags.title': 'Flagged criteria',
  'chief.flags.none': 'No flags to resolve.',
  'chief.flags.asked': 'Re-mark requested',
  'chief.flags.acceptedOne': 'Accepted the marks of {who} on “{criterion}”.',
  'chief.flags.askedOne': 'Asked the judges to mark {who} on “{criterion}” again.',
  'chief.flag.accept': 'Accept marks',
  'chief.flag.reason': 'Reason for accepting',
  'chief.flag.reasonHint': 'e.g. the panel discussed it and the marks stand',
  'chief.flag.acceptSubmit': 'Accept with this reason',
  'chief.flag.acceptedDone': 'The marks are accepted.',

  'chief.remark.ask': 'Ask to re-mark',
  'chief.remark.who': 'Who should mark again',
  'chief.remark.allJudges': 'All judges who marked',
  'chief.remark.reason': 'Reason for re-marking',
  'chief.remark.reasonHint': 'e.g. check the seal of the parcel and mark again',
  'chief.remark.submit': 'Send request',
  'chief.remark.done': 'Request sent; the judges see it on their scoring sheet.',
  'chief.remarks.title': 'Re-mark requests',
  'chief.remarks.none': 'No open re-mark requests.',
  'chief.remarks.by': '{who} · {time}',

  'chief.missing.title': 'Marks missing, by judge',
  'chief.missing.count': '{n} missing',
  'chief.missing.allDone': 'Every judge has marked everything.',
  'chief.missing.noJudges': 'This contest has no marking judges.',
  'chief.missing.note':
    "From each judge's assigned criteria, without contestants of its own organisation; the chief judge and trainees are not listed.",
  'chief.missing.blindNote':
    'Blind contest: until the results are certified the desk does not show which judge belongs to which ' +
    "organisation, so this counts every open cell of a judge's criteria, including those of its own " +
    "organisation's contestants, which it never marks. The chief judge and trainees are not listed.",

  'chief.correct.title': 'Correct a mark (review)',
  'chief.correct.lead':
    "A correction is a new mark in the chief judge's name; it needs a reason and is kept in the audit log.",
  'chief.correct.contestant': 'Contestant',
  'chief.correct.criterion': 'Criterion',
  'chief.correct.choose': 'Choose…',
  'chief.correct.current': 'Current marks:',
  'chief.correct.value': 'Corrected value',
  'chief.correct.count': 'Number of violations',
  'chief.correct.hintRange': '0 to {max}, in steps of {step}',
  'chief.correct.hintLinear': 'The raw measurement (best {best}, worst {worst})',
  'chief.correct.hintDeduction':
    'A whole number; {perUnit, plural, one {# point} other {# points}} each, at most {max}',
  'chief.correct.reason': 'Reason for the correction',
  'chief.correct.reasonHint': 'e.g. the video shows the time was misread',
  'chief.correct.submit': 'Submit correction',
  'chief.correct.pick': 'Choose a contestant and a criterion.',
  'chief.correct.valueRequired': 'Enter the corrected value.',
  'chief.correct.done': 'Corrected {who} on “{criterion}” (revision {revision}).',
  'chief.correct.judgementNote':
    "Judged criteria are marked by a panel: the correction counts as the chief judge's own mark, aggregated with the other judges' marks.",
  'chief.correct.fromCell': 'Correct this mark',

  'chief.recused.badge': 'Own organisation · recused',
  'chief.recused.cell': 'own organisation: an organiser decides',
  'chief.recused.note':
    '{who} is a contestant of your own organisation, so you stand aside: an organiser accepts flags, asks for re-marks and corrects marks here.',
  'chief.recused.legend': 'Own organisation (recused)',

  'chief.value.pass': 'Pass',
  'chief.value.fail': 'Fail',
};
