// Counts failed sign-in attempts per client and per account in fixed windows.
// In memory: each server process limits on its own (with several processes the limit is per process).
import { refuse } from '../errors.ts';

interface Window {
  count: number;
  resetAt: number;
}

export class FailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws 429 with a Retry-After when `key` has used up its attempts. */
  check(key: string): void {
    const w = this.windows.get(key);
    const t = this.now();
    if (!w || w.resetAt <= t) return;
    if (w.count >= this.maxFailures) {
      const retryAfter = Math.max(1, Math.ceil((w.resetAt - t) / 1000));
      const message = `too many failed attempts; try again in ${retryAfter} s`;
      throw refuse('rate_limited', message, { seconds: retryAfter }, { retryAfter });
    }
  }

  fail(key: string): void {
    const t = this.now();
    const w = this.windows.get(key);
    if (!w || w.resetAt <= t) this.windows.set(key, { count: 1, resetAt: t + this.windowMs });
    else w.count++;
    if (this.windows.size > 100_000) this.sweep(t);
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(t: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= t) this.windows.delete(k);
  }
}
