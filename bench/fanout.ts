// Fan-out and latency: judges submit marks over HTTP at a set rate to one Jiangxin server while
// thousands of socket.io-client viewers watch the contest's board; then, in the same run, a bare
// Socket.IO server broadcasts payloads of the same size at the same rate to the same number of
// viewers (the fan-out limit of this machine). Results are ratios to that baseline.
//
//   npx tsx bench/fanout.ts [--scenario=smoke|venue|national] [--viewers=500] [--marks-per-second=20]
//        [--seconds=20] [--db=postgres|pglite] [--judges=10] [--contestants=1000] [--fleet=2]
//        [--addresses=4] [--connect-concurrency=50] [--pg=postgres://postgres@127.0.0.1:5432]
//   (scenario presets: smoke 50 viewers 5 marks/s 4 s; venue 500, 20/s, 20 s; national 10,000, 2/s, 30 s;
//   JX_BENCH_RSS_LIMIT_MB ends a server that buffers past it, JX_BENCH_CHILD_NODE_ARGS adds Node options; viewers ask for the web app's compact deltas,
//   JX_BENCH_CONTRACT_DELTAS=1 makes them CONTRACT §8 clients)
//
// Processes: the server under test (bench/lib/server-child.ts), the bare server (bare-server.ts)
// and the viewer fleet (viewer-child.ts ×fleet) each run apart, so memory, event-loop lag and CPU
// are each one's own; the judges' load generator runs here. Measured:
//   submit → viewer latency: for every viewer and every accepted mark, the arrival of the first
//     board update covering the mark's seq − the time its request was sent (wall clock shared by
//     the processes), in an HdrHistogram; the bare baseline: arrival − the payload's send time
//   every update delivered: each viewer's final board equals GET /leaderboard, no (viewer, mark) missed
//   marks/s accepted, each stored exactly once (PostgreSQL commits are durable: synchronous_commit)
//   server memory per viewer (after a full GC, connected − before) and after the viewers left
//   server event-loop lag and CPU during the run, board refresh time per mark
// Output: markdown on stdout, JSON in bench/out/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Leaderboard } from '../shared/api.ts';
import type { BoardRow } from '../shared/scoring/types.ts';
import type { BroadcastRequest } from './lib/bare-server.ts';
import { startChild, type Child } from './lib/child-rpc.ts';
import { openFresh, type DbKind, type FreshDb } from './lib/databases.ts';
import { benchEnv, type BenchEnv } from './lib/env.ts';
import type { LatencySummary, SizeSummary } from './lib/hdr.ts';
import { jsonClient } from './lib/http.ts';
import { openLoopMarks, type MarkLoadResult } from './lib/mark-load.ts';
import type { MemoryReading, PhaseReading } from './lib/process-probes.ts';
import type { BoardTimings, ServerChildReady } from './lib/server-child.ts';
import { CRITERIA, syntheticEvent } from './lib/synthetic.ts';
import { sourceAddresses, ViewerFleet, type FleetPhase, type FleetReport } from './lib/viewer-fleet.ts';

export interface FanoutOptions {
  viewers: number;
  marksPerSecond: number;
  seconds: number;
  db: DbKind;
  judges: number;
  contestants: number;
  /** Viewer fleet processes. */
  fleet: number;
  /** Source addresses 127.0.0.2… the viewers connect from. */
  addresses: number;
  /** Connections each fleet process opens at once while connecting. */
  connectConcurrency: number;
  pgBase: string;
  /** Directory for the JSON result; null: do not write one. */
  outDir: string | null;
  log: (line: string) => void;
}

type Preset = Pick<FanoutOptions, 'viewers' | 'marksPerSecond' | 'seconds'>;
export const SCENARIOS: Record<'smoke' | 'venue' | 'national', Preset> = {
  smoke: { viewers: 50, marksPerSecond: 5, seconds: 4 },
  venue: { viewers: 500, marksPerSecond: 20, seconds: 20 },
  national: { viewers: 10_000, marksPerSecond: 2, seconds: 30 },
};

export interface MemoryFigures {
  before: MemoryReading;
  connected: MemoryReading;
  afterRun: MemoryReading;
  afterLeave: MemoryReading;
  /** (connected − before) ÷ viewers: RSS, and JS heap + external buffers. */
  perViewerRssBytes: number;
  perViewerHeapBytes: number;
  /** Heap + external after the viewers left, above `before` (the run itself adds a little: marks, board, caches). */
  leftAfterLeaveBytes: number;
  /** leftAfterLeaveBytes as a share of what connecting the viewers added. */
  leftAfterLeave: number;
}

