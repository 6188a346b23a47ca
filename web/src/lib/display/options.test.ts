import { describe, expect, it } from 'vitest';
import { backoffMillis, DEFAULT_ROTATE_SECONDS, pageMillis, parseDisplayOptions } from './options.ts';

const parse = (query: string) => parseDisplayOptions(new URLSearchParams(query));

describe('parseDisplayOptions', () => {
  it('shows one contest without rotating', () => {
    expect(parse('contest=courier')).toEqual({ contest: 'courier', rotate: null, reveal: false });
  });
  it('rotates by default when neither contest nor rotate is given', () => {
    expect(parse('')).toEqual({ contest: null, rotate: DEFAULT_ROTATE_SECONDS, reveal: false });
    expect(parse('lang=en').rotate).toBe(DEFAULT_ROTATE_SECONDS);
  });
  it('rotates at the given interval, starting at the contest when both are given', () => {
    expect(parse('rotate=30')).toEqual({ contest: null, rotate: 30, reveal: false });
    expect(parse('contest=rider&rotate=20')).toEqual({ contest: 'rider', rotate: 20, reveal: false });
  });
  it('keeps a silly interval within bounds and reads a bare ?rotate as the default', () => {
    expect(parse('rotate=1').rotate).toBe(5);
    expect(parse('rotate=999999').rotate).toBe(3600);
    expect(parse('rotate').rotate).toBe(DEFAULT_ROTATE_SECONDS);
    expect(parse('rotate=abc').rotate).toBe(DEFAULT_ROTATE_SECONDS);
  });
  it('reveals one contest, never rotating', () => {
    expect(parse('contest=courier&reveal')).toEqual({ contest: 'courier', rotate: null, reveal: true });
    expect(parse('contest=courier&reveal&rotate=10').rotate).toBeNull();
    expect(parse('contest=courier&reveal=0').reveal).toBe(false);
    // A reveal needs a contest: without one the screen just rotates.
    expect(parse('reveal').reveal).toBe(false);
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
