// What anonymous callers read (every phone on the venue Wi-Fi: events, boards, team tables,
// certified results, certificate checks) takes turns behind everything else. At most `running`
// public reads at once; while other work (a judge's mark, anything signed in) is under way or
// ended less than `activeMs` ago, only one at a time, each after a pause three times as long as
// the last one took, so the rest of the server keeps at least three quarters of the time; up to
// `waiting` more in order of arrival; any beyond get 503 `unavailable:busy` with Retry-After.
// Signed-in callers never wait here. So a flood of public requests holds back other public
// requests, not a judge's marks.
import type { MiddlewareHandler } from 'hono';
import { refuse } from '../errors.ts';
import type { AppEnv } from './types.ts';

export interface TurnLimits {
  running: number;
  waiting: number;
  /** How long after other work the server counts as busy with it (ms). */
  activeMs: number;
  /** Retry-After of a request turned away (seconds). */
  retryAfter: number;
  /** The longest pause after one public read (ms): a read slowed by a busy machine must not hold the queue for long. */
  maxPauseMs: number;
}

// Two at once keep both cores busy (one answering, one in the database) when nothing else runs.
// The queue is deep enough for a venue's phones opening a page together.
// A pause is at most half a second: one public read that took seconds on a loaded machine would
// otherwise hold every phone (and a judge's sign-in page listing the events) three times as long.
export const ANONYMOUS_TURNS: TurnLimits = { running: 2, waiting: 256, activeMs: 250, retryAfter: 2, maxPauseMs: 500 };

/** While other work is active, the pause after a public read, in multiples of its duration. */
const PAUSE = 3;

export class Turns {
  private running = 0;
  /** Other work under way, and until when it counts as recent. */
  private others = 0;
  private activeUntil = 0;
  /** While other work is active: when the next public read may start. */
  private nextAt = 0;
  private readonly waiting: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly limits: TurnLimits) {}

  /** Marks other work as under way until the returned function is called. */
  begin(): () => void {
    this.others++;
    return () => {
      this.others--;
      this.activeUntil = performance.now() + this.limits.activeMs;
      this.pump();
    };
  }

  /** Runs `work` when its turn comes; refuses at once when the queue is full. */
  async take<T>(work: () => Promise<T>): Promise<T> {
    if (this.waiting.length >= this.limits.waiting) throw busy(this.limits.retryAfter);
    await new Promise<void>((start) => {
      this.waiting.push(start);
      this.pump();
    });
    // Requests already read from the network go first (a judge's mark among them): with the
    // embedded database a request's queries run without giving the event loop back, so a public
    // request started now would hold them up for as long as all of its work takes.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const started = performance.now();
    try {
      return await work();
    } finally {
      const ended = performance.now();
      this.nextAt = ended + Math.min(PAUSE * (ended - started), this.limits.maxPauseMs);
      this.running--;
      this.pump();
    }
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.running < this.limits.running) {
      const now = performance.now();
      if (this.others > 0 || now < this.activeUntil) {
        if (this.running > 0) return;
        if (now < this.nextAt) return this.pumpIn(this.nextAt - now);
      }
      this.running++;
      this.waiting.shift()!();
    }
  }

  private pumpIn(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, Math.ceil(ms));
    this.timer.unref();
  }
}

const busy = (seconds: number) => {
  const message = `the server is answering many public requests; try again in ${seconds} s`;
  return refuse('unavailable:busy', message, { seconds }, { retryAfter: seconds });
};

/** After resolveActor: anonymous GET and HEAD requests take turns (one queue per app, so per server). */
export function anonymousTurns(limits: TurnLimits = ANONYMOUS_TURNS): MiddlewareHandler<AppEnv> {
  const turns = new Turns(limits);
  return async (c, next) => {
    if (c.get('actor').role === 'anonymous' && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      return turns.take(next);
    }
    const end = turns.begin();
    try {
      await next();
    } finally {
      end();
    }
  };
}
