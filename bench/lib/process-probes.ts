// What a server process reports about itself to the benchmark: memory after a full collection,
// and per phase (between phaseStart and phaseRead) its event-loop lag and CPU time. A server that
// cannot keep up with its viewers buffers what it sends in memory without bound; the guard ends
// the process before it takes the machine's memory (the parent then reports that it exited).
import { totalmem } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Ends the process when its RSS passes JX_BENCH_RSS_LIMIT_MB (default: a quarter of the machine's memory). */
export function guardMemory(name: string): void {
  const limitMb = Number(process.env.JX_BENCH_RSS_LIMIT_MB) || Math.round(totalmem() / 4 / 2 ** 20);
  setInterval(() => {
    const rssMb = Math.round(process.memoryUsage.rss() / 2 ** 20);
    if (rssMb <= limitMb) return;
    console.error(
      `[${name}] RSS ${rssMb} MiB passed the limit of ${limitMb} MiB (JX_BENCH_RSS_LIMIT_MB): it cannot send as fast as it is asked to; exiting`,
    );
    process.exit(3);
  }, 500).unref();
}

export interface MemoryReading {
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
}

export interface PhaseReading {
  seconds: number;
  cpuMs: number;
  /** Event-loop lag: how late a 10 ms timer fired (the interval measured minus 10 ms). */
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
}

const RESOLUTION_MS = 10;

export function processProbes() {
  const lag = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  let cpu = process.cpuUsage();
  let started = performance.now();
  const lagMs = (ns: number) => Math.round(Math.max(0, ns / 1e6 - RESOLUTION_MS) * 100) / 100;
  return {
    async memory(): Promise<MemoryReading> {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('start the process with --expose-gc');
      // Twice, with a turn of the event loop between: sockets closed a moment ago free their buffers late.
      gc();
      await new Promise((r) => setTimeout(r, 50));
      gc();
      const m = process.memoryUsage();
      return { rssBytes: m.rss, heapUsedBytes: m.heapUsed, externalBytes: m.external };
    },
    phaseStart(): void {
      lag.disable();
      lag.reset();
      lag.enable();
      cpu = process.cpuUsage();
      started = performance.now();
    },
    phaseRead(): PhaseReading {
      lag.disable();
      const used = process.cpuUsage(cpu);
      return {
        seconds: Math.round(performance.now() - started) / 1000,
        cpuMs: Math.round((used.user + used.system) / 1000),
        lagP50Ms: lagMs(lag.percentile(50)),
        lagP99Ms: lagMs(lag.percentile(99)),
        lagMaxMs: lagMs(lag.max),
      };
    },
  };
}
