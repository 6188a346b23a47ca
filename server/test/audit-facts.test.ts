// The audit chain covers every fact that decides or states a result, not only marks: a row of the
// definitions, contestants, judges, flag decisions, state changes, certifications or certificates
// changed, added or deleted behind the API's back makes GET /events/:id/audit/verify not ok, naming
// the fact and the contest, and the public check of a certificate of that contest not valid. Entries
// keep identity numbers masked.
import { eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/create-db.ts';
import { certifications } from '../../db/schema/index.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';
import { eventOf, oneSection, panel } from './fixtures/events.ts';
import { identityCheckCharacter, maskIdentityNumber } from '../../shared/identity/identity-number.ts';
import type { BoardRow } from '../../shared/scoring/types.ts';
import { canonicalJson, sha256 } from '../domain/ids.ts';
import { api, auditVerify, importAndOpen, startTestServer, uuid, type Reply, type TestServer } from './harness.ts';
import type { AuditPage } from '../../shared/admin-api.ts';
import type { CertificatesResponse, VerifyResponse } from '../../shared/certification-api.ts';
import type { Appeal } from '../../shared/appeals-api.ts';
import type { PinsResult } from '../../shared/roster-api.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

const ID_NUMBER = `11010519491231002${identityCheckCharacter('11010519491231002')}`;

function weldingEvent(): EventFile {
  return eventOf(`焊工技能竞赛（审计事实）${uuid().slice(0, 6)}`, [
    oneSection({
      code: 'weld',
      name: '焊接',
      awards: [
        { name: '一等奖', count: 1 },
        { name: '二等奖', count: 1 },
      ],
      criteria: [
        { code: 'film', name: '焊缝', kind: 'measurement', max: 50 },
        { code: 'finish', name: '外观', kind: 'judgement', max: 50, judges: 2, maxSpread: 5 },
      ],
      contestants: [
        { bib: 'W1', name: '王五', organisation: 'a' },
        { bib: 'W2', name: '赵六', organisation: 'b' },
        { bib: 'W3', name: '孙七', organisation: 'a' },
      ],
      judges: panel(['film', 'finish'], ['finish']),
    }),
  ]);
}

const ok = async <T>(p: Promise<Reply<T>>) => {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res;
};

type Client = ReturnType<typeof api>;
type Event = Awaited<ReturnType<typeof importAndOpen>>;

/** Every contestant of `bibs` marked by j1 and j2; W1's finish is flagged (45 − 30 > 5). */
async function markAll(ev: Event, id: string, bibs: string[]) {
  const j1 = api(s.url, await ev.judgeToken('j1'));
  const j2 = api(s.url, await ev.judgeToken('j2'));
  const mark = (who: Client, contestant: string, criterion: string, value: number) =>
    ok(who.post(`/contests/${id}/marks`, { contestant, criterion, value, clientId: uuid() }));
  for (const [i, bib] of bibs.entries()) {
    await mark(j1, bib, 'film', 45 - i * 5);
    await mark(j1, bib, 'finish', 30);
    await mark(j2, bib, 'finish', bib === 'W1' ? 45 : 32);
  }
  return { j1 };
}

/** Every contestant marked, W1's flagged finish accepted (with `flagReason`), in review. */
async function reviewed(flagReason = '合议：外观差异可接受') {
  const ev = await importAndOpen(s, weldingEvent());
  const id = ev.contestId('weld');
  const chief = api(s.url, await ev.judgeToken('chief'));
  await markAll(ev, id, ['W1', 'W2', 'W3']);
  await ok(chief.post(`/contests/${id}/flags`, { contestant: 'W1', criterion: 'finish', reason: flagReason }));
  await ok(ev.admin.post(`/contests/${id}/state`, { to: 'review' }));
  return { ev, id, chief };
}

async function certified() {
  const c = await reviewed();
  await ok(c.ev.admin.post(`/contests/${c.id}/state`, { to: 'certified' }));
  const winner = (await certificatesOf(c.ev, c.id)).find((x) => x.rank === 1)!;
  expect(winner.bib).toBe('W1');
  return { ...c, winner };
}

async function certificatesOf(ev: Event, id: string) {
  return (await ev.admin.get<CertificatesResponse>(`/contests/${id}/certificates`)).body.certificates;
}

const publicVerify = async (code: string) => (await api(s.url).get<VerifyResponse>(`/verify/${code}`)).body;

/** The certified results with the winner renamed, and their digest: what a careful forger writes. */
async function renamedResults(contestId: string, bib: string, name: string) {
  const [row] = await s.db.db.select().from(certifications).where(eq(certifications.contestId, contestId));
  const results = (row!.results as BoardRow[]).map((r) => (r.bib === bib ? { ...r, name } : r));
  return { id: row!.id, results, digest: sha256(canonicalJson(results)) };
}

async function renameInCertification(contestId: string, bib: string, name: string) {
  const r = await renamedResults(contestId, bib, name);
  await s.db.db.update(certifications).set({ results: r.results, digest: r.digest }).where(eq(certifications.id, r.id));
}

const renameContestant = (contestId: string, bib: string, name: string) =>
  s.db.db.execute(sql`UPDATE contestants SET name = ${name} WHERE contest_id = ${contestId} AND bib = ${bib}`);
const renameCertificate = (contestId: string, bib: string, name: string) =>
  s.db.db.execute(sql`UPDATE certificates SET name = ${name} WHERE contest_id = ${contestId} AND bib = ${bib}`);

describe('facts edited behind the API’s back', () => {
  it('a winner renamed in contestants, certification and certificate is found, and the certificate fails', async () => {
    const c = await certified();
    const other = await certified();
    expect(await auditVerify(c.ev)).toMatchObject({ ok: true });
    expect((await publicVerify(c.winner.code)).status).toBe('valid');

    await renameContestant(c.id, 'W1', '冒名者');
    await renameInCertification(c.id, 'W1', '冒名者');
    await renameCertificate(c.id, 'W1', '冒名者');

    const v = await auditVerify(c.ev);
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(
      /^the (contestants|certifications|certificates) of contest "weld" \(c\w+\) changed outside the API/,
    );
    const pub = await publicVerify(c.winner.code);
    expect(pub.contestant.name).toBe('冒名者');
    expect(pub.status).toBe('mismatch');
    // The checks of the results are fooled by a consistent rename; the audit sees it (and the certificate's
    // signature, where the certificate row is signed).
    const failed = pub.checks.filter((x) => !x.ok).map((x) => x.check);
    expect(failed).toContain('audit');
    expect(failed.filter((x: string) => x !== 'signature')).toEqual(['audit']);
    // Another event's facts and certificates are untouched.
    expect(await auditVerify(other.ev)).toMatchObject({ ok: true });
    expect((await publicVerify(other.winner.code)).status).toBe('valid');
  });

  const run = (query: SQL) => s.db.db.execute(query);
  const tamperings: [string, string, (c: { id: string; ev: { id: string } }) => Promise<unknown>][] = [
    ['the winner’s name in contestants', 'contestants', (c) => renameContestant(c.id, 'W1', '冒名者')],
    [
      'the winner’s name in the certification row',
      'certifications',
      (c) => renameInCertification(c.id, 'W1', '冒名者'),
    ],
    ['the winner’s name in the certificate row', 'certificates', (c) => renameCertificate(c.id, 'W1', '冒名者')],
    [
      'a flag decision inserted',
      'flags',
      (c) =>
        run(sql`
      INSERT INTO flag_resolutions (contest_id, contestant, criterion, reason, actor, seq)
      VALUES (${c.id}, 'W2', 'finish', '伪造', 'judge:chief', 5)`),
    ],
    [
      'a state change deleted',
      'states',
      (c) =>
        run(sql`
      DELETE FROM contest_states WHERE id = (SELECT min(id) FROM contest_states WHERE contest_id = ${c.id})`),
    ],
    [
      'a contestant added',
      'contestants',
      (c) =>
        run(sql`
      INSERT INTO contestants (contest_id, bib, name, organisation, position) VALUES (${c.id}, 'W9', '新人', 'a', 9)`),
    ],
    [
      'a judge renamed',
      'judges',
      (c) =>
        run(sql`
      UPDATE judges SET name = '他人' WHERE contest_id = ${c.id} AND code = 'j2'`),
    ],
    [
      'a criterion’s maximum raised',
      'criteria',
      (c) =>
        run(sql`
      UPDATE criteria SET max = 60 WHERE contest_id = ${c.id} AND code = 'film'`),
    ],
    ['the contest state set', 'states', (c) => run(sql`UPDATE contests SET state = 'published' WHERE id = ${c.id}`)],
  ];
  for (const [what, fact, tamper] of tamperings) {
    it(`${what} is found and named, and the certificate is not valid`, async () => {
      const c = await certified();
      await tamper(c);
      const v = await auditVerify(c.ev);
      expect(v.ok).toBe(false);
      const named = `^the ${fact} of contest "weld" \\(${c.id}\\) (changed|has no audit entry)`;
      expect(v.problem).toMatch(new RegExp(named));
      const pub = await publicVerify(c.winner.code);
      expect(pub.status).not.toBe('valid');
      expect(pub.checks).toContainEqual({ check: 'audit', ok: false });
    });
  }

  it('an organisation renamed is found as a fact of the event', async () => {
    const c = await certified();
    await s.db.db.execute(sql`UPDATE organisations SET name = '外单位' WHERE event_id = ${c.ev.id} AND code = 'a'`);
    expect(await auditVerify(c.ev)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^the organisations of the event changed outside the API/),
    });
    expect((await publicVerify(c.winner.code)).checks).toContainEqual({ check: 'audit', ok: false });
  });

  it('a whole contest added, with a certificate, is found, and that certificate is not valid', async () => {
    const c = await certified();
    const fake = `c${uuid().replace(/-/g, '').slice(0, 12)}`;
    const copy = (table: string, columns: string) =>
      run(
        sql.raw(`INSERT INTO ${table} (contest_id, ${columns})
      SELECT '${fake}', ${columns} FROM ${table} WHERE contest_id = '${c.id}'`),
      );
    await run(sql`INSERT INTO contests (id, event_id, code, name, position, state, seq, definition)
      SELECT ${fake}, event_id, 'fake', '伪造', 9, state, seq, definition FROM contests WHERE id = ${c.id}`);
    await copy('sections', 'code, name, weight, position');
    await copy('criteria', 'code, section_code, name, kind, max, spec, position');
    await copy('contestants', 'bib, name, organisation, station, status, position');
    await copy('certifications', 'seq, digest, results, certified_by, certified_at');
    const code = `ZZZZZ${c.winner.code.slice(5)}`;
    await run(sql`
      INSERT INTO certificates (code, certification_id, contest_id, bib, name, organisation, award, rank, total)
      SELECT ${code}, (SELECT max(id) FROM certifications WHERE contest_id = ${fake}), ${fake},
        bib, name, organisation, award, rank, total FROM certificates WHERE code = ${c.winner.code}`);
    const v = await auditVerify(c.ev);
    expect(v.ok).toBe(false);
    expect(v.problem).toBe(`the definition of contest "fake" (${fake}) has no audit entry: added outside the API`);
    expect((await publicVerify(code)).checks).toContainEqual({ check: 'audit', ok: false });
    expect((await publicVerify(c.winner.code)).status).toBe('valid');
  });

  it('an edit stays found after later changes through the API that do not change that fact', async () => {
    const c = await certified();
    await renameContestant(c.id, 'W2', '改名');
    await ok(c.ev.admin.post(`/contests/${c.id}/state`, { to: 'published' }));
    const v = await auditVerify(c.ev);
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(/^the contestants of contest "weld" \(c\w+\) changed outside the API between audit/);
  });
});

