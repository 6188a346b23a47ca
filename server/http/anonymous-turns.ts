// What anonymous callers read (every phone on the venue Wi-Fi: events, boards, team tables,
// certified results, certificate checks) is done a few requests at a time: at most RUNNING at once,
// up to WAITING more in order of arrival, and any beyond get 503 `unavailable:busy` with
// Retry-After. Signed-in callers (judges, chief judges, organisers) never wait here, so a flood of
// public requests holds back only other public requests, never a judge's marks: their database
// queries and CPU compete with at most RUNNING public requests, whatever the flood.
import type { MiddlewareHandler } from 'hono';
import { refuse } from '../errors.ts';
import type { AppEnv } from './types.ts';

export interface TurnLimits {
  running: number;
  waiting: number;
  /** Retry-After of a request turned away (seconds). */
  retryAfter: number;
}

// Two at once keep both cores busy (one answering, one in the database) while leaving the rest to
// signed-in work. The queue is deep enough for a venue's phones opening a page together.
export const ANONYMOUS_TURNS: TurnLimits = { running: 2, waiting: 256, retryAfter: 2 };

export class Turns {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limits: TurnLimits) {}

  /** Runs `work` when its turn comes; refuses at once when the queue is full. */
  async take<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.limits.running) this.running++;
    else if (this.waiting.length >= this.limits.waiting) throw busy(this.limits.retryAfter);
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    // Requests already read from the network go first (a judge's mark among them): with the
    // embedded database a request's queries run without giving the event loop back, so a public
    // request started now would hold them up for as long as all of its work takes.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      return await work();
    } finally {
      // The turn passes on to the first in line (the count stays), or is given back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
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
    if (c.get('actor').role !== 'anonymous' || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    await turns.take(next);
  };
}