export interface SideResult {
  viewers: {
    wanted: number;
    connected: number;
    failed: number;
    errors: string[];
    connectSeconds: number;
    connectedAtEnd: number;
    disconnects: Record<string, number>;
  };
  latency: LatencySummary;
  /** Latencies recorded, against viewers × (accepted marks | messages sent). */
  deliveries: { expected: number; recorded: number; missed: number };
  /** Updates each viewer received (per second of the run), broadcasts sent (distinct updates received), full boards among them. */
  updates: {
    perViewer: number;
    perSecond: number;
    broadcasts: number;
    broadcastsPerSecond: number;
    full: number;
    size: SizeSummary;
  };
  /** Seconds after the last send (or reply) until the slowest viewer had everything; null: never within the limit. */
  drainSeconds: number | null;
  server: PhaseReading & { pid: number };
  /** The server while the viewers connected (each watch answered with a whole board). */
  serverWhileConnecting: PhaseReading;
  fleet: FleetPhase;
  memory: MemoryFigures;
}

export interface FanoutResult {
  bench: 'fanout';
  at: string;
  env: BenchEnv;
  /** Linux CPU pressure (/proc/pressure/cpu, some avg60): % of time runnable tasks waited for a CPU, at start and end. */
  cpuPressure: [number | null, number | null];
  options: Omit<FanoutOptions, 'log' | 'outDir' | 'pgBase'>;
  db: { kind: DbKind; version: string; synchronousCommit: string };
  jiangxin: SideResult & {
    marks: Omit<MarkLoadResult, 'sentAt'> & { stored: { rows: number; distinctClientIds: number } };
    board: BoardTimings;
    finalSeq: number;
    boardsDiffer: number;
    distinctFinalBoards: number;
    resyncs: number;
  };
  bare: SideResult & { sent: number; perSecond: number; payloadBytes: number };
  /** Jiangxin ÷ bare; null when the bare figure is not positive (memory noise with few viewers). */
  ratios: {
    latencyP50: number | null;
    latencyP99: number | null;
    memoryPerViewerRss: number | null;
    memoryPerViewerHeap: number | null;
  };
  targets: { target: string; applies: boolean; met: boolean; figures: string }[];
  /** Process ids of the children this run started (all ended when it returns). */
  processes: { server: number; bare: number; fleet: number[] };
  file?: string;
}

const PASSWORD = 'bench-admin-password';
/** What a `leaderboard` packet adds around its JSON payload: `2/live,["leaderboard",` … `]`. */
const PACKET_OVERHEAD = Buffer.byteLength('2/live,["leaderboard",]');
const CONNECT_TIMEOUT_MS = 60_000;
/** What the run itself may leave in the server (marks, the board, caches) besides the viewers' memory. */
const LEFT_ALLOWANCE_MIB = 8;
/** How long after the last send the slowest viewer may take to have everything. */
const drainTimeoutMs = (o: FanoutOptions) => Math.max(60_000, o.seconds * 4000);

const r2 = (x: number) => Math.round(x * 100) / 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ServerSide {
  child: Child<{ url: string }>;
  fleet: ViewerFleet;
  o: FanoutOptions;
  mode: 'jiangxin' | 'bare';
  contest: string;
}

/** Connects the viewers, with memory readings of the server before and after. */
async function connectViewers(s: ServerSide) {
  const before = await s.child.call<MemoryReading>('memory');
  const t0 = performance.now();
  await s.child.call('phaseStart');
  const c = await s.fleet.connect(
    s.child.ready.url,
    s.mode,
    s.contest,
    s.o.viewers,
    s.o.connectConcurrency,
    CONNECT_TIMEOUT_MS,
  );
  const connectSeconds = r2((performance.now() - t0) / 1000);
  const phase = await s.child.call<PhaseReading>('phaseRead');
  const onServer = await s.child.call<number>('viewers');
  s.o.log(
    `[${s.mode}] ${c.connected} viewers connected in ${connectSeconds} s (${c.failed} failed${c.errors.length ? `: ${c.errors[0]}` : ''}); the server counts ${onServer}`,
  );
  // The replies to `watch` (a whole board each, on Jiangxin) were in flight a moment ago: let the
  // process give back what they took before reading what the connected viewers hold.
  await sleep(2000);
  const connected = await s.child.call<MemoryReading>('memory');
  return { before, connected, c, connectSeconds, phase };
}

