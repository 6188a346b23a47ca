// Every page and every API answer carries the browser protections: a Content-Security-Policy that
// lets the SPA run (its scripts, its socket) and nothing else, no framing by other sites (clickjacking
// a judge's tablet), no MIME sniffing, and no full addresses leaked in Referer headers. Inline
// scripts run only when the policy names their hash, and HSTS is sent only where it means something: HTTPS.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/create-db.ts';
import { startServer, type RunningServer } from '../start.ts';
import { openTestDb } from './harness.ts';
import { parseTrustProxy } from '../http/proxy-trust.ts';

const BUILT = new URL('../../web/build/index.html', import.meta.url);
// The built SPA's index.html when there is a build; otherwise one shaped like it (an inline boot script).
const INDEX = existsSync(BUILT)
  ? readFileSync(BUILT, 'utf8')
  : '<!doctype html><html><head><link rel="modulepreload" href="/_app/immutable/entry/start.js"></head><body><div id="app"></div><script>import("/_app/immutable/entry/start.js")</script></body></html>';

let server: RunningServer;
let db: DbHandle;
let webRoot: string;
beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'jx-web-'));
  writeFileSync(join(webRoot, 'index.html'), INDEX);
  mkdirSync(join(webRoot, '_app', 'immutable', 'entry'), { recursive: true });
  writeFileSync(join(webRoot, '_app', 'immutable', 'entry', 'start.js'), 'export {};\n');
  db = await openTestDb();
  server = await startServer({ db, port: 0, host: '127.0.0.1', webRoot, log: () => {} });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
  rmSync(webRoot, { recursive: true, force: true });
});

/** The CSP as directive → sources. */
function policyOf(header: string | null): Map<string, string[]> {
  expect(header, 'Content-Security-Policy').toBeTruthy();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...sources] = d.split(/\s+/);
        return [name!.toLowerCase(), sources] as const;
      }),
  );
}

function expectProtected(res: Response, what: string) {
  const csp = policyOf(res.headers.get('content-security-policy'));
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(csp.get('default-src'), what).toEqual(["'self'"]);
  expect(csp.get('object-src'), what).toEqual(["'none'"]);
  expect(csp.get('base-uri'), what).toEqual(["'self'"]);
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'], what).toContain(
    res.headers.get('referrer-policy'),
  );
  expect(res.headers.get('strict-transport-security'), `${what}: no HSTS over plain HTTP`).toBeNull();
  return csp;
}

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

describe('security headers', () => {
  it('are on every page of the web app, and the policy lets the SPA load its scripts and open its socket', async () => {
    const pages = [
      '/',
      '/judge',
      '/admin',
      '/results/e-1',
      '/results/e-1/courier',
      '/display/e-1?contest=courier&rotate=20',
      '/verify/ABCDE12345',
      '/?lang=en',
    ];
    for (const page of pages) {
      const res = await get(page);
      expect(res.status, page).toBe(200);
      expect(res.headers.get('content-type'), page).toMatch(/^text\/html/);
      expect(await res.text(), page).toBe(INDEX);
      const csp = expectProtected(res, page);
      // What the SPA needs: its own scripts (its inline boot script by hash), its API and its socket.
      const scripts = csp.get('script-src') ?? [];
      expect(scripts, page).toContain("'self'");
      expect(scripts, `${page}: no inline script but the app's own`).not.toContain("'unsafe-inline'");
      const inlines = [...INDEX.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)];
      expect(inlines.length, 'the page has its boot script inline').toBeGreaterThan(0);
      for (const inline of inlines) {
        const hash = `'sha256-${createHash('sha256').update(inline[1]!).digest('base64')}'`;
        expect(scripts, `${page}: the boot script is allowed by its hash`).toContain(hash);
      }
      for (const src of INDEX.matchAll(/\b(?:src|href)="([^"]+)"/g))
        expect(src[1], `${page}: only this site's files`).toMatch(/^(\/|\.\/|\.\.\/|[a-z0-9_.-]+(\/|$)|data:)/i);
      expect(csp.get('connect-src'), page).toContain("'self'");
      expect(
        csp.get('connect-src')!.some((x) => x === 'ws:' || x === "'self'"),
        page,
      ).toBe(true);
      expect(scripts, page).not.toContain('*');
    }
    const asset = await get('/_app/immutable/entry/start.js');
    expect(asset.status).toBe(200);
    expectProtected(asset, 'an asset');
  });

  it('are on API answers too: data, downloads, refusals and operations', async () => {
    const cases: [string, RequestInit | undefined, number][] = [
      ['/api/v1/events', undefined, 200],
      ['/api/v1/site', undefined, 200],
      ['/api/v1/auth/me', undefined, 401],
      ['/api/v1/events/e-nope/file', undefined, 401],
      ['/api/v1/events/e-nope', undefined, 404],
      ['/api/v1/no-such-endpoint', undefined, 404],
      [
        '/api/v1/auth/login',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' },
        400,
      ],
      [
        '/api/v1/auth/login',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(1024 * 1024 + 10) },
        413,
      ],
      ['/healthz', undefined, 200],
      ['/metrics', undefined, 401],
    ];
    for (const [path, init, status] of cases) {
      const res = await get(path, init);
      expect(res.status, path).toBe(status);
      expectProtected(res, `${init?.method ?? 'GET'} ${path} (${status})`);
      await res.arrayBuffer();
    }
  });
});

describe('Strict-Transport-Security', () => {
  it('is not sent over plain HTTP, even when a client claims a proxy saw HTTPS', async () => {
    for (const headers of [{}, { 'x-forwarded-proto': 'https' }] as Record<string, string>[]) {
      for (const path of ['/', '/api/v1/events']) {
        const res = await get(path, { headers });
        expect(res.headers.get('strict-transport-security'), `${path} ${JSON.stringify(headers)}`).toBeNull();
        await res.arrayBuffer();
      }
    }
  });

  it('is sent behind a trusted proxy that says the client connected over HTTPS', async () => {
    const trustProxy = parseTrustProxy('1');
    const proxied = await startServer({ db, port: 0, host: '127.0.0.1', webRoot, trustProxy, log: () => {} });
    try {
      const at = (path: string, proto?: string) =>
        fetch(`${proxied.url}${path}`, { headers: proto ? { 'x-forwarded-proto': proto } : {} });
      for (const path of ['/', '/api/v1/events', '/api/v1/no-such-endpoint']) {
        const https = await at(path, 'https');
        expect(https.headers.get('strict-transport-security'), path).toMatch(/^max-age=\d{7,}/);
        await https.arrayBuffer();
        for (const proto of [undefined, 'http', 'https, http']) {
          const plain = await at(path, proto);
          expect(plain.headers.get('strict-transport-security'), `${path} ${proto}`).toBeNull();
          await plain.arrayBuffer();
        }
      }
    } finally {
      await proxied.close();
    }
  });
});
