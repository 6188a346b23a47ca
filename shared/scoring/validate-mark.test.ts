import { describe, expect, it } from 'vitest';
import type { Criterion } from '../event-file/schema.ts';
import { isMultipleOf, validateMarkValue } from './validate-mark.ts';

const direct: Criterion = { code: 'd', name: 'D', kind: 'measurement', max: 20 };
const directStep: Criterion = { code: 'd', name: 'D', kind: 'measurement', max: 100, step: 0.5 };
const linear: Criterion = {
  code: 'l',
  name: 'L',
  kind: 'measurement',
  max: 30,
  scale: { type: 'linear', best: 60, worst: 180 },
};
const pass: Criterion = { code: 'p', name: 'P', kind: 'measurement', max: 10, scale: { type: 'pass' } };
const judgement: Criterion = { code: 'j', name: 'J', kind: 'judgement', max: 20, step: 0.5 };
const judgementDefault: Criterion = { code: 'j', name: 'J', kind: 'judgement', max: 25 };
const deduction: Criterion = { code: 'x', name: 'X', kind: 'deduction', max: 10, perUnit: 2 };

const code = (c: Criterion, v: unknown) => validateMarkValue(c, v)?.code ?? null;

describe('validateMarkValue', () => {
  it('pass scales take booleans only', () => {
    expect(code(pass, true)).toBeNull();
    expect(code(pass, false)).toBeNull();
    expect(code(pass, 1)).toBe('value_type');
    expect(code(pass, 'true')).toBe('value_type');
  });
  it('direct: a number 0..max on the default 0.01 step', () => {
    expect(code(direct, 0)).toBeNull();
    expect(code(direct, 20)).toBeNull();
    expect(code(direct, 12.34)).toBeNull();
    expect(code(direct, 0.29)).toBeNull(); // 0.29 / 0.01 = 28.999999999999996
    expect(code(direct, 12.345)).toBe('value_step');
    expect(code(direct, 20.01)).toBe('value_range');
    expect(code(direct, -1)).toBe('value_range');
    expect(code(direct, true)).toBe('value_type');
    expect(code(direct, '5')).toBe('value_type');
    expect(code(direct, null)).toBe('value_type');
    expect(code(direct, Number.NaN)).toBe('value_type');
    expect(code(direct, Number.POSITIVE_INFINITY)).toBe('value_type');
  });
  it('direct with a step', () => {
    expect(code(directStep, 80.5)).toBeNull();
    expect(code(directStep, 80.3)).toBe('value_step');
  });
  it('judgement: 0..max on its step', () => {
    expect(code(judgement, 16.5)).toBeNull();
    expect(code(judgement, 16.4)).toBe('value_step');
    expect(code(judgement, 20.5)).toBe('value_range');
    expect(code(judgement, false)).toBe('value_type');
    expect(code(judgementDefault, 16.41)).toBeNull();
    expect(code(judgementDefault, 16.415)).toBe('value_step');
  });
  it('linear: any finite number ≥ 0, no step', () => {
    expect(code(linear, 93.217)).toBeNull();
    expect(code(linear, 5000)).toBeNull();
    expect(code(linear, 0)).toBeNull();
    expect(code(linear, -0.5)).toBe('value_range');
    expect(code(linear, true)).toBe('value_type');
  });
  it('deduction: a whole number ≥ 0', () => {
    expect(code(deduction, 0)).toBeNull();
    expect(code(deduction, 3)).toBeNull();
    expect(code(deduction, 50)).toBeNull(); // more than max/perUnit is fine: the deduction caps
    expect(code(deduction, 1.5)).toBe('value_whole');
    expect(code(deduction, -1)).toBe('value_range');
    expect(code(deduction, 2 ** 60)).toBe('value_whole');
    expect(code(deduction, '1')).toBe('value_type');
    expect(code(deduction, true)).toBe('value_type');
  });
  it('messages tell the judge what to do', () => {
    expect(validateMarkValue(judgement, 21)?.message).toBe('value must be between 0 and 20');
    expect(validateMarkValue(judgement, 3.2)?.message).toBe('value must be a multiple of 0.5');
    expect(validateMarkValue(pass, 1)?.message).toMatch(/true .* false/);
    expect(validateMarkValue(deduction, 0.5)?.message).toMatch(/whole number/);
  });
});

describe('isMultipleOf', () => {
  it('tolerates binary fractions', () => {
    expect(isMultipleOf(0.3, 0.1)).toBe(true);
    expect(isMultipleOf(1.15, 0.05)).toBe(true);
    expect(isMultipleOf(1.1, 0.25)).toBe(false);
  });
});
