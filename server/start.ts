// Starts one server instance on an open database: HTTP, API, web app and Socket.IO on one port.
import { createAdaptorServer } from '@hono/node-server';
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Server } from 'socket.io';
import type { DbHandle } from '../db/create-db.ts';
import { createApp } from './app.ts';
import type { TurnLimits } from './http/anonymous-turns.ts';
import type { DrainBounds } from './http/incoming-body.ts';
import type { ProxyTrust } from './http/proxy-trust.ts';
import { createServices, type AppServices } from './services.ts';
import { Broadcaster, localWatchers } from './realtime/broadcaster.ts';
import type { ScreenCounter } from './domain/boards/overview.ts';
import { attachLive } from './realtime/live.ts';
import { attachScreens } from './realtime/screens.ts';
import { ScreenHub, type ScreensNamespace } from './realtime/screens-server.ts';
import { SCREENS_NAMESPACE } from '../shared/screens.ts';
import type { LiveServer } from './realtime/live-server.ts';
import { sharingParser } from './realtime/shared-encoding.ts';
import type { LiveLimits } from './realtime/socket-limits.ts';
import { RealtimeCluster } from './realtime/cluster.ts';
import { Metrics } from './metrics.ts';
import { refuse } from './errors.ts';
import type { SiteOptions } from './site/addresses.ts';
import { maskIdentityNumbersIn } from '../shared/identity/identity-number.ts';
import { LIVE_NAMESPACE } from '../shared/realtime.ts';
import { installationIdentity } from './domain/certification/signing.ts';

export interface StartOptions {
  db: DbHandle;
  port: number;
  host?: string;
  /** PUBLIC_URL; unset: the address is worked out (server/site/addresses.ts). */
  publicUrl?: string;
  /** The machine's network interfaces; tests pass a fixed list instead of this machine's. */
  interfaces?: SiteOptions['interfaces'];
  /** HOST as the address resolver sees it, when not `host` (tests listen on loopback yet test a wildcard HOST). */
  siteHost?: string;
  webRoot?: string;
  boardIntervalMs?: number;
  defaultMetrics?: boolean;
  log?: (msg: string) => void;
  /** Several processes share realtime through this Redis (see realtime/cluster.ts); unset: this process alone. */
  redisUrl?: string;
  /** Names the Redis streams and channels (config.redisStream). */
  redisStream?: string;
  /** Runs before the port opens (e.g. the organiser account), so /healthz means ready. */
  prepare?: (services: AppServices) => Promise<void>;
  /** How much of a refused body is still read (http/incoming-body.ts); tests shorten it. */
  drain?: DrainBounds;
  /** What one realtime socket may ask (realtime/socket-limits.ts); tests narrow it. */
  liveLimits?: LiveLimits;
  /** TRUST_PROXY: proxies trusted to say who the client is and how it connected (http/proxy-trust.ts). */
  trustProxy?: ProxyTrust;
  /**
   * Names this deployment's sign-in counters (domain/sign-in-guard.ts), kept in Redis with `redisUrl`,
   * else in the database. Processes of one deployment share the default; tests give servers their own.
   */
  signInNamespace?: string;
  /** METRICS_TOKEN: the bearer token a Prometheus scraper reads /metrics with. */
  metricsToken?: string;
  /** How many anonymous reads run and wait at once (http/anonymous-turns.ts); tests narrow it. */
  anonymousTurns?: TurnLimits;
}

