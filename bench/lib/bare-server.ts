// The fan-out baseline: a bare Socket.IO server (no database, no board) in a process of its own.
// Viewers `watch` to join one room, as on Jiangxin's /live; on request it broadcasts `leaderboard`
// payloads of a given size at a given rate to that room, each carrying its send time (wallMs).
// The payload is made of real board rows (given by the parent), so that receiving and parsing it
// costs the viewers what a board of that size does (names in Chinese are 3 bytes a character).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { LIVE_NAMESPACE } from '../../shared/realtime.ts';
import type { BoardRow } from '../../shared/scoring/types.ts';
import { serveParent } from './child-rpc.ts';
import { guardMemory, processProbes } from './process-probes.ts';
import { wallMs } from './wall-clock.ts';

const BARE_ROOM = 'bare';

export interface BroadcastRequest {
  perSecond: number;
  seconds: number;
  /** Size of the JSON payload in bytes (the packet adds its event name and namespace). */
  bytes: number;
  /** Rows to fill the payload with, repeated as needed. */
  rows: BoardRow[];
}

export interface BarePayload {
  seq: number;
  sentAt: number;
  rows: BoardRow[];
  pad: string;
}

const http = createServer();
const io = new Server(http, { serveClient: false });
const nsp = io.of(LIVE_NAMESPACE);
const probes = processProbes();
guardMemory('bare server');

nsp.on('connection', (socket) => {
  socket.on('watch', async (_payload: unknown, ack: unknown) => {
    await socket.join(BARE_ROOM);
    if (typeof ack === 'function') ack({ ok: true });
  });
});

async function start() {
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

/** Rows (cycling through the sample) and then padding, to make the payload `bytes` long. */
function filling(bytes: number, sample: BoardRow[]): Pick<BarePayload, 'rows' | 'pad'> {
  const rows: BoardRow[] = [];
  let size = Buffer.byteLength(JSON.stringify({ seq: 0, sentAt: wallMs(), rows: [], pad: '' }));
  for (let i = 0; sample.length > 0; i++) {
    const row = sample[i % sample.length]!;
    const add = Buffer.byteLength(JSON.stringify(row)) + (rows.length ? 1 : 0);
    if (size + add > bytes) break;
    rows.push(row);
    size += add;
  }
  return { rows, pad: 'x'.repeat(Math.max(0, bytes - size)) };
}

/** Sends on an open-loop schedule (fixed times, whatever the sends cost); resolves with how many were sent. */
async function broadcast({ perSecond, seconds, bytes, rows: sample }: BroadcastRequest): Promise<{ sent: number }> {
  const { rows, pad } = filling(bytes, sample);
  const count = Math.max(1, Math.round(perSecond * seconds));
  const interval = 1000 / perSecond;
  const t0 = performance.now();
  for (let seq = 1; seq <= count; seq++) {
    const wait = t0 + (seq - 1) * interval - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const payload: BarePayload = { seq, sentAt: wallMs(), rows, pad };
    nsp.to(BARE_ROOM).emit('leaderboard', payload);
  }
  return { sent: count };
}

serveParent(start, {
  memory: () => probes.memory(),
  viewers: () => nsp.sockets.size,
  phaseStart: () => probes.phaseStart(),
  phaseRead: () => probes.phaseRead(),
  broadcast,
  close: () => new Promise<void>((resolve) => io.close(() => resolve())),
});
