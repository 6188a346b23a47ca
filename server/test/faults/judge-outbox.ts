// A judge tablet's outbox, as web/src/lib/judge/outbox.ts and send.ts behave, without IndexedDB:
// marks are sent in creation order, one request at a time (a batch when more than one waits), and
// an entry leaves the queue only on an acknowledgement naming its clientId (200/201) or a definitive
// refusal (4xx other than 401/408/425/429). Anything else (no answer, a timeout, 5xx, 429) keeps
// it waiting and backs off with jitter, at least as long as Retry-After says, capped as the app caps it.
// The web module cannot be imported here (it resolves `$shared` through SvelteKit), hence this copy.
import type { Mark, MarkBody } from '../../../shared/api.ts';

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
  /** Called after every answer (or failed try), for tests that wait on progress. */
  onProgress?: () => void;
}

export class JudgeOutbox {
  readonly waiting: MarkBody[];
  readonly acks = new Map<string, Ack>();
  readonly refused = new Map<string, { status: number; body: unknown }>();
  /** Every HTTP answer (status 0: no answer) with its duration. */
  readonly answers: Answer[] = [];
  /** clientIds of the request on its way now, and its number. */
  inFlight: { request: number; clientIds: string[] } | null = null;
  private requests = 0;
  private failures = 0;
  private token: string | null = null;
  private wake: (() => void) | null = null;

  /** The judge's marks in the order they were made. */
  readonly marks: readonly MarkBody[];
  readonly judge: string;

  constructor(private readonly o: OutboxOptions) {
    this.marks = [...o.marks];
    this.judge = o.judge;
    this.waiting = [...o.marks];
  }

  get done(): boolean {
    return this.waiting.length === 0;
  }

  /** Skip the backoff now (the app does this when the network comes back). */
  kick(): void {
    this.failures = 0;
    this.wake?.();
  }

  async run(): Promise<void> {
    let singleOnly = false;
    while (this.waiting.length > 0) {
      if (!this.token) {
        try {
          this.token = await this.o.login();
        } catch {
          await this.backoff();
          continue;
        }
      }
      const size = singleOnly ? 1 : this.o.batchSize;
      const batch = this.waiting.slice(0, size);
      const request = ++this.requests;
      this.inFlight = { request, clientIds: batch.map((m) => m.clientId) };
      const res = await this.post(batch.length > 1 ? 'marks/batch' : 'marks', batch.length > 1 ? { marks: batch } : batch[0]);
      this.inFlight = null;
      const outcomes = this.outcomes(batch, res, request);
      if (outcomes === 'batch-refused') {
        singleOnly = true;
        continue;
      }
      singleOnly = false;
      let retry: number | null = null;
      for (const [i, out] of outcomes.entries()) {
        const m = batch[i]!;
        if (out.kind === 'ack') this.acks.set(m.clientId, out.ack);
        else if (out.kind === 'refused') this.refused.set(m.clientId, { status: out.status, body: out.body });
        else if (out.kind === 'auth') this.token = null;
        else retry = Math.max(retry ?? 0, out.retryAfterMs);
      }
      const settled = new Set([...this.acks.keys(), ...this.refused.keys()]);
      for (let i = this.waiting.length - 1; i >= 0; i--) if (settled.has(this.waiting[i]!.clientId)) this.waiting.splice(i, 1);
      this.o.onProgress?.();
      if (retry !== null) await this.backoff(retry);
      else this.failures = 0;
    }
  }

  private async post(path: string, body: unknown): Promise<{ status: number; body: unknown; retryAfterMs: number }> {
    const started = performance.now();
    try {
      const res = await fetch(`${this.o.base}/api/v1/contests/${this.o.contestId}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 15_000),
      });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      const retryAfter = res.headers.get('retry-after');
      const code = (parsed as { error?: { code?: string } } | undefined)?.error?.code;
      this.answers.push({ status: res.status, ms: performance.now() - started, retryAfter, code });
      return { status: res.status, body: parsed, retryAfterMs: Number(retryAfter) > 0 ? Number(retryAfter) * 1000 : 0 };
    } catch {
      this.answers.push({ status: 0, ms: performance.now() - started, retryAfter: null });
      return { status: 0, body: undefined, retryAfterMs: 0 };
    }
  }

  private outcomes(batch: MarkBody[], res: { status: number; body: unknown; retryAfterMs: number }, request: number) {
    type Out = { kind: 'ack'; ack: Ack } | { kind: 'refused'; status: number; body: unknown } | { kind: 'retry'; retryAfterMs: number } | { kind: 'auth' };
    const classify = (clientId: string, status: number, body: unknown): Out => {
      if (status === 200 || status === 201) {
        const b = body as { mark?: Mark; seq?: number } | undefined;
        if (b?.mark?.clientId === clientId && typeof b.mark.id === 'string') return { kind: 'ack', ack: { status, mark: b.mark, seq: Number(b.seq), request } };
        return { kind: 'retry', retryAfterMs: 0 };
      }
      if (status === 401) return { kind: 'auth' };
      if (status >= 400 && status < 500 && ![408, 425, 429].includes(status)) return { kind: 'refused', status, body };
      return { kind: 'retry', retryAfterMs: res.retryAfterMs };
    };
    if (batch.length === 1) return [classify(batch[0]!.clientId, res.status, res.body)];
    if (res.status !== 200) {
      const whole = classify('', res.status, res.body);
      // A batch refused as a whole (not any one mark): learn each mark's answer one by one.
      if (whole.kind === 'refused') return 'batch-refused' as const;
      return batch.map(() => whole);
    }
    const results = (res.body as { results?: { clientId: string; status: number; mark?: Mark; seq?: number; error?: unknown }[] } | undefined)?.results ?? [];
    const byId = new Map(results.map((r) => [r.clientId, r] as const));
    return batch.map((m): Out => {
      const r = byId.get(m.clientId);
      if (!r) return { kind: 'retry', retryAfterMs: 0 };
      return classify(m.clientId, r.status, r.error ? { error: r.error } : { mark: r.mark, seq: r.seq });
    });
  }

  /** The app's backoff: exponential with jitter, at least Retry-After, capped at maxDelayMs. */
  private backoff(retryAfterMs = 0): Promise<void> {
    this.failures++;
    const base = this.o.baseDelayMs ?? 50;
    const max = this.o.maxDelayMs ?? 1_000;
    const exp = Math.min(max, base * 2 ** Math.max(0, this.failures - 1));
    const delay = Math.min(max, Math.max(exp / 2 + (exp / 2) * this.o.random(), retryAfterMs));
    return new Promise((resolve) => {
      const timer = setTimeout(done, delay);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
