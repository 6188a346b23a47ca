// Simplified Chinese messages: the reference catalogue; en.ts must have exactly the same keys.
// Placeholders are {name}; numbers passed as params are formatted by the caller.
import { judgeZhCN } from './screens/judge.zh-CN.ts';
import { chiefZhCN } from './screens/chief.zh-CN.ts';
import { displayZhCN } from './screens/display.zh-CN.ts';
import { resultsZhCN } from './screens/results.zh-CN.ts';
import { adminZhCN } from './screens/admin.zh-CN.ts';
import { editorZhCN } from './screens/editor.zh-CN.ts';
import { verifyZhCN } from './screens/verify.zh-CN.ts';
import { backupsZhCN } from './screens/backups.zh-CN.ts';
import { appealsZhCN } from './screens/appeals.zh-CN.ts';
import { siteZhCN } from './screens/site.zh-CN.ts';
import { rosterZhCN } from './screens/roster.zh-CN.ts';
import { installationsZhCN } from './screens/installations.zh-CN.ts';
import { consoleScreensZhCN } from './screens/console-screens.zh-CN.ts';
import { followZhCN } from './screens/follow.zh-CN.ts';
import { GLOSSARY } from '$shared/glossary.ts';

const words = GLOSSARY['zh-CN'];
const base = {
  'app.name': '匠心',
  'brand.mark': '匠心',
  'brand.latin': 'Jiangxin',
  'app.tagline': '职工技能竞赛实时评分',
  'app.home': '首页',
  'app.footer': '匠心 · 职工技能竞赛实时评分系统',

  'lang.label': '语言',
  'lang.zh-CN': '中文',
  'lang.en': 'English',

  'common.loading': '加载中…',
  'common.retry': '重试',
  'common.none': '—',
  'common.back': '返回',

  'home.title': '赛事',
  'home.lead': '选择赛事，查看各赛项实时榜单和团体排名。',
  'home.empty': '暂无赛事。',
  'home.contests': '赛项',
  'home.open': '查看成绩',

  'state.setup': words.state.setup,
  'state.scoring': words.state.scoring,
  'state.review': words.state.review,
  'state.certified': words.state.certified,
  'state.published': words.state.published,

  'event.contests': '赛项',
  'event.noContests': '本赛事暂无赛项。',
  'event.board': '实时榜单',
  'event.teams': '团体排名',
  'event.overall': '总团体',
  'event.byContest': '各赛项团体',
  'event.noTeams': '暂无团体成绩。',
  'event.teamsUnavailable': '团体排名暂不可用。',

  'team.rank': '名次',
  'team.organisation': '代表队',
  'team.score': '团体得分',

  'board.title': '{contest} · 实时榜单',
  'board.rank': '名次',
  'board.bib': '编号',
  'board.name': '姓名',
  'board.station': '工位',
  'board.organisation': '单位',
  'board.total': '总分',
  'board.award': '奖项',
  'board.marks': '评分',
  'board.complete': '评分已完成',
  'board.incomplete': '评分未完成',
  'board.flagged': '评分待裁判长处理',
  'board.search': '搜索编号、姓名或工位',
  'board.searchLabel': '查找选手',
  'board.clear': '清除',
  'board.count': '共 {total} 名选手',
  'board.filtered': '显示 {shown} / {total} 名选手',
  'board.noMatch': '没有与“{query}”匹配的选手。',
  'board.empty': '暂无选手。',
  'board.notOpen': '该赛项尚未开始评分，榜单暂未公开。',
  'board.frozen': '已封榜：榜单停留在封榜时刻，最终成绩将在颁奖时揭晓。',
  'board.blind': '加密评分：成绩确认前，榜单以工位号代替编号、姓名和单位。',
  'board.legend': '✓ 评分已完成　○ 评分未完成　⚑ 待裁判长处理',
  'board.allContests': '全部赛项',
  'board.notStarted': '未开始',

  'standing.provisional': words.standing.provisional,
  'standing.official': words.standing.official,

  'status.active': words.status.active,
  'status.withdrawn': words.status.withdrawn,
  'status.disqualified': words.status.disqualified,

  'live.connected': '实时',
  'live.connecting': '正在连接…',
  'live.disconnected': '连接中断，正在重新连接…',

  'error.title': '出错了',
  'error.notFoundTitle': '页面不存在',
  'error.notFoundText': '找不到这个页面。请检查地址，或返回首页。',
  'error.home': '返回首页',
};

// Each screen keeps its messages in screens/, so screens can grow without touching this file.
export const zhCN = {
  ...base,
  ...judgeZhCN,
  ...chiefZhCN,
  ...displayZhCN,
  ...resultsZhCN,
  ...adminZhCN,
  ...editorZhCN,
  ...verifyZhCN,
  ...backupsZhCN,
  ...appealsZhCN,
  ...siteZhCN,
  ...rosterZhCN,
  ...installationsZhCN,
  ...consoleScreensZhCN,
  ...followZhCN,
};
