import { afterEach, describe, expect, it } from 'vitest';
import type { Criterion } from '$shared/event-file/schema.ts';
import { i18n } from '$lib/i18n/index.ts';
import { pointsText } from './format.ts';

const deduction = { code: 'safety', name: '安全', kind: 'deduction', perViolation: 2, max: 10 } as unknown as Criterion;
const judgement = { code: 'packing', name: '包装', kind: 'judgement', max: 25 } as unknown as Criterion;

afterEach(() => {
  i18n.locale = 'zh-CN';
});

describe('pointsText', () => {
  it('says a deduction that takes nothing in words, never "−0"', () => {
    expect(pointsText(deduction, 0)).toBe('不扣分');
    expect(pointsText(deduction, 4)).toBe('扣 4 分');
    i18n.locale = 'en';
    expect(pointsText(deduction, 0)).toBe('No points deducted');
    expect(pointsText(deduction, 4)).toBe('−4 points');
    expect(pointsText(judgement, 0)).toBe('0 points');
  });
});
