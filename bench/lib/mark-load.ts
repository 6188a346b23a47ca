// Judges submitting marks at a set rate on an open-loop schedule: request i leaves at start + i/rate
// whatever the replies before it did, so a slow server shows as latency, not as a lower send rate
// (no coordinated omission). Keeps each accepted mark's seq and wall-clock send time.
import type { jsonClient } from './http.ts';
import { summarise, type RunStats } from './stats.ts';
import { randomMark } from './synthetic.ts';
import { wallMs } from './wall-clock.ts';

export interface MarkLoadOptions {
  client: ReturnType<typeof jsonClient>;
  contest: string;
  /** Judges' session tokens; marks go round them in turn. */
  tokens: string[];
  perSecond: number;
  seconds: number;
  contestants: number;
}

export interface MarkLoadResult {
  sent: number;
  /** Responses 201 with a seq. */
  accepted: number;
  statuses: Record<string, number>;
  /** [seq, wall-clock ms the request was sent] of every accepted mark. */
  sentAt: [number, number][];
  /** Accepted marks ÷ seconds from the first send to the last reply; response times of the accepted. */
  submit: RunStats;
  /** How late the generator sent its latest request against the schedule. */
  scheduleLateMaxMs: number;
}

export async function openLoopMarks(o: MarkLoadOptions): Promise<MarkLoadResult> {
  const count = Math.max(1, Math.round(o.perSecond * o.seconds));
  const interval = 1000 / o.perSecond;
  const statuses: Record<string, number> = {};
  const sentAt: [number, number][] = [];
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let late = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const at = performance.now();
    late = Math.max(late, at - due);
    const wall = wallMs();
    pending.push(
      o.client
        .request<{ seq?: number }>(
          'POST',
          `/api/v1/contests/${o.contest}/marks`,
          randomMark(o.contestants),
          o.tokens[i % o.tokens.length],
        )
        .then((res) => {
          const key = String(res.status);
          statuses[key] = (statuses[key] ?? 0) + 1;
          if (res.status === 201 && typeof res.body?.seq === 'number') {
            sentAt.push([res.body.seq, wall]);
            latencies.push(performance.now() - at);
          }
        })
        // A connection error is counted, not fatal: the result says how many requests were lost.
        .catch(
          (err: NodeJS.ErrnoException) =>
            void (statuses[err.code ?? 'error'] = (statuses[err.code ?? 'error'] ?? 0) + 1),
        ),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - t0) / 1000;
  return {
    sent: count,
    accepted: sentAt.length,
    statuses,
    sentAt,
    submit: summarise(latencies, sentAt.length, count - sentAt.length, seconds),
    scheduleLateMaxMs: Math.round(late * 100) / 100,
  };
}
