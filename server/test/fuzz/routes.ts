// The endpoints to fuzz, read from the application's own route table, so an endpoint added
// later is fuzzed too; a POST or PUT without a body template here fails the fuzz test.
import { createApp } from '../../app.ts';
import { uuid, exampleEvent } from '../harness.ts';
import type { AppServices } from '../../services.ts';

export interface Endpoint {
  method: string;
  /** the route pattern, e.g. /api/v1/contests/:id/marks */
  pattern: string;
}

/** Every concrete route of the app (middleware and catch-alls left out), each once. */
export function endpointsOf(services: AppServices): Endpoint[] {
  const seen = new Set<string>();
  const out: Endpoint[] = [];
  for (const r of createApp(services).routes) {
    if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) || r.path.includes('*')) continue;
    const key = `${r.method} ${r.path}`;
    if (!seen.has(key)) out.push({ method: r.method, pattern: r.path });
    seen.add(key);
  }
  return out;
}

/** The routes that accept a 16 MB body (server/app.ts carriesFile); the others 1 MB. */
export function bodyLimitOf(e: Endpoint): number {
  const big =
    (e.method === 'POST' &&
      [
        '/api/v1/events',
        '/api/v1/events/archive',
        '/api/v1/events/:id/roster/preview',
        '/api/v1/events/:id/roster/import',
      ].includes(e.pattern)) ||
    (e.method === 'PUT' && e.pattern === '/api/v1/events/:id');
  return big ? 16 * 1024 * 1024 : 1024 * 1024;
}

export interface Ids {
  event: string;
  contest: string;
  /** an event and contest whose changes do not matter (settings, PINs, freeze can change there) */
  victimEvent: string;
  victimContest: string;
}

/** Where a route is aimed: routes whose valid bodies would change something worth keeping go to the victim. */
export function pathParams(e: Endpoint, ids: Ids): Record<string, string> {
  const toVictim = [
    '/api/v1/events/:id/judges/pins',
    '/api/v1/events/:id/settings',
    '/api/v1/contests/:id/freeze',
    '/api/v1/events/:id/announcements',
  ].includes(e.pattern);
  const id = e.pattern.startsWith('/api/v1/contests/')
    ? toVictim
      ? ids.victimContest
      : ids.contest
    : toVictim
      ? ids.victimEvent
      : ids.event;
  // A screen id of the right shape that no screen has, so the body is read before the screen is looked up.
  return { id, code: 'NOPE-CODE', file: 'jiangxin-nothing.db.gz', screen: 'fuzz-no-such-screen' };
}

/**
 * A well-formed body per POST/PUT route that changes nothing worth keeping (wrong password,
 * unknown contestant, refused transition, nothing to decide): fuzzing starts from these.
 */
export function templates(ids: Ids): Record<string, Record<string, unknown>> {
  const mark = { contestant: 'C999', criterion: 'exam', value: 80, clientId: uuid(), note: 'n' };
  const roster = {
    contest: 'courier',
    kind: 'contestants',
    format: 'csv',
    content: 'bib,name,organisation\n',
    mode: 'merge',
  };
  return {
    'POST /api/v1/auth/login': { username: 'nobody', password: 'x' },
    'POST /api/v1/auth/judge': { event: ids.event, judge: 'c-j2', pin: '0000' },
    'POST /api/v1/auth/logout': {},
    'POST /api/v1/events': exampleEvent('wire-rope-contest') as unknown as Record<string, unknown>,
    'PUT /api/v1/events/:id': exampleEvent('new-economy-contest') as unknown as Record<string, unknown>,
    'POST /api/v1/events/:id/roster/preview': roster,
    'POST /api/v1/events/:id/roster/import': roster,
    'POST /api/v1/events/:id/judges/pins': { judges: ['nobody-here'] },
    'POST /api/v1/contests/:id/state': { to: 'setup', reason: 'r' },
    'POST /api/v1/contests/:id/flags': { contestant: 'C001', criterion: 'packing', reason: 'r' },
    'POST /api/v1/contests/:id/freeze': { frozen: false },
    'POST /api/v1/contests/:id/marks': mark,
    'POST /api/v1/contests/:id/marks/batch': { marks: [mark] },
    'POST /api/v1/contests/:id/remarks': { contestant: 'C999', criterion: 'packing', reason: 'r' },
    'POST /api/v1/contests/:id/appeals': { contestant: 'C999', criterion: null, text: 't' },
    'POST /api/v1/appeals/:id/decision': { decision: 'rejected', reason: 'r' },
    'PUT /api/v1/events/:id/settings': { appealWindowMinutes: 30 },
    'PUT /api/v1/site/public-url': { url: 'http://192.0.2.9:3000' },
    // Trusting a key no installation holds (its shape only) lets nothing verify that did not before.
    'POST /api/v1/installation/trusted-keys': {
      publicKey: 'fuzz-template-key_0123456789abcdefghijklmno',
      name: 'fuzz',
    },
    'POST /api/v1/backups': {},
    'PUT /api/v1/events/:id/screens/:screen/mode': { mode: { kind: 'message', text: '休息 10 分钟' } },
    'PUT /api/v1/events/:id/screens/:screen/name': { name: '主屏' },
    'POST /api/v1/events/:id/screens/:screen/reveal': { action: 'next' },
    'POST /api/v1/events/:id/screens/:screen/identify': {},
    'POST /api/v1/events/:id/announcements': { text: '实操比赛 9:30 开始' },
    'POST /api/v1/events/archive': { format: 'jiangxin-archive@1' },
  };
}

/** The address of a route with its parameters filled in (already URL-encoded). */
export function fill(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:([a-z]+)/g, (_, name: string) => params[name] ?? 'x');
}
