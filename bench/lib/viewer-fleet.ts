// The viewer fleet: several child processes (viewer-child.ts) sharing the viewers out, so that no
// process comes near the per-process file limit and the fleet can use both cores. Each viewer
// connects from one of `addresses` (127.0.0.x): one source address has ~28,000 ephemeral ports,
// and connections closed by the client wait in TIME_WAIT for a minute after each phase.
import { startChild, type Child } from './child-rpc.ts';
import { latencySummary, mergeHistograms, sizeSummary, type LatencySummary, type SizeSummary } from './hdr.ts';
import type { PhaseReading } from './process-probes.ts';
import type { ConnectResult, FleetMode, ViewerReport } from './viewer-child.ts';

/** The fleet's processes' reports added up (the counts), and what was derived from them. */
export interface FleetReport extends Pick<
  ViewerReport,
  'viewers' | 'connectedNow' | 'disconnects' | 'resyncs' | 'updates' | 'fullUpdates'
> {
  /** Distinct updates (broadcasts) that reached at least one viewer. */
  broadcasts: number;
  sizes: SizeSummary;
  latency: LatencySummary;
  missed: number;
  boardsDiffer: number;
  distinctBoards: number;
  minReceived: number;
}

export interface FleetPhase {
  /** The slowest fleet process's event-loop lag: the fleet's own delay in noticing arrivals. */
  lagP99Ms: number;
  lagMaxMs: number;
  cpuMs: number;
}

export const sourceAddresses = (n: number) => Array.from({ length: n }, (_, i) => `127.0.0.${i + 2}`);

export class ViewerFleet {
  private constructor(
    private readonly children: Child<{ pid: number }>[],
    private readonly addresses: string[],
  ) {}

  static async start(processes: number, addresses: string[]): Promise<ViewerFleet> {
    const started = await Promise.allSettled(
      Array.from({ length: processes }, (_, i) =>
        startChild<{ pid: number }>(`viewers-${i + 1}`, new URL('./viewer-child.ts', import.meta.url)),
      ),
    );
    const children = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) {
      await Promise.all(children.map((c) => c.stop()));
      throw (failed as PromiseRejectedResult).reason;
    }
    return new ViewerFleet(children, addresses);
  }

  get pids(): number[] {
    return this.children.map((c) => c.pid);
  }

  async connect(
    url: string,
    mode: FleetMode,
    contest: string,
    viewers: number,
    concurrency: number,
    timeoutMs: number,
  ): Promise<ConnectResult> {
    const n = this.children.length;
    let firstIndex = 0;
    const results = await Promise.all(
      this.children.map((c, i) => {
        const count = Math.floor(viewers / n) + (i < viewers % n ? 1 : 0);
        const req = { url, mode, contest, count, firstIndex, addresses: this.addresses, concurrency, timeoutMs };
        firstIndex += count;
        return c.call<ConnectResult>('connect', req, timeoutMs * Math.max(1, count / concurrency) + 60_000);
      }),
    );
    return {
      connected: results.reduce((a, r) => a + r.connected, 0),
      failed: results.reduce((a, r) => a + r.failed, 0),
      errors: results.flatMap((r) => r.errors).slice(0, 5),
    };
  }

  /** Waits until every viewer's board reached `seq` (jiangxin) or every viewer received `messages` (bare); false on timeout. */
  async waitFor(target: { seq?: number; messages?: number }, timeoutMs: number): Promise<boolean> {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const p = await Promise.all(
        this.children.map((c) => c.call<{ viewers: number; minSeq: number; minReceived: number }>('progress')),
      );
      const done = p.every(
        (x) =>
          x.viewers === 0 ||
          ((target.seq === undefined || x.minSeq >= target.seq) &&
            (target.messages === undefined || x.minReceived >= target.messages)),
      );
      if (done) return true;
      if (performance.now() > until) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async phaseStart(): Promise<void> {
    await Promise.all(this.children.map((c) => c.call('phaseStart')));
  }

  async phaseRead(): Promise<FleetPhase> {
    const r = await Promise.all(this.children.map((c) => c.call<PhaseReading>('phaseRead')));
    return {
      lagP99Ms: Math.max(...r.map((x) => x.lagP99Ms)),
      lagMaxMs: Math.max(...r.map((x) => x.lagMaxMs)),
      cpuMs: r.reduce((a, x) => a + x.cpuMs, 0),
    };
  }

  async report(args: {
    sent?: [number, number][];
    expected?: { seq: number; rowsJson: string };
    bareSent?: number;
  }): Promise<FleetReport> {
    const r = await Promise.all(this.children.map((c) => c.call<ViewerReport>('report', args)));
    const sum = (
      k:
        | 'viewers'
        | 'connectedNow'
        | 'resyncs'
        | 'updates'
        | 'fullUpdates'
        | 'missed'
        | 'boardsDiffer'
        | 'distinctBoards',
    ) => r.reduce((a, x) => a + x[k], 0);
    const disconnects: Record<string, number> = {};
    for (const [reason, n] of r.flatMap((x) => Object.entries(x.disconnects)))
      disconnects[reason] = (disconnects[reason] ?? 0) + n;
    return {
      viewers: sum('viewers'),
      connectedNow: sum('connectedNow'),
      disconnects,
      resyncs: sum('resyncs'),
      updates: sum('updates'),
      fullUpdates: sum('fullUpdates'),
      broadcasts: new Set(r.flatMap((x) => x.broadcastSeqs)).size,
      sizes: sizeSummary(mergeHistograms(r.map((x) => x.sizes))),
      latency: latencySummary(mergeHistograms(r.map((x) => x.latency))),
      missed: sum('missed'),
      boardsDiffer: sum('boardsDiffer'),
      distinctBoards: sum('distinctBoards'),
      minReceived: Math.min(...r.map((x) => x.minReceived)),
    };
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.children.map((c) => c.call('disconnect')));
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((c) => c.stop()));
  }
}
