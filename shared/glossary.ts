// The product's words for its own concepts, once in both languages: the web catalogues (screens)
// and the exports (PDF, XLSX) take them from here, so a results sheet and a screen never call one
// thing by two names. Chinese as a workers' skill contest says it: the chief judge 确认 (confirms,
// signs) the results, and 认定 stays for skill levels; a contestant in the contest is 参赛, the
// opposite of 退赛; the organiser is the 主办方.
import type { ContestState } from './api.ts';
import type { ContestantStatus } from './event-file/schema.ts';

export const GLOSSARY_LANGS = ['zh-CN', 'en'] as const;
export type GlossaryLang = (typeof GLOSSARY_LANGS)[number];

export interface Glossary {
  /** A contest's state (CONTRACT §5). */
  state: Record<ContestState, string>;
  /** A contestant's status in a contest. */
  status: Record<ContestantStatus, string>;
  role: { organiser: string; chiefJudge: string; judge: string };
  /** The results' certification, as printed beside its time, its signer and its date. */
  certification: { certifiedAt: string; certifiedBy: string; date: string; provisional: string };
  /** The award names an event's template proposes; an event's own award names are its data. */
  award: { first: string; second: string; third: string };
  /** What a board's results are: provisional until certified, official after (PRODUCT: boards say what they are). */
  standing: { provisional: string; official: string };
}

const zhCN: Glossary = {
  state: { setup: '筹备中', scoring: '评分中', review: '审核中', certified: '已确认', published: '已发布' },
  status: { active: '参赛', withdrawn: '退赛', disqualified: '取消资格' },
  role: { organiser: '主办方', chiefJudge: '裁判长', judge: '裁判员' },
  certification: { certifiedAt: '确认时间', certifiedBy: '确认人', date: '确认日期', provisional: '未确认（临时）' },
  award: { first: '一等奖', second: '二等奖', third: '三等奖' },
  standing: { provisional: '暂定成绩', official: '正式成绩' },
};

const en: Glossary = {
  state: {
    setup: 'Setting up',
    scoring: 'Scoring',
    review: 'In review',
    certified: 'Certified',
    published: 'Published',
  },
  status: { active: 'Active', withdrawn: 'Withdrawn', disqualified: 'Disqualified' },
  role: { organiser: 'Organiser', chiefJudge: 'Chief judge', judge: 'Judge' },
  certification: {
    certifiedAt: 'Certified at',
    certifiedBy: 'Certified by',
    date: 'Date of certification',
    provisional: 'Not certified — provisional',
  },
  award: { first: 'First prize', second: 'Second prize', third: 'Third prize' },
  standing: { provisional: 'Provisional results', official: 'Official results' },
};

export const GLOSSARY: Record<GlossaryLang, Glossary> = { 'zh-CN': zhCN, en };
