// Certified results and award certificates: certifying records who, when and what (with a digest),
// issues a certificate with a verification code to every award winner, and anyone can check a code.
// A mark edited in the database behind the API's back is caught by both the audit verification
// and the certificate's verification; an amendment supersedes the older certificates.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/create-db.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';
import { eventOf, oneSection, panel, WORKSHOPS } from './fixtures/events.ts';
import { canonicalJson, sha256 } from '../domain/ids.ts';
import { api, auditVerify, importAndOpen, startTestServer, uuid, type TestServer, refusalOf } from './harness.ts';
import type { AuditPage } from '../../shared/admin-api.ts';
import type { CertificatesResponse, CertificationResponse, VerifyResponse } from '../../shared/certification-api.ts';
import type { ContestDetail, Leaderboard, MarksResponse } from '../../shared/api.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

const BIBS = ['T1', 'T2', 'T3', 'T4', 'T5'];

// One section: exam (measurement, max 100) and form (judgement by one judge, max 20).
// Three award tiers of one contestant each, so some contestants win nothing.
function latheEvent(): EventFile {
  return eventOf('车工技能竞赛（证书）', [
    oneSection({
      code: 'lathe',
      name: '车工',
      awards: [
        { name: '一等奖', count: 1 },
        { name: '二等奖', count: 1 },
        { name: '三等奖', count: 1 },
      ],
      criteria: [
        { code: 'exam', name: '理论', kind: 'measurement', max: 100 },
        { code: 'form', name: '工件质量', kind: 'judgement', max: 20, judges: 1 },
      ],
      contestants: BIBS.map((bib, i) => ({
        bib,
        name: ['张伟', '王芳', '李强', '刘洋', '陈静'][i]!,
        organisation: i % 2 ? 'b' : 'a',
      })),
      judges: panel(['exam', 'form']),
    }),
  ]);
}

