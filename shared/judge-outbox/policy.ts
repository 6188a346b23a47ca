// Types and policies of the outbox: what it is given, what it shows, how it backs off, and what
// each answer does to an entry.
import type { OutboxEntry, OutboxStore } from './store.ts';
import type { Outcome, SendError } from './send.ts';

/** idle: nothing to send · sending · retrying: waiting for the next try · signin: the session ended (401). */
export type OutboxPhase = 'idle' | 'sending' | 'retrying' | 'signin';

export interface Credentials {
  token: string;
  judge: string;
  event: string;
}

export interface OutboxOptions {
  store: OutboxStore;
  /** The signed-in judge, or null. Entries are sent only with their own judge's session. */
  credentials: () => Credentials | null;
  /** Called on a 401: the app asks the judge to sign in again; entries stay waiting. */
  onSessionEnded?: (error: SendError) => void;
  /** Where the API is: '/api/v1' on the page's own origin; the fault tests name a server. */
  base?: string;
  fetch?: typeof fetch;
  baseDelayMs?: number;
  maxDelayMs?: number;
  batchSize?: number;
  timeoutMs?: number;
  random?: () => number;
  /** Runs one drain at a time across tabs; navigator.locks when there is one. */
  lock?: (fn: () => Promise<void>) => Promise<void>;
}

export interface OutboxSnapshot {
  entries: readonly OutboxEntry[];
  phase: OutboxPhase;
  /** When the next automatic try is due (ms since epoch), or null. */
  nextAttemptAt: number | null;
  /** The last transient failure (network, 5xx), cleared by a success. */
  lastError: SendError | null;
}

export const LOCK_NAME = 'jiangxin-judge-outbox';

export function defaultLock(fn: () => Promise<void>): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request(LOCK_NAME, fn).then(() => undefined) : fn();
}

/** Exponential backoff with jitter (tablets reconnecting together do not all come at once), capped. */
export function backoffDelay(
  failures: number,
  o: { baseDelayMs: number; maxDelayMs: number; random: () => number },
  retryAfterMs?: number,
): number {
  const exp = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, failures - 1));
  const jittered = exp / 2 + (exp / 2) * o.random();
  return Math.min(o.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}

/** An entry after the server's answer: only an acknowledgement makes it received. */
export function settle(e: OutboxEntry, o: Outcome): OutboxEntry {
  switch (o.kind) {
    case 'ack':
      return { ...e, status: 'received', error: undefined, response: { status: o.status, mark: o.mark, seq: o.seq } };
    case 'refused':
      return { ...e, status: 'refused', error: { ...o.error, status: o.status } };
    case 'retry':
      return { ...e, status: 'waiting', error: { ...o.error, status: o.status } };
    case 'auth':
      return { ...e, status: 'waiting', error: { ...o.error, status: 401 } };
  }
}