/** Disconnects the viewers and reads the server's memory once it has let them all go. */
async function disconnectViewers(s: ServerSide): Promise<MemoryReading> {
  await s.fleet.disconnect();
  const until = performance.now() + 30_000;
  while ((await s.child.call<number>('viewers')) > 0 && performance.now() < until) await sleep(200);
  await sleep(1000);
  return s.child.call<MemoryReading>('memory');
}

function memoryFigures(
  before: MemoryReading,
  connected: MemoryReading,
  afterRun: MemoryReading,
  afterLeave: MemoryReading,
  viewers: number,
): MemoryFigures {
  const heap = (m: MemoryReading) => m.heapUsedBytes + m.externalBytes;
  const added = heap(connected) - heap(before);
  return {
    before,
    connected,
    afterRun,
    afterLeave,
    perViewerRssBytes: Math.round((connected.rssBytes - before.rssBytes) / Math.max(1, viewers)),
    perViewerHeapBytes: Math.round(added / Math.max(1, viewers)),
    leftAfterLeaveBytes: heap(afterLeave) - heap(before),
    leftAfterLeave: r2((heap(afterLeave) - heap(before)) / Math.max(1, added)),
  };
}

async function setUpEvent(url: string, o: FanoutOptions) {
  const client = jsonClient(url, 64);
  const must = async (what: string, p: Promise<{ status: number; body: any }>, want = 200) => {
    const r = await p;
    if (r.status !== want) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
    return r.body;
  };
  try {
    const admin = (
      await must('login', client.request('POST', '/api/v1/auth/login', { username: 'admin', password: PASSWORD }))
    ).token as string;
    const file = syntheticEvent({ contestants: o.contestants, judges: o.judges });
    const imported = await must('import', client.request('POST', '/api/v1/events', file, admin), 201);
    const contest = (imported.contests as { id: string; code: string }[]).find((c) => c.code === 'main')!.id;
    await must('open', client.request('POST', `/api/v1/contests/${contest}/state`, { to: 'scoring' }, admin));
    const tokens: string[] = [];
    for (const j of file.contests[0]!.judges) {
      tokens.push(
        (
          await must(
            'judge login',
            client.request('POST', '/api/v1/auth/judge', { event: imported.id, judge: j.code, pin: j.pin }),
          )
        ).token,
      );
    }
    const board = async () =>
      (await must('leaderboard', client.request('GET', `/api/v1/contests/${contest}/leaderboard`))) as Leaderboard;
    await board(); // the server loads the board once before anything is measured
    return { client, contest, tokens, board };
  } catch (err) {
    client.close();
    throw err;
  }
}

async function jiangxinSide(server: Child<ServerChildReady>, fleet: ViewerFleet, o: FanoutOptions) {
  const ev = await setUpEvent(server.ready.url, o);
  try {
    const s: ServerSide = { child: server, fleet, o, mode: 'jiangxin', contest: ev.contest };
    const conn = await connectViewers(s);
    await Promise.all([server.call('phaseStart'), fleet.phaseStart()]);
    o.log(`[jiangxin] ${o.marksPerSecond} marks/s for ${o.seconds} s from ${o.judges} judges`);
    const marks = await openLoopMarks({
      client: ev.client,
      contest: ev.contest,
      tokens: ev.tokens,
      perSecond: o.marksPerSecond,
      seconds: o.seconds,
      contestants: o.contestants,
    });
    const repliedAt = performance.now();
    const target = await ev.board();
    const drained = await fleet.waitFor({ seq: target.seq }, drainTimeoutMs(o));
    const drainSeconds = drained ? r2((performance.now() - repliedAt) / 1000) : null;
    const [phase, fleetPhase] = await Promise.all([
      server.call<PhaseReading & { board: BoardTimings }>('phaseRead'),
      fleet.phaseRead(),
    ]);
    const final = await ev.board();
    const report = await fleet.report({
      sent: marks.sentAt,
      expected: { seq: final.seq, rowsJson: JSON.stringify(final.rows) },
    });
    const afterRun = await server.call<MemoryReading>('memory');
    const stored = await server.call<{ rows: number; distinctClientIds: number }>('stored', ev.contest);
    o.log(
      `[jiangxin] ${marks.accepted}/${marks.sent} marks accepted; latency p50 ${report.latency.p50Ms} ms p99 ${report.latency.p99Ms} ms; ` +
        `${report.updates} updates, mean ${report.sizes.meanBytes} B; drained ${drainSeconds ?? 'never'} s`,
    );
    const afterLeave = await disconnectViewers(s);
    const { sentAt: _sentAt, ...markFigures } = marks;
    return {
      side: sideResult(
        o,
        conn,
        report,
        marks.accepted,
        drainSeconds,
        { ...phase, pid: server.pid },
        fleetPhase,
        afterRun,
        afterLeave,
      ),
      marks: { ...markFigures, stored },
      board: phase.board,
      finalSeq: final.seq,
      finalRows: final.rows,
      boardsDiffer: report.boardsDiffer,
      distinctFinalBoards: report.distinctBoards,
      resyncs: report.resyncs,
    };
  } finally {
    ev.client.close();
  }
}

