// The judge's outbox: every mark is committed to IndexedDB before anything is sent, then sent in
// creation order until the server acknowledges it. Once-only delivery rests on three things:
// the clientId made once per mark (the server answers a repeat with 200 and the same mark),
// one sender at a time (a single flight in this tab, a Web Lock across tabs), and an entry
// leaving "waiting" only on an acknowledgement that names its clientId. Framework-free: the judge app
// runs it on IndexedDB, the server's fault tests on a memory store against a real server.
import type { MarkBody } from '../api.ts';
import { byCreation, type OutboxEntry } from './store.ts';
import { API_PATH, sendBatch, sendOne, type Outcome, type SendError } from './send.ts';
import {
  backoffDelay,
  defaultLock,
  settle,
  type OutboxOptions,
  type OutboxPhase,
  type OutboxSnapshot,
} from './policy.ts';

export type { OutboxEntry, EntryStatus } from './store.ts';
export type { Credentials, OutboxOptions, OutboxPhase, OutboxSnapshot } from './policy.ts';

export class Outbox {
  entries: OutboxEntry[] = [];
  phase: OutboxPhase = 'idle';
  nextAttemptAt: number | null = null;
  lastError: SendError | null = null;
  /** Consecutive failed tries, for the backoff. */
  failures = 0;