export interface RunningServer {
  url: string;
  port: number;
  services: AppServices;
  io: LiveServer;
  /** How realtime updates reach watchers: this process alone, or through Redis. */
  realtime: string;
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  // No log line carries an identity number whole (CONTRACT v1.1 §4), whatever wrote it.
  const write = opts.log ?? ((m: string) => console.log(m));
  const log = (m: string) => write(maskIdentityNumbersIn(m));
  let port = opts.port;
  const stream = opts.redisStream ?? 'jiangxin';
  const cluster = opts.redisUrl ? await RealtimeCluster.connect({ url: opts.redisUrl, stream, log }) : null;
  const namespace = opts.signInNamespace ?? stream;
  // One order, nothing wired back afterwards: Socket.IO and /live first (the HTTP server attaches
  // below), then the services (which count screens through /live), the broadcaster that follows
  // committed changes, the cluster, the /live handlers, the app and the HTTP server.
  const io: LiveServer = new Server({
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Watch answers (whole boards) are encoded once and shared by every socket that asks.
    parser: sharingParser,
    allowRequest: (req, cb) => cb(null, sameOriginOrNone(req)),
    ...(cluster ? { adapter: cluster.adapter } : {}),
  });
  const nsp = io.of(LIVE_NAMESPACE);
  // The venue's big screens run from the console, and announcements (realtime/screens.ts). One
  // Server types its namespaces alike (by /live's maps): /screens is given its own (screens-server.ts).
  const screensNsp = io.of(SCREENS_NAMESPACE) as unknown as ScreensNamespace;
  const screens: ScreenCounter = cluster
    ? (ids) => cluster.screens(ids)
    : async (ids) => new Map(ids.map((id) => [id, localWatchers(nsp, id, 'public')]));
  const services = createServices(
    opts.db,
    { boardIntervalMs: opts.boardIntervalMs ?? 20 },
    { envUrl: opts.publicUrl, port: () => port, bindHost: opts.siteHost ?? opts.host, interfaces: opts.interfaces },
    screens,
    new ScreenHub(screensNsp),
    new Metrics(opts.defaultMetrics ?? false),
    cluster ? { redis: cluster.redis, prefix: namespace } : { db: opts.db.db, prefix: namespace },
  );
  const broadcaster = new Broadcaster(nsp, services.boards, opts.boardIntervalMs ?? 20, services.metrics, (err) =>
    log(`[realtime] ${(err as Error)?.message ?? String(err)}`),
  );
  services.committed.on(({ contestId }) => broadcaster.contestChanged(contestId));
  await cluster?.join(nsp, services, broadcaster);
  const stopLive = attachLive(nsp, services, broadcaster, opts.liveLimits);
  attachScreens(screensNsp, services);
  const app = createApp(services, {
    webRoot: opts.webRoot,
    drain: opts.drain,
    trustProxy: opts.trustProxy,
    metricsToken: opts.metricsToken,
    anonymousTurns: opts.anonymousTurns,
    log: (err) => log(`[error] ${(err as Error)?.stack ?? String(err)}`),
  });
  const http = createAdaptorServer({ fetch: app.fetch }) as HttpServer;
  // Tablets and load balancers keep connections open between requests; closing idle ones after
  // Node's default 5 s races with clients reusing them (ECONNRESET on a request that was never read).
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  // Requests Node's HTTP parser refuses (an address or headers too long, malformed HTTP) never
  // reach the app: they are answered in the one error shape too, not with a bare status line.
  http.on('clientError', replyClientError);
  io.attach(http);
  await opts.prepare?.(services);
  // The installation's signing key exists from the first start on (server/domain/signing.ts).
  await installationIdentity(services.db);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  port = (http.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    services,
    io,
    realtime: cluster ? cluster.description : 'this process only (no REDIS_URL)',
    async close() {
      broadcaster.close();
      stopLive();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections?.();
      await cluster?.close();
    },
  };
}

function replyClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge
    ? '431 Request Header Fields Too Large'
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? '408 Request Timeout'
      : '400 Bad Request';
  const refusal = tooLarge
    ? refuse('payload_too_large', 'the request address or headers are too long')
    : refuse('bad_request', 'the request is not valid HTTP');
  const body = JSON.stringify(refusal.body());
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Browsers send Origin; only pages of this site may open a realtime connection. Non-browser clients send none. */
function sameOriginOrNone(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
