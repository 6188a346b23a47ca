// One process of the viewer fleet (driven by viewer-fleet.ts over IPC): socket.io-client
// connections to /live over WebSocket, each from one of several 127.0.0.x source addresses.
//   jiangxin mode: each viewer watches a contest, applies every `leaderboard` update with
//     applyBoardUpdate and watches again on a gap (CONTRACT §8), and notes when (wall clock) its
//     board moved forward to which seq; the judge-submit → viewer latency is computed from that
//     once the parent sends the marks' seqs and send times.
//   bare mode: each viewer joins the bare server's room; latency = arrival − the payload's sentAt.
import { io, type Socket } from 'socket.io-client';
import type { Leaderboard } from '../../shared/api.ts';
import type { BoardUpdate } from '../../shared/realtime.ts';
import { serveParent } from './child-rpc.ts';
import { encodeHistogram, newHistogram, recordMs } from './hdr.ts';
import { processProbes } from './process-probes.ts';
import { SharedBoards } from './shared-boards.ts';
import { packetBytes, sharedParser, SharedTextWebSocket } from './shared-packets.ts';
import type { BarePayload } from './bare-server.ts';
import { wallMs } from './wall-clock.ts';

export type FleetMode = 'jiangxin' | 'bare';

export interface ConnectRequest {
  url: string;
  mode: FleetMode;
  contest: string;
  count: number;
  /** Index of this process's first viewer in the whole fleet (spreads source addresses evenly). */
  firstIndex: number;
  addresses: string[];
  concurrency: number;
  timeoutMs: number;
}

export interface ConnectResult {
  connected: number;
  failed: number;
  errors: string[];
}

export interface ViewerReport {
  viewers: number;
  connectedNow: number;
  /** Connections lost while watching, by Socket.IO's reason ('ping timeout', 'transport close', …). */
  disconnects: Record<string, number>;
  resyncs: number;
  updates: number;
  fullUpdates: number;
  /** The seq of every distinct update any viewer here received: one per broadcast. */
  broadcastSeqs: number[];
  /** Histogram (bytes) of every update packet every viewer received. */
  sizes: string;
  /** Histogram (µs): jiangxin, per viewer and accepted mark, first board covering it − its send; bare, per message. */
  latency: string;
  /** jiangxin: (viewer, accepted mark) pairs no board covered; bare: messages sent but not received. */
  missed: number;
  /** jiangxin: viewers whose final board differs from the expected one, and the distinct boards compared. */
  boardsDiffer: number;
  distinctBoards: number;
  minReceived: number;
}

interface Viewer {
  so: Socket;
  board: Leaderboard | null;
  /** Pairs (seq, wall ms): when this viewer's board moved forward to seq. */
  advances: number[];
  rewatching: boolean;
  received: number;
  updates: number;
  fullUpdates: number;
  resyncs: number;
}

let viewers: Viewer[] = [];
let mode: FleetMode = 'jiangxin';
let closing = false;
let disconnects: Record<string, number> = {};
let broadcastSeqs = new Set<number>();
let sizes = newHistogram();
let bareLatency = newHistogram();
const boards = new SharedBoards();
const probes = processProbes();

async function watch(v: Viewer, contest: string, timeoutMs: number): Promise<void> {
  // Viewers are phones and screens running the web app, which asks for compact deltas;
  // JX_BENCH_CONTRACT_DELTAS=1 makes them watch as a CONTRACT §8 client instead.
  const ack = (await v.so.timeout(timeoutMs).emitWithAck('watch', { contest, compact: process.env.JX_BENCH_CONTRACT_DELTAS !== '1' })) as Leaderboard | { error: { message: string } } | { ok: true };
  if ('error' in ack) throw new Error(`watch: ${ack.error.message}`);
  if (mode === 'bare' || !('rows' in ack)) return;
  const t = wallMs();
  if (v.board && ack.seq < v.board.seq) return;
  if (!v.board || ack.seq > v.board.seq) v.advances.push(ack.seq, t);
  v.board = boards.adopt(ack);
}

function onUpdate(v: Viewer, contest: string, timeoutMs: number, u: BoardUpdate): void {
  const t = wallMs();
  v.updates++;
  broadcastSeqs.add(u.seq);
  if (u.full) v.fullUpdates++;
  const bytes = packetBytes(u);
  if (bytes) sizes.recordValue(bytes);
  if (!v.board) return; // the watch reply, with a board at least this new, is on its way
  const next = boards.apply(v.board, u);
  if (next === 'resync') {
    v.resyncs++;
    if (!v.rewatching) {
      v.rewatching = true;
      watch(v, contest, timeoutMs).catch(() => {}).finally(() => (v.rewatching = false));
    }
    return;
  }
  if (next.seq > v.board.seq) v.advances.push(next.seq, t);
  v.board = next;
}

function onBare(v: Viewer, p: BarePayload): void {
  const t = wallMs();
  v.received++;
  v.updates++;
  broadcastSeqs.add(p.seq);
  recordMs(bareLatency, t - p.sentAt);
  const bytes = packetBytes(p);
  if (bytes) sizes.recordValue(bytes);
}

