import { describe, expect, it } from 'vitest';
import { round2, roundHalfUp } from './round.ts';

describe('round2', () => {
  it('rounds half up to two decimals', () => {
    expect(round2(75.1)).toBe(75.1);
    expect(round2(1.005)).toBe(1.01); // 1.005 is stored as 1.00499999… — the epsilon rounds it up
    expect(round2(2.675)).toBe(2.68);
    expect(round2(0.125)).toBe(0.13);
    expect(round2(0.1 + 0.2)).toBe(0.3);
    expect(round2(33.333333)).toBe(33.33);
    expect(round2(66.666666)).toBe(66.67);
    expect(round2(0)).toBe(0);
    expect(round2(100)).toBe(100);
  });
  it('rounds x.xx4999 down', () => {
    expect(round2(1.00499)).toBe(1);
  });
});

describe('roundHalfUp', () => {
  it('is the tier-size rounding of SCORING §6', () => {
    expect(roundHalfUp(2.5)).toBe(3);
    expect(roundHalfUp(2.4999)).toBe(2);
    expect(roundHalfUp(15 * 0.1)).toBe(2);
    expect(roundHalfUp(25 * 0.3)).toBe(8);
    expect(roundHalfUp(0)).toBe(0);
  });
});
