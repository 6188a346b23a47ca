// The queue of anonymous reads: at most `running` at once, `waiting` more in order of arrival, and
// any beyond refused at once with unavailable:busy and the Retry-After to send.
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
    const turns = new Turns({ running: 2, waiting: 2, retryAfter: 4 });
    const started: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => gate(started, n));
    const runs = [a, b, c, d].map((g) => turns.take(g!.work));
    await expect.poll(() => started).toEqual(['a', 'b']);
    const refused = await turns.take(async () => 'e').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ key: 'unavailable:busy', params: { reason: 'busy', seconds: 4 }, extra: { retryAfter: 4 } });
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
    const turns = new Turns({ running: 1, waiting: 0, retryAfter: 1 });
    await expect(turns.take(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await turns.take(async () => 'next')).toBe('next');
  });
});
