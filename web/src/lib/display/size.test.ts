import { describe, expect, it } from 'vitest';
import { MAX_SIZE, MIN_SIZE, parseDisplaySize, sectionColumnsAt } from './size.ts';

const parse = (query: string) => parseDisplaySize(new URLSearchParams(query));

describe('parseDisplaySize', () => {
  it('reads the named sizes, in any case', () => {
    expect(parse('size=s')).toBe(0.8);
    expect(parse('size=m')).toBe(1);
    expect(parse('size=L')).toBe(1.25);
    expect(parse('size=xl')).toBe(1.5);
  });
  it('takes a factor, kept within bounds', () => {
    expect(parse('size=1.8')).toBe(1.8);
    expect(parse('size=9')).toBe(MAX_SIZE);
    expect(parse('size=0.1')).toBe(MIN_SIZE);
  });
  it('falls back to the default for nothing or nonsense', () => {
    for (const q of ['', 'size', 'size=', 'size=huge', 'size=-2', 'size=0', 'size=NaN', 'size=Infinity']) {
      expect(parse(q)).toBe(1);
    }
  });
});

describe('sectionColumnsAt', () => {
  it('gives the names room as the type grows', () => {
    expect(sectionColumnsAt(0.8)).toBe(3);
    expect(sectionColumnsAt(1)).toBe(3);
    expect(sectionColumnsAt(1.25)).toBe(2);
    expect(sectionColumnsAt(1.5)).toBe(0);
  });
});