/** The baseline at Jiangxin's update rate and mean packet size, its payload made of `rows`. */
async function bareSide(
  fleet: ViewerFleet,
  o: FanoutOptions,
  perSecond: number,
  packetBytes: number,
  rows: BoardRow[],
) {
  const bare = await startChild<{ url: string }>(
    'bare socket.io server',
    new URL('./lib/bare-server.ts', import.meta.url),
  );
  try {
    const s: ServerSide = { child: bare, fleet, o, mode: 'bare', contest: 'bare' };
    const conn = await connectViewers(s);
    await Promise.all([bare.call('phaseStart'), fleet.phaseStart()]);
    const bytes = Math.max(0, packetBytes - PACKET_OVERHEAD);
    o.log(`[bare] ${r2(perSecond)} broadcasts/s of ${bytes} B for ${o.seconds} s`);
    const request: BroadcastRequest = { perSecond, seconds: o.seconds, bytes, rows };
    const { sent } = await bare.call<{ sent: number }>('broadcast', request, o.seconds * 1000 + 120_000);
    const sentAt = performance.now();
    const drained = await fleet.waitFor({ messages: sent }, drainTimeoutMs(o));
    const drainSeconds = drained ? r2((performance.now() - sentAt) / 1000) : null;
    const [phase, fleetPhase] = await Promise.all([bare.call<PhaseReading>('phaseRead'), fleet.phaseRead()]);
    const report = await fleet.report({ bareSent: sent });
    const afterRun = await bare.call<MemoryReading>('memory');
    o.log(
      `[bare] latency p50 ${report.latency.p50Ms} ms p99 ${report.latency.p99Ms} ms; drained ${drainSeconds ?? 'never'} s`,
    );
    const afterLeave = await disconnectViewers(s);
    return {
      side: sideResult(
        o,
        conn,
        report,
        sent,
        drainSeconds,
        { ...phase, pid: bare.pid },
        fleetPhase,
        afterRun,
        afterLeave,
      ),
      sent,
      perSecond: r2(perSecond),
      payloadBytes: bytes,
    };
  } finally {
    await bare.stop();
  }
}

function sideResult(
  o: FanoutOptions,
  conn: Awaited<ReturnType<typeof connectViewers>>,
  report: FleetReport,
  messages: number,
  drainSeconds: number | null,
  server: SideResult['server'],
  fleet: FleetPhase,
  afterRun: MemoryReading,
  afterLeave: MemoryReading,
): SideResult {
  const n = conn.c.connected;
  return {
    viewers: {
      wanted: o.viewers,
      connected: n,
      failed: conn.c.failed,
      errors: conn.c.errors,
      connectSeconds: conn.connectSeconds,
      connectedAtEnd: report.connectedNow,
      disconnects: report.disconnects,
    },
    latency: report.latency,
    deliveries: { expected: n * messages, recorded: report.latency.count, missed: report.missed },
    updates: {
      perViewer: r2(report.updates / Math.max(1, n)),
      perSecond: r2(report.updates / Math.max(1, n) / o.seconds),
      broadcasts: report.broadcasts,
      broadcastsPerSecond: r2(report.broadcasts / o.seconds),
      full: report.fullUpdates,
      size: report.sizes,
    },
    drainSeconds,
    server,
    serverWhileConnecting: conn.phase,
    fleet,
    memory: memoryFigures(conn.before, conn.connected, afterRun, afterLeave, n),
  };
}

