// The /live namespace (CONTRACT §8): `watch` answers with the current board and joins the
// contest's room for the caller's audience; `unwatch` leaves it. Every payload is validated, and
// every socket is bounded (socket-limits.ts): anyone on the venue Wi-Fi may open one.
import { watchPayload } from '../../shared/realtime-schema.ts';
import { protocolRefusal, type LiveHandshake, type WatchAck } from '../../shared/realtime.ts';
import type { AppServices } from '../services.ts';
import type { Audience, CachedContest } from '../domain/boards/boards.ts';
import { DomainError, refuse } from '../errors.ts';
import { roomOf, type Broadcaster, type DeltaFormat } from './broadcaster.ts';
import { SESSION_COOKIE } from '../http/auth.ts';
import { contests } from '../../db/schema/index.ts';
import { backlogOf, cut, sweepBacklogs } from './backlog.ts';
import { KnownContests } from './known-contests.ts';
import { LIVE_LIMITS, SocketAllowance, type LiveLimits } from './socket-limits.ts';
import { WatchAnswers } from './watch-answers.ts';
import type { LiveNamespace, LiveSocket } from './live-server.ts';

/** How often an organiser connection checks that its session still holds (expiry, revocation elsewhere). */
export const SESSION_RECHECK_MS = 60_000;

function cookieToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** A handshake refusal: Socket.IO sends `data` to the client with the error (its connect_error). */
function refusalError(refusal: DomainError): Error & { data: ReturnType<DomainError['body']>['error'] } {
  return Object.assign(new Error(refusal.message), { data: refusal.body().error });
}

const replier = (ack: unknown): ((answer: unknown) => void) =>
  typeof ack === 'function' ? (ack as (answer: unknown) => void) : () => {};

const UNKNOWN_CONTEST = refuse('not_found', 'unknown contest').body();
const NOT_STARTED = refuse('forbidden', 'this contest has not started').body();

/** Why this audience may not watch the contest; null when it may. */
function refusalOf(c: CachedContest | null | undefined, audience: Audience): WatchAck | null {
  if (!c) return UNKNOWN_CONTEST;
  return c.state === 'setup' && audience === 'public' ? NOT_STARTED : null;
}

async function leaveAll(socket: LiveSocket, contestId: string): Promise<void> {
  await socket.leave(roomOf(contestId, socket.data.audience, 'contract'));
  await socket.leave(roomOf(contestId, socket.data.audience, 'compact'));
}

/** Closes this process's connections that ride on an organiser session which has ended. */
export function closeSessionSockets(nsp: LiveNamespace, tokenHash: string): void {
  for (const socket of nsp.sockets.values()) {
    if (socket.data.session?.tokenHash === tokenHash) socket.disconnect(true);
  }
}

/**
 * Attaches /live to its namespace. `sent` (the Broadcaster) is told of every board a watch reply
 * carried, so the room's next update can be a delta from it, and says whether a contest's changes
 * have all been sent. Returns what stops its sweeps.
 */
export function attachLive(
  nsp: LiveNamespace,
  services: AppServices,
  sent: Pick<Broadcaster, 'joining' | 'watched' | 'settled'>,
  limits: LiveLimits = LIVE_LIMITS,
): () => void {
  const known = new KnownContests(async () => {
    const rows = await services.db.select({ id: contests.id }).from(contests);
    return rows.map((r) => r.id);
  });
  const answers = new WatchAnswers();
  const read = async (contestId: string) => {
    const c = await services.boards.get(contestId);
    if (!c) known.forget(contestId);
    return c;
  };
  // Events already read from a connection still arrive after its cut: it is cut (and counted) once.
  const gone = new WeakSet<LiveSocket>();
  const cutFor = (socket: LiveSocket, reason: 'flood' | 'backlog') => {
    if (gone.has(socket)) return;
    gone.add(socket);
    services.metrics.liveCuts.inc({ reason });
    cut(socket);
  };
  const stopSweep = sweepBacklogs(nsp, limits.backlogBytes, limits.sweepMs, (socket) => cutFor(socket, 'backlog'));
  const ctx: LiveCtx = { services, sent, limits, known, answers, read, cutFor };
  nsp.use(handshake(services));
  // A signed-out organiser's open boards close at once; the client reconnects as whoever it is now.
  services.auth.onSessionEnded((tokenHash) => closeSessionSockets(nsp, tokenHash));
  nsp.on('connection', (socket) => {
    services.metrics.watchers.inc();
    socket.data.watching = new Map();
    socket.data.joining = new Set();
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
    // Every event counts against the socket's allowance; past it the event is refused unread.
    const allowance = new SocketAllowance(limits);
    socket.use((event, next) => {
      if (gone.has(socket)) return;
      const verdict = allowance.take();
      if ('cut' in verdict) return cutFor(socket, 'flood');
      if (verdict.ok) return next();
      const message = `too many requests on this connection; try again in ${verdict.seconds} s`;
      replier(event.at(-1))(refuse('rate_limited:watch', message, { seconds: verdict.seconds }).body());
    });
    socket.on('watch', (payload: unknown, ack: unknown) => watch(ctx, socket, payload, ack));
    socket.on('unwatch', async (payload: unknown, ack: unknown) => {
      const reply = replier(ack);
      const parsed = watchPayload.safeParse(payload);
      if (!parsed.success) return reply(refuse('validation_failed', 'unwatch needs {"contest": id}').body());
      socket.data.watching.delete(parsed.data.contest);
      await leaveAll(socket, parsed.data.contest);
      reply({ ok: true });
    });
  });
  return stopSweep;
}

