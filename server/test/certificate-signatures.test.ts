// Certificates signed by the installation that issued them (server/domain/certification/signing.ts): an archive
// made on installation A and imported on B verifies there as "issued elsewhere", not valid, even
// when an attacker edited it to crown another winner and made every checksum agree; once B trusts
// A's key, an unedited archive's certificates verify as valid and an edited one's signatures fail.
// Certificates issued on B verify as valid, and a certificate edited there by SQL fails its signature.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../db/create-db.ts';
import { rowsOf } from '../../db/create-db.ts';
import { canonicalJson, sha256 } from '../domain/ids.ts';
import { installationIdentity } from '../domain/certification/signing.ts';
import { api, freshTestDb, refusalOf, startTestServer, type TestServer } from './harness.ts';
import type { ArchiveDoc } from './archive-doc.ts';
import type { ArchiveImportResponse } from '../../shared/backups-api.ts';
import type { CertificatesResponse, VerifyResponse } from '../../shared/certification-api.ts';
import type { EventOriginInfo, InstallationInfo } from '../../shared/installation-api.ts';
import type { BoardRow } from '../../shared/scoring/types.ts';
import { contestDay, type ContestDay } from './backup-fixture.ts';
import { swapNames } from './archive-forgery.ts';

let a: TestServer;
let b: TestServer;
let dbB: DbHandle;
let dropB: () => Promise<void> = async () => {};
/** Two events certified on A: one travels as exported, the other edited by an attacker. */
let honest: ContestDay;
let forged: ContestDay;
let honestArchive: ArchiveDoc;
let forgedArchive: ArchiveDoc;

interface Cert {
  code: string;
  bib: string;
  name: string;
  rank: number;
}

async function download(s: TestServer, eventId: string): Promise<{ doc: ArchiveDoc; text: string }> {
  const headers = { authorization: `Bearer ${s.adminToken}` };
  const res = await fetch(`${s.url}/api/v1/events/${eventId}/archive`, { headers });
  expect(res.status).toBe(200);
  const text = gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8');
  return { doc: JSON.parse(text) as ArchiveDoc, text };
}

const importInto = (s: TestServer, doc: unknown) =>
  api(s.url, s.adminToken).post<ArchiveImportResponse>('/events/archive', doc);
const verify = async (s: TestServer, code: string) => (await api(s.url).get<VerifyResponse>(`/verify/${code}`)).body;
const checksOf = (v: VerifyResponse) => Object.fromEntries(v.checks.map((c) => [c.check, c.ok]));

async function certificatesOf(s: TestServer, contestId: string): Promise<Cert[]> {
  const res = await api(s.url, s.adminToken).get<CertificatesResponse>(`/contests/${contestId}/certificates`);
  expect(res.status).toBe(200);
  return res.body.certificates;
}

const privateKeyOf = async (db: DbHandle) =>
  rowsOf<{ k: string }>(await db.db.execute(sql`SELECT private_key AS k FROM installation_key`))[0]!.k;

beforeAll(async () => {
  a = await startTestServer();
  ({ db: dbB, drop: dropB } = await freshTestDb('signing_b'));
  b = await startTestServer({ db: dbB });
  honest = await contestDay(a);
  forged = await contestDay(a);
  honestArchive = (await download(a, honest.id)).doc;
  const original = (await download(a, forged.id)).doc;
  const [winner, runnerUp] = (await certificatesOf(a, forged.contests[0]!.id)).sort((x, y) => x.rank - y.rank);
  forgedArchive = swapNames(original, winner!.name, runnerUp!.name);
}, 180_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await dbB?.close();
  await dropB();
});

