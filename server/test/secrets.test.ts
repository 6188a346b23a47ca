// Secrets never leak: through a whole scripted contest (import with PINs, right and wrong sign-ins,
// marks, certification, every export and download, the audit log, the overview, certificates, new
// PINs, an edit of an event), no PIN and no password appears in anything the server logs, in any
// response, in the exported files or stored in clear in any table. The only exceptions are the
// one-time PINs the server generates, in the import and the PINs-reset responses that hand them out.
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf, type DbHandle } from '../../db/create-db.ts';
import { startServer, type RunningServer } from '../start.ts';
import { ADMIN_PASSWORD, TEST_LAN, openTestDb, uuid } from './harness.ts';
import { smallEvent } from './authz/fixture.ts';
import { readWorkbook } from './workbook.ts';
import type { BatchResponse, ImportResult, SessionResponse } from '../../shared/api.ts';
import type { CertificatesResponse } from '../../shared/certification-api.ts';
import type { PinsResult } from '../../shared/roster-api.ts';

// The test database's organiser (shared with other test files on PostgreSQL, so the harness's password).
const PASSWORD = ADMIN_PASSWORD;
const WRONG_PASSWORDS = ['Org-Pa55word-7f3e9d', 'guess-Pa55-41c8e2'];
// 8 digits, so none can be mistaken for a number the server prints.
const GIVEN: Record<string, string> = {
  'a-judge': '48291375',
  'a-chief': '73021586',
  'a-shadow': '61520497',
  'b-judge': '90381764',
}; // b-chief: generated
const WRONG_PINS = ['13572468', '86427531'];

let server: RunningServer;
let db: DbHandle;
const logs: string[] = [];
/** Every response body (as text) with what it was, except those allowed to carry generated PINs. */
const seen: { what: string; text: string }[] = [];
const spies: ReturnType<typeof vi.spyOn>[] = [];

beforeAll(async () => {
  // Whatever any part of the server prints while the test runs is captured, not only its `log`.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    spies.push(
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logs.push(
          args
            .map((a) =>
              a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a),
            )
            .join(' '),
        );
      }),
    );
  }
  db = await openTestDb();
  server = await startServer({
    db,
    port: 0,
    host: '127.0.0.1',
    log: (m) => logs.push(m),
    interfaces: () => TEST_LAN,
    siteHost: '0.0.0.0',
  });
  await server.services.auth.ensureAdmin(PASSWORD, (m) => logs.push(m));
}, 60_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
  for (const s of spies) s.mockRestore();
});

async function call<T = unknown>(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; keep?: boolean } = {},
) {
  const res = await fetch(
    `${server.url}${path.startsWith('/api') || path.startsWith('/healthz') || path.startsWith('/metrics') ? path : `/api/v1${path}`}`,
    {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    },
  );
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const lines: string[] = [];
  res.headers.forEach((v, k) => lines.push(`${k}: ${v}`));
  const headers = lines.join('\n');
  if (opts.keep !== false) seen.push({ what: `${method} ${path} → ${res.status}`, text: `${headers}\n${text}` });
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json: json as T, bytes, text };
}

async function xlsxText(bytes: Uint8Array): Promise<string> {
  const wb = await readWorkbook(bytes);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text)))));
  expect(out.length).toBeGreaterThan(0);
  return out.join('\n');
}

