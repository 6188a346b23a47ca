// The web's HTTP client: a public read the server asks to come back later (503 with Retry-After,
// as the anonymous queue answers when it is full) is tried again, not shown as an error at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, failureOf, getJson, postFile, postJson, sendJson } from './api.ts';

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

describe('writes', () => {
  const sent = (fetch: ReturnType<typeof vi.fn<typeof globalThis.fetch>>) => {
    const [url, init] = fetch.mock.calls[0]!;
    return { url, method: init?.method, headers: init?.headers as Record<string, string>, body: init?.body };
  };

  it('sends JSON with PUT, PATCH or DELETE, and a file as its own bytes', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockImplementation(async () => ok());
    await sendJson('PUT', '/events/e/settings', { appealWindowMinutes: 5 }, { fetch });
    expect(sent(fetch)).toMatchObject({
      url: '/api/v1/events/e/settings',
      method: 'PUT',
      body: '{"appealWindowMinutes":5}',
    });
    expect(sent(fetch).headers['content-type']).toBe('application/json');

    fetch.mockClear();
    const file = new Blob([new Uint8Array([0x1f, 0x8b])]);
    await postFile('/events/archive', file, 'application/gzip', { fetch });
    expect(sent(fetch)).toMatchObject({ url: '/api/v1/events/archive', method: 'POST', body: file });
    expect(sent(fetch).headers['content-type']).toBe('application/gzip');
  });

  it('sends no body and no content type for a POST without one (sign-out)', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockImplementation(async () => new Response(null, { status: 204 }));
    await postJson('/auth/logout', undefined, { fetch, token: 't' });
    expect(sent(fetch).body).toBeUndefined();
    expect(sent(fetch).headers).toEqual({ accept: 'application/json', authorization: 'Bearer t' });
  });
});

describe('failureOf', () => {
  it('keeps the refusal, its status and Retry-After; anything else is unknown with status 0', async () => {
    const limited = new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'wait' } }), {
      status: 429,
      headers: { 'retry-after': '30' },
    });
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(limited);
    const cause = await postJson('/auth/judge', {}, { fetch }).catch((e: unknown) => e);
    expect(failureOf(cause)).toEqual({ code: 'rate_limited', message: 'wait', status: 429, retryAfter: 30 });
    expect(failureOf(new Error('boom'))).toEqual({ code: 'unknown', message: 'Error: boom', status: 0 });
  });
});
