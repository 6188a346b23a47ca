// The HTTP application: API under /api/v1, operations endpoints, and the built web app.
import { Hono, type Context } from 'hono';
import { routePath } from 'hono/route';
import { refuse } from './errors.ts';
import { resolveActor } from './http/auth.ts';
import { anonymousTurns, type TurnLimits } from './http/anonymous-turns.ts';
import { requireDatabase } from './http/db-gate.ts';
import { errorResponse } from './http/errors.ts';
import { isUnstorable } from './storable-text.ts';
import { limitBody } from './http/body-limit.ts';
import { inlineScriptHashes, securityHeaders } from './http/security-headers.ts';
import type { DrainBounds } from './http/incoming-body.ts';
import type { ProxyTrust } from './http/proxy-trust.ts';
import type { AppEnv } from './http/types.ts';
import { authRoutes } from './routes/auth.ts';
import { eventRoutes } from './routes/events.ts';
import { rosterRoutes } from './routes/roster.ts';
import { contestRoutes } from './routes/contests.ts';
import { opsRoutes } from './routes/ops.ts';
import { chiefRoutes, judgeRoutes } from './routes/judge.ts';
import { readIndex, webRoutes } from './routes/web.ts';
import { exportRoutes } from './routes/exports.ts';
import { adminRoutes } from './routes/admin.ts';
import { resultRoutes } from './routes/results.ts';
import { appealRoutes } from './routes/appeals.ts';
import { backupRoutes } from './routes/backups.ts';
import { siteRoutes } from './routes/site.ts';
import { installationRoutes } from './routes/installation.ts';
import { screenRoutes } from './routes/screens.ts';
import type { AppServices } from './services.ts';

export const MAX_BODY = 1024 * 1024;
export const MAX_EVENT_FILE = 16 * 1024 * 1024;

const tooLarge = (limit: number) => () => {
  const limitKb = Math.round(limit / 1024);
  throw refuse('payload_too_large', `the request body is larger than ${limitKb} KB`, { limitKb });
};

export interface AppOptions {
  webRoot?: string;
  log?: (err: unknown) => void;
  /** How much of a refused body is still read; tests shorten it. */
  drain?: DrainBounds;
  /** TRUST_PROXY: proxies in front trusted to say who the client is and how it connected (http/proxy-trust.ts). */
  trustProxy?: ProxyTrust;
  /** METRICS_TOKEN: a scraper's bearer token for /metrics (organisers may always read it). */
  metricsToken?: string;
  /** How many anonymous reads run and wait at once (default ANONYMOUS_TURNS). */
  anonymousTurns?: TurnLimits;
}

export function createApp(services: AppServices, opts: AppOptions = {}) {
  const log = opts.log ?? ((err: unknown) => console.error('[jiangxin] unexpected error', err));
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('services', services);
    c.set('proxyTrust', opts.trustProxy);
    const started = performance.now();
    await next();
    const route = routePath(c);
    services.metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    services.metrics.httpDuration.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
  });
  const index = opts.webRoot ? readIndex(opts.webRoot) : null;
  app.use(...securityHeaders({ scriptHashes: index ? inlineScriptHashes(index) : [], trustProxy: opts.trustProxy }));
  const eventSized = limitBody(MAX_EVENT_FILE, tooLarge(MAX_EVENT_FILE), opts.drain);
  const requestSized = limitBody(MAX_BODY, tooLarge(MAX_BODY), opts.drain);
  app.use('/api/*', async (c, next) => (carriesFile(c.req.method, c.req.path) ? eventSized : requestSized)(c, next));
  // An id with a NUL (%00) or an unpaired surrogate names nothing, and must not reach the database.
  app.use('/api/*', async (c, next) => {
    if (isUnstorable(c.req.path) || /%00/.test(c.req.url.split('?')[0]!)) throw refuse('not_found', 'no such address');
    return next();
  });
  app.use('/api/*', requireDatabase);
  app.use('/api/*', resolveActor);
  app.use('/api/*', anonymousTurns(opts.anonymousTurns));
  // Who is online on the overview: every request a judge's tablet makes counts.
  app.use('/api/v1/*', async (c, next) => {
    const actor = c.get('actor');
    if (actor.role === 'judge') services.presence.touch(actor.judgeId);
    await next();
  });
  app.route('/api/v1', adminRoutes);
  app.route('/api/v1/auth', authRoutes);
  app.route('/api/v1/events', eventRoutes);
  app.route('/api/v1/events', rosterRoutes);
  app.route('/api/v1/contests', contestRoutes);
  app.route('/api/v1/contests', chiefRoutes);
  app.route('/api/v1/judge', judgeRoutes);
  app.route('/api/v1', resultRoutes);
  app.route('/api/v1', appealRoutes);
  app.route('/api/v1', exportRoutes);
  app.route('/api/v1', backupRoutes);
  app.route('/api/v1', siteRoutes);
  app.route('/api/v1', installationRoutes);
  app.route('/api/v1', screenRoutes);
  app.route('/', opsRoutes({ metricsToken: opts.metricsToken }));
  app.all('/api/*', () => {
    throw refuse('not_found', 'no such API endpoint');
  });
  if (opts.webRoot) app.route('/', webRoutes(opts.webRoot, index));
  app.notFound((c) => c.json(refuse('not_found', 'not found').body(), 404));
  app.onError((err, c) => errorResponse(err, c, log));
  return app;
}

/** Requests that carry a whole event file, an archive or a roster spreadsheet get the larger limit. */
function carriesFile(method: string, path: string): boolean {
  if (method === 'POST')
    return (
      path === '/api/v1/events' ||
      path === '/api/v1/events/archive' ||
      /^\/api\/v1\/events\/[^/]+\/roster\/(preview|import)$/.test(path)
    );
  return method === 'PUT' && /^\/api\/v1\/events\/[^/]+$/.test(path);
}
