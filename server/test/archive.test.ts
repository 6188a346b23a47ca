// Event archives (GET /events/:id/archive, POST /events/archive): an event moves to another
// machine with every mark, state, flag, certification, appeal and its audit chain, and works there.
// Judges' PIN hashes travel only when the organiser asks; without them judges get new PINs there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { is, getTableName } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../db/schema/index.ts';
import type { DbHandle } from '../../db/create-db.ts';
import { NOT_ARCHIVED, TABLES } from '../backup/archive-tables.ts';
import { api, freshTestDb, refusalOf, startTestServer, uuid, type TestServer } from './harness.ts';
import { archiveDoc } from './archive-doc.ts';
import type { ArchiveImportResponse } from '../../shared/backups-api.ts';
import type { AuditVerification } from '../../shared/admin-api.ts';
import type { Leaderboard, MarkResponse, MarksResponse, SessionResponse } from '../../shared/api.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';
import type { PinsResult } from '../../shared/roster-api.ts';
import type { VerifyResponse } from '../../shared/certification-api.ts';
import { canonicalJson, newId, sha256 } from '../domain/ids.ts';
import { amendAfterAppeal, boardsOf, contestDay, type ContestDay } from './backup-fixture.ts';

let a: TestServer;
let b: TestServer;
let dbB: DbHandle;
let dropB: () => Promise<void> = async () => {};
let day: ContestDay;
/** As downloaded by default (no PIN hashes), and with ?pins=include. */
let archive: Buffer;
let archiveWithPins: Buffer;

async function download(query = '') {
  const headers = { authorization: `Bearer ${a.adminToken}` };
  const res = await fetch(`${a.url}/api/v1/events/${day.id}/archive${query}`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/gzip');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="jiangxin-archive-.+\.json\.gz"$/);
  return Buffer.from(await res.arrayBuffer());
}

beforeAll(async () => {
  a = await startTestServer();
  // A second, empty database of the same kind as the first: the "other machine".
  ({ db: dbB, drop: dropB } = await freshTestDb('archive_b'));
  b = await startTestServer({ db: dbB });
  day = await contestDay(a);
  await amendAfterAppeal(day);
  archive = await download();
  archiveWithPins = await download('?pins=include');
}, 120_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await dbB?.close();
  await dropB();
});

const postArchive = (s: TestServer, body: Uint8Array | string, token: string | null = s.adminToken) =>
  fetch(`${s.url}/api/v1/events/archive`, {
    method: 'POST',
    headers: {
      'content-type': typeof body === 'string' ? 'application/json' : 'application/gzip',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body as BodyInit,
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as ArchiveImportResponse }));

const parsedArchive = (file = archive) => archiveDoc(file);