function connectOne(r: ConnectRequest, index: number): Promise<Viewer> {
  const so = io(`${r.url}/live`, {
    transports: [SharedTextWebSocket],
    forceNew: true,
    parser: sharedParser,
    // engine.io-client passes this on to ws (and ws to http.request): the connection's source address.
    localAddress: r.addresses[index % r.addresses.length],
    reconnectionDelayMax: 2000,
  } as Parameters<typeof io>[1]);
  const v: Viewer = { so, board: null, advances: [], rewatching: false, received: 0, updates: 0, fullUpdates: 0, resyncs: 0 };
  if (r.mode === 'jiangxin') so.on('leaderboard', (u: BoardUpdate) => onUpdate(v, r.contest, r.timeoutMs, u));
  else so.on('leaderboard', (p: BarePayload) => onBare(v, p));
  so.on('disconnect', (reason) => void (closing || (disconnects[reason] = (disconnects[reason] ?? 0) + 1)));
  return new Promise<Viewer>((resolve, reject) => {
    let lastError = 'no connection';
    const timer = setTimeout(() => {
      so.close();
      reject(new Error(`not watching after ${r.timeoutMs} ms: ${lastError}`));
    }, r.timeoutMs);
    so.on('connect_error', (err) => void (lastError = err.message));
    // Every (re)connection watches again: Socket.IO keeps nothing for a disconnected client.
    so.on('connect', () => {
      watch(v, r.contest, r.timeoutMs).then(
        () => {
          clearTimeout(timer);
          resolve(v);
        },
        (err: Error) => void (lastError = err.message),
      );
    });
  });
}

async function connect(r: ConnectRequest): Promise<ConnectResult> {
  mode = r.mode;
  closing = false;
  const errors: string[] = [];
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: Math.min(r.concurrency, r.count) }, async () => {
      while (next < r.count) {
        const i = next++;
        try {
          viewers.push(await connectOne(r, r.firstIndex + i));
        } catch (err) {
          failed++;
          if (errors.length < 5) errors.push((err as Error).message);
        }
      }
    }),
  );
  return { connected: viewers.length, failed, errors };
}

/** How far the slowest viewer is: its board's seq (jiangxin) or the messages it received (bare). */
function progress() {
  let minSeq = Infinity;
  let minReceived = Infinity;
  for (const v of viewers) {
    minSeq = Math.min(minSeq, v.board?.seq ?? -1);
    minReceived = Math.min(minReceived, v.received);
  }
  return { viewers: viewers.length, minSeq: viewers.length ? minSeq : 0, minReceived: viewers.length ? minReceived : 0 };
}

function report(args: { sent?: [seq: number, sentAt: number][]; expected?: { seq: number; rowsJson: string }; bareSent?: number }): ViewerReport {
  let latency = bareLatency;
  let missed = 0;
  let boardsDiffer = 0;
  let distinctBoards = 0;
  if (mode === 'jiangxin') {
    latency = newHistogram();
    const marks = [...(args.sent ?? [])].sort((a, b) => a[0] - b[0]);
    for (const v of viewers) {
      let m = 0;
      for (let i = 0; i < v.advances.length && m < marks.length; i += 2) {
        const [seq, at] = [v.advances[i]!, v.advances[i + 1]!];
        for (; m < marks.length && marks[m]![0] <= seq; m++) recordMs(latency, at - marks[m]![1]);
      }
      missed += marks.length - m;
    }
    const verdicts = new Map<Leaderboard | null, boolean>();
    for (const v of viewers) {
      let same = verdicts.get(v.board);
      if (same === undefined) {
        same = !!v.board && !!args.expected && v.board.seq === args.expected.seq && JSON.stringify(v.board.rows) === args.expected.rowsJson;
        verdicts.set(v.board, same);
      }
      if (!same) boardsDiffer++;
    }
    distinctBoards = verdicts.size;
  } else {
    for (const v of viewers) missed += Math.max(0, (args.bareSent ?? 0) - v.received);
  }
  return {
    viewers: viewers.length,
    connectedNow: viewers.filter((v) => v.so.connected).length,
    disconnects,
    resyncs: viewers.reduce((n, v) => n + v.resyncs, 0),
    updates: viewers.reduce((n, v) => n + v.updates, 0),
    fullUpdates: viewers.reduce((n, v) => n + v.fullUpdates, 0),
    broadcastSeqs: [...broadcastSeqs],
    sizes: encodeHistogram(sizes),
    latency: encodeHistogram(latency),
    missed, boardsDiffer, distinctBoards,
    minReceived: progress().minReceived,
  };
}

/** Closes every viewer's connection and forgets them (and what they measured). */
async function disconnect(): Promise<{ closed: number }> {
  closing = true;
  const closed = viewers.length;
  for (const v of viewers) v.so.close();
  viewers = [];
  sizes = newHistogram();
  bareLatency = newHistogram();
  disconnects = {};
  broadcastSeqs = new Set();
  return { closed };
}

serveParent(async () => ({ pid: process.pid }), {
  connect,
  progress,
  report,
  disconnect,
  phaseStart: () => probes.phaseStart(),
  phaseRead: () => probes.phaseRead(),
  close: disconnect,
});