function targetsOf(
  o: FanoutOptions,
  j: FanoutResult['jiangxin'],
  b: FanoutResult['bare'],
  ratios: FanoutResult['ratios'],
): FanoutResult['targets'] {
  const m = j.marks;
  const delivered =
    j.viewers.connected === o.viewers &&
    j.deliveries.missed === 0 &&
    j.boardsDiffer === 0 &&
    j.deliveries.recorded === j.deliveries.expected &&
    m.accepted === m.sent &&
    m.stored.rows === m.accepted &&
    m.stored.distinctClientIds === m.accepted;
  return [
    {
      target: `${o.viewers} viewers connected, every board update delivered, every accepted mark stored once`,
      applies: true,
      met: delivered,
      figures:
        `${j.viewers.connected}/${o.viewers} connected, ${j.deliveries.missed} (viewer, mark) missed, ${j.boardsDiffer} final boards ≠ GET, ` +
        `${m.accepted}/${m.sent} accepted, ${m.stored.rows} rows`,
    },
    {
      target: 'latency p99 ≤ 1.25 × bare Socket.IO at the same viewers, update rate and payload',
      applies: true,
      met: ratios.latencyP99 !== null && ratios.latencyP99 <= 1.25,
      figures: `${j.latency.p99Ms} ms ÷ ${b.latency.p99Ms} ms = ${ratios.latencyP99 ?? 'n/a'}`,
    },
    {
      target: 'memory per viewer ≤ 1.25 × bare Socket.IO per connection (heap + buffers the viewers hold)',
      applies: true,
      met: ratios.memoryPerViewerHeap !== null && ratios.memoryPerViewerHeap <= 1.25,
      figures:
        `${kib(j.memory.perViewerHeapBytes)} ÷ ${kib(b.memory.perViewerHeapBytes)} KiB = ${ratios.memoryPerViewerHeap ?? 'n/a'}; ` +
        `RSS ${kib(j.memory.perViewerRssBytes)} ÷ ${kib(b.memory.perViewerRssBytes)} KiB = ${ratios.memoryPerViewerRss ?? 'n/a'}`,
    },
    {
      target: `memory returns after viewers leave (heap + buffers within 10% of what they added, or ${LEFT_ALLOWANCE_MIB} MiB, of the start)`,
      applies: true,
      met: j.memory.leftAfterLeave <= 0.1 || j.memory.leftAfterLeaveBytes <= LEFT_ALLOWANCE_MIB * 2 ** 20,
      figures:
        `${r2(j.memory.leftAfterLeaveBytes / 2 ** 20)} MiB = ${Math.round(j.memory.leftAfterLeave * 100)}% left ` +
        `(bare: ${r2(b.memory.leftAfterLeaveBytes / 2 ** 20)} MiB = ${Math.round(b.memory.leftAfterLeave * 100)}%)`,
    },
    {
      target: 'venue: 500 viewers, 20 marks/s on PostgreSQL: p50 ≤ 30 ms, p99 ≤ 100 ms',
      applies: o.viewers >= 500 && o.marksPerSecond >= 20 && o.db === 'postgres',
      met: j.latency.p50Ms <= 30 && j.latency.p99Ms <= 100,
      figures: `p50 ${j.latency.p50Ms} ms, p99 ${j.latency.p99Ms} ms`,
    },
  ];
}

const kib = (bytes: number) => r2(bytes / 1024);

function cpuPressure(): number | null {
  try {
    const some = readFileSync('/proc/pressure/cpu', 'utf8').match(/^some avg10=[\d.]+ avg60=([\d.]+)/m);
    return some ? Number(some[1]) : null;
  } catch {
    return null;
  }
}

