// Screens and exports speak one glossary (shared/glossary.ts): a results sheet calls a state, a
// status and a role by the word the screens use, in each language.
import { describe, expect, it } from 'vitest';
import { CONTEST_STATES } from '$shared/api.ts';
import { GLOSSARY } from '$shared/glossary.ts';
import { LABELS, stateLabel, statusLabel } from '../../../../server/exports/labels.ts';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';

const screens = { 'zh-CN': zhCN, en } as const;
const STATUSES = ['active', 'withdrawn', 'disqualified'] as const;

describe.each(['zh-CN', 'en'] as const)('the %s glossary', (lang) => {
  const screen = screens[lang];
  const paper = LABELS[lang];

  it('names each contest state on paper as on the screens', () => {
    for (const s of CONTEST_STATES) {
      expect(stateLabel(paper, s), s).toBe(screen[`state.${s}`]);
      expect(screen[`state.${s}`], s).toBe(GLOSSARY[lang].state[s]);
    }
  });

  it('names each contestant status on paper as on the board and in the editor', () => {
    for (const s of STATUSES) {
      expect(statusLabel(paper, s), s).toBe(screen[`status.${s}`]);
      expect(screen[`editor.status.${s}`], s).toBe(screen[`status.${s}`]);
    }
  });

  it('signs and dates certified results with the screens’ words', () => {
    expect(paper.organiser).toBe(screen['admin.organiser']);
    expect(paper.chiefJudge).toBe(screen['judge.bar.chief']);
    expect(paper.certifiedAt).toBe(screen['admin.cert.at']);
    expect(paper.certifiedBy).toBe(screen['verify.certifiedBy']);
  });
});

describe('the Chinese words', () => {
  it('are the ones a workers’ skill contest uses, one per concept', () => {
    expect(GLOSSARY['zh-CN'].state).toEqual({
      setup: '筹备中',
      scoring: '评分中',
      review: '审核中',
      certified: '已确认',
      published: '已发布',
    });
    expect(GLOSSARY['zh-CN'].status.active).toBe('参赛');
  });
});
