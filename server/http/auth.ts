// Who is calling: a bearer token, or the web app's HttpOnly session cookie. Writes that rely on
// the cookie must come from this site (Origin check), so another site cannot act for a signed-in user.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { refuse } from '../errors.ts';
import type { AppEnv } from './types.ts';

export const SESSION_COOKIE = 'jx_session';

export function bearerOf(c: Context): string | undefined {
  const h = c.req.header('authorization');
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

export const resolveActor: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { auth } = c.get('services');
  const bearer = bearerOf(c);
  // Signing in needs no session, so a cookie left from an earlier sign-in is not looked at there.
  const signingIn = c.req.path === '/api/v1/auth/login' || c.req.path === '/api/v1/auth/judge';
  const cookie = bearer || signingIn ? undefined : getCookie(c, SESSION_COOKIE);
  if (cookie && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && !sameOrigin(c)) {
    throw refuse('forbidden:cross_site', 'cross-site request refused');
  }
  c.set('actor', await auth.resolve(bearer ?? cookie));
  await next();
};

function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  const host = c.req.header('host');
  if (!origin || !host) return c.req.header('sec-fetch-site') === 'same-origin';
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function setSessionCookie(c: Context, token: string, expiresAt: string) {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', expires: new Date(expiresAt) });
}

export const clearSessionCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, { path: '/' });

export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
