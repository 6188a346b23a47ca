// Browser protections on every answer: a Content-Security-Policy, no framing by other sites, no MIME
// sniffing, no full addresses in Referer headers, and HSTS on HTTPS only.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { peerAddress, trustsPeer, type ProxyTrust } from './proxy-trust.ts';
import type { AppEnv } from './types.ts';

const HSTS = 'max-age=15552000; includeSubDomains';

// An inline <script> (no src): SvelteKit's boot script, which starts the app and registers the
// service worker. Its text is hashed exactly as written, as browsers hash it for the CSP.
const INLINE_SCRIPT = /<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/** `'sha256-…'` sources for every inline script of a page, so the CSP needs no 'unsafe-inline'. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map((m) => createHash('sha256').update(m[1]!).digest('base64'));
  return [...new Set(hashes)].map((hash) => `'sha256-${hash}'`);
}

export interface SecurityOptions {
  /** Hashes of the inline scripts of the pages served (inlineScriptHashes of index.html). */
  scriptHashes?: string[];
  /** A proxy in front says how the client connected (X-Forwarded-Proto); only when it is trusted. */
  trustProxy?: ProxyTrust;
}

export function securityHeaders(opts: SecurityOptions = {}): MiddlewareHandler<AppEnv>[] {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...(opts.scriptHashes ?? [])],
      // Svelte's templates carry style attributes (cloned from HTML, so the CSP sees them as inline
      // styles) and app.html wraps the app in style="display: contents". Styles cannot run code.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'", 'ws:', 'wss:'],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
    },
    crossOriginEmbedderPolicy: false,
    // Browsers ignore HSTS over plain HTTP; sent there it only misleads a check. Set below on HTTPS.
    strictTransportSecurity: false,
  });
  const hsts: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    if (overHttps(c.req.url, c.req.header('x-forwarded-proto'), trustsPeer(opts.trustProxy, peerAddress(c)))) {
      c.res.headers.set('Strict-Transport-Security', HSTS);
    }
  };
  return [headers, hsts];
}

/** Whether the client reached us over HTTPS: directly, or through a trusted proxy that says so. */
function overHttps(url: string, forwardedProto: string | undefined, trustProxy: boolean): boolean {
  if (new URL(url).protocol === 'https:') return true;
  if (!trustProxy || !forwardedProto) return false;
  // A chain of proxies appends; the last value is the one our own proxy set.
  return forwardedProto.split(',').at(-1)!.trim().toLowerCase() === 'https';
}
