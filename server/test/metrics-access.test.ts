// /metrics names every route with its counts and timings, and the process's memory: not for a phone
// on the venue Wi-Fi. Organisers may read it (signed in), and so may a Prometheus scraper given
// METRICS_TOKEN as its bearer token; everyone else is refused in the one error shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { exampleEvent, importAndOpen, startTestServer, type TestServer } from './harness.ts';

const TOKEN = 'scrape-4f0c2a9e7b1d4c3a8e6f5b2d';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ metricsToken: TOKEN });
});
afterAll(async () => s?.stop());

const scrape = (headers: Record<string, string> = {}) => fetch(`${s.url}/metrics`, { headers });

async function expectRefused(res: Response, status: number, what: string) {
  expect(res.status, what).toBe(status);
  const body = (await res.json()) as { error: { code: string } };
  expect(body.error.code, what).toBe(status === 401 ? 'unauthorized' : 'forbidden');
}

describe('GET /metrics', () => {
  it('is refused to the public, to a wrong token and to judges', async () => {
    await expectRefused(await scrape(), 401, 'no token');
    await expectRefused(await scrape({ authorization: `Bearer ${TOKEN}x` }), 401, 'a longer token');
    await expectRefused(await scrape({ authorization: `Bearer ${TOKEN.slice(0, -1)}` }), 401, 'a shorter token');
    await expectRefused(await scrape({ authorization: TOKEN }), 401, 'not a bearer');
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const chief = await ev.judgeToken('c-chief');
    await expectRefused(await scrape({ authorization: `Bearer ${chief}` }), 403, 'a chief judge');
  });

  it('answers a scraper holding METRICS_TOKEN and a signed-in organiser, by bearer or session cookie', async () => {
    for (const [what, headers] of [
      ['scraper', { authorization: `Bearer ${TOKEN}` }],
      ['organiser', { authorization: `Bearer ${s.adminToken}` }],
      ['organiser cookie', { cookie: `jx_session=${s.adminToken}` }],
    ] as const) {
      const res = await scrape(headers);
      expect(res.status, what).toBe(200);
      expect(res.headers.get('content-type'), what).toMatch(/^text\/plain/);
      expect(await res.text(), what).toMatch(/^# HELP jiangxin_http_requests_total/m);
    }
  });

  it('takes METRICS_TOKEN from the environment, refusing one short enough to guess', () => {
    expect(readConfig({}).metricsToken).toBeUndefined();
    expect(readConfig({ METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    expect(() => readConfig({ METRICS_TOKEN: 'secret' })).toThrow(/METRICS_TOKEN must be at least 24 characters/);
    expect(() => readConfig({ METRICS_TOKEN: `${TOKEN} ${TOKEN}` })).toThrow(/METRICS_TOKEN/);
  });
});