export async function runFanout(o: FanoutOptions): Promise<FanoutResult> {
  const loadAtStart = loadavg()[0]!;
  const pressureAtStart = cpuPressure();
  let fresh: FreshDb | undefined;
  let pgliteDir: string | undefined;
  let server: Child<ServerChildReady> | undefined;
  let fleet: ViewerFleet | undefined;
  try {
    let dbEnv: Record<string, string>;
    if (o.db === 'postgres') {
      fresh = await openFresh('postgres', o.pgBase);
      dbEnv = { JX_BENCH_DATABASE_URL: fresh.url! };
    } else {
      pgliteDir = mkdtempSync(join(tmpdir(), 'jx-fanout-'));
      dbEnv = { JX_BENCH_PGLITE_DIR: pgliteDir };
    }
    o.log(`[setup] ${o.db} database, server process, ${o.fleet} viewer processes`);
    [server, fleet] = await Promise.all([
      startChild<ServerChildReady>('jiangxin server', new URL('./lib/server-child.ts', import.meta.url), {
        ...dbEnv,
        JX_BENCH_ADMIN_PASSWORD: PASSWORD,
      }),
      ViewerFleet.start(o.fleet, sourceAddresses(o.addresses)),
    ]);
    const j = await jiangxinSide(server, fleet, o);
    await server.stop();
    const rate = Math.max(1 / o.seconds, j.side.updates.broadcastsPerSecond);
    const b = await bareSide(fleet, o, rate, j.side.updates.size.meanBytes, j.finalRows);

    const jiangxin = {
      ...j.side,
      marks: j.marks,
      board: j.board,
      finalSeq: j.finalSeq,
      boardsDiffer: j.boardsDiffer,
      distinctFinalBoards: j.distinctFinalBoards,
      resyncs: j.resyncs,
    };
    const bare = { ...b.side, sent: b.sent, perSecond: b.perSecond, payloadBytes: b.payloadBytes };
    const ratio = (x: number, y: number) => (y > 0 ? Math.round((x / y) * 100) / 100 : null);
    const ratios = {
      latencyP50: ratio(jiangxin.latency.p50Ms, bare.latency.p50Ms),
      latencyP99: ratio(jiangxin.latency.p99Ms, bare.latency.p99Ms),
      memoryPerViewerRss: ratio(jiangxin.memory.perViewerRssBytes, bare.memory.perViewerRssBytes),
      memoryPerViewerHeap: ratio(jiangxin.memory.perViewerHeapBytes, bare.memory.perViewerHeapBytes),
    };
    const { log: _log, outDir: _outDir, pgBase: _pgBase, ...options } = o;
    const out: FanoutResult = {
      bench: 'fanout',
      at: new Date().toISOString(),
      env: benchEnv(o.db === 'postgres' ? server.ready.dbVersion : null, loadAtStart),
      cpuPressure: [pressureAtStart, cpuPressure()],
      options,
      db: { kind: o.db, version: server.ready.dbVersion, synchronousCommit: server.ready.synchronousCommit },
      jiangxin,
      bare,
      ratios,
      targets: targetsOf(o, jiangxin, bare, ratios),
      processes: { server: server.pid, bare: bare.server.pid, fleet: fleet.pids },
    };
    if (o.outDir) {
      mkdirSync(o.outDir, { recursive: true });
      out.file = `${o.outDir}/fanout-${out.at.replace(/[:.]/g, '-')}.json`;
      writeFileSync(out.file, JSON.stringify(out, null, 2));
    }
    return out;
  } finally {
    await Promise.all([server?.stop(), fleet?.stop()]);
    await fresh?.dispose();
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  }
}

