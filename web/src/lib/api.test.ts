// The web's HTTP client: a public read the server asks to come back later (503 with Retry-After,
// as the anonymous queue answers when it is full) is tried again, not shown as an error at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, getJson } from './api.ts';

const busy = () =>
  new Response(JSON.stringify({ error: { code: 'unavailable', message: 'busy', params: { reason: 'busy' } } }), {
    status: 503,
    headers: { 'content-type': 'application/json', 'retry-after': '2' },
  });
const ok = () => new Response(JSON.stringify({ rows: [] }), { status: 200 });

afterEach(() => vi.useRealTimers());

describe('getJson', () => {
  it('waits as long as Retry-After says and asks again when the server is busy', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValueOnce(busy()).mockResolvedValueOnce(ok());
    const answer = getJson<{ rows: unknown[] }>('/contests/x/leaderboard', { fetch });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toEqual({ rows: [] });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('gives up after a few tries with the refusal, and never retries other errors', async () => {
    vi.useFakeTimers();
    const always = vi.fn<typeof globalThis.fetch>().mockImplementation(async () => busy());
    const answer = getJson('/x', { fetch: always }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60_000);
    const err = (await answer) as ApiRequestError;
    expect(err).toBeInstanceOf(ApiRequestError);
    expect([err.status, err.code, err.retryAfter]).toEqual([503, 'unavailable', 2]);
    expect(always).toHaveBeenCalledTimes(5);

    const notFound = vi.fn<typeof globalThis.fetch>().mockResolvedValue(new Response('{}', { status: 404 }));
    await expect(getJson('/x', { fetch: notFound })).rejects.toMatchObject({ status: 404 });
    expect(notFound).toHaveBeenCalledTimes(1);
  });
});
