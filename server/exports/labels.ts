// Words printed in exports, in the two languages of the product. Data (names of events, contests,
// sections, awards) is printed as entered; only the frame around it is translated. The words for
// the product's concepts (states, statuses, roles, certification) are the screens' own, from
// shared/glossary.ts.
import { z } from 'zod';
import type { ContestState } from '../../shared/api.ts';
import type { ContestantStatus } from '../../shared/event-file/schema.ts';
import { GLOSSARY } from '../../shared/glossary.ts';
import { parseInput } from '../errors.ts';

export const EXPORT_LANGS = ['zh-CN', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

const langQuery = z.object({ lang: z.enum(EXPORT_LANGS).optional() });

/** `?lang=` of an export; events are Chinese, so Chinese unless English is asked for. */
export function exportLang(query: Record<string, string>): ExportLang {
  const q = parseInput(langQuery, { lang: query.lang });
  return q.lang ?? 'zh-CN';
}

const zhWords = GLOSSARY['zh-CN'];
const zh = {
  words: zhWords,
  rank: '名次',
  bib: '参赛号',
  name: '姓名',
  organisation: '单位',
  station: '工位',
  status: '状态',
  total: '总分',
  award: '奖项',
  contest: '赛项',
  criterionPoints: '得分',
  criterionRaw: '原始值',
  teamRank: '团体名次',
  teamOrganisation: '代表队',
  teamScore: '团体得分',
  eventTeamScore: '团体总分',
  sheetResults: '成绩',
  sheetPoints: '评分明细',
  sheetTeams: '团体',
  sheetEventTeams: '团体总分',
  yes: '是',
  no: '否',
  pass: '合格',
  fail: '不合格',
  incomplete: '未完成',
  notStarted: '未开始',
  resultsTitle: '成绩公报',
  provisional: zhWords.certification.provisional,
  provisionalNote: '本成绩尚未经裁判长确认，仅供参考。',
  certifiedAt: zhWords.certification.certifiedAt,
  certifiedBy: zhWords.certification.certifiedBy,
  digest: '成绩摘要 (SHA-256)',
  generatedAt: '生成时间',
  state: '状态',
  chiefJudge: zhWords.role.chiefJudge,
  organiser: zhWords.role.organiser,
  signature: '签字',
  seal: '盖章',
  date: '日期',
  page: (n: number, of: number) => `第 ${n} 页 / 共 ${of} 页`,
  timeZone: '北京时间',
  certificateTitle: '荣誉证书',
  certificatePreamble: '',
  colon: '：',
  certificateIntro: (event: string, contest: string) => `在${event}${contest}赛项中成绩优异，`,
  certificateAward: (award: string) => `荣获 ${award}`,
  certificateScore: (total: string, rank: number) => `总分 ${total} 分，名列第 ${rank} 名。特发此证，以资鼓励。`,
  verifyCode: '验证码',
  verifyHint: '扫码或访问以下地址核验证书',
  certificateDate: zhWords.certification.date,
  issuer: (event: string) => `${event}组委会`,
};

type Labels = typeof zh;

const enWords = GLOSSARY.en;
const en: Labels = {
  words: enWords,
  rank: 'Rank',
  bib: 'Bib',
  name: 'Name',
  organisation: 'Organisation',
  station: 'Station',
  status: 'Status',
  total: 'Total',
  award: 'Award',
  contest: 'Contest',
  criterionPoints: 'points',
  criterionRaw: 'raw',
  teamRank: 'Team rank',
  teamOrganisation: 'Organisation',
  teamScore: 'Team score',
  eventTeamScore: 'Event team score',
  sheetResults: 'Results',
  sheetPoints: 'Criterion points',
  sheetTeams: 'Teams',
  sheetEventTeams: 'Team ranking',
  yes: 'yes',
  no: 'no',
  pass: 'pass',
  fail: 'fail',
  incomplete: 'incomplete',
  notStarted: 'not started',
  resultsTitle: 'Official results',
  provisional: enWords.certification.provisional,
  provisionalNote: 'These results have not been certified by the chief judge and are provisional.',
  certifiedAt: enWords.certification.certifiedAt,
  certifiedBy: enWords.certification.certifiedBy,
  digest: 'Results digest (SHA-256)',
  generatedAt: 'Generated',
  state: 'State',
  chiefJudge: enWords.role.chiefJudge,
  organiser: enWords.role.organiser,
  signature: 'signature',
  seal: 'seal',
  date: 'Date',
  page: (n: number, of: number) => `Page ${n} of ${of}`,
  timeZone: 'UTC+8',
  certificateTitle: 'Certificate of Award',
  certificatePreamble: 'This is to certify that',
  colon: ': ',
  certificateIntro: (event: string, contest: string) =>
    `for outstanding results in the ${contest} contest of ${event},`,
  certificateAward: (award: string) => `is awarded ${award}`,
  certificateScore: (total: string, rank: number) => `with a total of ${total} points, ranked ${rank}.`,
  verifyCode: 'Verification code',
  verifyHint: 'Scan or visit to verify this certificate',
  certificateDate: enWords.certification.date,
  issuer: (event: string) => `Organising Committee, ${event}`,
};

export const LABELS: Record<ExportLang, Labels> = { 'zh-CN': zh, en };

export const statusLabel = (l: Labels, s: ContestantStatus): string => l.words.status[s];

export const stateLabel = (l: Labels, s: ContestState): string => l.words.state[s];

// Contests are held in China and servers often run in UTC: dates on paper are Beijing dates.
const TIME_ZONE = 'Asia/Shanghai';

function parts(d: Date) {
  const p = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute') };
}

/** "2026-11-26 20:18 北京时间" */
export function formatTime(lang: ExportLang, d: Date): string {
  const p = parts(d);
  return `${p.y}-${p.m}-${p.d} ${p.h}:${p.min} ${LABELS[lang].timeZone}`;
}

/** "2026年11月26日" or "26 November 2026" */
export function formatDate(lang: ExportLang, d: Date): string {
  const p = parts(d);
  if (lang === 'zh-CN') return `${Number(p.y)}年${Number(p.m)}月${Number(p.d)}日`;
  const month = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, month: 'long' }).format(d);
  return `${Number(p.d)} ${month} ${p.y}`;
}
