// The queue of anonymous reads: at most `running` at once, `waiting` more in order of arrival, and
// any beyond refused at once with unavailable:busy and the Retry-After to send; while other work is
// under way or recent, one at a time with pauses, so that work gets at least three quarters of the time.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { Turns } from './anonymous-turns.ts';

/** Work that ends when the test says so, recording when it started. */
function gate(started: string[], name: string) {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { work: async () => (started.push(name), await done, name), open };
}

describe('Turns', () => {
  it('runs two at once, queues two in order, refuses the fifth at once, and frees turns as work ends', async () => {
    const turns = new Turns({ running: 2, waiting: 2, activeMs: 0, retryAfter: 4, maxPauseMs: 500 });
    const started: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => gate(started, n));
    const runs = [a, b, c, d].map((g) => turns.take(g!.work));
    await expect.poll(() => started).toEqual(['a', 'b']);
    const refused = await turns.take(async () => 'e').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({
      key: 'unavailable:busy',
      params: { reason: 'busy', seconds: 4 },
      extra: { retryAfter: 4 },
    });
    b!.open();
    await expect.poll(() => started).toEqual(['a', 'b', 'c']);
    a!.open();
    await expect.poll(() => started).toEqual(['a', 'b', 'c', 'd']);
    c!.open();
    d!.open();
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c', 'd']);
    // All turns given back: two run at once again.
    const [f, g] = ['f', 'g'].map((n) => gate(started, n));
    const more = [turns.take(f!.work), turns.take(g!.work)];
    await expect.poll(() => started.slice(4)).toEqual(['f', 'g']);
    f!.open();
    g!.open();
    await Promise.all(more);
  });

  it('gives the turn back when the work fails', async () => {
    const turns = new Turns({ running: 1, waiting: 1, activeMs: 0, retryAfter: 1, maxPauseMs: 500 });
    await expect(turns.take(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await turns.take(async () => 'next')).toBe('next');
  });

  it('while other work is under way or recent: one at a time, each after 3 times the last one’s time', async () => {
    const turns = new Turns({ running: 2, waiting: 8, activeMs: 60_000, retryAfter: 1, maxPauseMs: 500 });
    const end = turns.begin();
    const times: Record<string, number> = {};
    const timed = (name: string, ms: number) => async () => {
      times[`${name} start`] = performance.now();
      await new Promise((r) => setTimeout(r, ms)); // the work's own duration
      times[`${name} end`] = performance.now();
    };
    await Promise.all([turns.take(timed('a', 60)), turns.take(timed('b', 10)), turns.take(timed('c', 10))]);
    expect(times['b start']! - times['a end']!).toBeGreaterThanOrEqual(3 * 55);
    expect(times['c start']! - times['b end']!).toBeGreaterThanOrEqual(3 * 9);
    end(); // still recent for activeMs: the same rule

    // With nothing else going on, two at once again.
    const idle = new Turns({ running: 2, waiting: 8, activeMs: 0, retryAfter: 1, maxPauseMs: 500 });
    idle.begin()();
    const started: string[] = [];
    const [f, g] = ['f', 'g'].map((n) => gate(started, n));
    const both = [idle.take(f!.work), idle.take(g!.work)];
    await expect.poll(() => started).toEqual(['f', 'g']);
    f!.open();
    g!.open();
    await Promise.all(both);
  });

  it('pauses at most maxPauseMs after a slow public read, however slow it was', async () => {
    const turns = new Turns({ running: 2, waiting: 8, activeMs: 60_000, retryAfter: 1, maxPauseMs: 50 });
    const end = turns.begin();
    let slowEnd = 0;
    let nextStart = 0;
    const slow = turns.take(async () => {
      await new Promise((r) => setTimeout(r, 400)); // a read slowed down by a loaded machine
      slowEnd = performance.now();
    });
    const next = turns.take(async () => void (nextStart = performance.now()));
    await Promise.all([slow, next]);
    end();
    expect(nextStart - slowEnd).toBeGreaterThanOrEqual(45);
    expect(nextStart - slowEnd).toBeLessThan(3 * 400); // uncapped it would wait 1,200 ms
  });
});
