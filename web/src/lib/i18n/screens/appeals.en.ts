// Messages of the organiser's appeals panel (English). Typed against the Chinese file: same keys.
import type { appealsZhCN } from './appeals.zh-CN.ts';

export const appealsEn: Record<keyof typeof appealsZhCN, string> = {
  'appeals.title': 'Appeals and arbitration',
  'appeals.lead': 'Record contestants’ appeals against results and decide them; both are kept in the audit log.',
  'appeals.reload': 'Refresh',
  'appeals.working': 'Working…',
  'appeals.loadFailed': 'Could not load the appeals: {message}',

  'appeals.window.notOut': 'Results are not out yet (the contest is {state}); no appeals are heard.',
  'appeals.window.review':
    'The contest is in review: appeals are heard; after certification for {minutes, plural, one {# more minute} ' +
    'other {# more minutes}}.',
  'appeals.window.open':
    'Appeals are accepted until {deadline} ({minutes, plural, one {# minute} other {# minutes}} after certification).',
  'appeals.window.closed': 'The appeal window closed at {deadline}; no new appeals are accepted.',

  'appeals.new.title': 'Record an appeal',
  'appeals.new.search': 'Find a contestant',
  'appeals.new.searchHint': 'Bib or name',
  'appeals.new.contestant': 'Contestant',
  'appeals.new.choose': 'Choose…',
  'appeals.new.matches': '{count, plural, one {# contestant found} other {# contestants found}}',
  'appeals.new.criterion': 'Appeal concerns',
  'appeals.new.whole': 'The whole result',
  'appeals.new.text': 'Appeal',
  'appeals.new.textHint': 'What the contestant asks to be reviewed, and why',
  'appeals.new.submit': 'Record appeal',
  'appeals.new.done': 'Appeal of {who} recorded.',
  'appeals.new.pickContestant': 'Choose the contestant who appeals.',
  'appeals.new.textRequired': 'Describe the appeal.',

  'appeals.list.title': 'Appeals',
  'appeals.list.empty': 'No appeals for this contest.',
  'appeals.list.pending': '{count} pending',

  'appeals.status.pending': 'Pending',
  'appeals.status.upheld': 'Upheld',
  'appeals.status.rejected': 'Rejected',

  'appeals.item.whole': 'Whole result',
  'appeals.item.submitted': 'Recorded by {who} · {at}',
  'appeals.item.decided': 'Decided by {who} · {at}',
  'appeals.item.reason': 'Reason: {reason}',
  'appeals.item.marks': 'Corrected marks: {ids}',
  'appeals.item.noMarks': 'No marks changed',
  'appeals.who.organiser': 'Organiser ({name})',
  'appeals.who.judge': 'Judge {name}',

  'appeals.decide.open': 'Decide',
  'appeals.decide.close': 'Close',
  'appeals.decide.title': 'Decision',
  'appeals.decide.decision': 'Outcome',
  'appeals.decide.upheld': 'Uphold',
  'appeals.decide.rejected': 'Reject',
  'appeals.decide.reason': 'Reason',
  'appeals.decide.reasonHint': 'What was reviewed and why this is the decision',
  'appeals.decide.reasonRequired': 'Give a reason for the decision.',
  'appeals.decide.pickDecision': 'Choose uphold or reject.',
  'appeals.decide.correction': 'Correct a mark (optional)',
  'appeals.decide.correctionLead':
    'The correction becomes the chosen judge’s next revision of this mark; earlier revisions stay in the history.',
  'appeals.decide.reviewNeeded':
    'The contest is {state}: to correct a mark, first reopen it for review with the appeal as the reason.',
  'appeals.decide.criterion': 'Criterion',
  'appeals.decide.none': 'No correction',
  'appeals.decide.judge': 'Code of the judge whose mark is corrected',
  'appeals.decide.value': 'Corrected value',
  'appeals.decide.count': 'Corrected number of violations',
  'appeals.decide.pass': 'Pass',
  'appeals.decide.fail': 'Fail',
  'appeals.decide.current': 'Current marks (tap to choose the judge):',
  'appeals.decide.noMarks': 'No marks on this criterion yet.',
  'appeals.decide.incomplete': 'Enter the judge code and the corrected value.',
  'appeals.decide.submit': 'Record decision',
  'appeals.decide.done': 'Decision recorded.',
};
