import { describe, expect, it } from 'vitest';
import { counted, pluralCategory } from './plural.ts';

describe('plurals', () => {
  it('follows each locale’s rules', () => {
    expect([0, 1, 2, 1.5].map((n) => pluralCategory('en', n))).toEqual(['other', 'one', 'other', 'other']);
    expect(pluralCategory('zh-CN', 1)).toBe('other');
  });

  it('words an English count', () => {
    expect(counted(1, 'mark', 'marks')).toBe('1 mark');
    expect(counted(2, 'mark', 'marks')).toBe('2 marks');
    expect(counted(0, 'problem', 'problems')).toBe('0 problems');
  });
});
