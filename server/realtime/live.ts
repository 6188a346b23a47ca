// The /live namespace (CONTRACT §8): `watch` answers with the current board and joins the
// contest's room for the caller's audience; `unwatch` leaves it. Every payload is validated.
import type { Namespace, Server, Socket } from 'socket.io';
import { watchPayload } from '../../shared/realtime-schema.ts';
import { LIVE_NAMESPACE, type LiveClientToServer, type LiveServerToClient } from '../../shared/realtime.ts';
import type { AppServices } from '../services.ts';
import { boardFor, type Audience } from '../domain/boards.ts';
import { DomainError } from '../errors.ts';
import { roomOf, type DeltaFormat } from './broadcaster.ts';
import type { Leaderboard } from '../../shared/api.ts';
import { SESSION_COOKIE } from '../http/auth.ts';

interface SocketData {
  audience: Audience;
  /** The organiser session an organiser connection rides on: it ends with that session. */
  session?: { token: string; tokenHash: string };
}

/** How often an organiser connection checks that its session still holds (expiry, revocation elsewhere). */
export const SESSION_RECHECK_MS = 60_000;

type LiveSocket = Socket<LiveClientToServer, LiveServerToClient, Record<string, never>, SocketData>;

function cookieToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

const errorOf = (code: string, message: string) => ({ error: { code, message } });

/** Closes this process's connections that ride on an organiser session which has ended. */
export function closeSessionSockets(nsp: Namespace, tokenHash: string): void {
  for (const socket of nsp.sockets.values()) {
    if ((socket.data as SocketData).session?.tokenHash === tokenHash) socket.disconnect(true);
  }
}

/** Told of every board a watch reply carried, so the room's next update can be a delta from it. */
export interface LiveHooks {
  watched?: (contestId: string, audience: Audience, format: DeltaFormat, board: Leaderboard) => void;
}

export function attachLive(io: Server, services: AppServices, hooks: LiveHooks = {}) {
  const nsp = io.of(LIVE_NAMESPACE);
  nsp.use(async (socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown; audience?: unknown } | undefined;
    const given = auth?.token;
    // A public screen (the venue big screen) in a browser where an organiser signed in for the reveal
    // asks for the public board, so it never shows a frozen or blind board's hidden data.
    if (auth?.audience === 'public' && !given) {
      (socket.data as SocketData).audience = 'public';
      return next();
    }
    // The web app signs organisers in with an HttpOnly cookie, which the handshake carries too
    // (only from this site: the server refuses connections from other origins).
    const token = typeof given === 'string' && given ? given : cookieToken(socket.handshake.headers.cookie);
    try {
      const actor = await services.auth.resolve(token);
      (socket.data as SocketData).audience = actor.role === 'organiser' ? 'organiser' : 'public';
      if (actor.role === 'organiser' && token) (socket.data as SocketData).session = { token, tokenHash: actor.tokenHash };
      next();
    } catch (err) {
      // An expired cookie must not take a kiosk's public board down: it watches as the public.
      if (!(typeof given === 'string' && given)) {
        (socket.data as SocketData).audience = 'public';
        return next();
      }
      next(new Error(err instanceof DomainError ? err.message : 'unauthorized'));
    }
  });
  // A signed-out organiser's open boards close at once; the client reconnects as whoever it is now.
  services.auth.onSessionEnded((tokenHash) => closeSessionSockets(nsp, tokenHash));
  nsp.on('connection', (raw) => {
    const socket = raw as unknown as LiveSocket;
    services.metrics.watchers.inc();
    const session = socket.data.session;
    const recheck = session
      ? setInterval(() => {
          // Only a session that has ended closes it; a database outage must not.
          services.auth.resolve(session.token).catch((err: unknown) => {
            if (err instanceof DomainError && err.code === 'unauthorized') socket.disconnect(true);
          });
        }, SESSION_RECHECK_MS)
      : undefined;
    recheck?.unref();
    socket.on('disconnect', () => {
      clearInterval(recheck);
      services.metrics.watchers.dec();
    });
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
        // A socket watches a contest in one format: asking again in the other moves it.
        const format = parsed.data.compact ? 'compact' : 'contract';
        await socket.leave(roomOf(contestId, audience, format === 'compact' ? 'contract' : 'compact'));
        await socket.join(roomOf(contestId, audience, format));
        const fresh = (await services.boards.get(contestId)) ?? c;
        const board = boardFor(fresh, audience);
        hooks.watched?.(contestId, audience, format, board);
        reply(board);
      } catch {
        reply(errorOf('unavailable', 'the board could not be read; try again'));
      }
    });
    socket.on('unwatch', async (payload: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {};
      const parsed = watchPayload.safeParse(payload);
      if (!parsed.success) return reply(errorOf('validation_failed', 'unwatch needs {"contest": id}'));
      await socket.leave(roomOf(parsed.data.contest, socket.data.audience, 'contract'));
      await socket.leave(roomOf(parsed.data.contest, socket.data.audience, 'compact'));
      reply({ ok: true });
    });
  });
  return nsp;
}