/** Where a secret appears as a whole (not as part of a longer run of digits or letters). */
function occurrences(secret: string, haystack: string): boolean {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![0-9A-Za-z])${escaped}(?![0-9A-Za-z])`).test(haystack);
}

describe('secrets', () => {
  it('appear nowhere in logs, responses, exports or stored data, except generated PINs where they are handed out', async () => {
    const secrets = new Set<string>([PASSWORD, ...WRONG_PASSWORDS, ...Object.values(GIVEN), ...WRONG_PINS]);
    const handedOut: { what: string; text: string; pins: string[] }[] = [];

    // Import with PINs given for some judges and one to generate.
    const file = smallEvent();
    for (const c of file.contests)
      for (const j of c.judges) {
        if (GIVEN[j.code]) j.pin = GIVEN[j.code];
        else delete j.pin;
      }
    expect(
      (await call('POST', '/auth/login', { body: { username: 'admin', password: WRONG_PASSWORDS[0] } })).status,
    ).toBe(401);
    const admin = (
      await call<SessionResponse>('POST', '/auth/login', { body: { username: 'admin', password: PASSWORD } })
    ).json.token;
    const imported = await call<ImportResult>('POST', '/events', { token: admin, body: file, keep: false });
    expect(imported.status).toBe(201);
    const generated = imported.json.judges;
    expect(generated.map((j) => j.code)).toEqual(['b-chief']);
    handedOut.push({ what: 'import', text: imported.text, pins: generated.map((j) => j.pin) });
    for (const j of generated) secrets.add(j.pin);
    const pinOf = (code: string) => GIVEN[code] ?? generated.find((j) => j.code === code)!.pin;
    const eventId = imported.json.id;
    const [lathe, weld] = ['lathe', 'weld'].map((code) => imported.json.contests.find((c) => c.code === code)!.id) as [
      string,
      string,
    ];

    // Sign-ins: right and wrong PINs, until one account is locked; an unknown organiser; a wrong password.
    const judge = async (code: string) => {
      const r = await call<SessionResponse>('POST', '/auth/judge', {
        body: { event: eventId, judge: code, pin: pinOf(code) },
      });
      expect(r.status, code).toBe(200);
      return r.json.token;
    };
    for (const pin of WRONG_PINS)
      expect((await call('POST', '/auth/judge', { body: { event: eventId, judge: 'a-judge', pin } })).status).toBe(401);
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i++)
      status = (
        await call('POST', '/auth/judge', { body: { event: eventId, judge: 'a-shadow', pin: WRONG_PINS[i % 2] } })
      ).status;
    expect(status).toBe(429);
    expect(
      (await call('POST', '/auth/judge', { body: { event: eventId, judge: 'a-shadow', pin: GIVEN['a-shadow'] } }))
        .status,
    ).toBe(429);
    expect(
      (await call('POST', '/auth/login', { body: { username: 'nobody', password: WRONG_PASSWORDS[1] } })).status,
    ).toBe(401);
    // Mistyped bodies (a PIN or password without quotes): the parser's complaint must not quote them back.
    const raw = (path: string, text: string) =>
      fetch(`${server.url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      }).then(async (r) => {
        seen.push({ what: `POST ${path} (malformed) → ${r.status}`, text: await r.text() });
        return r.status;
      });
    expect(await raw('/auth/login', `{"username":"admin","password":${PASSWORD}}`)).toBe(400);
    expect(await raw('/auth/login', `{"username":"admin","password":[1,"${WRONG_PASSWORDS[1]}",x]}`)).toBe(400);
    expect(await raw('/auth/login', `{"username":"admin","password":"${PASSWORD}"}}`)).toBe(400);
    expect(await raw('/auth/judge', `{"event":"${eventId}","judge":"a-chief","pin":[${GIVEN['a-chief']},x]}`)).toBe(
      400,
    ); // V8 would quote it
    expect(await raw('/auth/judge', `{"event":"${eventId}","judge":"a-chief","pin":"${GIVEN['a-chief']}}`)).toBe(400);
    const [aJudge, aChief, bJudge, bChief] = [
      await judge('a-judge'),
      await judge('a-chief'),
      await judge('b-judge'),
      await judge('b-chief'),
    ];

    // A contest day: marks (a note, a batch), a flag accepted, review, certification, publication.
    for (const id of [lathe, weld])
      expect((await call('POST', `/contests/${id}/state`, { token: admin, body: { to: 'scoring' } })).status).toBe(200);
    const mark = (token: string, contest: string, contestant: string, criterion: string, value: number, extra = {}) =>
      call('POST', `/contests/${contest}/marks`, {
        token,
        body: { contestant, criterion, value, clientId: uuid(), ...extra },
      });
    expect((await mark(aJudge, lathe, 'A01', 'exam', 80, { note: '按时完成' })).status).toBe(201);
    expect((await mark(aJudge, lathe, 'A01', 'craft', 9)).status).toBe(201);
    expect((await mark(aChief, lathe, 'A01', 'craft', 3)).status).toBe(201);
    const batch = await call<BatchResponse>('POST', `/contests/${lathe}/marks/batch`, {
      token: aJudge,
      body: {
        marks: [
          { contestant: 'A02', criterion: 'exam', value: 70, clientId: uuid() },
          { contestant: 'A02', criterion: 'craft', value: 7, clientId: uuid() },
        ],
      },
    });
    expect(batch.json.results.map((r) => r.status)).toEqual([201, 201]);
    expect((await mark(aChief, lathe, 'A02', 'craft', 6)).status).toBe(201);
    expect((await mark(bJudge, weld, 'B01', 'exam', 66)).status).toBe(201);
    expect(
      (
        await call('POST', `/contests/${lathe}/flags`, {
          token: aChief,
          body: { contestant: 'A01', criterion: 'craft', reason: '合议确认' },
        })
      ).status,
    ).toBe(200);
    expect((await call('POST', `/contests/${lathe}/state`, { token: aChief, body: { to: 'review' } })).status).toBe(
      200,
    );
    expect((await call('POST', `/contests/${lathe}/state`, { token: aChief, body: { to: 'certified' } })).status).toBe(
      200,
    );
    expect((await call('POST', `/contests/${lathe}/state`, { token: admin, body: { to: 'published' } })).status).toBe(
      200,
    );
    expect(
      (await call('POST', `/contests/${lathe}/appeals`, { token: admin, body: { contestant: 'A02', text: '复核' } }))
        .status,
    ).toBe(201);

    // Everything there is to read, as the organiser, the chief judges, a judge and the public.
    const certs = await call<CertificatesResponse>('GET', `/contests/${lathe}/certificates`, { token: admin });
    expect(certs.json.certificates.length).toBeGreaterThan(0);
    const reads = [
      '/events',
      `/events/${eventId}`,
      `/events/${eventId}/teams`,
      `/contests/${lathe}`,
      `/contests/${lathe}/leaderboard`,
      `/contests/${weld}/leaderboard`,
      `/contests/${lathe}/certification`,
      `/verify/${certs.json.certificates[0]!.code}`,
      '/site',
      '/healthz',
    ];
    for (const path of reads)
      for (const token of [undefined, aJudge, admin])
        expect((await call('GET', path, { token })).status, path).toBeLessThan(300);
    for (const path of [
      `/events/${eventId}/file`,
      `/events/${eventId}/audit`,
      `/events/${eventId}/audit/verify`,
      `/events/${eventId}/overview`,
      `/events/${eventId}/appeals`,
      `/events/${eventId}/settings`,
      `/contests/${lathe}/marks`,
      `/contests/${lathe}/progress`,
      `/contests/${lathe}/appeals`,
      `/contests/${lathe}/export.csv`,
      `/contests/${lathe}/results.pdf`,
      `/contests/${lathe}/certificates.pdf`,
      `/events/${eventId}/export.csv`,
      '/auth/me',
      '/metrics',
    ]) {
      expect((await call('GET', path, { token: admin })).status, path).toBe(200);
    }
    for (const token of [aChief, bChief]) {
      for (const path of [
        '/auth/me',
        '/judge/sheet',
        `/contests/${lathe}/progress`,
        `/contests/${weld}/progress`,
        `/contests/${lathe}/marks`,
      ])
        await call('GET', path, { token });
    }
    await call('GET', '/judge/sheet', { token: aJudge });
    for (const path of [`/contests/${lathe}/export.xlsx`, `/events/${eventId}/export.xlsx`]) {
      const x = await call('GET', path, { token: admin, keep: false });
      expect(x.status).toBe(200);
      seen.push({ what: `${path} (cells)`, text: await xlsxText(x.bytes) });
    }
    // The archive holds PIN hashes only when the organiser asks for them, and never a PIN.
    for (const pins of [false, true]) {
      const path = `/events/${eventId}/archive${pins ? '?pins=include' : ''}`;
      const archive = await call('GET', path, { token: admin, keep: false });
      expect(archive.status).toBe(200);
      const archiveText = gunzipSync(archive.bytes).toString('utf8');
      seen.push({ what: `${path} (unpacked)`, text: archiveText });
      const judgeRows = JSON.parse(archiveText).tables.judges as Record<string, unknown>[];
      expect(judgeRows).toHaveLength(5);
      for (const j of judgeRows) {
        expect(Object.keys(j).some((k) => /^pin$/i.test(k))).toBe(false);
        expect(Object.values(j).some((v) => typeof v === 'string' && v.startsWith('$argon2id$'))).toBe(pins);
      }
    }
    // The live socket's boards.
    const so = io(`${server.url}/live`, { transports: ['websocket'], reconnection: false, auth: { token: admin } });
    seen.push({
      what: 'socket watch',
      text: JSON.stringify(await so.timeout(5000).emitWithAck('watch', { contest: weld })),
    });
    so.disconnect();

    // New PINs: handed out once; the new one signs in and is then as secret as the others.
    const reset = await call<PinsResult>('POST', `/events/${eventId}/judges/pins`, {
      token: admin,
      body: { judges: ['a-judge', 'b-chief'] },
      keep: false,
    });
    expect(reset.status).toBe(200);
    const fresh = reset.json.pins;
    expect(fresh).toHaveLength(2);
    handedOut.push({ what: 'pins reset', text: reset.text, pins: fresh.map((j) => j.pin) });
    for (const j of fresh) secrets.add(j.pin);
    expect(
      (await call('POST', '/auth/judge', { body: { event: eventId, judge: 'a-judge', pin: GIVEN['a-judge'] } })).status,
    ).toBe(401);
    expect(
      (await call('POST', '/auth/judge', { body: { event: eventId, judge: 'a-judge', pin: fresh[0]!.pin } })).status,
    ).toBe(200);
    await call('GET', `/events/${eventId}/audit`, { token: admin });

    // An event still in setup, edited with new PINs in the file.
    const second = smallEvent();
    for (const c of second.contests) for (const j of c.judges) j.pin = GIVEN[j.code] ?? '27364519';
    secrets.add('27364519');
    const created = await call<ImportResult>('POST', '/events', { token: admin, body: second });
    expect(created.status).toBe(201);
    expect(created.json.judges).toEqual([]);
    for (const c of second.contests) for (const j of c.judges) j.pin = j.pin!.split('').reverse().join('');
    for (const c of second.contests) for (const j of c.judges) secrets.add(j.pin!);
    expect((await call('PUT', `/events/${created.json.id}`, { token: admin, body: second })).status).toBe(200);
    await call('GET', `/events/${created.json.id}/file`, { token: admin });
    await call('GET', `/events/${created.json.id}/audit`, { token: admin });
    await call('POST', '/auth/logout', { token: admin });

    // Stored data: every row of every table, as text.
    const tables = rowsOf<{ table_name: string }>(
      await db.db.execute(
        sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      ),
    );
    expect(tables.length).toBeGreaterThan(5);
    for (const { table_name } of tables) {
      const rows = rowsOf<{ row: unknown }>(
        await db.db.execute(sql.raw(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`)),
      );
      seen.push({ what: `table ${table_name}`, text: rows.map((r) => String(r.row)).join('\n') });
    }

    // The handed-out responses carry their generated PINs and no other secret.
    for (const h of handedOut) {
      for (const pin of h.pins) expect(h.text, h.what).toContain(pin);
      const others = [...secrets].filter((x) => !h.pins.includes(x) && occurrences(x, h.text));
      expect(others, `${h.what} carries other secrets`).toEqual([]);
    }
    const leaks: string[] = [];
    for (const secret of secrets) {
      for (const s of seen)
        if (occurrences(secret, s.text)) leaks.push(`${s.what} contains a secret (${secret.slice(0, 2)}…)`);
      for (const line of logs)
        if (occurrences(secret, line))
          leaks.push(`the log contains a secret (${secret.slice(0, 2)}…): ${line.slice(0, 120)}`);
    }
    expect(leaks).toEqual([]);
    expect(seen.length).toBeGreaterThan(60);
    process.stdout.write(
      `secrets: ${secrets.size} secrets checked against ${seen.length} responses, files and tables and ${logs.length} log lines\n`,
    );
  }, 120_000);
});
