import { describe, expect, it } from 'vitest';
import { backoffMillis, DEFAULT_ROTATE_SECONDS, pageMillis, parseDisplayOptions } from './options.ts';

const parse = (query: string) => parseDisplayOptions(new URLSearchParams(query));

describe('parseDisplayOptions', () => {
  it('shows one contest without rotating', () => {
    expect(parse('contest=courier')).toEqual({ contest: 'courier', rotate: null });
  });
  it('rotates by default when neither contest nor rotate is given', () => {
    expect(parse('')).toEqual({ contest: null, rotate: DEFAULT_ROTATE_SECONDS });
    expect(parse('lang=en').rotate).toBe(DEFAULT_ROTATE_SECONDS);
  });
  it('rotates at the given interval, starting at the contest when both are given', () => {
    expect(parse('rotate=30')).toEqual({ contest: null, rotate: 30 });
    expect(parse('contest=rider&rotate=20')).toEqual({ contest: 'rider', rotate: 20 });
  });
  it('keeps a silly interval within bounds and reads a bare ?rotate as the default', () => {
    expect(parse('rotate=1').rotate).toBe(5);
    expect(parse('rotate=999999').rotate).toBe(3600);
    expect(parse('rotate').rotate).toBe(DEFAULT_ROTATE_SECONDS);
    expect(parse('rotate=abc').rotate).toBe(DEFAULT_ROTATE_SECONDS);
  });
  it('no longer reads ?reveal: the ceremony is run from the console, the address shows the contest', () => {
    expect(parse('contest=courier&reveal')).toEqual({ contest: 'courier', rotate: null });
    expect(parse('reveal')).toEqual({ contest: null, rotate: DEFAULT_ROTATE_SECONDS });
  });
});

describe('pageMillis', () => {
  it('turns pages every 8 s on a single contest', () => {
    expect(pageMillis(null, 3)).toBe(8000);
  });
  it('shares a rotation slot among the pages, at least 5 s each', () => {
    expect(pageMillis(15, 1)).toBe(15_000);
    expect(pageMillis(30, 3)).toBe(10_000);
    expect(pageMillis(15, 4)).toBe(5000);
  });
});

describe('backoffMillis', () => {
  it('doubles from 1 s up to 30 s, with jitter', () => {
    expect(backoffMillis(0, () => 0.5)).toBe(1000);
    expect(backoffMillis(3, () => 0.5)).toBe(8000);
    expect(backoffMillis(20, () => 0.5)).toBe(30_000);
    expect(backoffMillis(0, () => 0)).toBe(800);
    expect(backoffMillis(0, () => 1)).toBe(1200);
  });
});
