// One socket's allowance: a burst, then a few events a second; refusals beyond it, then the cut.
import { describe, expect, it } from 'vitest';
import { SocketAllowance, TokenBucket, type LiveLimits } from './socket-limits.ts';

const limits: LiveLimits = { burst: 10, perSecond: 2, refusals: 5, contests: 4, backlogBytes: 1024, sweepMs: 100 };

describe('SocketAllowance', () => {
  it('lets a burst through, refuses with the seconds to wait, and cuts a socket that keeps on', () => {
    const allowance = new SocketAllowance(limits, 0);
    for (let i = 0; i < 10; i++) expect(allowance.take(0)).toEqual({ ok: true });
    for (let i = 0; i < 5; i++) expect(allowance.take(0)).toEqual({ ok: false, seconds: 1 });
    expect(allowance.take(0)).toEqual({ cut: true });
  });

  it('never refuses a client that keeps to the rate, and forgives old refusals', () => {
    const allowance = new SocketAllowance(limits, 0);
    for (let t = 0; t < 60_000; t += 500) expect(allowance.take(t)).toEqual({ ok: true });
    const bursty = new SocketAllowance(limits, 0);
    for (let round = 0; round < 10; round++) {
      const t = round * 10_000; // a burst and a few refusals every 10 s: refill covers them
      for (let i = 0; i < 10; i++) bursty.take(t);
      for (let i = 0; i < 4; i++) expect(bursty.take(t)).toMatchObject({ ok: false });
    }
  });
});

describe('TokenBucket', () => {
  it('says how long until the next token', () => {
    const bucket = new TokenBucket(1, 0.25, 0);
    expect(bucket.take(0)).toBe(0);
    expect(bucket.take(0)).toBe(4);
    expect(bucket.take(2_000)).toBe(2);
    expect(bucket.take(4_000)).toBe(0);
  });
});
