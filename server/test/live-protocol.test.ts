// The realtime protocol's version is read: a client that names an older or unknown version in the
// handshake is refused with a typed reason it can word ("reload the page"); a client that names
// none (a plain CONTRACT §8 client) is served as always; updates say what they are in `kind`
// beside every field the contract requires.
import { describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { LIVE_NAMESPACE, PROTOCOL_VERSION, type BoardUpdate } from '../../shared/realtime.ts';
import type { TestServer } from './harness.ts';
import { liveSuite, setup, sockets } from './live-kit.ts';

let s: TestServer;
liveSuite((server) => (s = server));

function open(auth?: Record<string, unknown>): Socket {
  const options = { transports: ['websocket'], reconnection: false, ...(auth ? { auth } : {}) };
  const so = io(`${s.url}${LIVE_NAMESPACE}`, options);
  sockets.push(so);
  return so;
}

/** 'connected', or the refusal the handshake got. */
function handshake(so: Socket): Promise<'connected' | { message: string; data?: unknown }> {
  return new Promise((resolve) => {
    so.once('connect', () => resolve('connected'));
    so.once('connect_error', (err: Error & { data?: unknown }) => resolve({ message: err.message, data: err.data }));
  });
}

describe('the protocol version in the handshake', () => {
  it('refuses an older or unknown version with bad_request:protocol_version, saying which one it speaks', async () => {
    for (const given of [1, PROTOCOL_VERSION + 1, 'two', null]) {
      const answer = await handshake(open({ protocol: given }));
      expect(answer).toEqual({
        message: expect.stringMatching(/reload/),
        data: {
          code: 'bad_request',
          message: expect.any(String),
          params: { reason: 'protocol_version', version: String(given), supported: PROTOCOL_VERSION },
        },
      });
    }
    // Also for an organiser: the version is read before the token.
    const organiser = await handshake(open({ protocol: 1, token: s.adminToken }));
    expect(organiser).toMatchObject({ data: { params: { reason: 'protocol_version' } } });
  });

  it('serves a client naming this version, and one naming none as CONTRACT §8 says; updates carry kind', async () => {
    const { contestId, storm } = await setup('new-economy-contest', 'courier', ['c-timer']);
    const current = open({ protocol: PROTOCOL_VERSION });
    const plain = open();
    expect(await Promise.all([handshake(current), handshake(plain)])).toEqual(['connected', 'connected']);
    const got = new Map<Socket, BoardUpdate[]>([
      [current, []],
      [plain, []],
    ]);
    for (const [so, list] of got) so.on('leaderboard', (u: BoardUpdate) => list.push(u));
    const [compactAck, plainAck] = await Promise.all([
      current.emitWithAck('watch', { contest: contestId, compact: true }),
      plain.emitWithAck('watch', { contest: contestId }),
    ]);
    expect(compactAck).toMatchObject({ contest: contestId, rows: expect.any(Array) });
    expect(plainAck).toEqual(compactAck);
    await storm(3);
    await expect.poll(() => got.get(current)!.length > 0 && got.get(plain)!.length > 0).toBe(true);
    for (const u of [...got.get(current)!, ...got.get(plain)!]) {
      if (u.kind === 'full') expect(u).toMatchObject({ full: true, rows: expect.any(Array) });
      else if (u.kind === 'delta') {
        const contracted = { prevSeq: expect.any(Number), changed: expect.any(Array), order: expect.any(Array) };
        expect(u).toMatchObject({ full: false, ...contracted });
      } else {
        const compact = { compact: true, at: expect.any(Array), ranked: expect.any(Number), ties: expect.any(Array) };
        expect(u).toMatchObject({ full: false, ...compact });
      }
    }
    expect(got.get(current)!.some((u) => u.kind === 'compact')).toBe(true);
    expect(got.get(plain)!.every((u) => u.kind !== 'compact' && !('compact' in u))).toBe(true);
  });
});
