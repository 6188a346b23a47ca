// Latency and size histograms (HdrHistogram) that travel between processes: each child records
// into its own, sends it encoded, and the parent merges them before reading percentiles.
import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';

/** Values are integers: latencies in microseconds, sizes in bytes. 3 significant digits. */
export const newHistogram = (): Histogram => build({ bitBucketSize: 32, numberOfSignificantValueDigits: 3 });

export const encodeHistogram = (h: Histogram): string => encodeIntoCompressedBase64(h);

export function mergeHistograms(encoded: string[]): Histogram {
  const total = newHistogram();
  for (const e of encoded) total.add(decodeFromCompressedBase64(e, 32));
  return total;
}

/** Records a latency in milliseconds (fractions kept, as microseconds). */
export function recordMs(h: Histogram, ms: number): void {
  h.recordValue(Math.max(1, Math.round(ms * 1000)));
}

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Percentiles of a histogram of microseconds, in milliseconds. */
export function latencySummary(h: Histogram): LatencySummary {
  if (h.totalCount === 0) return { count: 0, meanMs: 0, p50Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0 };
  return {
    count: h.totalCount,
    meanMs: r2(h.mean / 1000),
    p50Ms: r2(h.getValueAtPercentile(50) / 1000),
    p99Ms: r2(h.getValueAtPercentile(99) / 1000),
    p999Ms: r2(h.getValueAtPercentile(99.9) / 1000),
    maxMs: r2(h.maxValue / 1000),
  };
}

export interface SizeSummary {
  count: number;
  meanBytes: number;
  p99Bytes: number;
  maxBytes: number;
}

export function sizeSummary(h: Histogram): SizeSummary {
  if (h.totalCount === 0) return { count: 0, meanBytes: 0, p99Bytes: 0, maxBytes: 0 };
  return {
    count: h.totalCount,
    meanBytes: Math.round(h.mean),
    p99Bytes: h.getValueAtPercentile(99),
    maxBytes: h.maxValue,
  };
}
