import { describe, expect, it } from 'vitest';
import type { ContestSummary } from '$shared/api.ts';
import { anyRanked, buildSlides, nextKey, slideAt, startKey } from './slides.ts';
import { parseDisplayOptions } from './options.ts';

const contests: ContestSummary[] = [
  { id: 'c1', code: 'courier', name: '快递员', state: 'scoring' },
  { id: 'c2', code: 'rider', name: '外卖送餐员', state: 'setup' },
  { id: 'c3', code: 'driver', name: '驾驶员', state: 'certified' },
];
const options = (query: string) => parseDisplayOptions(new URLSearchParams(query));
const keys = (query: string) => buildSlides(contests, options(query)).map((s) => s.key);

describe('buildSlides', () => {
  it('one contest, whatever its state', () => {
    expect(keys('contest=rider')).toEqual(['contest:c2']);
  });
  it('an unknown contest code is shown as missing', () => {
    expect(buildSlides(contests, options('contest=nope'))).toEqual([
      { kind: 'missing', key: 'missing:nope', code: 'nope' },
    ]);
  });
  it('rotates through the open contests and the team table', () => {
    expect(keys('rotate=10')).toEqual(['contest:c1', 'contest:c3', 'teams']);
    expect(keys('')).toEqual(['contest:c1', 'contest:c3', 'teams']);
  });
  it('shows nothing while every contest is in setup', () => {
    expect(buildSlides([{ ...contests[1]! }], options('rotate=10'))).toEqual([]);
  });
});

describe('rotation order', () => {
  const slides = buildSlides(contests, options('contest=driver&rotate=10'));
  it('starts at the chosen contest, else the first slide', () => {
    expect(startKey(slides, options('contest=driver&rotate=10'), contests)).toBe('contest:c3');
    expect(startKey(slides, options('contest=rider&rotate=10'), contests)).toBe('contest:c1'); // rider is not open
    expect(startKey([], options('rotate=10'), contests)).toBeNull();
  });
  it('goes round, and back to the start when the current slide is gone', () => {
    expect(nextKey(slides, 'contest:c1')).toBe('contest:c3');
    expect(nextKey(slides, 'teams')).toBe('contest:c1');
    expect(nextKey(slides, 'contest:gone')).toBe('contest:c1');
    expect(slideAt(slides, 'contest:gone')?.key).toBe('contest:c1');
  });
});

describe('anyRanked', () => {
  it('a board is worth a rotation slide once someone on it has a rank', () => {
    expect(anyRanked([])).toBe(false);
    expect(anyRanked([{ rank: null }, { rank: null }])).toBe(false);
    expect(anyRanked([{ rank: 1 }, { rank: null }])).toBe(true);
  });
});