/** A contest with every contestant marked, in review; `certify` certifies it. */
async function reviewed() {
  const ev = await importAndOpen(s, latheEvent());
  const id = ev.contestId('lathe');
  const j1 = api(s.url, await ev.judgeToken('j1'));
  const chief = api(s.url, await ev.judgeToken('chief'));
  for (const [i, bib] of BIBS.entries()) {
    for (const [criterion, value] of [
      ['exam', 90 - i * 7],
      ['form', 12 + (i % 3)],
    ] as const) {
      expect(
        (await j1.post(`/contests/${id}/marks`, { contestant: bib, criterion, value, clientId: uuid() })).status,
      ).toBe(201);
    }
  }
  expect((await ev.admin.post(`/contests/${id}/state`, { to: 'review' })).status).toBe(200);
  const board = async () => (await ev.admin.get<Leaderboard>(`/contests/${id}/leaderboard`)).body.rows;
  const certify = async (who = ev.admin) => {
    const res = await who.post(`/contests/${id}/state`, { to: 'certified' });
    expect(res.status).toBe(200);
  };
  const certificates = async () => {
    const res = await ev.admin.get<CertificatesResponse>(`/contests/${id}/certificates`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const orgName = (code: string) => WORKSHOPS.find((o) => o.code === code)!.name;
  return { ev, id, j1, chief, board, certify, certificates, orgName };
}

const pub = () => api(s.url);

describe('certifying a contest', () => {
  it('records who certified, when, and a digest of exactly the certified results', async () => {
    const c = await reviewed();
    const rows = await c.board();
    const before = Date.now();
    await c.certify(c.chief);
    const after = Date.now();
    const res = await c.ev.admin.get<CertificationResponse>(`/contests/${c.id}/certification`);
    expect(res.status).toBe(200);
    const cert = res.body;
    expect(cert).toMatchObject({ id: expect.any(String), contest: c.id, certifiedBy: 'judge:chief' });
    expect(cert.results).toEqual(rows);
    expect(cert.digest).toBe(sha256(canonicalJson(cert.results)));
    const at = Date.parse(cert.certifiedAt);
    expect(at).toBeGreaterThanOrEqual(before - 5);
    expect(at).toBeLessThanOrEqual(after + 5);
    expect(cert.seq).toBe((await c.ev.admin.get<ContestDetail>(`/contests/${c.id}`)).body.seq);
    // The audit entry of the state change names the same digest and the certification.
    const audit = (await c.ev.admin.get<AuditPage>(`/events/${c.ev.id}/audit`)).body.entries;
    const entry = audit.find((e) => e.kind === 'state' && e.data.to === 'certified');
    const winners = rows.filter((r) => r.award !== null);
    expect(entry).toMatchObject({
      actor: 'judge:chief',
      at: cert.certifiedAt,
      data: { resultsDigest: cert.digest, certification: cert.id, certificates: winners.length, seq: cert.seq },
    });
    expect(await auditVerify(c.ev)).toMatchObject({ ok: true });
  });

  it("issues one certificate to each award winner, with the board's rank, total and award", async () => {
    const c = await reviewed();
    await c.certify();
    const rows = await c.board();
    const winners = rows.filter((r) => r.award !== null);
    expect(winners.length).toBeGreaterThan(0);
    expect(winners.length).toBeLessThan(rows.length); // the test means something only if someone wins nothing
    const list = await c.certificates();
    expect(list.certificationId).toBe(
      (await c.ev.admin.get<CertificationResponse>(`/contests/${c.id}/certification`)).body.id,
    );
    expect(list.certificates.map((x) => x.bib).sort()).toEqual(winners.map((r) => r.bib).sort());
    for (const x of list.certificates) {
      const row = winners.find((r) => r.bib === x.bib)!;
      expect(x).toEqual({
        code: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{10}$/),
        bib: row.bib,
        name: row.name,
        organisation: c.orgName(row.organisation),
        award: row.award,
        rank: row.rank,
        total: row.total,
        url: expect.stringMatching(new RegExp(`^http://[^/]+/verify/${x.code}$`)),
      });
    }
    expect(new Set(list.certificates.map((x) => x.code)).size).toBe(list.certificates.length);
  });

  it("verifies a code as valid with the certificate's facts, however the code is typed", async () => {
    const c = await reviewed();
    await c.certify();
    const first = (await c.certificates()).certificates[0]!;
    const cert = (await c.ev.admin.get<CertificationResponse>(`/contests/${c.id}/certification`)).body;
    const res = await pub().get<VerifyResponse>(`/verify/${first.code}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: first.code,
      event: { id: c.ev.id, name: latheEvent().name },
      contest: { id: c.id, code: 'lathe', name: '车工' },
      contestant: { bib: first.bib, name: first.name, organisation: first.organisation },
      award: first.award,
      rank: first.rank,
      total: first.total,
      certifiedAt: cert.certifiedAt,
      certifiedBy: 'organiser:admin',
      digest: cert.digest,
      status: 'valid',
      checks: ['current', 'digest', 'marks', 'certificate', 'audit', 'signature'].map((check) => ({ check, ok: true })),
      signature: {
        issuer: 'here',
        fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
        installation: expect.any(String),
      },
    });
    const typed = `${first.code.slice(0, 5).toLowerCase()} - ${first.code.slice(5)}`;
    expect((await pub().get<VerifyResponse>(`/verify/${encodeURIComponent(typed)}`)).body).toMatchObject({
      code: first.code,
      status: 'valid',
    });
  });

  it('answers 404 for an unknown or malformed code', async () => {
    for (const code of ['ABCDEFGH12', '0000000000', 'nope', 'x'.repeat(300)]) {
      const res = await pub().get<VerifyResponse>(`/verify/${code}`);
      expect(res.status, code).toBe(404);
      expect(refusalOf(res)).toMatchObject({ code: 'not_found', message: expect.stringMatching(/code/) });
    }
  });
});

describe('tampering and amendments', () => {
  it('catches a mark value edited in the database: the audit is not ok and the certificate is a mismatch', async () => {
    const c = await reviewed();
    const other = await reviewed();
    await c.certify();
    await other.certify();
    const first = (await c.certificates()).certificates[0]!;
    const otherFirst = (await other.certificates()).certificates[0]!;
    expect(await auditVerify(c.ev)).toMatchObject({ ok: true });
    const [mark] = (await c.ev.admin.get<MarksResponse>(`/contests/${c.id}/marks`)).body.marks.filter(
      (m) => m.contestant === first.bib && m.criterion === 'exam',
    );
    await s.db.db.execute(sql`UPDATE marks SET value = '10'::jsonb WHERE id = ${Number(mark!.id)}`);
    const audit = await auditVerify(c.ev);
    expect(audit.ok).toBe(false);
    expect(audit.problem).toMatch(new RegExp(`^mark ${mark!.id} was changed outside the API \\(value`));
    const v = (await pub().get<VerifyResponse>(`/verify/${first.code}`)).body;
    expect(v.status).toBe('mismatch');
    expect(v.checks).toEqual([
      { check: 'current', ok: true },
      { check: 'digest', ok: true },
      { check: 'marks', ok: false },
      { check: 'certificate', ok: true },
      { check: 'audit', ok: true },
      { check: 'signature', ok: true },
    ]);
    // Another event's marks and certificates are untouched.
    expect(await auditVerify(other.ev)).toMatchObject({ ok: true });
    expect((await pub().get<VerifyResponse>(`/verify/${otherFirst.code}`)).body.status).toBe('valid');
  });

  it('catches a mark deleted or added in the database', async () => {
    const deleted = await reviewed();
    const [gone] = (await deleted.ev.admin.get<MarksResponse>(`/contests/${deleted.id}/marks`)).body.marks;
    await s.db.db.execute(sql`DELETE FROM marks WHERE id = ${Number(gone!.id)}`);
    const v = await auditVerify(deleted.ev);
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(new RegExp(`^mark ${gone!.id} was deleted outside the API`));

    const added = await reviewed();
    const [copy] = (await added.ev.admin.get<MarksResponse>(`/contests/${added.id}/marks`)).body.marks.slice(-1);
    const inserted = await s.db.db.execute(sql`
      INSERT INTO marks (contest_id, contestant, criterion, judge, value, revision, client_id, fingerprint, shadow, seq)
      SELECT contest_id, contestant, criterion, judge, '99'::jsonb, revision + 1, ${uuid()}, fingerprint, shadow, seq
      FROM marks WHERE id = ${Number(copy!.id)} RETURNING id`);
    const newId = String(rowsOf<{ id: string | number }>(inserted)[0]!.id);
    const w = await auditVerify(added.ev);
    expect(w.ok).toBe(false);
    expect(w.problem).toMatch(new RegExp(`^mark ${newId} has no audit entry`));
  });

  it('catches certified results edited in the database', async () => {
    const c = await reviewed();
    await c.certify();
    const first = (await c.certificates()).certificates[0]!;
    await s.db.db.execute(
      sql`UPDATE certifications SET results = jsonb_set(results, '{0,total}', '100'::jsonb) WHERE contest_id = ${c.id}`,
    );
    const v = (await pub().get<VerifyResponse>(`/verify/${first.code}`)).body;
    expect(v.status).toBe('mismatch');
    expect(v.checks.filter((x) => !x.ok).map((x) => x.check)).toContain('digest');
  });

  it('supersedes the old certificates when results are amended and certified again', async () => {
    const c = await reviewed();
    await c.certify();
    const old = await c.certificates();
    const oldCode = old.certificates[0]!.code;
    expect(
      (await c.ev.admin.post(`/contests/${c.id}/state`, { to: 'review', reason: '申诉：复核理论成绩' })).status,
    ).toBe(200);
    // Reopened for amendment: the old certificate no longer stands, even before a new certification.
    expect((await pub().get<VerifyResponse>(`/verify/${oldCode}`)).body.status).toBe('superseded');
    const last = (await c.board()).at(-1)!;
    const fix = await c.chief.post(`/contests/${c.id}/marks`, {
      contestant: last.bib,
      criterion: 'exam',
      value: 100,
      clientId: uuid(),
      reason: '复核后更正',
    });
    expect(fix.status).toBe(201);
    await c.certify();
    const fresh = await c.certificates();
    expect(fresh.certificationId).not.toBe(old.certificationId);
    const rows = await c.board();
    expect(fresh.certificates.map((x) => [x.bib, x.rank, x.total, x.award]).sort()).toEqual(
      rows
        .filter((r) => r.award !== null)
        .map((r) => [r.bib, r.rank, r.total, r.award])
        .sort(),
    );
    const oldV = (await pub().get<VerifyResponse>(`/verify/${oldCode}`)).body;
    expect(oldV.status).toBe('superseded');
    expect(oldV.checks[0]).toEqual({ check: 'current', ok: false });
    for (const x of fresh.certificates)
      expect((await pub().get<VerifyResponse>(`/verify/${x.code}`)).body.status).toBe('valid');
    expect((await c.ev.admin.get<CertificationResponse>(`/contests/${c.id}/certification`)).body.id).toBe(
      fresh.certificationId,
    );
    expect(await auditVerify(c.ev)).toMatchObject({ ok: true });
  });
});

describe('who may read certified results', () => {
  it('lets only organisers list certificates, the chief judge read the certification, and the public once published', async () => {
    const c = await reviewed();
    expect(await c.ev.admin.get(`/contests/${c.id}/certification`)).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: expect.stringMatching(/not been certified/) } },
    });
    expect((await c.ev.admin.get(`/contests/${c.id}/certificates`)).status).toBe(404);
    await c.certify();
    expect((await pub().get(`/contests/${c.id}/certificates`)).status).toBe(401);
    expect((await c.chief.get(`/contests/${c.id}/certificates`)).status).toBe(403);
    expect((await c.j1.get(`/contests/${c.id}/certificates`)).status).toBe(403);
    const chiefView = await c.chief.get(`/contests/${c.id}/certification`);
    expect(chiefView.status).toBe(200);
    expect(chiefView.body).toEqual((await c.ev.admin.get(`/contests/${c.id}/certification`)).body);
    expect((await c.j1.get(`/contests/${c.id}/certification`)).status).toBe(403);
    expect((await pub().get(`/contests/${c.id}/certification`)).status).toBe(403);
    expect((await c.ev.admin.post(`/contests/${c.id}/state`, { to: 'published' })).status).toBe(200);
    expect(await pub().get(`/contests/${c.id}/certification`)).toMatchObject({ status: 200, body: chiefView.body });
    expect((await pub().get(`/contests/${c.id}/certificates`)).status).toBe(401);
    expect((await pub().get('/contests/nope/certification')).status).toBe(404);
    expect((await c.ev.admin.get('/contests/nope/certificates')).status).toBe(404);
  });
});
