// Values on the tablet: the stepper's grid, typed numbers, and points from the shared engine.
import { describe, expect, it } from 'vitest';
import type { Criterion } from '$shared/event-file/schema.ts';
import {
  checkValue,
  coarseStepOf,
  controlOf,
  jump,
  parseNumber,
  pointsOf,
  secondsValue,
  shownText,
  stepBy,
  textToValue,
} from './values.ts';

const packing: Criterion = { code: 'packing', name: '包装规范', kind: 'judgement', max: 25, step: 0.5 };
const exam: Criterion = { code: 'exam', name: '理论考试', kind: 'measurement', max: 100 };
const sorting: Criterion = {
  code: 'sorting',
  name: '快件分拣用时(秒)',
  kind: 'measurement',
  max: 30,
  scale: { type: 'linear', best: 60, worst: 180 },
};
const waybill: Criterion = { code: 'waybill', name: '面单', kind: 'measurement', max: 10, scale: { type: 'pass' } };
const safety: Criterion = { code: 'safety', name: '安全违规', kind: 'deduction', max: 10, perUnit: 2 };

describe('values', () => {
  it('picks one control per kind', () => {
    expect([packing, exam, sorting, waybill, safety].map(controlOf)).toEqual([
      'stepper',
      'numpad',
      'numpad',
      'pass',
      'counter',
    ]);
  });

  it('steps on the grid of multiples of step, within 0..max', () => {
    expect(stepBy(null, 1, 0.5, 25)).toBe(0);
    expect(stepBy(null, -1, 0.5, 25)).toBe(25);
    expect(stepBy(12, 1, 0.5, 25)).toBe(12.5);
    expect(stepBy(12.3, 1, 0.5, 25)).toBe(12.5); // an off-grid typed value snaps onto the grid
    expect(stepBy(12.3, -1, 0.5, 25)).toBe(12);
    expect(stepBy(25, 1, 0.5, 25)).toBe(25);
    expect(stepBy(0, -1, 0.5, 25)).toBe(0);
    expect(stepBy(0.3, 1, 0.1, 1)).toBe(0.4); // no 0.30000000000000004
    expect(stepBy(9.99, 1, 0.01, 10)).toBe(10);
    expect(jump(12.5, 5, 0.5, 25)).toBe(17.5);
    expect(jump(22, 5, 0.5, 25)).toBe(25);
    expect(jump(3, -5, 0.5, 25)).toBe(0);
    expect(coarseStepOf(packing)).toBe(5);
    expect(coarseStepOf({ ...packing, step: 0.01 })).toBe(1);
    expect(coarseStepOf({ ...packing, max: 3, step: 1 })).toBeNull();
  });

  it('reads typed numbers, with a comma too', () => {
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber(' 12,5 ')).toBe(12.5);
    expect(parseNumber('7.')).toBe(7);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('1e3')).toBeNull();
    expect(parseNumber('-1')).toBeNull();
    expect(textToValue('')).toBeNull();
    expect(textToValue('abc')).toBeNaN();
    expect(shownText(12.5, { text: '12.50', value: 12.5 }, 2)).toBe('12.50');
    expect(shownText(13, { text: '12.50', value: 12.5 }, 2)).toBe('13');
  });

  it('checks values with the shared rules and shows the points the shared engine gives', () => {
    expect(checkValue(packing, 12.25)?.code).toBe('value_step');
    expect(checkValue(packing, 26)?.code).toBe('value_range');
    expect(checkValue(packing, Number.NaN)?.code).toBe('value_type');
    expect(checkValue(safety, 1.5)?.code).toBe('value_whole');
    expect(checkValue(packing, null)).toBeNull();
    expect(pointsOf(packing, 12.5)).toBe(12.5);
    expect(pointsOf(packing, 12.25)).toBeNull();
    expect(pointsOf(sorting, 120)).toBe(15); // 30 × (180 − 120) / (180 − 60)
    expect(pointsOf(sorting, 40)).toBe(30);
    expect(pointsOf(waybill, true)).toBe(10);
    expect(pointsOf(waybill, false)).toBe(0);
    expect(pointsOf(safety, 3)).toBe(6);
    expect(pointsOf(safety, 9)).toBe(10);
  });

  it('turns a stopwatch reading into seconds', () => {
    expect(secondsValue(sorting, 83_456.7)).toBe(83.46);
    expect(secondsValue({ ...sorting, step: 0.5 }, 83_456.7)).toBe(83.5);
    expect(secondsValue(sorting, -5)).toBe(0);
  });
});
