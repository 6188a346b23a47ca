// Clients that abuse /live as an anonymous phone on the venue Wi-Fi could: sockets that stop reading
// and keep asking for boards, and a judge whose marks must still go through meanwhile.
import { readFileSync } from 'node:fs';
import type { Socket as NetSocket } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { api, uuid } from './harness.ts';
import { LIVE_NAMESPACE } from '../../shared/realtime.ts';

const noop = () => {};

/** The TCP connection under a socket.io-client socket that runs over WebSocket. */
function rawOf(socket: Socket): NetSocket {
  return (socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;
}

/** Connects to /live over WebSocket, then stops reading: whatever the server sends stays queued for it. */
export async function deafSocket(base: string): Promise<{ socket: Socket; raw: NetSocket }> {
  const socket = io(`${base}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const raw = rawOf(socket);
  raw.pause();
  // A write to a connection the server cut fails: that is how a deaf client learns of it.
  raw.on('error', noop);
  return { socket, raw };
}

/**
 * Sends `count` watches of `contest` and never reads an answer, `batch` at a time as fast as the
 * connection takes them; when the server cuts the connection, connects again and goes on.
 */
export async function floodWatches(base: string, contest: string, count: number, stopped = () => false, batch = 50) {
  let sent = 0;
  let connections = 0;
  while (sent < count && !stopped()) {
    const { socket, raw } = await deafSocket(base);
    connections++;
    const closed = new Promise<void>((r) => raw.once('close', () => r()));
    while (sent < count && !raw.destroyed && !stopped()) {
      for (let i = 0; i < batch && sent < count; i++, sent++) socket.emit('watch', { contest }, noop);
      const taken = raw.writableNeedDrain
        ? new Promise<void>((r) => raw.once('drain', () => r()))
        : new Promise<void>((r) => setImmediate(r));
      await Promise.race([closed, taken]);
    }
    socket.disconnect();
    raw.destroy();
  }
  return { sent, connections };
}

/** The resident memory of a process (Linux). */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) * 1024;
}

/** The highest resident memory of a process, sampled until stopped; `at` is when it last rose. */
export function peakOf(pid: number, everyMs = 50) {
  const peak = { bytes: rssOf(pid), at: Date.now(), stop: noop };
  const timer = setInterval(() => {
    const now = rssOf(pid);
    if (now > peak.bytes) Object.assign(peak, { bytes: now, at: Date.now() });
  }, everyMs);
  peak.stop = () => clearInterval(timer);
  return peak;
}

/** A judge's single marks, one after the other, each timed (ms). */
export function judgeMarks(base: string, token: string, contest: string, bibs: string[], criterion: string) {
  const judge = api(base, token);
  let k = 0;
  return async (): Promise<number> => {
    const started = performance.now();
    const bib = bibs[k++ % bibs.length]!;
    const res = await judge.post(`/contests/${contest}/marks`, {
      contestant: bib,
      criterion,
      value: 40 + (k % 60),
      clientId: uuid(),
    });
    if (res.status !== 201) throw new Error(`mark refused: ${res.status} ${JSON.stringify(res.body)}`);
    return performance.now() - started;
  };
}

export function summary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const max = Math.round(sorted.at(-1) ?? NaN);
  return { count: ms.length, p50: Math.round(at(0.5)), p95: Math.round(at(0.95)), max };
}
