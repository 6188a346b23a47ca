// A public screen in a browser where an organiser signed in (the venue PC after a reveal) asks for
// the public board with `auth: {audience: "public"}`: its session cookie must not make it an
// organiser's board, so a frozen board stays frozen on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { api, exampleEvent, importAndOpen, startTestServer, uuid, type TestServer } from './harness.ts';
import type { Leaderboard } from '../../shared/api.ts';

let s: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  for (const so of sockets) so.disconnect();
  await s?.stop();
});

async function watch(
  options: { cookie?: string; auth?: Record<string, string> },
  contest: string,
): Promise<Leaderboard> {
  const so = io(`${s.url}/live`, {
    transports: ['websocket'],
    reconnection: false,
    ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
    ...(options.auth ? { auth: options.auth } : {}),
  });
  sockets.push(so);
  return (await so.timeout(5000).emitWithAck('watch', { contest })) as Leaderboard;
}

describe('socket audience', () => {
  it('a public-only handshake gets the frozen board even with an organiser cookie', async () => {
    const ids = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const courier = ids.contests.find((c) => c.code === 'courier')!.id;
    const admin = api(s.url, s.adminToken);
    expect((await admin.post(`/contests/${courier}/freeze`, { frozen: true })).status).toBe(200);
    const timer = await ids.judgeToken('c-timer');
    const res = await api(s.url, timer).post(`/contests/${courier}/marks`, {
      contestant: 'C003',
      criterion: 'exam',
      value: 88,
      clientId: uuid(),
    });
    expect(res.status).toBe(201);

    const cookie = `jx_session=${s.adminToken}`;
    const organiser = await watch({ cookie }, courier);
    const screen = await watch({ cookie, auth: { audience: 'public' } }, courier);
    const anonymous = await watch({}, courier);
    expect(organiser.rows.find((r) => r.bib === 'C003')?.total).toBeGreaterThan(0);
    expect(screen.seq).toBe(anonymous.seq);
    expect(screen.rows).toEqual(anonymous.rows);
    expect(screen.rows.find((r) => r.bib === 'C003')?.total).toBe(0);
  });
});
