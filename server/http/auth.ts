// Who is calling: a bearer token, or the web app's HttpOnly session cookie. Writes that rely on
// the cookie must come from this site (Origin check), so another site cannot act for a signed-in user.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { refuse } from '../errors.ts';
import type { DeviceCookie, SignInSource } from '../domain/auth/auth.ts';
import { DEVICE_COOKIE_DAYS } from '../domain/auth/trusted-device.ts';
import { clientOf, peerAddress } from './proxy-trust.ts';
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

/** The client's address: the peer's, or the one a trusted proxy forwarded (TRUST_PROXY, proxy-trust.ts). */
export const clientAddress = (c: Context<AppEnv>): string =>
  clientOf(c.get('proxyTrust'), peerAddress(c), c.req.header('x-forwarded-for'));

export const signInSource = (c: Context<AppEnv>): SignInSource => ({
  client: clientAddress(c),
  cookie: (name) => getCookie(c, name),
});

/** Marks this browser as a device the account signed in from (domain/auth/trusted-device.ts). */
export function setDeviceCookie(c: Context, device: DeviceCookie) {
  const maxAge = DEVICE_COOKIE_DAYS * 24 * 3600;
  setCookie(c, device.name, device.value, { httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth', maxAge });
}
