// Rates and latency percentiles of a timed run.
export interface RunStats {
  ok: number;
  failed: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarise(latenciesMs: number[], ok: number, failed: number, seconds: number): RunStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    ok,
    failed,
    seconds: r(seconds),
    perSecond: r(ok / seconds),
    p50Ms: r(percentile(sorted, 50)),
    p99Ms: r(percentile(sorted, 99)),
    maxMs: r(sorted.at(-1) ?? 0),
  };
}

/** Runs `workers` loops of `step` until `seconds` have passed; each step reports success. */
export async function timedLoops(
  workers: number,
  seconds: number,
  step: (worker: number) => Promise<boolean>,
): Promise<RunStats> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        if (await step(w)) {
          ok++;
          latencies.push(performance.now() - t0);
        } else failed++;
      }
    }),
  );
  return summarise(latencies, ok, failed, (performance.now() - started) / 1000);
}