describe('a history through the API', () => {
  it('stays ok through edits, rosters, PINs, settings, flags, re-marks, freezes, amendments, appeals', async () => {
    const file = weldingEvent();
    const ev = await importAndOpen(s, file, { open: false });
    const id = ev.contestId('weld');
    const check = async (when: string) => expect(await auditVerify(ev), when).toMatchObject({ ok: true });
    file.contests[0]!.contestants.push({ bib: 'W4', name: '周八', organisation: 'b' });
    await ok(ev.admin.call('PUT', `/events/${ev.id}`, file));
    await check('after an edit of the event');
    const csv = 'bib,name,organisation\r\nW1,王五,a\r\nW2,赵六,b\r\nW3,孙七,a\r\nW4,周八,c';
    await ok(
      ev.admin.post(`/events/${ev.id}/roster/import`, {
        contest: 'weld',
        kind: 'contestants',
        format: 'csv',
        mode: 'replace',
        content: csv,
        addOrganisations: [{ code: 'c', name: '三车间' }],
      }),
    );
    await check('after a roster with a new organisation');
    await ok(ev.admin.post(`/events/${ev.id}/judges/pins`, {}));
    await ok(ev.admin.call('PUT', `/events/${ev.id}/settings`, { appealWindowMinutes: 120 }));
    await check('after new PINs and settings');
    const pins = (await ev.admin.post<PinsResult>(`/events/${ev.id}/judges/pins`, {})).body.pins;
    for (const p of pins) ev.pins.set(p.code, p.pin);
    await ok(ev.admin.post(`/contests/${id}/state`, { to: 'scoring' }));
    const chief = api(s.url, await ev.judgeToken('chief'));
    const { j1 } = await markAll(ev, id, ['W1', 'W2', 'W3', 'W4']);
    await ok(
      chief.post(`/contests/${id}/remarks`, { contestant: 'W2', criterion: 'film', judge: 'j1', reason: '复测' }),
    );
    await ok(j1.post(`/contests/${id}/marks`, { contestant: 'W2', criterion: 'film', value: 41, clientId: uuid() }));
    await ok(chief.post(`/contests/${id}/flags`, { contestant: 'W1', criterion: 'finish', reason: '合议接受' }));
    await ok(ev.admin.post(`/contests/${id}/freeze`, { frozen: true }));
    await ok(ev.admin.post(`/contests/${id}/freeze`, { frozen: false }));
    await check('while scoring');
    await ok(ev.admin.post(`/contests/${id}/state`, { to: 'review' }));
    await ok(ev.admin.post(`/contests/${id}/state`, { to: 'certified' }));
    await ok(ev.admin.post(`/contests/${id}/state`, { to: 'review', reason: '复核' }));
    const correction = { contestant: 'W3', criterion: 'film', value: 44, clientId: uuid(), reason: '复核更正' };
    await ok(chief.post(`/contests/${id}/marks`, correction));
    await ok(ev.admin.post(`/contests/${id}/state`, { to: 'certified' }));
    await check('after an amendment');
    const appealed = await ok(
      ev.admin.post<Appeal>(`/contests/${id}/appeals`, { contestant: 'W2', text: '对焊缝分有异议' }),
    );
    const appeal = appealed.body;
    await ok(ev.admin.post(`/appeals/${appeal.id}/decision`, { decision: 'rejected', reason: '复核无误' }));
    await ok(ev.admin.post(`/contests/${id}/state`, { to: 'published' }));
    await check('after an appeal and publishing');
    for (const x of await certificatesOf(ev, id)) expect((await publicVerify(x.code)).status).toBe('valid');
  });
});