describe('certificates of an imported event', () => {
  it('verify as valid where they were issued', async () => {
    const [first] = await certificatesOf(a, honest.contests[0]!.id);
    const v = await verify(a, first!.code);
    expect(v.status).toBe('valid');
    expect(v.signature).toMatchObject({ issuer: 'here', fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it("verify as issued elsewhere on another installation, an attacker's edited archive too", async () => {
    const honestImport = await importInto(b, honestArchive);
    expect(honestImport.status, JSON.stringify(honestImport.body).slice(0, 400)).toBe(201);
    const forgedImport = await importInto(b, forgedArchive);
    expect(forgedImport.status, JSON.stringify(forgedImport.body).slice(0, 400)).toBe(201);
    // The forgery is consistent with its marks, but not with the facts its audit chain recorded.
    expect(honestImport.body.audit).toMatchObject({ ok: true });
    const edited = expect.stringMatching(/changed outside the API/);
    expect(forgedImport.body.audit).toMatchObject({ ok: false, problem: edited });

    const self = (await api(a.url, a.adminToken).get<InstallationInfo>('/installation')).body.self;
    const [honestWinner] = await certificatesOf(b, honest.contests[0]!.id);
    const forgedCerts = await certificatesOf(b, forged.contests[0]!.id);
    const forgedWinner = forgedCerts.find((c) => c.rank === 1)!;
    const original = (await certificatesOf(a, forged.contests[0]!.id)).find((c) => c.rank === 1)!;
    expect(forgedWinner.code).toBe(original.code);
    expect(forgedWinner.name).not.toBe(original.name);

    for (const [code, edited] of [
      [honestWinner!.code, false],
      [forgedWinner.code, true],
    ] as const) {
      const v = await verify(b, code);
      expect(v.status).toBe(edited ? 'mismatch' : 'elsewhere');
      expect(v.signature).toEqual({ issuer: 'elsewhere', fingerprint: self.fingerprint, installation: self.name });
      const checks = { current: true, digest: true, marks: true, certificate: true, audit: !edited, signature: false };
      expect(checksOf(v)).toEqual(checks);
    }
  });

  it('show the organiser where the event came from, and the key it came with', async () => {
    const admin = api(b.url, b.adminToken);
    const self = (await api(a.url, a.adminToken).get<InstallationInfo>('/installation')).body.self;
    const origin = (await admin.get<EventOriginInfo>(`/events/${honest.id}/origin`)).body.origin;
    expect(origin).toMatchObject({
      installation: self.name,
      publicKey: self.publicKey,
      fingerprint: self.fingerprint,
      exportedAt: honestArchive.exportedAt,
      importedBy: 'organiser:admin',
      trust: 'untrusted',
    });
    const info = (await admin.get<InstallationInfo>('/installation')).body;
    expect(info.self.publicKey).not.toBe(self.publicKey);
    expect(info.trusted).toEqual([]);
    expect(info.seen).toEqual([
      {
        name: self.name,
        publicKey: self.publicKey,
        fingerprint: self.fingerprint,
        events: expect.arrayContaining([
          expect.objectContaining({ id: honest.id }),
          expect.objectContaining({ id: forged.id }),
        ]),
      },
    ]);
    // An event made here has no origin.
    expect((await api(a.url, a.adminToken).get(`/events/${honest.id}/origin`)).body).toEqual({ origin: null });
  });

  it("verify as valid once A's key is trusted on B, while an edited archive's signatures fail", async () => {
    const admin = api(b.url, b.adminToken);
    const self = (await api(a.url, a.adminToken).get<InstallationInfo>('/installation')).body.self;
    const trusted = await admin.post<InstallationInfo>('/installation/trusted-keys', { publicKey: self.publicKey });
    expect(trusted.status).toBe(200);
    expect(trusted.body.trusted).toEqual([
      expect.objectContaining({ publicKey: self.publicKey, name: self.name, trustedBy: 'organiser:admin' }),
    ]);
    expect(trusted.body.seen).toEqual([]);
    expect((await admin.get<EventOriginInfo>(`/events/${honest.id}/origin`)).body.origin?.trust).toBe('trusted');

    for (const cert of await certificatesOf(b, honest.contests[0]!.id)) {
      const v = await verify(b, cert.code);
      expect(v.status).toBe('valid');
      expect(v.signature).toEqual({ issuer: 'trusted', fingerprint: self.fingerprint, installation: self.name });
    }
    const forgedWinner = (await certificatesOf(b, forged.contests[0]!.id)).find((c) => c.rank === 1)!;
    const v = await verify(b, forgedWinner.code);
    expect(v.status).toBe('mismatch');
    const checks = { current: true, digest: true, marks: true, certificate: true, audit: false, signature: false };
    expect(checksOf(v)).toEqual(checks);

    const untrusted = await api(b.url, b.adminToken).call('DELETE', `/installation/trusted-keys/${self.publicKey}`);
    expect(untrusted.status).toBe(200);
    const [honestWinner] = await certificatesOf(b, honest.contests[0]!.id);
    expect((await verify(b, honestWinner!.code)).status).toBe('elsewhere');
    const again = await api(b.url, b.adminToken).call('DELETE', `/installation/trusted-keys/${self.publicKey}`);
    expect(again.status).toBe(404);
    expect(refusalOf(again)).toMatchObject({ code: 'not_found', params: { reason: 'trusted_key' } });
  });
});

describe('certificates issued on this installation', () => {
  it('verify as valid; a winner renamed by SQL in every row fails its signature', async () => {
    const day = await contestDay(b);
    const contest = day.contests[0]!.id;
    const [winner, runnerUp] = (await certificatesOf(b, contest)).sort((x, y) => x.rank - y.rank);
    for (const code of [winner!.code, runnerUp!.code]) {
      const v = await verify(b, code);
      expect(v.status).toBe('valid');
      expect(v.signature.issuer).toBe('here');
    }

    // The runner-up's name on the winner, consistently: contestant row, certified results and
    // their digest, certificate. Only the signature still knows.
    const db = b.db.db;
    const forgedName = runnerUp!.name;
    await db.execute(
      sql`UPDATE contestants SET name = ${forgedName} WHERE contest_id = ${contest} AND bib = ${winner!.bib}`,
    );
    const [cert] = rowsOf<{ id: string; results: BoardRow[] | string }>(
      await db.execute(sql`SELECT id::text AS id, results FROM certifications
        WHERE contest_id = ${contest} ORDER BY id DESC LIMIT 1`),
    );
    const rawResults = typeof cert!.results === 'string' ? (JSON.parse(cert!.results) as BoardRow[]) : cert!.results;
    const results = rawResults.map((r) => (r.bib === winner!.bib ? { ...r, name: forgedName } : r));
    await db.execute(sql`UPDATE certifications SET results = ${JSON.stringify(results)}::jsonb,
      digest = ${sha256(canonicalJson(results))} WHERE id = ${Number(cert!.id)}`);
    await db.execute(sql`UPDATE certificates SET name = ${forgedName} WHERE code = ${winner!.code}`);

    const v = await verify(b, winner!.code);
    expect(v.contestant.name).toBe(forgedName);
    expect(checksOf(v)).toMatchObject({ digest: true, certificate: true, audit: false, signature: false });
    expect(v.status).toBe('mismatch');
  });

  it('signs what was certified here before the key existed (an upgrade), never what was imported', async () => {
    const db = b.db.db;
    const [local] = await certificatesOf(b, (await contestDay(b)).contests[0]!.id);
    const [imported] = await certificatesOf(b, honest.contests[0]!.id);
    await db.execute(sql`DELETE FROM installation_key`);
    await db.execute(sql`UPDATE certifications SET signature = NULL, signing_key = NULL WHERE origin_id IS NULL`);
    await db.execute(sql`UPDATE certificates SET signature = NULL, signing_key = NULL WHERE certification_id IN
      (SELECT id FROM certifications WHERE origin_id IS NULL)`);
    expect((await verify(b, local!.code)).status).toBe('elsewhere');
    await installationIdentity(db);
    const v = await verify(b, local!.code);
    expect(v.status).toBe('valid');
    expect(v.signature.issuer).toBe('here');
    expect((await verify(b, imported!.code)).status).toBe('elsewhere');
  });

  it('never shows or exports the private key', async () => {
    const key = await privateKeyOf(a.db);
    expect(key.length).toBeGreaterThan(40);
    const { text } = await download(a, honest.id);
    expect(text).not.toContain(key);
    const info = await api(a.url, a.adminToken).get<InstallationInfo>('/installation');
    expect(JSON.stringify(info.body)).not.toContain(key);
    expect(Object.keys(info.body.self).sort()).toEqual(['createdAt', 'fingerprint', 'name', 'publicKey']);
  });

  it('lets only organisers see or change trusted keys', async () => {
    const anon = api(b.url);
    expect((await anon.get('/installation')).status).toBe(401);
    expect((await anon.post('/installation/trusted-keys', { publicKey: 'A'.repeat(43) })).status).toBe(401);
    const bad = await api(b.url, b.adminToken).post('/installation/trusted-keys', { publicKey: 'not a key' });
    expect(bad.status).toBe(400);
    expect(refusalOf(bad).issues?.[0]?.path).toBe('publicKey');
  });
});