/**
 * Who a connection is: a client naming an older protocol is refused; a public screen, a signed-in
 * organiser (bearer token or the web app's HttpOnly cookie) or, with an expired cookie, the public.
 */
function handshake(services: AppServices): Parameters<LiveNamespace['use']>[0] {
  return async (socket, next) => {
    const auth = socket.handshake.auth as { [K in keyof LiveHandshake]?: unknown } | undefined;
    // A client that names an older or unknown version of the protocol runs an old copy of the app.
    const outdated = protocolRefusal(auth?.protocol);
    if (outdated) {
      return next(
        refusalError(refuse('bad_request:protocol_version', 'this page is out of date; reload it', outdated)),
      );
    }
    const given = auth?.token;
    // A public screen (the venue big screen) in a browser where an organiser signed in for the reveal
    // asks for the public board, so it never shows a frozen or blind board's hidden data.
    if (auth?.audience === 'public' && !given) {
      socket.data.audience = 'public';
      return next();
    }
    // The web app signs organisers in with an HttpOnly cookie, which the handshake carries too
    // (only from this site: the server refuses connections from other origins).
    const token = typeof given === 'string' && given ? given : cookieToken(socket.handshake.headers.cookie);
    try {
      const actor = await services.auth.resolve(token);
      socket.data.audience = actor.role === 'organiser' ? 'organiser' : 'public';
      if (actor.role === 'organiser' && token) socket.data.session = { token, tokenHash: actor.tokenHash };
      next();
    } catch (err) {
      // An expired cookie must not take a kiosk's public board down: it watches as the public.
      if (!(typeof given === 'string' && given)) {
        socket.data.audience = 'public';
        return next();
      }
      next(new Error(err instanceof DomainError ? err.message : 'unauthorized'));
    }
  };
}

/** What the connection handlers of one /live namespace share. */
interface LiveCtx {
  services: AppServices;
  sent: Pick<Broadcaster, 'joining' | 'watched' | 'settled'>;
  limits: LiveLimits;
  known: KnownContests;
  answers: WatchAnswers;
  /** A contest's board from the cache or the database (an unknown one is forgotten). */
  read: (contestId: string) => Promise<CachedContest | null | undefined>;
  cutFor: (socket: LiveSocket, reason: 'flood' | 'backlog') => void;
}

/** A `watch`: join the contest's room for this audience and format, answer with its board. */
async function watch(ctx: LiveCtx, socket: LiveSocket, payload: unknown, ack: unknown): Promise<void> {
  const reply = replier(ack);
  const parsed = watchPayload.safeParse(payload);
  if (!parsed.success) return reply(refuse('validation_failed', 'watch needs {"contest": id}').body());
  const contestId = parsed.data.contest;
  // A socket watches a contest in one format: asking again in the other moves it.
  const format: DeltaFormat = parsed.data.compact ? 'compact' : 'contract';
  const audience = socket.data.audience;
  const { watching, joining } = socket.data;
  // This audience may not watch it (any more): the socket leaves its rooms.
  const refused = (refusal: WatchAck) => {
    watching.delete(contestId);
    void leaveAll(socket, contestId);
    reply(refusal);
  };
  let answered = () => {};
  try {
    if (!(await ctx.known.has(contestId))) return refused(UNKNOWN_CONTEST);
    let c: CachedContest | null | undefined;
    const held = watching.get(contestId);
    if (held === format) {
      // In the room, so every change reaches it: the cached board is current unless a change is
      // on its way, and its answer is the one encoded for everyone at this version.
      c = ctx.sent.settled(contestId) ? ctx.services.boards.peek(contestId) : undefined;
    } else {
      // Watches in flight hold their slot too.
      if (held === undefined && !joining.has(contestId) && watching.size + joining.size >= ctx.limits.contests) {
        const message = `a connection watches at most ${ctx.limits.contests} contests; unwatch one first`;
        return reply(refuse('rate_limited:watch_contests', message, { limit: ctx.limits.contests }).body());
      }
      joining.add(contestId);
      try {
        // A public socket never joins the room of a contest it may not see; a refusal read from
        // the cache is confirmed by a fresh read (the contest may have opened meanwhile).
        let seen: CachedContest | null | undefined = ctx.services.boards.peek(contestId);
        if (!seen || refusalOf(seen, audience)) seen = await ctx.read(contestId);
        const refusal = refusalOf(seen, audience);
        if (refusal) return refused(refusal);
        // Join before reading the board, so no update after it can be missed.
        await socket.leave(roomOf(contestId, audience, format === 'compact' ? 'contract' : 'compact'));
        answered = ctx.sent.joining(contestId, audience, format);
        await socket.join(roomOf(contestId, audience, format));
        watching.set(contestId, format);
      } finally {
        joining.delete(contestId);
      }
    }
    c ??= await ctx.read(contestId);
    const refusal = refusalOf(c, audience);
    if (refusal) return refused(refusal);
    // Checked when the board is about to be queued: watches sent together all get this far.
    if (backlogOf(socket) > ctx.limits.backlogBytes) return ctx.cutFor(socket, 'backlog');
    const answer = ctx.answers.of(c!, audience);
    ctx.sent.watched(contestId, audience, format, answer.value);
    reply(answer);
  } catch {
    // The database is away: a socket in the room stays there, and its updates resume with it.
    reply(refuse('unavailable', 'the board could not be read; try again').body());
  } finally {
    answered();
  }
}
