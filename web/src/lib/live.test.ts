// LiveBoard against a real Socket.IO server speaking CONTRACT §8.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Leaderboard } from '$shared/api.ts';
import type { BoardRow } from '$shared/scoring/types.ts';
import {
  PROTOCOL_VERSION,
  type BoardUpdate,
  type LiveClientToServer,
  type LiveServerToClient,
} from '$shared/realtime.ts';
import { LiveBoard } from './live.svelte.ts';
import { BoardPool } from './display/boards.svelte.ts';

const row = (bib: string, total: number, rank: number): BoardRow => ({
  bib,
  name: bib,
  organisation: 'sd',
  rank,
  total,
  sections: {},
  complete: true,
  flagged: false,
  award: null,
  status: 'active',
});

let http: HttpServer | undefined;
let io: Server<LiveClientToServer, LiveServerToClient> | undefined;
let live: LiveBoard | undefined;
let pool: BoardPool | undefined;

async function serve(board: () => Leaderboard) {
  http = createServer();
  io = new Server(http);
  let watches = 0;
  io.of('/live').on('connection', (socket) => {
    socket.on('watch', ({ contest }, ack) => {
      watches++;
      void socket.join(contest);
      ack(board());
    });
  });
  await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { origin, nsp: io.of('/live'), watches: () => watches };
}

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

afterEach(async () => {
  live?.stop();
  pool?.stopAll();
  await io?.close();
  http?.close();
  live = io = http = pool = undefined;
});

