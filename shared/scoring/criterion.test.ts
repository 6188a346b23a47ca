import { describe, expect, it } from 'vitest';
import type { Criterion } from '../event-file/schema.ts';
import { aggregate, criterionPoints, mean, measurementPoints, median, trimmedMean } from './criterion.ts';
import { mark } from './fixtures.ts';

type M = Extract<Criterion, { kind: 'measurement' }>;
const direct: M = { code: 'd', name: 'D', kind: 'measurement', max: 20 };
const timeScale: M = {
  code: 't',
  name: 'T',
  kind: 'measurement',
  max: 30,
  scale: { type: 'linear', best: 60, worst: 180 },
};
const countScale: M = {
  code: 'n',
  name: 'N',
  kind: 'measurement',
  max: 10,
  scale: { type: 'linear', best: 50, worst: 10 },
};
const pass: M = { code: 'p', name: 'P', kind: 'measurement', max: 10, scale: { type: 'pass' } };

describe('measurement scales', () => {
  it('direct: the value is the points', () => {
    expect(measurementPoints(direct, 13.5)).toBe(13.5);
    expect(measurementPoints({ ...direct, scale: { type: 'direct' } }, 20)).toBe(20);
    expect(measurementPoints(direct, 0)).toBe(0);
  });
  it('linear, lower is better (time)', () => {
    expect(measurementPoints(timeScale, 90)).toBe(22.5);
    expect(measurementPoints(timeScale, 60)).toBe(30);
    expect(measurementPoints(timeScale, 180)).toBe(0);
    expect(measurementPoints(timeScale, 30)).toBe(30); // better than best: clamped to max
    expect(measurementPoints(timeScale, 400)).toBe(0); // worse than worst: clamped to 0
  });
  it('linear, higher is better (count)', () => {
    expect(measurementPoints(countScale, 50)).toBe(10);
    expect(measurementPoints(countScale, 30)).toBe(5);
    expect(measurementPoints(countScale, 10)).toBe(0);
    expect(measurementPoints(countScale, 0)).toBe(0);
    expect(measurementPoints(countScale, 99)).toBe(10);
  });
  it('pass: true gives max, false gives 0', () => {
    expect(measurementPoints(pass, true)).toBe(10);
    expect(measurementPoints(pass, false)).toBe(0);
  });
  it('the newest mark by order counts, whoever marked it', () => {
    const r = criterionPoints(timeScale, [
      mark('A', 't', 'J1', 90, { order: 5 }),
      mark('A', 't', 'J2', 120, { order: 3 }),
    ]);
    expect(r.points).toBe(22.5);
    expect(r.raw).toBe(90);
    expect(r.satisfied).toBe(true);
  });
  it('no mark: 0 points, not satisfied, no raw', () => {
    const r = criterionPoints(direct, []);
    expect(r).toMatchObject({ points: 0, satisfied: false });
    expect(r.raw).toBeUndefined();
  });
});

describe('judgement aggregates', () => {
  it('mean', () => {
    expect(mean([15, 18, 16])).toBeCloseTo(16.3333333, 6);
    expect(mean([])).toBe(0);
  });
  it('median of odd and even counts', () => {
    expect(median([18, 15, 16])).toBe(16);
    expect(median([18, 15, 16, 10])).toBe(15.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBe(0);
  });
  it('trimmed drops one highest and one lowest when there are at least 3 marks', () => {
    expect(trimmedMean([15, 18, 16])).toBe(16);
    expect(trimmedMean([10, 20, 14, 16])).toBe(15);
    expect(trimmedMean([10, 10, 10, 20, 20])).toBeCloseTo(40 / 3, 10);
  });
  it('trimmed with fewer than 3 marks is the mean', () => {
    expect(trimmedMean([10, 15])).toBe(12.5);
    expect(trimmedMean([9])).toBe(9);
    expect(trimmedMean([])).toBe(0);
  });
  it('aggregate defaults to mean', () => {
    expect(aggregate(undefined, [10, 11, 15])).toBe(12);
    expect(aggregate('median', [10, 11, 15])).toBe(11);
    expect(aggregate('trimmed', [10, 11, 15])).toBe(11);
  });
  it('judgement points, judges and spread from counted marks', () => {
    const c: Criterion = { code: 'k', name: 'K', kind: 'judgement', max: 20, judges: 3, aggregate: 'median' };
    const two = criterionPoints(c, [mark('A', 'k', 'J1', 12), mark('A', 'k', 'J2', 18)]);
    expect(two).toMatchObject({ points: 15, judges: 2, satisfied: false, spread: 6 });
    const three = criterionPoints(c, [mark('A', 'k', 'J1', 12), mark('A', 'k', 'J2', 18), mark('A', 'k', 'J3', 13)]);
    expect(three).toMatchObject({ points: 13, judges: 3, satisfied: true, spread: 6 });
    expect(criterionPoints(c, [])).toMatchObject({ points: 0, judges: 0, satisfied: false, spread: 0 });
  });
});

describe('deductions', () => {
  const safety: Criterion = { code: 's', name: 'S', kind: 'deduction', max: 10, perUnit: 2 };
  it('count × perUnit, capped at max', () => {
    expect(criterionPoints(safety, [mark('A', 's', 'J1', 1)]).points).toBe(2);
    expect(criterionPoints(safety, [mark('A', 's', 'J1', 5)]).points).toBe(10);
    expect(criterionPoints(safety, [mark('A', 's', 'J1', 9)]).points).toBe(10);
    expect(criterionPoints(safety, [mark('A', 's', 'J1', 0)]).points).toBe(0);
  });
  it('no mark means 0 and never blocks completeness', () => {
    expect(criterionPoints(safety, [])).toMatchObject({ points: 0, satisfied: true });
  });
  it('only the newest count counts', () => {
    const r = criterionPoints(safety, [mark('A', 's', 'J2', 3, { order: 2 }), mark('A', 's', 'J1', 1, { order: 7 })]);
    expect(r.points).toBe(2);
  });
});
