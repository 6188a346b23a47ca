import { describe, expect, it } from 'vitest';
import type { Leaderboard } from '$shared/api.ts';
import { ApiRequestError } from '$lib/api.ts';
import { PublicBoard } from './public-board.svelte.ts';

const board: Leaderboard = { contest: 'c1', seq: 3, state: 'scoring', rows: [] };
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('PublicBoard before the realtime client takes over', () => {
  it('shows the board of the first GET', async () => {
    const b = new PublicBoard('c1', Promise.resolve(board));
    expect(b.board).toBeNull();
    expect(b.error).toBeNull(); // still coming: skeleton, not an error
    await tick();
    expect(b.board).toEqual(board);
    expect(b.connected).toBe(false);
    expect(b.changedBibs.size).toBe(0);
  });

  it('reports a refusal (a contest not open yet) until a board arrives', async () => {
    const refused = Promise.reject(new ApiRequestError(403, { error: { code: 'forbidden', message: 'not started' } }));
    const b = new PublicBoard('c1', refused);
    await tick();
    expect(b.board).toBeNull();
    expect(b.error?.code).toBe('forbidden');
  });

  it('calls an unreachable server a network error', async () => {
    const b = new PublicBoard('c1', Promise.reject(new TypeError('fetch failed')));
    await tick();
    expect(b.error?.code).toBe('network_error');
  });
});