describe('event archive', () => {
  it("covers every table of the schema except the installation's own", () => {
    const all = (Object.values(schema) as unknown[])
      .filter((v) => is(v, PgTable))
      .map((t) => getTableName(t as PgTable))
      .sort();
    const archived = TABLES.map((t) => t.name);
    expect([...archived, ...Object.keys(NOT_ARCHIVED)].sort()).toEqual(all);
    expect(Object.keys(parsedArchive().tables).sort()).toEqual([...archived].sort());
  });

  it('holds every mark revision, state change, flag, certification, appeal and audit entry', async () => {
    const doc = parsedArchive();
    expect(doc.format).toBe('jiangxin-archive@1');
    expect(doc.event).toBe(day.id);
    const t = doc.tables;
    expect(t.events).toHaveLength(1);
    const marksA = await day.admin.get<MarksResponse>(`/contests/${day.contests[0]!.id}/marks`);
    expect(marksA.status).toBe(200);
    const listed = marksA.body.marks;
    expect(t.marks.filter((m) => m.contest_id === day.contests[0]!.id)).toHaveLength(listed.length);
    expect(t.judges.length).toBe(12);
    expect(t.judges.some((j) => 'pin_hash' in j)).toBe(false);
    const carried = parsedArchive(archiveWithPins).tables.judges;
    expect(carried.every((j) => typeof j.pin_hash === 'string' && j.pin_hash.startsWith('$argon2id$'))).toBe(true);
    const amendment = { marks: [expect.any(String)] };
    expect(t.appeals).toEqual([expect.objectContaining({ status: 'upheld', amendment })]);
    const verify = await day.admin.get<AuditVerification>(`/events/${day.id}/audit/verify`);
    expect(t.audit_log).toHaveLength(verify.body.entries);
    expect(t.events[0]!.audit_head).toBe(verify.body.head);
    expect(t.contest_states.length).toBeGreaterThanOrEqual(4);
    expect(t.certifications.length).toBe(2);
    expect(t.certificates.length).toBeGreaterThan(0);
    expect(t.contests.find((c) => c.id === day.contests[1]!.id)!.frozen_seq).not.toBeNull();
  });

  it('recreates the event elsewhere: same boards, file and audit chain; judges sign in with their PINs', async () => {
    const imported = await postArchive(b, new Uint8Array(archiveWithPins));
    expect(imported.status).toBe(201);
    expect(imported.body.id).toBe(day.id);
    expect(imported.body.contests).toEqual(day.contests.map((c) => ({ id: c.id, code: c.code })));
    expect(imported.body.judgesWithoutPin).toBe(0);

    const ids = day.contests.map((c) => c.id);
    expect(await boardsOf(b, ids)).toEqual(await boardsOf(a, ids));
    const fileA = await day.admin.get<EventFile>(`/events/${day.id}/file`);
    const adminB = api(b.url, b.adminToken);
    expect((await adminB.get<EventFile>(`/events/${day.id}/file`)).body).toEqual(fileA.body);
    const verifyA = await day.admin.get<AuditVerification>(`/events/${day.id}/audit/verify`);
    const verifyB = await adminB.get<AuditVerification>(`/events/${day.id}/audit/verify`);
    expect(verifyB.body).toEqual(verifyA.body);
    expect(verifyB.body.ok).toBe(true);
    expect(imported.body.audit).toEqual(verifyA.body);

    // A judge of the second (still scoring) contest signs in on B with its original PIN and marks.
    const contest = day.contests[1]!;
    const judge = 's-qa';
    const login = await api(b.url).post<SessionResponse>('/auth/judge', {
      event: day.id,
      judge,
      pin: day.pins.get(judge),
    });
    expect(login.status).toBe(200);
    const before = await adminB.get<Leaderboard>(`/contests/${contest.id}/leaderboard`);
    const bib = before.body.rows[0]!.bib;
    const mark = await api(b.url, login.body.token).post<MarkResponse>(`/contests/${contest.id}/marks`, {
      contestant: bib,
      criterion: 'exam',
      value: 77,
      clientId: uuid(),
    });
    expect(mark.status).toBe(201);
    // Imported marks took this database's next ids; the new mark the one after them.
    const stored = (await adminB.get<MarksResponse>(`/contests/${contest.id}/marks`)).body.marks.map((m) =>
      Number(m.id),
    );
    expect(Number(mark.body.mark.id)).toBe(Math.max(...stored));
    expect(new Set(stored).size).toBe(stored.length);
    expect(mark.body.seq).toBeGreaterThan(before.body.seq);
    const after = await adminB.get<AuditVerification>(`/events/${day.id}/audit/verify`);
    expect(after.body).toMatchObject({ ok: true, entries: verifyA.body.entries + 1 });
  });

  it('without PIN hashes (the default), judges cannot sign in until the organiser issues new PINs', async () => {
    const { db, drop } = await freshTestDb('archive_c');
    const c = await startTestServer({ db });
    try {
      // As an archive written before origin ids existed: the column is simply absent.
      const doc = parsedArchive();
      for (const m of doc.tables.marks) delete m.origin_id;
      for (const x of doc.tables.certifications) delete x.origin_id;
      const imported = await postArchive(c, gzipSync(JSON.stringify(doc)));
      expect(imported.status, JSON.stringify(imported.body).slice(0, 500)).toBe(201);
      expect(imported.body.judgesWithoutPin).toBe(12);
      expect(imported.body.audit.ok).toBe(true);
      const judge = 's-qa';
      const oldPin = await api(c.url).post('/auth/judge', { event: day.id, judge, pin: day.pins.get(judge) });
      expect(oldPin.status).toBe(401);
      const adminC = api(c.url, c.adminToken);
      const issued = await adminC.post<PinsResult>(`/events/${day.id}/judges/pins`, { judges: [judge] });
      expect(issued.status).toBe(200);
      const login = await api(c.url).post<SessionResponse>('/auth/judge', {
        event: day.id,
        judge,
        pin: issued.body.pins[0]!.pin,
      });
      expect(login.status).toBe(200);
      const contest = day.contests[1]!;
      const bib = (await adminC.get<Leaderboard>(`/contests/${contest.id}/leaderboard`)).body.rows[0]!.bib;
      const mark = { contestant: bib, criterion: 'exam', value: 66, clientId: uuid() };
      expect((await api(c.url, login.body.token).post(`/contests/${contest.id}/marks`, mark)).status).toBe(201);
      expect((await adminC.get<AuditVerification>(`/events/${day.id}/audit/verify`)).body.ok).toBe(true);
    } finally {
      await c.stop();
      await db.close();
      await drop();
    }
  });

  it('takes ?pins=include or ?pins=omit, and refuses anything else', async () => {
    expect(parsedArchive(await download('?pins=omit')).tables.judges.some((j) => 'pin_hash' in j)).toBe(false);
    const bad = await day.admin.get(`/events/${day.id}/archive?pins=yes`);
    expect(bad.status).toBe(400);
    expect(refusalOf(bad).issues?.[0]).toMatchObject({ path: 'pins', code: 'one_of' });
  });

  it('refuses the same event twice (409), also as plain JSON', async () => {
    const again = await postArchive(b, gunzipSync(archive).toString('utf8'));
    expect(again.status).toBe(409);
    expect(refusalOf(again).message).toMatch(/already/);
  });

  it('refuses malformed archives with 400 and the problems, storing nothing', async () => {
    const doc = parsedArchive();
    const fresh = { ...doc, event: newId('e') };
    fresh.tables = { ...doc.tables, events: [{ ...doc.tables.events[0]!, id: fresh.event }] };

    const missingColumn = structuredClone(fresh);
    delete missingColumn.tables.marks[0]!.value;
    const r1 = await postArchive(b, gzipSync(JSON.stringify(missingColumn)));
    expect(r1.status).toBe(400);
    expect(refusalOf(r1).issues).toContainEqual(expect.objectContaining({ path: 'tables.marks[0].value' }));

    const wrongFormat = await postArchive(b, JSON.stringify({ ...fresh, format: 'jiangxin/event@1' }));
    expect(wrongFormat.status).toBe(400);
    expect(refusalOf(wrongFormat).issues?.[0]?.path).toBe('format');

    const strayContest = structuredClone(fresh);
    strayContest.tables.marks[0]!.contest_id = 'c_nowhere';
    const r3 = await postArchive(b, JSON.stringify(strayContest));
    expect(r3.status).toBe(400);
    expect(refusalOf(r3).issues).toContainEqual(expect.objectContaining({ path: 'tables.marks[0].contest_id' }));

    const badTime = structuredClone(fresh);
    badTime.tables.marks[0]!.received_at = 'yesterday';
    expect((await postArchive(b, JSON.stringify(badTime))).status).toBe(400);

    expect((await postArchive(b, new Uint8Array([0x1f, 0x8b, 1, 2, 3]))).status).toBe(400);
    expect((await postArchive(b, '{"format":')).status).toBe(400);
    expect((await postArchive(b, '')).status).toBe(400);
    expect((await api(b.url, b.adminToken).get(`/events/${fresh.event}`)).status).toBe(404);
  });

  it('names a winner renamed inside the archive: the import’s audit and the certificate check fail', async () => {
    const { db, drop } = await freshTestDb('archive_d');
    const d = await startTestServer({ db });
    try {
      const doc = parsedArchive();
      const contest = day.contests[0]!.id;
      const ofContest = doc.tables.certifications.filter((x) => x.contest_id === contest);
      const latest = Math.max(...ofContest.map((x) => Number(x.id)));
      const cert = doc.tables.certificates.find((c) => Number(c.certification_id) === latest && c.rank === 1)!;
      const forged = '冒名顶替';
      for (const p of doc.tables.contestants) if (p.contest_id === contest && p.bib === cert.bib) p.name = forged;
      for (const c of doc.tables.events[0]!.file.contests) {
        for (const p of c.contestants) if (p.bib === cert.bib) p.name = forged;
      }
      for (const x of doc.tables.certifications) {
        x.results = x.results.map((r) => (r.bib === cert.bib ? { ...r, name: forged } : r));
        x.digest = sha256(canonicalJson(x.results));
      }
      for (const c of doc.tables.certificates) if (c.bib === cert.bib) c.name = forged;
      const imported = await postArchive(d, gzipSync(JSON.stringify(doc)));
      expect(imported.status, JSON.stringify(imported.body).slice(0, 500)).toBe(201);
      const named = /^the (file|contestants|certifications|certificates) of (the event|contest) .*changed outside/;
      expect(imported.body.audit).toMatchObject({ ok: false, problem: expect.stringMatching(named) });
      const check = (await api(d.url).get<VerifyResponse>(`/verify/${cert.code}`)).body;
      expect(check.contestant.name).toBe(forged);
      expect(check.status).toBe('mismatch');
      expect(check.checks).toContainEqual({ check: 'audit', ok: false });
    } finally {
      await d.stop();
      await db.close();
      await drop();
    }
  }, 120_000);

  it('is for organisers only, and 404 for an unknown event', async () => {
    expect((await fetch(`${a.url}/api/v1/events/${day.id}/archive`)).status).toBe(401);
    expect((await postArchive(b, new Uint8Array(archive), null)).status).toBe(401);
    const judge = await day.judgeToken('s-qa');
    expect(
      (await fetch(`${a.url}/api/v1/events/${day.id}/archive`, { headers: { authorization: `Bearer ${judge}` } }))
        .status,
    ).toBe(403);
    expect((await day.admin.get('/events/no-such-event/archive')).status).toBe(404);
  });
});
