// English messages. Typed against zh-CN.ts: a missing or extra key is a type error.
import type { zhCN } from './zh-CN.ts';
import { judgeEn } from './screens/judge.en.ts';
import { chiefEn } from './screens/chief.en.ts';
import { displayEn } from './screens/display.en.ts';
import { resultsEn } from './screens/results.en.ts';
import { adminEn } from './screens/admin.en.ts';
import { editorEn } from './screens/editor.en.ts';
import { verifyEn } from './screens/verify.en.ts';
import { backupsEn } from './screens/backups.en.ts';
import { appealsEn } from './screens/appeals.en.ts';
import { siteEn } from './screens/site.en.ts';
import { rosterEn } from './screens/roster.en.ts';
import { installationsEn } from './screens/installations.en.ts';
import { consoleScreensEn } from './screens/console-screens.en.ts';
import { followEn } from './screens/follow.en.ts';
import type { judgeZhCN } from './screens/judge.zh-CN.ts';
import type { chiefZhCN } from './screens/chief.zh-CN.ts';
import type { displayZhCN } from './screens/display.zh-CN.ts';
import type { resultsZhCN } from './screens/results.zh-CN.ts';
import type { adminZhCN } from './screens/admin.zh-CN.ts';
import type { editorZhCN } from './screens/editor.zh-CN.ts';
import type { verifyZhCN } from './screens/verify.zh-CN.ts';
import type { backupsZhCN } from './screens/backups.zh-CN.ts';
import type { appealsZhCN } from './screens/appeals.zh-CN.ts';
import type { siteZhCN } from './screens/site.zh-CN.ts';
import type { rosterZhCN } from './screens/roster.zh-CN.ts';
import type { installationsZhCN } from './screens/installations.zh-CN.ts';
import type { consoleScreensZhCN } from './screens/console-screens.zh-CN.ts';
import type { followZhCN } from './screens/follow.zh-CN.ts';
import { GLOSSARY } from '$shared/glossary.ts';

type ScreenKeys =
  | keyof typeof judgeZhCN
  | keyof typeof chiefZhCN
  | keyof typeof displayZhCN
  | keyof typeof resultsZhCN
  | keyof typeof adminZhCN
  | keyof typeof editorZhCN
  | keyof typeof verifyZhCN
  | keyof typeof backupsZhCN
  | keyof typeof appealsZhCN
  | keyof typeof rosterZhCN
  | keyof typeof installationsZhCN
  | keyof typeof consoleScreensZhCN
  | keyof typeof followZhCN
  | keyof typeof siteZhCN;

const words = GLOSSARY['en'];
const base: Record<Exclude<keyof typeof zhCN, ScreenKeys>, string> = {
  'app.name': 'Jiangxin',
  'brand.mark': '匠心',
  'brand.latin': 'Jiangxin',
  'app.tagline': 'Live scoring for workers’ skill competitions',
  'app.home': 'Home',
  'app.footer': 'Jiangxin · live scoring for workers’ skill competitions',

  'lang.label': 'Language',
  'lang.zh-CN': '中文',
  'lang.en': 'English',

  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.none': '—',
  'common.back': 'Back',

  'home.title': 'Events',
  'home.lead': 'Choose an event to follow its live boards and team ranking.',
  'home.empty': 'No events yet.',
  'home.contests': 'Contests',
  'home.open': 'View results',

  'state.setup': words.state.setup,
  'state.scoring': words.state.scoring,
  'state.review': words.state.review,
  'state.certified': words.state.certified,
  'state.published': words.state.published,

  'event.contests': 'Contests',
  'event.noContests': 'This event has no contests yet.',
  'event.board': 'Live board',
  'event.teams': 'Team ranking',
  'event.overall': 'Overall',
  'event.byContest': 'Teams by contest',
  'event.noTeams': 'No team results yet.',
  'event.teamsUnavailable': 'The team ranking is not available yet.',

  'team.rank': 'Rank',
  'team.organisation': 'Team',
  'team.score': 'Score',

  'board.title': '{contest} · live board',
  'board.rank': 'Rank',
  'board.bib': 'Bib',
  'board.name': 'Name',
  'board.station': 'Station',
  'board.organisation': 'Organisation',
  'board.total': 'Total',
  'board.award': 'Award',
  'board.marks': 'Marks',
  'board.complete': 'All marks in',
  'board.incomplete': 'Marks pending',
  'board.flagged': 'Flagged for the chief judge',
  'board.search': 'Search bib, name or station',
  'board.searchLabel': 'Find a contestant',
  'board.clear': 'Clear',
  'board.count': '{total, plural, one {# contestant} other {# contestants}}',
  'board.filtered': 'Showing {shown} of {total, plural, one {# contestant} other {# contestants}}',
  'board.noMatch': 'No contestant matches “{query}”.',
  'board.empty': 'No contestants yet.',
  'board.notOpen': 'Scoring has not started; this board is not public yet.',
  'board.frozen': 'Board frozen: it shows the standings at the freeze; final results are revealed at the ceremony.',
  'board.blind':
    'Blind marking: until results are certified, stations are shown instead of bibs, names and organisations.',
  'board.legend': '✓ all marks in   ○ marks pending   ⚑ flagged for the chief judge',
  'board.allContests': 'All contests',
  'board.notStarted': 'Not started',

  'standing.provisional': words.standing.provisional,
  'standing.official': words.standing.official,

  'status.active': words.status.active,
  'status.withdrawn': words.status.withdrawn,
  'status.disqualified': words.status.disqualified,

  'live.connected': 'Live',
  'live.connecting': 'Connecting…',
  'live.disconnected': 'Connection lost — reconnecting…',

  'error.title': 'Something went wrong',
  'error.notFoundTitle': 'Page not found',
  'error.notFoundText': 'There is no page at this address. Check it, or go back to the home page.',
  'error.home': 'Go to the home page',
};

export const en: Record<keyof typeof zhCN, string> = {
  ...base,
  ...judgeEn,
  ...chiefEn,
  ...displayEn,
  ...resultsEn,
  ...adminEn,
  ...editorEn,
  ...verifyEn,
  ...backupsEn,
  ...appealsEn,
  ...siteEn,
  ...rosterEn,
  ...installationsEn,
  ...consoleScreensEn,
  ...followEn,
};
