// What waits to be sent to a realtime connection whose client does not read, and how to let it go.
// Engine.IO queues packets without bound while its transport is busy, and a WebSocket keeps what
// the operating system has not taken; neither pushes back on the sender.
import type { LiveNamespace, LiveSocket as Socket } from './live-server.ts';

interface EngineInternals {
  writeBuffer?: { data?: unknown }[];
  transport?: { socket?: { bufferedAmount?: unknown; terminate?: () => void } };
}

const engineOf = (socket: Socket) => socket.conn as unknown as EngineInternals;

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** Bytes queued for the socket's connection that its client has not taken yet. */
export function backlogOf(socket: Socket): number {
  const engine = engineOf(socket);
  let bytes = 0;
  for (const packet of engine.writeBuffer ?? []) bytes += sizeOf(packet.data);
  const ws = engine.transport?.socket;
  if (typeof ws?.bufferedAmount === 'number') bytes += ws.bufferedAmount;
  return bytes;
}

/**
 * Drops the socket's connection at once, and what is queued for it: a WebSocket close would first
 * wait for the client to read the close frame (30 s when it does not), a plain disconnect for the
 * queue to drain.
 */
export function cut(socket: Socket): void {
  const ws = engineOf(socket).transport?.socket;
  if (typeof ws?.terminate === 'function') ws.terminate();
  else socket.conn.close(true);
}

/** Every `everyMs`, hands `over` this process's sockets of `nsp` whose backlog passed `maxBytes`; returns a stop. */
export function sweepBacklogs(nsp: LiveNamespace, maxBytes: number, everyMs: number, over: (s: Socket) => void) {
  const timer = setInterval(() => {
    for (const socket of nsp.sockets.values()) if (backlogOf(socket) > maxBytes) over(socket);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