describe('identity numbers in audit entries', () => {
  it('are masked in free-text reasons (flag, re-mark and mark), and the chain still verifies', async () => {
    const c = await reviewed(`身份证 ${ID_NUMBER} 的选手外观分合议接受`);
    await ok(c.ev.admin.post(`/contests/${c.id}/state`, { to: 'scoring' }));
    const remark = { contestant: 'W2', criterion: 'film', reason: `核对证件 ${ID_NUMBER}` };
    await ok(c.chief.post(`/contests/${c.id}/remarks`, remark));
    await ok(c.ev.admin.post(`/contests/${c.id}/state`, { to: 'review' }));
    const mark = { contestant: 'W3', criterion: 'film', value: 44, clientId: uuid(), reason: `证件号${ID_NUMBER}复测` };
    await ok(c.chief.post(`/contests/${c.id}/marks`, mark));
    const read = await c.ev.admin.get<AuditPage>(`/events/${c.ev.id}/audit`);
    const entries = read.body.entries;
    const text = JSON.stringify(entries);
    expect(text).not.toContain(ID_NUMBER);
    const masked = maskIdentityNumber(ID_NUMBER);
    expect(entries.find((e) => e.kind === 'flag.resolved')!.data.reason).toBe(`身份证 ${masked} 的选手外观分合议接受`);
    expect(entries.find((e) => e.kind === 'remark.requested')!.data.reason).toBe(`核对证件 ${masked}`);
    expect(entries.filter((e) => e.kind === 'mark').at(-1)!.data.reason).toBe(`证件号${masked}复测`);
    const stored = await s.db.db.execute(sql`
      SELECT count(*)::int AS n FROM audit_log WHERE event_id = ${c.ev.id} AND payload LIKE ${`%${ID_NUMBER}%`}`);
    expect(rowsOf<{ n: number }>(stored)[0]!.n).toBe(0);
    expect(await auditVerify(c.ev)).toMatchObject({ ok: true });
  });
});
