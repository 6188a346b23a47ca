// What one realtime socket may ask of the server. Sockets are anonymous (any phone on the venue
// Wi-Fi), and each `watch` is answered with a whole board, so every socket is bounded: the events
// it sends per second, the contests it watches at once, and what may wait to be sent to it.

export interface LiveLimits {
  /** Events (watch, unwatch…) a socket may send at once, then `perSecond` more each second. */
  burst: number;
  perSecond: number;
  /** Refusals for going too fast a socket may collect (one more allowed each second) before it is cut. */
  refusals: number;
  /** Contests one socket watches at a time (a big screen watches every contest it shows on one socket). */
  contests: number;
  /** Bytes waiting to be sent to one connection beyond which it is cut: its client does not read. */
  backlogBytes: number;
  /** How often every connection's backlog is checked. */
  sweepMs: number;
}

// A web page watches once per connection and again only on a gap, and a big screen watches every
// contest it shows (at most `contests`) on one socket at once; the burst leaves room for other
// clients of CONTRACT §8 (a script watching
// every contest of an event at once). 4 MB is a minute of updates to a phone on a bad link that
// still reads (a compact delta is about 1 KB, a few a second) or a few dozen whole boards.
export const LIVE_LIMITS: LiveLimits = {
  burst: 40,
  perSecond: 5,
  refusals: 20,
  contests: 32,
  backlogBytes: 4 * 1024 * 1024,
  sweepMs: 1_000,
};

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now = performance.now(),
  ) {
    this.tokens = capacity;
    this.at = now;
  }

  /** Takes a token: 0 when there was one, else the seconds until there is. */
  take(now = performance.now()): number {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return (1 - this.tokens) / this.perSecond;
  }
}

export type Verdict = { ok: true } | { ok: false; seconds: number } | { cut: true };

/** One socket's allowance: events at a bounded rate; a socket that keeps going too fast is cut. */
export class SocketAllowance {
  private readonly events: TokenBucket;
  private readonly refusals: TokenBucket;

  constructor(limits: LiveLimits, now = performance.now()) {
    this.events = new TokenBucket(limits.burst, limits.perSecond, now);
    this.refusals = new TokenBucket(limits.refusals, 1, now);
  }

  take(now = performance.now()): Verdict {
    const wait = this.events.take(now);
    if (wait === 0) return { ok: true };
    if (this.refusals.take(now) > 0) return { cut: true };
    return { ok: false, seconds: Math.max(1, Math.ceil(wait)) };
  }
}
