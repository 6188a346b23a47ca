import { describe, expect, it } from 'vitest';
import type { AuditEntryView } from '$shared/admin-api.ts';
import { actorLabel, isKnownKind, summary, type AuditNames } from './audit-view.ts';

const names: AuditNames = {
  contest: (id) => ({ k1: '快递员' })[id] ?? id,
  criterion: (_c, code) => ({ packing: '包装规范' })[code] ?? code,
  judge: (code) => ({ 'c-j2': '姚秀兰' })[code] ?? code,
  state: (s) => ({ scoring: '评分中', review: '审核中' })[s] ?? s,
  word: (w) =>
    ({ reason: '理由', revision: '修订', appealWindow: '申诉时限', decision: '裁决', pass: '合格', fail: '不合格' })[w],
};
const entry = (kind: string, data: Record<string, unknown>, actor = 'organiser:admin'): AuditEntryView => ({
  n: 1,
  kind,
  contest: 'k1',
  actor,
  at: '2026-01-01T00:00:00.000Z',
  data,
  hash: 'h',
});

describe('audit summaries', () => {
  it('reads a pass/fail mark as 合格 / 不合格, never "= true"', () => {
    const mark = (value: boolean) =>
      summary(entry('mark', { contestant: 'C001', criterion: 'packing', judge: 'c-j2', value, revision: 1 }), names);
    expect(mark(true)).toBe('C001 · 包装规范 = 合格 (姚秀兰, 修订 1)');
    expect(mark(false)).toBe('C001 · 包装规范 = 不合格 (姚秀兰, 修订 1)');
  });

  it('reads marks, corrections, states and flags in words', () => {
    expect(
      summary(
        entry('mark', { contestant: 'C001', criterion: 'packing', judge: 'c-j2', value: 16.5, revision: 2 }),
        names,
      ),
    ).toBe('C001 · 包装规范 = 16.5 (姚秀兰, 修订 2)');
    expect(
      summary(
        entry('mark', {
          contestant: 'C001',
          criterion: 'packing',
          judge: '@admin',
          value: 18,
          revision: 1,
          reason: '录入错误',
        }),
        names,
      ),
    ).toBe('C001 · 包装规范 = 18 (admin, 修订 1) — 理由: 录入错误');
    expect(summary(entry('state', { from: 'scoring', to: 'review', seq: 9 }), names)).toBe('评分中 → 审核中');
    expect(
      summary(entry('flag.resolved', { contestant: 'C001', criterion: 'packing', reason: '看过录像' }), names),
    ).toBe('C001 · 包装规范 — 理由: 看过录像');
    expect(summary(entry('settings', { appealWindowMinutes: 30, previous: { appealWindowMinutes: 60 } }), names)).toBe(
      '申诉时限: 60 → 30',
    );
    expect(summary(entry('freeze', { seq: 3 }), names)).toBe('快递员');
    const added = { contest: 'courier', via: 'roster', organisations: [{ code: 'jykd', name: '京运快运' }] };
    expect(summary(entry('organisations_added', added), names)).toBe('京运快运 (jykd)');
  });

  it('names actors and knows the kinds it offers as filters', () => {
    expect(actorLabel('judge:c-j2', names)).toBe('姚秀兰 (c-j2)');
    expect(actorLabel('judge:x9', names)).toBe('x9');
    expect(actorLabel('organiser:admin', names)).toBe('admin');
    expect(isKnownKind('flag.resolved')).toBe(true);
    expect(isKnownKind('organisations_added')).toBe(true);
    expect(isKnownKind('something')).toBe(false);
  });
});
