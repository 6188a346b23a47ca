// JSON bodies must say they are JSON (Content-Type: application/json, UTF-8 if a charset is named).
// A browser posts text/plain, form-encoded or multipart bodies across sites without asking; JSON it
// sends cross-site only after a CORS preflight this server never grants. So a form on another site
// can neither sign a tablet in to someone else's account nor act for a signed-in user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleEvent, importAndOpen, startTestServer, uuid, type TestServer } from './harness.ts';
import { endpointsOf, fill, pathParams, templates, type Ids } from './fuzz/routes.ts';
import type { ContestDetail, MarksResponse } from '../../shared/api.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

/** Types a cross-site form (or a careless client) sends; none of them is JSON. */
const NOT_JSON = [
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/jsonp',
  'application/octet-stream',
  undefined,
];

function send(path: string, body: string, type: string | undefined, token?: string) {
  const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}) };
  // fetch makes a string body text/plain unless told otherwise: a Blob without a type sends no header.
  if (type !== undefined) headers['content-type'] = type;
  const sent = type === undefined ? new Blob([body]) : body;
  return fetch(`${s.url}/api/v1${path}`, { method: 'POST', headers, body: sent });
}

async function expectNotJson(res: Response, what: string) {
  expect(res.status, what).toBe(400);
  const body = (await res.json()) as { error: { code: string; params?: { reason?: string } } };
  expect(body.error, what).toMatchObject({ code: 'invalid_json', params: { reason: 'content_type' } });
}

describe('a JSON body sent as another type', () => {
  it('signs nobody in: no session, no cookie', async () => {
    const credentials = JSON.stringify({ username: 'admin', password: 'test-admin-password' });
    for (const type of NOT_JSON) {
      const res = await send('/auth/login', credentials, type);
      expect(res.headers.get('set-cookie'), String(type)).toBeNull();
      await expectNotJson(res, String(type));
    }
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;Charset="UTF-8"']) {
      const res = await send('/auth/login', credentials, type);
      expect(res.status, type).toBe(200);
      await res.arrayBuffer();
    }
  });

  it('stores no mark and changes no state; the same body as JSON does', async () => {
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const courier = ev.contestId('courier');
    const timer = await ev.judgeToken('c-timer');
    for (const type of NOT_JSON) {
      const mark = JSON.stringify({ contestant: 'C001', criterion: 'exam', value: 80, clientId: uuid() });
      await expectNotJson(await send(`/contests/${courier}/marks`, mark, type, timer), `mark as ${type}`);
      const state = await send(`/contests/${courier}/state`, '{"to":"review"}', type, s.adminToken);
      await expectNotJson(state, `state as ${type}`);
    }
    expect((await ev.admin.get<MarksResponse>(`/contests/${courier}/marks`)).body.marks).toEqual([]);
    expect((await ev.admin.get<ContestDetail>(`/contests/${courier}`)).body.state).toBe('scoring');
    const mark = JSON.stringify({ contestant: 'C001', criterion: 'exam', value: 80, clientId: uuid() });
    expect((await send(`/contests/${courier}/marks`, mark, 'application/json; charset=utf-8', timer)).status).toBe(201);
  });

  it('is refused by every route that reads JSON, with the same 400', async () => {
    const ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const victim = await importAndOpen(s, exampleEvent('new-economy-contest'));
    const ids: Ids = {
      event: ev.id,
      contest: ev.contestId('courier'),
      victimEvent: victim.id,
      victimContest: victim.contestId('courier'),
    };
    // Not JSON: the archive is a file (its own type); logging out, a snapshot and identifying a
    // screen read no body.
    const notRead = [
      'POST /api/v1/events/archive',
      'POST /api/v1/auth/logout',
      'POST /api/v1/backups',
      'POST /api/v1/events/:id/screens/:screen/identify',
    ];
    const bodies = templates(ids);
    const routes = endpointsOf(s.services).filter((e) => ['POST', 'PUT', 'PATCH'].includes(e.method));
    let checked = 0;
    for (const e of routes) {
      const key = `${e.method} ${e.pattern}`;
      if (notRead.includes(key)) continue;
      const path = fill(e.pattern, pathParams(e, ids));
      const res = await fetch(`${s.url}${path}`, {
        method: e.method,
        headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'text/plain' },
        body: JSON.stringify(bodies[key]),
      });
      await expectNotJson(res, key);
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
  });
});
