import { describe, expect, it } from 'vitest';
import { formatScore } from './format.ts';

describe('formatScore', () => {
  it('always writes two decimals', () => {
    expect(formatScore(88.4)).toBe('88.40');
    expect(formatScore(100)).toBe('100.00');
    expect(formatScore(0)).toBe('0.00');
    expect(formatScore(75.1)).toBe('75.10');
    expect(formatScore(36.25)).toBe('36.25');
  });
  it('rounds as the engine reports (round2: half up)', () => {
    expect(formatScore(1.005)).toBe('1.01');
    expect(formatScore(2.675)).toBe('2.68');
    expect(formatScore(-0.001)).toBe('0.00');
  });
});
