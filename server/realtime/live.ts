// The /live namespace (CONTRACT §8): `watch` answers with the current board and joins the
// contest's room for the caller's audience; `unwatch` leaves it. Every payload is validated.
import type { Server, Socket } from 'socket.io';
import { watchPayload } from '../../shared/realtime-schema.ts';
import { LIVE_NAMESPACE, type LiveClientToServer, type LiveServerToClient } from '../../shared/realtime.ts';
import type { AppServices } from '../services.ts';
import { boardFor, type Audience } from '../domain/boards.ts';
import { DomainError } from '../errors.ts';
import { roomOf } from './broadcaster.ts';

interface SocketData {
  audience: Audience;
}

type LiveSocket = Socket<LiveClientToServer, LiveServerToClient, Record<string, never>, SocketData>;

const errorOf = (code: string, message: string) => ({ error: { code, message } });

export function attachLive(io: Server, services: AppServices) {
  const nsp = io.of(LIVE_NAMESPACE);
  nsp.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    try {
      const actor = await services.auth.resolve(typeof token === 'string' && token ? token : undefined);
      (socket.data as SocketData).audience = actor.role === 'organiser' ? 'organiser' : 'public';
      next();
    } catch (err) {
      next(new Error(err instanceof DomainError ? err.message : 'unauthorized'));
    }
  });
  nsp.on('connection', (raw) => {
    const socket = raw as unknown as LiveSocket;
    services.metrics.watchers.inc();
    socket.on('disconnect', () => services.metrics.watchers.dec());
    socket.on('watch', async (payload: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {};
      const parsed = watchPayload.safeParse(payload);
      if (!parsed.success) return reply(errorOf('validation_failed', 'watch needs {"contest": id}'));
      const contestId = parsed.data.contest;
      const audience = socket.data.audience;
      try {
        const c = await services.boards.get(contestId);
        if (!c) return reply(errorOf('not_found', 'unknown contest'));
        if (c.state === 'setup' && audience === 'public') return reply(errorOf('forbidden', 'this contest has not started'));
        // Join before reading the board, so no update after it can be missed.
        await socket.join(roomOf(contestId, audience));
        const fresh = (await services.boards.get(contestId)) ?? c;
        reply(boardFor(fresh, audience));
      } catch {
        reply(errorOf('unavailable', 'the board could not be read; try again'));
      }
    });
    socket.on('unwatch', async (payload: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {};
      const parsed = watchPayload.safeParse(payload);
      if (!parsed.success) return reply(errorOf('validation_failed', 'unwatch needs {"contest": id}'));
      await socket.leave(roomOf(parsed.data.contest, socket.data.audience));
      reply({ ok: true });
    });
  });
  return nsp;
}
