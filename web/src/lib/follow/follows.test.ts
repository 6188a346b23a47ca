import { describe, expect, it } from 'vitest';
import { followedBibs, followsOfEvent, MAX_PER_CONTEST, parseFollows, toggleFollow } from './follows.ts';

describe('parseFollows', () => {
  it('reads nothing from nothing, bad JSON or the wrong shape', () => {
    for (const text of [null, '', '{', '[]', '"x"', '42', 'null', '{"e":[]}', '{"e":{"c":"007"}}']) {
      expect(parseFollows(text)).toEqual({});
    }
  });
  it('keeps the well-formed bibs, once each, and drops the rest', () => {
    expect(parseFollows('{"e1":{"c":["007",7,"",null,"007","012"],"d":{}},"e2":5}')).toEqual({
      e1: { c: ['007', '012'] },
    });
  });
  it('keeps at most MAX_PER_CONTEST bibs a contest', () => {
    const bibs = Array.from({ length: MAX_PER_CONTEST + 10 }, (_, i) => String(i));
    expect(parseFollows(JSON.stringify({ e: { c: bibs } })).e!.c).toHaveLength(MAX_PER_CONTEST);
  });
});

describe('toggleFollow', () => {
  it('follows, then unfollows, leaving no empty entries', () => {
    const one = toggleFollow({}, 'e', 'courier', '007');
    const two = toggleFollow(one, 'e', 'courier', '012');
    expect(followedBibs(two, 'e', 'courier')).toEqual(['007', '012']);
    const three = toggleFollow(toggleFollow(two, 'e', 'rider', '101'), 'e', 'courier', '007');
    expect(followsOfEvent(three, 'e')).toEqual([
      { contest: 'courier', bib: '012' },
      { contest: 'rider', bib: '101' },
    ]);
    expect(toggleFollow(one, 'e', 'courier', '007')).toEqual({});
  });
  it('does not change the record it was given', () => {
    const record = toggleFollow({}, 'e', 'c', '1');
    toggleFollow(record, 'e', 'c', '2');
    expect(record).toEqual({ e: { c: ['1'] } });
  });
});