describe('LiveBoard', () => {
  it('gets the board on watch, applies deltas and marks what changed', async () => {
    let current: Leaderboard = { contest: 'c1', seq: 1, state: 'scoring', rows: [row('A', 60, 1), row('B', 50, 2)] };
    const srv = await serve(() => current);
    live = new LiveBoard('c1', { origin: srv.origin, highlightMs: 0 });
    live.start();
    await until(() => live!.board?.seq === 1);
    expect(live.connected).toBe(true);

    const rows = [row('B', 70, 1), row('A', 60, 2)];
    current = { ...current, seq: 2, rows };
    srv.nsp.to('c1').emit('leaderboard', {
      kind: 'delta',
      contest: 'c1',
      seq: 2,
      full: false,
      prevSeq: 1,
      state: 'scoring',
      changed: rows,
      order: ['B', 'A'],
    });
    await until(() => live!.board?.seq === 2);
    expect(live.board!.rows.map((r) => r.bib)).toEqual(['B', 'A']);
    expect([...live.changedBibs].sort()).toEqual(['A', 'B']);
  });

  it('watches again on a gap in seq and ends equal to the server board', async () => {
    let current: Leaderboard = { contest: 'c1', seq: 5, state: 'scoring', rows: [row('A', 60, 1)] };
    const srv = await serve(() => current);
    live = new LiveBoard('c1', { origin: srv.origin });
    live.start();
    await until(() => live!.board?.seq === 5);
    current = { ...current, seq: 8, rows: [row('A', 80, 1)] };
    srv.nsp.to('c1').emit('leaderboard', {
      kind: 'delta',
      contest: 'c1',
      seq: 8,
      full: false,
      prevSeq: 7,
      state: 'scoring',
      changed: current.rows,
      order: ['A'],
    });
    await until(() => live!.board?.seq === 8);
    expect(live.board!.rows[0]!.total).toBe(80);
    expect(srv.watches()).toBe(2);
  });

  it('reconnects and watches again after the server drops the connection', async () => {
    const current: Leaderboard = { contest: 'c1', seq: 3, state: 'scoring', rows: [row('A', 60, 1)] };
    const srv = await serve(() => current);
    live = new LiveBoard('c1', { origin: srv.origin, retryMs: 50 });
    live.start();
    await until(() => live!.board?.seq === 3);
    srv.nsp.disconnectSockets();
    await until(() => !live!.connected);
    await until(() => live!.connected && srv.watches() === 2);
    expect(live.everConnected).toBe(true);
  });

  it('asks again when a rate-limited watch says, showing the board it holds meanwhile', async () => {
    let current: Leaderboard = { contest: 'c1', seq: 5, state: 'scoring', rows: [row('A', 60, 1)] };
    let refuse = false;
    const srv = await serve(() => {
      if (!refuse) return current;
      refuse = false;
      return { error: { code: 'rate_limited', message: 'too fast', params: { reason: 'watch', seconds: 1 } } } as never;
    });
    live = new LiveBoard('c1', { origin: srv.origin, retryMs: 60_000 });
    live.start();
    await until(() => live!.board?.seq === 5);
    refuse = true;
    current = { ...current, seq: 8, rows: [row('A', 80, 1)] };
    const gap: BoardUpdate = {
      kind: 'delta',
      contest: 'c1',
      seq: 8,
      full: false,
      prevSeq: 7,
      state: 'scoring',
      changed: current.rows,
      order: ['A'],
    };
    srv.nsp.to('c1').emit('leaderboard', gap);
    await until(() => srv.watches() === 2);
    expect(live.board?.seq).toBe(5);
    expect(live.error).toBeNull();
    await until(() => live!.board?.seq === 8); // the retry after 1 s, not after retryMs
    expect(srv.watches()).toBe(3);
    expect(live.error).toBeNull();
  });

  it('keeps the refusal of a watch as error', async () => {
    http = createServer();
    io = new Server(http);
    io.of('/live').on('connection', (socket) => {
      socket.on('watch', (_p, ack) => ack({ error: { code: 'not_found', message: 'unknown contest' } }));
    });
    await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
    live = new LiveBoard('nope', {
      origin: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
      retryMs: 10_000,
    });
    live.start();
    await until(() => live!.error !== null);
    expect(live.error?.code).toBe('not_found');
    expect(live.board).toBeNull();
  });

  it('tells an outdated page to reload: the handshake refusal is its error, no board, no retry', async () => {
    http = createServer();
    io = new Server(http);
    let tries = 0;
    io.of('/live').use((_socket, next) => {
      tries++;
      const params = { reason: 'protocol_version', version: '2', supported: 3 };
      const refusal = { code: 'bad_request', message: 'reload', params };
      next(Object.assign(new Error('this page is out of date; reload it'), { data: refusal }));
    });
    await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
    live = new LiveBoard('c1', { origin: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, retryMs: 20 });
    live.start();
    await until(() => live!.error !== null);
    expect(live.error).toMatchObject({ code: 'bad_request', params: { reason: 'protocol_version', supported: 3 } });
    expect(live.outdated).toBe(true);
    expect(live.board).toBeNull();
    await new Promise((r) => setTimeout(r, 100));
    expect(tries).toBe(1);
  });
});

describe('BoardPool (a big screen)', () => {
  it('follows every contest it shows on one socket, kept while the rotation moves on, closed with the last board', async () => {
    const srv = await serve(() => ({ contest: 'c1', seq: 1, state: 'scoring', rows: [row('A', 60, 1)] }));
    const handshakes: unknown[] = [];
    const watched: string[] = [];
    const unwatched: string[] = [];
    srv.nsp.on('connection', (socket) => {
      handshakes.push(socket.handshake.auth);
      socket.on('watch', ({ contest }) => watched.push(contest));
      socket.on('unwatch', ({ contest }) => unwatched.push(contest));
    });
    pool = new BoardPool({ publicOnly: true, origin: srv.origin });
    pool.keep(['c1', 'c2', 'c3']);
    await until(() => ['c1', 'c2', 'c3'].every((id) => pool!.get(id)?.board));
    expect(handshakes).toEqual([{ protocol: PROTOCOL_VERSION, audience: 'public' }]);
    expect(watched.sort()).toEqual(['c1', 'c2', 'c3']);
    pool.keep(['c3', 'c4']);
    await until(() => !!pool!.get('c4')?.board && unwatched.length === 2);
    expect(handshakes).toHaveLength(1);
    expect(unwatched.sort()).toEqual(['c1', 'c2']);
    expect(srv.nsp.sockets.size).toBe(1);
    pool.stopAll();
    await until(() => srv.nsp.sockets.size === 0);
  });
});
