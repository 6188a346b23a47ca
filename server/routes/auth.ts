import { Hono } from 'hono';
import { judgeLoginBody, loginBody, type MeResponse, type SessionResponse } from '../../shared/api.ts';
import { parseInput, unauthorized } from '../errors.ts';
import { readJson } from '../http/body.ts';
import { clearSessionCookie, setDeviceCookie, setSessionCookie, signInSource } from '../http/auth.ts';
import type { AppEnv } from '../http/types.ts';

export const authRoutes = new Hono<AppEnv>()
  .post('/login', async (c) => {
    const parsed = parseInput(loginBody, await readJson(c));
    const { auth } = c.get('services');
    const { session, device } = await auth.loginOrganiser(parsed.username, parsed.password, signInSource(c));
    setSessionCookie(c, session.token, session.expiresAt);
    setDeviceCookie(c, device);
    return c.json(session satisfies SessionResponse);
  })
  .post('/judge', async (c) => {
    const { event, judge, pin } = parseInput(judgeLoginBody, await readJson(c));
    const { session, device } = await c.get('services').auth.loginJudge(event, judge, pin, signInSource(c));
    setSessionCookie(c, session.token, session.expiresAt);
    setDeviceCookie(c, device);
    return c.json(session satisfies SessionResponse);
  })
  .post('/logout', async (c) => {
    const actor = c.get('actor');
    if (actor.role === 'anonymous') throw unauthorized();
    await c.get('services').auth.logout(actor.tokenHash);
    clearSessionCookie(c);
    return c.json({ ok: true });
  })
  .get('/me', (c) => {
    const a = c.get('actor');
    if (a.role === 'anonymous') throw unauthorized();
    if (a.role === 'organiser') return c.json({ role: a.role, username: a.username } satisfies MeResponse);
    const { role, code, name, chief, shadow, eventId, contestId, criteria, organisation } = a;
    return c.json({
      role,
      judge: { code, name, chief, shadow, event: eventId, contest: contestId, criteria, organisation },
    } satisfies MeResponse);
  });
