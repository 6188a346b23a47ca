// The event's audit log (CONTRACT §5): every change of state, flag, freeze and mark is there,
// chained by SHA-256; verify says ok, and any change made behind the API's back breaks it.
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFile } from '../../shared/event-file/schema.ts';
import { eventOf, oneSection, panel } from './fixtures/events.ts';
import { api, auditVerify, importAndOpen, startTestServer, uuid, type TestServer } from './harness.ts';
import type { AuditPage } from '../../shared/admin-api.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

function paintingEvent(): EventFile {
  return eventOf('喷涂工技能竞赛（审计）', [
    oneSection({
      code: 'paint',
      name: '喷涂',
      criteria: [
        { code: 'film', name: '膜厚', kind: 'measurement', max: 50 },
        { code: 'finish', name: '外观', kind: 'judgement', max: 50, judges: 2, maxSpread: 5 },
      ],
      contestants: [
        { bib: 'P1', name: '王五', organisation: 'a' },
        { bib: 'P2', name: '赵六', organisation: 'b' },
      ],
      judges: panel(['film', 'finish'], ['finish']),
    }),
  ]);
}

/** Runs a contest through every kind of change and returns what was done, in order. */
async function history() {
  const ev = await importAndOpen(s, paintingEvent(), { open: false });
  const id = ev.contestId('paint');
  const j1 = api(s.url, await ev.judgeToken('j1'));
  const j2 = api(s.url, await ev.judgeToken('j2'));
  const chief = api(s.url, await ev.judgeToken('chief'));
  const ok = async (p: Promise<{ status: number }>) => expect((await p).status).toBeLessThan(300);
  const marks: { clientId: string; contestant: string; criterion: string; value: number; judge: string }[] = [];
  const mark = async (
    who: ReturnType<typeof api>,
    judge: string,
    contestant: string,
    criterion: string,
    value: number,
    reason?: string,
  ) => {
    const m = { contestant, criterion, value, clientId: uuid(), ...(reason ? { reason } : {}) };
    await ok(who.post(`/contests/${id}/marks`, m));
    marks.push({ ...m, judge });
  };
  await ok(ev.admin.post(`/contests/${id}/state`, { to: 'scoring' }));
  for (const bib of ['P1', 'P2']) {
    await mark(j1, 'j1', bib, 'film', 40);
    await mark(j1, 'j1', bib, 'finish', 30);
    await mark(j2, 'j2', bib, 'finish', bib === 'P1' ? 45 : 32); // P1: 45 − 30 > 5, flagged
  }
  await ok(
    chief.post(`/contests/${id}/flags`, { contestant: 'P1', criterion: 'finish', reason: '合议：外观确有差异，接受' }),
  );
  await ok(ev.admin.post(`/contests/${id}/freeze`, { frozen: true }));
  await ok(ev.admin.post(`/contests/${id}/freeze`, { frozen: false }));
  await ok(ev.admin.post(`/contests/${id}/state`, { to: 'review' }));
  await mark(chief, 'chief', 'P2', 'film', 41, '复测膜厚');
  await ok(ev.admin.post(`/contests/${id}/state`, { to: 'certified' }));
  await ok(ev.admin.post(`/contests/${id}/state`, { to: 'review', reason: '申诉：复核P2外观分' }));
  return { ev, id, marks };
}