export function fanoutMarkdown(r: FanoutResult): string {
  const e = r.env;
  const o = r.options;
  const j = r.jiangxin;
  const b = r.bare;
  const lat = (l: LatencySummary) => `${l.p50Ms} / ${l.p99Ms} / ${l.p999Ms} / ${l.maxMs}`;
  const mem = (m: MemoryFigures) => `${kib(m.perViewerRssBytes)} / ${kib(m.perViewerHeapBytes)}`;
  const mib = (x: number) => r2(x / 2 ** 20);
  const heap = (x: MemoryReading) => mib(x.heapUsedBytes + x.externalBytes);
  const leave = (m: MemoryFigures) =>
    `RSS ${mib(m.before.rssBytes)} → ${mib(m.connected.rssBytes)} → ${mib(m.afterRun.rssBytes)} → ${mib(m.afterLeave.rssBytes)}; ` +
    `heap+buffers ${heap(m.before)} → ${heap(m.connected)} → ${heap(m.afterRun)} → ${heap(m.afterLeave)}`;
  const lost = (d: Record<string, number>) =>
    Object.entries(d)
      .map(([why, n]) => `${n} (${why})`)
      .join(', ') || '0';
  const row = (name: string, ours: string | number, bare: string | number, ratio = '') =>
    `| ${name} | ${ours} | ${bare} | ${ratio} |`;
  const m = j.marks;
  const others = Object.entries(m.statuses).filter(([s]) => s !== '201');
  const lines = [
    `## fanout (${r.at})`,
    '',
    `- Machine: ${e.cpu}, ${e.cores} cores, ${e.memoryGiB} GiB, ${e.os}; load average ${e.load[0]} at start, ${e.load[1]} at end` +
      (r.cpuPressure[0] === null
        ? ''
        : `; CPU pressure (tasks waiting for a CPU, avg60) ${r.cpuPressure[0]}% at start, ${r.cpuPressure[1]}% at end`),
    `- Software: Node ${e.node}, ${r.db.kind === 'postgres' ? `PostgreSQL ${r.db.version} (synchronous_commit ${r.db.synchronousCommit})` : `PGlite ${e.pglite}`}, commit ${e.commit}`,
    `- Load: ${o.viewers} viewers (socket.io-client, WebSocket) in ${o.fleet} processes from ${o.addresses} source addresses; ` +
      `${o.marksPerSecond} marks/s (open loop) from ${o.judges} judges for ${o.seconds} s; ${o.contestants} contestants × ${CRITERIA.length} criteria; ` +
      'server, database, viewers and judges on this one machine',
    '',
    '| | Jiangxin (judge submit → viewer) | bare Socket.IO (broadcast → viewer) | ratio |',
    '| --- | ---: | ---: | ---: |',
    row(
      'viewers connected (connect s)',
      `${j.viewers.connected} (${j.viewers.connectSeconds})`,
      `${b.viewers.connected} (${b.viewers.connectSeconds})`,
    ),
    row(
      'broadcasts / s (updates received / viewer / s)',
      `${j.updates.broadcastsPerSecond} (${j.updates.perSecond})`,
      `${b.updates.broadcastsPerSecond} (${b.updates.perSecond})`,
    ),
    row(
      'packet bytes mean / p99',
      `${j.updates.size.meanBytes} / ${j.updates.size.p99Bytes}`,
      `${b.updates.size.meanBytes} / ${b.updates.size.p99Bytes}`,
    ),
    row(
      'latency ms p50 / p99 / p99.9 / max',
      lat(j.latency),
      lat(b.latency),
      `${r.ratios.latencyP50 ?? 'n/a'} / ${r.ratios.latencyP99 ?? 'n/a'}`,
    ),
    row(
      'deliveries recorded / expected',
      `${j.deliveries.recorded} / ${j.deliveries.expected}`,
      `${b.deliveries.recorded} / ${b.deliveries.expected}`,
    ),
    row('last viewer up to date after (s)', j.drainSeconds ?? 'never', b.drainSeconds ?? 'never'),
    row(
      'server event-loop lag ms p50 / p99 / max',
      `${j.server.lagP50Ms} / ${j.server.lagP99Ms} / ${j.server.lagMaxMs}`,
      `${b.server.lagP50Ms} / ${b.server.lagP99Ms} / ${b.server.lagMaxMs}`,
    ),
    row(
      '… while the viewers connected',
      `${j.serverWhileConnecting.lagP50Ms} / ${j.serverWhileConnecting.lagP99Ms} / ${j.serverWhileConnecting.lagMaxMs}`,
      `${b.serverWhileConnecting.lagP50Ms} / ${b.serverWhileConnecting.lagP99Ms} / ${b.serverWhileConnecting.lagMaxMs}`,
    ),
    row(
      'server CPU during run (% of one core)',
      Math.round(j.server.cpuMs / 10 / j.server.seconds),
      Math.round(b.server.cpuMs / 10 / b.server.seconds),
    ),
    row(
      'viewer fleet lag p99 / CPU %',
      `${j.fleet.lagP99Ms} / ${Math.round(j.fleet.cpuMs / 10 / j.server.seconds)}`,
      `${b.fleet.lagP99Ms} / ${Math.round(b.fleet.cpuMs / 10 / b.server.seconds)}`,
    ),
    row(
      'server memory / viewer KiB (RSS / heap+buffers)',
      mem(j.memory),
      mem(b.memory),
      `${r.ratios.memoryPerViewerRss ?? 'n/a'} / ${r.ratios.memoryPerViewerHeap ?? 'n/a'}`,
    ),
    row('server memory MiB: before → connected → after run → after leaving', leave(j.memory), leave(b.memory)),
    row(
      'connections lost (reason) / resyncs during run',
      `${lost(j.viewers.disconnects)} / ${j.resyncs}`,
      `${lost(b.viewers.disconnects)} / –`,
    ),
    '',
    `Marks: ${m.accepted} of ${m.sent} accepted (201) at ${m.submit.perSecond}/s, stored ${m.stored.rows} rows with ${m.stored.distinctClientIds} distinct clientIds; ` +
      `submit response p50 ${m.submit.p50Ms} ms, p99 ${m.submit.p99Ms} ms; schedule late by at most ${m.scheduleLateMaxMs} ms` +
      (others.length ? `; other responses: ${others.map(([s, n]) => `${s}×${n}`).join(', ')}` : '') +
      '.',
    `Board: ${j.board.refreshes} refreshes applied ${j.board.marksApplied} marks, ${j.board.msPerMark} ms per mark; refresh p50 ${j.board.refreshP50Ms} ms, p99 ${j.board.refreshP99Ms} ms; ` +
      `${j.updates.full} full boards among ${Math.round(j.updates.perViewer * j.viewers.connected)} updates received; final seq ${j.finalSeq} on ${j.distinctFinalBoards} distinct final board(s), ${j.boardsDiffer} viewers ≠ GET.`,
    '',
    '| target | met | figures |',
    '| --- | :---: | --- |',
    ...r.targets.map((t) => `| ${t.target} | ${t.applies ? (t.met ? '✓' : '✗') : 'n/a'} | ${t.figures} |`),
    '',
    "Latency (Jiangxin) = for every viewer and accepted mark, arrival of the first board update covering its seq − the time the judge's request was sent; " +
      "bare = arrival − send time of each broadcast, which has the same mean packet size and rate as Jiangxin's updates. " +
      'Memory per viewer = server process after a full GC, (viewers connected − before) ÷ viewers.',
  ];
  if (Math.max(...e.load) > e.cores)
    lines.push(`- Warning: the load average exceeded the ${e.cores} cores: figures include waiting for the CPU.`);
  for (const [name, s] of [
    ['Jiangxin', j],
    ['bare', b],
  ] as const) {
    if (s.viewers.failed)
      lines.push(`- ${name}: ${s.viewers.failed} viewers failed to connect: ${s.viewers.errors.join('; ')}`);
  }
  if (r.file) lines.push('', `JSON: ${r.file}`);
  return lines.join('\n');
}

