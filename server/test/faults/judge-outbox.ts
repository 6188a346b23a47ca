// A judge tablet for the fault tests: the product's outbox (shared/judge-outbox/outbox.ts, what the
// judge app runs) on a memory store instead of IndexedDB, sending to a real server. The test sees
// what a tablet would: each HTTP answer and its duration, the request on its way, and per mark the
// acknowledgement (with the request that carried it) or the refusal. Signing in again after a 401,
// and retrying a failed sign-in, is the tablet's part, as the app asks its judge to.
import type { Mark, MarkBody } from '../../../shared/api.ts';
import { Outbox } from '../../../shared/judge-outbox/outbox.ts';
import { API_PATH } from '../../../shared/judge-outbox/send.ts';
import { MemoryOutboxStore, type OutboxEntry } from '../../../shared/judge-outbox/store.ts';

export interface Ack {
  status: 200 | 201;
  mark: Mark;
  seq: number;
  /** Which request of this client carried the acknowledged copy. */
  request: number;
}

export interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  code?: string;
}

export interface OutboxOptions {
  base: string;
  judge: string;
  contestId: string;
  marks: MarkBody[];
  login: () => Promise<string>;
  batchSize: number;
  random: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  /** Called after every change of the outbox (answers included), for tests that wait on progress. */
  onProgress?: () => void;
}

const EVENT = 'fault-test';

export class JudgeOutbox {
  /** Every HTTP answer (status 0: no answer) with its duration. */
  readonly answers: Answer[] = [];
  /** clientIds of the request on its way now, and its number. */
  inFlight: { request: number; clientIds: string[] } | null = null;
  /** The judge's marks in the order they were made. */
  readonly marks: readonly MarkBody[];
  readonly judge: string;
  readonly #o: OutboxOptions;
  readonly #outbox: Outbox;
  readonly #carriedBy = new Map<string, number>();
  #entries: readonly OutboxEntry[] = [];
  #token: string | null = null;
  #requests = 0;
  #signingIn: Promise<void> | null = null;
  #added = false;

  constructor(o: OutboxOptions) {
    this.#o = o;
    this.marks = [...o.marks];
    this.judge = o.judge;
    this.#outbox = new Outbox({
      store: new MemoryOutboxStore(),
      base: `${o.base}${API_PATH}`,
      credentials: () => (this.#token ? { token: this.#token, judge: o.judge, event: EVENT } : null),
      onSessionEnded: () => {
        this.#token = null;
        void this.#signIn();
      },
      fetch: (url, init) => this.#fetch(url, init),
      batchSize: o.batchSize,
      random: o.random,
      baseDelayMs: o.baseDelayMs ?? 50,
      maxDelayMs: o.maxDelayMs ?? 1_000,
      timeoutMs: o.timeoutMs ?? 15_000,
      // One tablet per outbox here: no lock shared with the others in this process.
      lock: (fn) => fn(),
    });
    this.#outbox.subscribe((snapshot) => {
      this.#entries = snapshot.entries;
      o.onProgress?.();
    });
  }

  /** Marks not acknowledged or refused yet. */
  get waiting(): MarkBody[] {
    if (!this.#added) return [...this.marks];
    return this.#entries.filter((e) => e.status === 'waiting' || e.status === 'sending').map((e) => e.body);
  }

  get done(): boolean {
    return this.#added && this.waiting.length === 0;
  }

  get acks(): Map<string, Ack> {
    const acks = new Map<string, Ack>();
    for (const e of this.#entries) {
      if (e.status !== 'received' || !e.response) continue;
      acks.set(e.clientId, { ...e.response, request: this.#carriedBy.get(e.clientId) ?? 0 });
    }
    return acks;
  }

  get refused(): Map<string, { status: number; body: unknown }> {
    const refused = new Map<string, { status: number; body: unknown }>();
    for (const e of this.#entries) {
      if (e.status === 'refused') refused.set(e.clientId, { status: e.error?.status ?? 0, body: { error: e.error } });
    }
    return refused;
  }

  /** Skip the backoff now (the app does this when the network comes back). */
  kick(): void {
    void this.#outbox.kick();
  }

  /** Commits every mark to the tablet, then sends until each is acknowledged or refused. */
  async run(): Promise<void> {
    await this.#signIn();
    for (const body of this.marks) {
      await this.#outbox.add({ contestId: this.#o.contestId, judge: this.judge, event: EVENT, body });
    }
    this.#added = true;
    this.#o.onProgress?.();
    while (!this.done) {
      await new Promise<void>((resolve) => {
        const stop = this.#outbox.subscribe(() => {
          if (!this.done) return;
          queueMicrotask(() => stop());
          resolve();
        });
      });
    }
    await this.#outbox.settled();
    this.#outbox.dispose();
  }

  /** Signs the judge in, again after a failure (with the outbox's backoff), then sends at once. */
  #signIn(): Promise<void> {
    this.#signingIn ??= (async () => {
      for (let failures = 1; ; failures++) {
        try {
          this.#token = await this.#o.login();
          break;
        } catch {
          await new Promise((r) => setTimeout(r, this.#outbox.delayFor(failures)));
        }
      }
      this.#signingIn = null;
      if (this.#added) void this.#outbox.kick();
    })();
    return this.#signingIn;
  }

  /** The network as the outbox sees it, noting each request and its answer for the test. */
  async #fetch(url: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> {
    const request = ++this.#requests;
    const sent = JSON.parse(String(init?.body)) as MarkBody | { marks: MarkBody[] };
    const clientIds = 'marks' in sent ? sent.marks.map((m) => m.clientId) : [sent.clientId];
    this.inFlight = { request, clientIds };
    const started = performance.now();
    try {
      const res = await fetch(url, init);
      const text = await res.clone().text();
      const body = parse(text);
      const code = (body as { error?: { code?: string } } | undefined)?.error?.code;
      const retryAfter = res.headers.get('retry-after');
      this.answers.push({ status: res.status, ms: performance.now() - started, retryAfter, code });
      for (const id of acknowledged(body, res.status)) this.#carriedBy.set(id, request);
      return res;
    } catch (err) {
      this.answers.push({ status: 0, ms: performance.now() - started, retryAfter: null });
      throw err;
    } finally {
      if (this.inFlight?.request === request) this.inFlight = null;
    }
  }
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The clientIds an answer acknowledges (the outbox decides for itself; this only says which request did). */
function acknowledged(body: unknown, status: number): string[] {
  const b = body as { mark?: Mark; results?: { clientId: string; status: number }[] } | undefined;
  if (status === 200 && Array.isArray(b?.results)) {
    return b.results.filter((r) => r.status === 200 || r.status === 201).map((r) => r.clientId);
  }
  return (status === 200 || status === 201) && b?.mark?.clientId ? [b.mark.clientId] : [];
}