describe('GET /events/:id/audit', () => {
  it('records every state change, flag, freeze and mark, in order', async () => {
    const { ev, id, marks } = await history();
    const res = await ev.admin.get<AuditPage>(`/events/${ev.id}/audit`);
    expect(res.status).toBe(200);
    const entries = res.body.entries;
    expect(entries.map((e) => e.n)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.map((e) => e.kind)).toEqual([
      'event.imported',
      'state',
      'mark',
      'mark',
      'mark',
      'mark',
      'mark',
      'mark',
      'flag.resolved',
      'freeze',
      'unfreeze',
      'state',
      'mark',
      'state',
      'state',
    ]);
    for (const e of entries) {
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(new Date(e.at).toISOString()).toBe(e.at);
      if (e.kind !== 'event.imported') expect(e.contest).toBe(id);
    }
    expect(new Set(entries.map((e) => e.hash)).size).toBe(entries.length);
    const states = entries.filter((e) => e.kind === 'state');
    expect(states.map((e) => [e.data.from, e.data.to, e.data.reason, e.actor])).toEqual([
      ['setup', 'scoring', undefined, 'organiser:admin'],
      ['scoring', 'review', undefined, 'organiser:admin'],
      ['review', 'certified', undefined, 'organiser:admin'],
      ['certified', 'review', '申诉：复核P2外观分', 'organiser:admin'],
    ]);
    const logged = entries.filter((e) => e.kind === 'mark');
    expect(
      logged.map((e) => ({
        clientId: e.data.clientId,
        contestant: e.data.contestant,
        criterion: e.data.criterion,
        value: e.data.value,
        judge: e.data.judge,
      })),
    ).toEqual(
      marks.map(({ clientId, contestant, criterion, value, judge }) => ({
        clientId,
        contestant,
        criterion,
        value,
        judge,
      })),
    );
    expect(logged.at(-1)).toMatchObject({ actor: 'judge:chief', data: { reason: '复测膜厚' } });
    expect(entries.find((e) => e.kind === 'flag.resolved')).toMatchObject({
      actor: 'judge:chief',
      data: { contestant: 'P1', criterion: 'finish', reason: '合议：外观确有差异，接受' },
    });
  });

  it('pages with after and limit, and is for organisers only', async () => {
    const { ev } = await history();
    const all = (await ev.admin.get<AuditPage>(`/events/${ev.id}/audit`)).body.entries;
    const page = await ev.admin.get<AuditPage>(`/events/${ev.id}/audit?after=2&limit=3`);
    expect(page.body.entries).toEqual(all.slice(2, 5));
    expect((await ev.admin.get<AuditPage>(`/events/${ev.id}/audit?after=${all.length}`)).body.entries).toEqual([]);
    const judge = api(s.url, await ev.judgeToken('chief'));
    expect((await judge.get(`/events/${ev.id}/audit`)).status).toBe(403);
    expect((await judge.get(`/events/${ev.id}/audit/verify`)).status).toBe(403);
    expect((await api(s.url).get(`/events/${ev.id}/audit`)).status).toBe(401);
    expect((await api(s.url).get(`/events/${ev.id}/audit/verify`)).status).toBe(401);
  });

  it('does not log refused changes', async () => {
    const { ev, id } = await history();
    const count = (await auditVerify(ev)).entries;
    const chief = api(s.url, await ev.judgeToken('chief'));
    await ev.admin.post(`/contests/${id}/state`, { to: 'published' }); // review → published: 409
    await ev.admin.post(`/contests/${id}/marks`, { contestant: 'P1', criterion: 'film', value: 40, clientId: uuid() }); // no reason: 400
    await chief.post(`/contests/${id}/flags`, { contestant: 'P2', criterion: 'finish', reason: 'x' }); // not flagged: 409
    await ev.admin.post(`/contests/${id}/marks`, {
      contestant: 'P1',
      criterion: 'film',
      value: 99,
      clientId: uuid(),
      reason: 'r',
    }); // > max: 400
    expect(await auditVerify(ev)).toMatchObject({ ok: true, entries: count });
  });
});

describe('GET /events/:id/audit/verify', () => {
  it('is ok with the number of entries and the newest hash as head', async () => {
    const { ev } = await history();
    const entries = (await ev.admin.get<AuditPage>(`/events/${ev.id}/audit`)).body.entries;
    expect(await auditVerify(ev)).toEqual({ ok: true, entries: entries.length, head: entries.at(-1)!.hash });
  });

  const tamperings: [string, (event: string) => SQL][] = [
    [
      'a mark value edited',
      (e) =>
        sql`UPDATE audit_log SET payload = replace(payload, '"value":45', '"value":35') WHERE event_id = ${e} AND kind = 'mark'`,
    ],
    [
      'a reason edited',
      (e) =>
        sql`UPDATE audit_log SET payload = replace(payload, '申诉', '无') WHERE event_id = ${e} AND kind = 'state'`,
    ],
    [
      'an actor column edited',
      (e) => sql`UPDATE audit_log SET actor = 'organiser:someone' WHERE event_id = ${e} AND n = 2`,
    ],
    ['an entry deleted', (e) => sql`DELETE FROM audit_log WHERE event_id = ${e} AND n = 5`],
    [
      'the newest entry deleted',
      (e) =>
        sql`DELETE FROM audit_log WHERE event_id = ${e} AND n = (SELECT max(n) FROM audit_log WHERE event_id = ${e})`,
    ],
    [
      'two entries swapped',
      (e) => sql`UPDATE audit_log a SET payload = b.payload, hash = b.hash FROM audit_log b
      WHERE a.event_id = ${e} AND b.event_id = ${e} AND ((a.n = 3 AND b.n = 4) OR (a.n = 4 AND b.n = 3))`,
    ],
    [
      'a hash rewritten',
      (e) =>
        sql`UPDATE audit_log SET hash = encode(sha256(convert_to(payload, 'UTF8')), 'hex') WHERE event_id = ${e} AND n = 6`,
    ],
  ];
  for (const [what, tamper] of tamperings) {
    it(`is not ok after ${what} in the database`, async () => {
      const { ev } = await history();
      const other = await history();
      expect((await auditVerify(ev)).ok).toBe(true);
      await s.db.db.execute(tamper(ev.id));
      const v = await auditVerify(ev);
      expect(v.ok).toBe(false);
      expect(typeof v.problem).toBe('string');
      expect(await auditVerify(other.ev)).toMatchObject({ ok: true }); // another event's chain is untouched
    });
  }

  it('is 404 for an unknown event', async () => {
    expect((await api(s.url, s.adminToken).get('/events/nope/audit/verify')).status).toBe(404);
  });
});
