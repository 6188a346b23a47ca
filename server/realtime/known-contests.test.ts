// A flood of watches of unknown contest ids reads the list of contests at most once per interval,
// and a contest created since the last read is still found by the next watch of it.
import { describe, expect, it } from 'vitest';
import { KnownContests } from './known-contests.ts';

function listOf(ids: string[]) {
  const list = { ids, reads: 0, read: async () => (list.reads++, [...list.ids]) };
  return list;
}

describe('KnownContests', () => {
  it('answers 2,000 watches of made-up ids with at most two reads of the list', async () => {
    const list = listOf(['c1', 'c2']);
    const known = new KnownContests(list.read, 200);
    const answers = await Promise.all(Array.from({ length: 2_000 }, (_, i) => known.has(`made-up-${i}`)));
    expect(answers.every((a) => a === false)).toBe(true);
    expect(list.reads).toBeLessThanOrEqual(2);
    expect(await known.has('c1')).toBe(true);
    expect(list.reads).toBeLessThanOrEqual(2);
  });

  it('finds a contest created after the last read, reading again no sooner than the interval', async () => {
    const list = listOf(['c1']);
    const known = new KnownContests(list.read, 150);
    expect(await known.has('c2')).toBe(false);
    const firstRead = performance.now();
    list.ids.push('c2'); // created here or by another process
    expect(await known.has('c2')).toBe(true);
    expect(performance.now() - firstRead).toBeGreaterThanOrEqual(140);
    expect(list.reads).toBe(2);
  });

  it('reads again for a contest found gone, and lets a failed read fail the watch', async () => {
    const list = listOf(['c1']);
    const known = new KnownContests(list.read, 0);
    expect(await known.has('c1')).toBe(true);
    list.ids = [];
    known.forget('c1');
    expect(await known.has('c1')).toBe(false);
    const failing = new KnownContests(async () => {
      throw new Error('database away');
    }, 0);
    await expect(failing.has('c1')).rejects.toThrow('database away');
  });
});