  readonly #o: Required<Omit<OutboxOptions, 'onSessionEnded'>> & Pick<OutboxOptions, 'onSessionEnded'>;
  readonly #listeners = new Set<(s: OutboxSnapshot, local: boolean) => void>();
  #queue: Promise<unknown> = Promise.resolve();
  #flight: Promise<void> | null = null;
  #again = false;
  /** A kick during a flight: one more pass even if the flight ended waiting for its backoff. */
  #kicked = false;
  /** clientIds on their way now (kept "sending" when another tab makes us re-read the store). */
  readonly #inFlight = new Set<string>();
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: OutboxOptions) {
    this.#o = {
      base: API_PATH,
      fetch: (...args) => globalThis.fetch(...args),
      baseDelayMs: 1_000,
      maxDelayMs: 30_000,
      batchSize: 50,
      timeoutMs: 15_000,
      random: Math.random,
      lock: defaultLock,
      ...options,
    };
  }

  /** `local`: the change was made here (not read back from the store), so other tabs should hear of it. */
  subscribe(fn: (s: OutboxSnapshot, local: boolean) => void): () => void {
    this.#listeners.add(fn);
    fn(this.snapshot(), false);
    return () => this.#listeners.delete(fn);
  }

  snapshot(): OutboxSnapshot {
    return {
      entries: this.entries.map((e) => ({ ...e })),
      phase: this.phase,
      nextAttemptAt: this.nextAttemptAt,
      lastError: this.lastError,
    };
  }

  /** Reads the entries kept on the tablet (after a reload, offline too). */
  load(): Promise<void> {
    return this.#sync(false);
  }

  /** Commits a new mark to the tablet, then starts sending it. Resolves once it is on disk. */
  async add(input: { contestId: string; judge: string; event: string; body: MarkBody }): Promise<OutboxEntry> {
    const entry = await this.#serial(async () => {
      const n = this.entries.reduce((max, e) => Math.max(max, e.n), 0) + 1;
      const e: OutboxEntry = {
        ...input,
        clientId: input.body.clientId,
        body: { ...input.body },
        createdAt: new Date().toISOString(),
        n,
        status: 'waiting',
        attempts: 0,
      };
      // A correction settles earlier refusals of the same mark: the judge has acted on them.
      const settled = this.entries.filter(
        (x) =>
          x.status === 'refused' &&
          x.judge === e.judge &&
          x.body.contestant === e.body.contestant &&
          x.body.criterion === e.body.criterion,
      );
      await this.#o.store.put([e], true);
      await this.#o.store.remove(settled.map((x) => x.clientId));
      this.entries = [...this.entries.filter((x) => !settled.includes(x)), e].sort(byCreation);
      return e;
    });
    this.#changed();
    void this.flush();
    return { ...entry };
  }

  /** Removes a refused (or received) entry once the judge has read it. */
  async dismiss(clientId: string): Promise<void> {
    await this.#remove((e) => e.clientId === clientId && (e.status === 'refused' || e.status === 'received'));
  }

  /** Forgets received entries that the server's sheet now lists. */
  async prune(known: ReadonlySet<string>): Promise<void> {
    await this.#remove((e) => e.status === 'received' && known.has(e.clientId));
  }

  /** Sign-out after the judge confirmed: drops every entry of that judge, sent or not. */
  async discard(judge: string): Promise<void> {
    await this.#remove((e) => e.judge === judge);
  }

  /** Whether a try is due: something waits and no backoff or sign-in holds it back. */
  isDue(): boolean {
    const due = this.nextAttemptAt === null || Date.now() >= this.nextAttemptAt;
    return (
      due && this.phase !== 'signin' && this.phase !== 'sending' && this.entries.some((e) => e.status === 'waiting')
    );
  }

  /** Reads the store again (another tab changed it). */
  reload(): Promise<void> {
    return this.#sync(false);
  }

  /** Stops the retry timer (the page is going away). */
  dispose(): void {
    clearTimeout(this.#retryTimer);
  }

  /** Try now, whatever the backoff says (network back, signed in again, app start). */
  kick(): Promise<void> {
    clearTimeout(this.#retryTimer);
    this.nextAttemptAt = null;
    this.failures = 0;
    if (this.phase === 'signin' || this.phase === 'retrying') this.phase = 'idle';
    if (this.#flight) this.#kicked = true;
    return this.flush();
  }

  /** Resolves when the current flight (if any) has landed, without starting one. */
  settled(): Promise<void> {
    return this.#flight ?? Promise.resolve();
  }

  /** Sends everything waiting. One flight at a time: a call during a flight joins it. */
  flush(): Promise<void> {
    if (this.#flight) {
      this.#again = true;
      return this.#flight;
    }
    this.#flight = (async () => {
      let go = true;
      while (go) {
        this.#again = false;
        this.#kicked = false;
        await this.#o.lock(() => this.#drain());
        go = this.#kicked || (this.#again && this.phase !== 'retrying' && this.phase !== 'signin');
      }
    })().finally(() => {
      this.#flight = null;
    });
    return this.#flight;
  }

  async #drain(): Promise<void> {
    // Holding the lock, no one else is sending; "sending" is never on disk (older versions wrote it).
    await this.#sync(true);
    let singleOnly = false;
    for (;;) {
      const who = this.#o.credentials();
      const mine = this.entries.filter(
        (e) => e.status === 'waiting' && who && e.judge === who.judge && e.event === who.event,
      );
      if (!who || mine.length === 0) {
        this.#setPhase(!who && this.entries.some((e) => e.status === 'waiting') ? 'signin' : 'idle');
        return;
      }
      const first = mine[0]!;
      const size = singleOnly ? 1 : this.#o.batchSize;
      const batch: OutboxEntry[] = [];
      for (const e of mine) {
        if (e.contestId !== first.contestId || batch.length >= size) break;
        batch.push(e);
      }
      // "sending" lives in memory only: on disk the entry stays waiting until the answer is in.
      const at = new Date().toISOString();
      const sending = new Map(
        batch.map((e) => [
          e.clientId,
          { ...e, status: 'sending' as const, attempts: e.attempts + 1, lastAttemptAt: at },
        ]),
      );
      this.entries = this.entries.map((e) => sending.get(e.clientId) ?? e);
      for (const id of sending.keys()) this.#inFlight.add(id);
      this.#setPhase('sending');

      const transport = { base: this.#o.base, fetch: this.#o.fetch, token: who.token, timeoutMs: this.#o.timeoutMs };
      let answer: Outcome | Outcome[];
      try {
        answer =
          batch.length > 1
            ? await sendBatch(
                transport,
                first.contestId,
                batch.map((e) => e.body),
              )
            : [await sendOne(transport, first.contestId, first.body)];
      } finally {
        this.#inFlight.clear();
      }
      if (!Array.isArray(answer) && answer.kind === 'refused') {
        // The batch as a whole was refused (not any one mark): send them one by one to learn each answer.
        await this.#update([...sending.values()].map((e) => ({ ...this.#current(e), status: 'waiting' as const })));
        singleOnly = true;
        continue;
      }
      const outcomes: Outcome[] = Array.isArray(answer) ? answer : batch.map(() => answer);
      await this.#update(batch.map((e, i) => settle(this.#current(e), outcomes[i]!)));

      const auth = outcomes.find((o) => o.kind === 'auth');
      if (auth) {
        this.#setPhase('signin');
        this.#o.onSessionEnded?.(auth.error);
        return;
      }
      const retry = outcomes.find((o): o is Extract<Outcome, { kind: 'retry' }> => o.kind === 'retry');
      if (retry) {
        this.lastError = retry.error;
        this.failures++;
        this.#scheduleRetry(retry.retryAfterMs);
        return;
      }
      this.failures = 0;
      this.lastError = null;
    }
  }

  delayFor(failures: number, retryAfterMs?: number): number {
    return backoffDelay(failures, this.#o, retryAfterMs);
  }

  #scheduleRetry(retryAfterMs?: number): void {
    const delay = this.delayFor(this.failures, retryAfterMs);
    clearTimeout(this.#retryTimer);
    this.nextAttemptAt = Date.now() + delay;
    this.#retryTimer = setTimeout(() => {
      this.nextAttemptAt = null;
      void this.flush();
    }, delay);
    this.#setPhase('retrying');
  }

  #current(e: OutboxEntry): OutboxEntry {
    return this.entries.find((x) => x.clientId === e.clientId) ?? e;
  }

  #setPhase(phase: OutboxPhase): void {
    if (phase !== 'retrying') this.nextAttemptAt = null;
    this.phase = phase;
    this.#changed(false);
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #update(changed: OutboxEntry[]): Promise<void> {
    return this.#serial(async () => {
      // Only entries still here: one discarded meanwhile (sign-out) must not come back.
      const present = new Set(this.entries.map((e) => e.clientId));
      const kept = changed.filter((e) => present.has(e.clientId));
      await this.#o.store.put(kept);
      const byId = new Map(kept.map((e) => [e.clientId, e]));
      this.entries = this.entries.map((e) => byId.get(e.clientId) ?? e);
    }).then(() => this.#changed());
  }

  async #remove(match: (e: OutboxEntry) => boolean): Promise<void> {
    await this.#serial(async () => {
      const gone = this.entries.filter(match);
      if (gone.length === 0) return;
      await this.#o.store.remove(gone.map((e) => e.clientId));
      this.entries = this.entries.filter((e) => !gone.includes(e));
    });
    this.#changed();
  }

  #sync(resetSending: boolean): Promise<void> {
    return this.#serial(async () => {
      const stored = await this.#o.store.list();
      const stale = resetSending ? stored.filter((e) => e.status === 'sending') : [];
      for (const e of stale) e.status = 'waiting';
      await this.#o.store.put(stale);
      this.entries = stored.map((e) =>
        this.#inFlight.has(e.clientId) && e.status === 'waiting' ? { ...e, status: 'sending' } : e,
      );
    }).then(() => this.#changed(false));
  }

  #changed(local = true): void {
    const s = this.snapshot();
    for (const fn of this.#listeners) fn(s, local);
  }
}
