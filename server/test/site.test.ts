// The public address printed in QR codes and on certificates (GET /api/v1/site, the organiser's
// choice): where it comes from, what each caller sees, that the choice survives a restart, and that
// certificates are never printed with a loopback address nobody chose. Each server here gets a
// database of its own (the choice belongs to the installation; other test files share theirs).
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/create-db.ts';
import { SiteAddresses } from '../site/addresses.ts';
import { rankAddresses, type InterfaceList } from '../site/interfaces.ts';
import { makeFixture } from './authz/fixture.ts';
import {
  api,
  freshTestDb,
  ipv4,
  startTestServer,
  type Reply,
  type TestServer,
  type TestServerOptions,
  refusalOf,
  issuesOf,
} from './harness.ts';
import type { OrganiserSiteInfo, SiteInfo } from '../../shared/site.ts';
import type { CertificatesResponse } from '../../shared/certification-api.ts';

/** GET with another Host header, as a phone that opened the server at its venue address sends. */
function getAs<T = SiteInfo>(
  s: TestServer,
  path: string,
  host: string,
  token?: string,
): Promise<Omit<Reply<T>, 'headers'>> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host, ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const req = httpRequest({ host: '127.0.0.1', port: s.port, path: `/api/v1${path}`, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const onlyLoopback: InterfaceList = { lo: [ipv4('127.0.0.1', true)] };
const withDocker: InterfaceList = { ...onlyLoopback, docker0: [ipv4('172.17.0.1')], wlp2s0: [ipv4('192.168.31.20')] };

let db: DbHandle;
const servers: TestServer[] = [];
async function server(opts: Omit<TestServerOptions, 'db'> = {}): Promise<TestServer> {
  const s = await startTestServer({ ...opts, db });
  servers.push(s);
  return s;
}

let drop = async () => {};
beforeAll(async () => {
  ({ db, drop } = await freshTestDb('site'));
});
afterAll(async () => {
  for (const s of servers) await s.stop();
  await db?.close();
  await drop();
});

describe('GET /api/v1/site', () => {
  it('is the best network address with PUBLIC_URL unset and no choice: Wi-Fi, not a Docker bridge', async () => {
    const s = await server({ interfaces: () => withDocker });
    const site = (await api(s.url).get('/site')).body;
    expect(site).toEqual({
      publicUrl: `http://192.168.31.20:${s.port}`,
      source: 'detected',
      loopback: false,
      version: expect.any(String),
    });
  });

  it("reads this machine's own interfaces when none are given", async () => {
    const site = new SiteAddresses(db.db, { port: () => 3000 });
    expect(site.candidates()).toEqual(rankAddresses(networkInterfaces(), 3000));
    const best = site.candidates()[0];
    expect(await site.resolve()).toMatchObject(
      best ? { publicUrl: best.url, source: 'detected' } : { source: 'loopback' },
    );
  });

  it('is the address the request came to when that is not loopback', async () => {
    const s = await server({ interfaces: () => withDocker });
    const site = (await getAs(s, '/site', 'jiangxin.venue.lan:8080')).body;
    expect(site).toMatchObject({ publicUrl: 'http://jiangxin.venue.lan:8080', source: 'request', loopback: false });
    // A page opened at localhost gets the network address, not localhost.
    expect((await getAs(s, '/site', `localhost:${s.port}`)).body.source).toBe('detected');
  });

  it('is loopback, flagged, when the machine has no network address or the server listens on loopback only', async () => {
    const s = await server({ interfaces: () => onlyLoopback });
    expect((await api(s.url).get('/site')).body).toMatchObject({
      publicUrl: s.url,
      source: 'loopback',
      loopback: true,
    });
    const bound = await server({ interfaces: () => withDocker, bindHost: '127.0.0.1' });
    expect((await api(bound.url).get('/site')).body).toMatchObject({ source: 'loopback', loopback: true });
  });

  it('is PUBLIC_URL when set, whatever was chosen, and the choice cannot be changed then', async () => {
    const s = await server({ publicUrl: 'https://scores.example.org' });
    const site = (await getAs(s, '/site', '192.168.1.9:3000', s.adminToken)).body;
    expect(site).toMatchObject({
      publicUrl: 'https://scores.example.org',
      source: 'env',
      loopback: false,
      editable: false,
    });
    const put = await api(s.url, s.adminToken).call('PUT', '/site/public-url', { url: 'http://192.168.1.9:3000' });
    expect(put.status).toBe(409);
    expect(refusalOf(put).code).toBe('public_url_fixed');
    expect((await api(s.url, s.adminToken).call('DELETE', '/site/public-url')).status).toBe(409);
  });

  it('shows organisers the addresses to choose from; nobody else', async () => {
    const s = await server({ interfaces: () => withDocker });
    const mine = (await api(s.url, s.adminToken).get<OrganiserSiteInfo>('/site')).body;
    expect(mine.candidates).toEqual([
      { name: 'wlp2s0', url: `http://192.168.31.20:${s.port}` },
      { name: 'docker0', url: `http://172.17.0.1:${s.port}` },
    ]);
    expect(mine).toMatchObject({ chosen: null, editable: true });
    const f = await makeFixture(s, 'scoring', ['judge', 'chief']);
    for (const token of [undefined, f.tokens.judge, f.tokens.chief]) {
      expect(Object.keys((await api(s.url, token).get<SiteInfo>('/site')).body).sort()).toEqual([
        'loopback',
        'publicUrl',
        'source',
        'version',
      ]);
    }
  });
});

describe("the organiser's choice", () => {
  it('wins over the request and the network, survives a restart, and is cleared back to detection', async () => {
    const s = await server({ interfaces: () => withDocker });
    const admin = api(s.url, s.adminToken);
    const put = await admin.call('PUT', '/site/public-url', { url: ' http://10.0.0.5:3000/ ' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      publicUrl: 'http://10.0.0.5:3000',
      source: 'chosen',
      chosen: 'http://10.0.0.5:3000',
    });
    expect((await getAs(s, '/site', 'jiangxin.venue.lan')).body).toMatchObject({
      publicUrl: 'http://10.0.0.5:3000',
      source: 'chosen',
    });

    await s.stop();
    servers.splice(servers.indexOf(s), 1);
    const again = await server({ interfaces: () => withDocker });
    expect((await api(again.url).get('/site')).body).toMatchObject({
      publicUrl: 'http://10.0.0.5:3000',
      source: 'chosen',
    });

    const cleared = await api(again.url, again.adminToken).call('DELETE', '/site/public-url');
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      publicUrl: `http://192.168.31.20:${again.port}`,
      source: 'detected',
      chosen: null,
    });
  });

  it('may be a loopback address on purpose (one computer alone): still flagged as loopback', async () => {
    const s = await server({ interfaces: () => onlyLoopback });
    const put = await api(s.url, s.adminToken).call('PUT', '/site/public-url', { url: 'http://localhost:3000' });
    expect(put.body).toMatchObject({ publicUrl: 'http://localhost:3000', source: 'chosen', loopback: true });
    await api(s.url, s.adminToken).call('DELETE', '/site/public-url');
  });

  it('refuses what is not the address of a server, each with its reason', async () => {
    const s = await server();
    const admin = api(s.url, s.adminToken);
    const refused = [
      { url: 'ftp://10.0.0.5' },
      { url: 'http://10.0.0.5:3000/results' },
      { url: 'not an address' },
      { url: 'http://user:pw@10.0.0.5' },
      { url: `http://${'a'.repeat(300)}.org` },
      { url: 5 },
      {},
      { url: 'http://10.0.0.5', extra: 1 },
    ];
    for (const body of refused) {
      const r = await admin.call('PUT', '/site/public-url', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(issuesOf(r).length).toBeGreaterThan(0);
    }
    expect((await admin.call('PUT', '/site/public-url', '{')).status).toBe(400);
    expect((await api(s.url, s.adminToken).get<OrganiserSiteInfo>('/site')).body.chosen).toBeNull();
  });

  it("is the organiser's alone", async () => {
    const s = await server();
    const f = await makeFixture(s, 'scoring', ['chief']);
    const admin = api(s.url, s.adminToken);
    await admin.call('PUT', '/site/public-url', { url: 'http://10.0.0.7' });
    const chief = api(s.url, f.tokens.chief);
    expect((await api(s.url).call('PUT', '/site/public-url', { url: 'http://10.0.0.5' })).status).toBe(401);
    expect((await api(s.url).call('DELETE', '/site/public-url')).status).toBe(401);
    expect((await chief.call('PUT', '/site/public-url', { url: 'http://10.0.0.5' })).status).toBe(403);
    expect((await chief.call('DELETE', '/site/public-url')).status).toBe(403);
    expect((await admin.get<OrganiserSiteInfo>('/site')).body.chosen).toBe('http://10.0.0.7');
    await admin.call('DELETE', '/site/public-url');
  });
});

describe('certificates and the address', () => {
  it('are printed with the network address, and refused while only loopback is known and nothing was chosen', async () => {
    const lan = await server({ interfaces: () => withDocker });
    const f = await makeFixture(lan, 'certified', ['organiser']);
    const list = (await api(lan.url, lan.adminToken).get<CertificatesResponse>(`/contests/${f.lathe}/certificates`))
      .body.certificates;
    expect(list[0]!.url).toBe(`http://192.168.31.20:${lan.port}/verify/${list[0]!.code}`);

    const alone = await server({ interfaces: () => onlyLoopback });
    const pdf = await api(alone.url, alone.adminToken).get(`/contests/${f.lathe}/certificates.pdf`);
    expect(pdf.status).toBe(409);
    expect(refusalOf(pdf).code).toBe('public_url_unconfirmed');
    expect(refusalOf(pdf).message).toContain(alone.url);
    // The choice (even of loopback, on purpose) lets them print.
    await api(alone.url, alone.adminToken).call('PUT', '/site/public-url', { url: alone.url });
    const after = await fetch(`${alone.url}/api/v1/contests/${f.lathe}/certificates.pdf`, {
      headers: { authorization: `Bearer ${alone.adminToken}` },
    });
    expect(after.status).toBe(200);
    await api(alone.url, alone.adminToken).call('DELETE', '/site/public-url');
  });
});