function parseArgs(argv: string[]): FanoutOptions {
  const arg = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const scenario = arg('scenario') ?? 'venue';
  if (!(scenario in SCENARIOS)) throw new Error(`--scenario must be one of ${Object.keys(SCENARIOS).join(', ')}`);
  const preset = SCENARIOS[scenario as keyof typeof SCENARIOS];
  const num = (name: string, dflt: number) => {
    const v = Number(arg(name) ?? dflt);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
    return v;
  };
  const db = arg('db') ?? 'postgres';
  if (db !== 'postgres' && db !== 'pglite') throw new Error('--db must be postgres or pglite');
  const viewers = Math.round(num('viewers', preset.viewers));
  return {
    viewers,
    marksPerSecond: num('marks-per-second', preset.marksPerSecond),
    seconds: num('seconds', preset.seconds),
    db,
    judges: Math.round(num('judges', 10)),
    contestants: Math.round(num('contestants', 1000)),
    fleet: Math.round(num('fleet', Math.max(2, Math.ceil(viewers / 6000)))),
    addresses: Math.round(num('addresses', Math.min(32, Math.max(2, Math.ceil(viewers / 2000))))),
    connectConcurrency: Math.round(num('connect-concurrency', 50)),
    pgBase: (arg('pg') ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, ''),
    outDir: new URL('./out', import.meta.url).pathname,
    log: (line) => console.error(line),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runFanout(parseArgs(process.argv.slice(2)))
    .then((r) => {
      console.log(fanoutMarkdown(r));
      process.exit(0);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
