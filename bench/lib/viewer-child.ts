// One process of the viewer fleet (driven by viewer-fleet.ts over IPC): socket.io-client
// connections to /live over WebSocket, each from one of several 127.0.0.x source addresses.
//   jiangxin mode: each viewer follows a contest with the product's board follower
//     (shared/live/board-follower.ts, as the web app does), and notes when (wall clock) its
//     board moved forward to which seq; the judge-submit → viewer latency is computed from that
//     once the parent sends the marks' seqs and send times.
//   bare mode: each viewer joins the bare server's room; latency = arrival − the payload's sentAt.
import { io, type Socket } from 'socket.io-client';
import type { Leaderboard } from '../../shared/api.ts';
import { PROTOCOL_VERSION, type BoardUpdate } from '../../shared/realtime.ts';
import { BoardFollower } from '../../shared/live/board-follower.ts';
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
  /** jiangxin mode: what follows the board. */
  follower: BoardFollower | null;
  /** Pairs (seq, wall ms): when this viewer's board moved forward to seq. */
  advances: number[];
  received: number;
  updates: number;
  fullUpdates: number;
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

/** Every viewer's follower applies updates here, so viewers at the same board share the result. */
function apply(board: Leaderboard | null, u: BoardUpdate): Leaderboard | 'resync' {
  if (u.kind === 'full') return board && u.seq < board.seq ? board : boards.adopt(u);
  return board ? boards.apply(board, u) : 'resync';
}

/** Follows the contest (watching on every connection); resolves once the first board arrived. */
function follow(
  v: Viewer,
  so: Socket,
  contest: string,
  timeoutMs: number,
  failed: (why: string) => void,
): Promise<void> {
  // Viewers are phones and screens running the web app, which asks for compact deltas;
  // JX_BENCH_CONTRACT_DELTAS=1 makes them watch as a CONTRACT §8 client instead.
  const compact = process.env.JX_BENCH_CONTRACT_DELTAS !== '1';
  const follower = new BoardFollower(so, contest, { compact, ackTimeoutMs: timeoutMs, apply });
  v.follower = follower;
  return new Promise<void>((resolve) => {
    follower.subscribe((e) => {
      if (e.type === 'update') {
        const u = e.update;
        v.updates++;
        broadcastSeqs.add(u.seq);
        if (u.full) v.fullUpdates++;
        const bytes = packetBytes(u);
        if (bytes) sizes.recordValue(bytes);
      } else if (e.type === 'board') {
        if (!e.previous || e.board.seq > e.previous.seq) v.advances.push(e.board.seq, wallMs());
      } else if (e.type === 'answered') resolve();
      else if (e.type === 'refused') failed(`watch: ${e.error.message}`);
    });
    follower.start();
  });
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
    ...(r.mode === 'jiangxin' ? { auth: { protocol: PROTOCOL_VERSION } } : {}),
  } as Parameters<typeof io>[1]);
  const v: Viewer = { so, follower: null, advances: [], received: 0, updates: 0, fullUpdates: 0 };
  so.on('disconnect', (reason) => void (closing || (disconnects[reason] = (disconnects[reason] ?? 0) + 1)));
  let lastError = 'no connection';
  so.on('connect_error', (err) => void (lastError = err.message));
  const watching =
    r.mode === 'jiangxin'
      ? follow(v, so, r.contest, r.timeoutMs, (message) => (lastError = message))
      : new Promise<void>((resolve) => {
          so.on('leaderboard', (p: BarePayload) => onBare(v, p));
          const watch = () => so.timeout(r.timeoutMs).emitWithAck('watch', { contest: r.contest });
          so.on(
            'connect',
            () =>
              void watch().then(
                () => resolve(),
                () => {},
              ),
          );
        });
  return new Promise<Viewer>((resolve, reject) => {
    const timer = setTimeout(() => {
      so.close();
      reject(new Error(`not watching after ${r.timeoutMs} ms: ${lastError}`));
    }, r.timeoutMs);
    void watching.then(() => {
      clearTimeout(timer);
      resolve(v);
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
    minSeq = Math.min(minSeq, v.follower?.board?.seq ?? -1);
    minReceived = Math.min(minReceived, v.received);
  }
  return {
    viewers: viewers.length,
    minSeq: viewers.length ? minSeq : 0,
    minReceived: viewers.length ? minReceived : 0,
  };
}

function report(args: {
  sent?: [seq: number, sentAt: number][];
  expected?: { seq: number; rowsJson: string };
  bareSent?: number;
}): ViewerReport {
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
      const board = v.follower?.board ?? null;
      let same = verdicts.get(board);
      if (same === undefined) {
        const want = args.expected;
        same = !!board && !!want && board.seq === want.seq && JSON.stringify(board.rows) === want.rowsJson;
        verdicts.set(board, same);
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
    resyncs: viewers.reduce((n, v) => n + (v.follower?.resyncs ?? 0), 0),
    updates: viewers.reduce((n, v) => n + v.updates, 0),
    fullUpdates: viewers.reduce((n, v) => n + v.fullUpdates, 0),
    broadcastSeqs: [...broadcastSeqs],
    sizes: encodeHistogram(sizes),
    latency: encodeHistogram(latency),
    missed,
    boardsDiffer,
    distinctBoards,
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
