// Rosters as organisations write them: companies by name (京运物流) rather than the event's code,
// and companies the event does not have yet, which the organiser confirms adding with the import.
// Each test imports its own event.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFile } from '../../shared/event-file/schema.ts';
import { api, exampleEvent, importAndOpen, startTestServer, uuid, type TestServer, issuesOf } from './harness.ts';
import type { RosterImportResult, RosterPreview } from '../../shared/roster-api.ts';
import type { EventDetail, ImportResult, Leaderboard } from '../../shared/api.ts';
import type { AuditPage, AuditVerification } from '../../shared/admin-api.ts';

let s: TestServer;
let admin: ReturnType<typeof api>;
beforeAll(async () => {
  s = await startTestServer();
  admin = api(s.url, s.adminToken);
});
afterAll(async () => s?.stop());

const ORGANISATIONS = exampleEvent('new-economy-contest').organisations;
const nameOf = new Map(ORGANISATIONS.map((o) => [o.code, o.name]));

async function setUp() {
  const file = exampleEvent('new-economy-contest');
  file.name = `${file.name} ${uuid().slice(0, 8)}`;
  file.contests[0]!.contestants = [];
  return importAndOpen(s, file, { open: false });
}

/** The courier example with each organisation written by its name, as a company sends it. */
function courierByName(): string {
  const csv = readFileSync(new URL('../../examples/courier-contestants.csv', import.meta.url), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  return [
    '编号,姓名,单位,工位',
    ...lines.slice(1).map((line) => {
      const [bib, name, org, station] = line.split(',');
      return [bib, name, nameOf.get(org!), station].join(',');
    }),
  ].join('\n');
}

const withNewCompany = (csv: string) => `${csv}\nC025,新选手,京运快运,A-25\nC026,另一位,京运 快运,A-26\n`;

const body = (content: string, over: Record<string, unknown> = {}) => ({
  contest: 'courier',
  kind: 'contestants',
  format: 'csv',
  mode: 'replace',
  content,
  ...over,
});
const storedFile = async (eventId: string) => (await admin.get<EventFile>(`/events/${eventId}/file`)).body;
const audit = async (eventId: string) => (await admin.get<AuditPage>(`/events/${eventId}/audit`)).body.entries;

describe('organisations in a roster', () => {
  it('imports a roster that names organisations by name as the organisations’ codes', async () => {
    const ev = await setUp();
    const preview = await admin.post<RosterPreview>(`/events/${ev.id}/roster/preview`, body(courierByName()));
    expect(preview.body).toMatchObject({ ok: true, problems: [], unknownOrganisations: [] });
    expect(preview.body.namedOrganisations.map((o) => o.code).sort()).toEqual(['jd', 'yz', 'zt']);
    // The preview shows the cells as the file has them.
    expect(preview.body.rows[0]!.values.organisation).toBe('邮政速递兴化分公司');

    const res = await admin.post<RosterImportResult>(`/events/${ev.id}/roster/import`, body(courierByName()));
    expect(res.status).toBe(200);
    const codes = (list: { bib: string; organisation: string }[]) => list.map((p) => `${p.bib} ${p.organisation}`);
    const expected = exampleEvent('new-economy-contest').contests[0]!.contestants;
    expect(codes((await storedFile(ev.id)).contests[0]!.contestants)).toEqual(codes(expected));
  });

  it('lists the event’s organisations with a company it lacks, proposes adding it, and imports nothing', async () => {
    const ev = await setUp();
    const csv = withNewCompany(courierByName());
    const preview = await admin.post<RosterPreview>(`/events/${ev.id}/roster/preview`, body(csv));
    expect(preview.body.ok).toBe(false);
    expect(preview.body.problems).toEqual([
      {
        row: 26,
        column: 'organisation',
        value: '京运快运',
        code: 'unknown_organisation',
        params: { organisations: ORGANISATIONS },
        message: expect.any(String),
      },
      {
        row: 27,
        column: 'organisation',
        value: '京运 快运',
        code: 'unknown_organisation',
        params: { organisations: ORGANISATIONS },
        message: expect.any(String),
      },
    ]);
    expect(preview.body.unknownOrganisations).toEqual([{ name: '京运快运', code: 'org-1', rows: [26, 27] }]);

    const refused = await admin.post<RosterImportResult>(`/events/${ev.id}/roster/import`, body(csv));
    expect(refused.status).toBe(400);
    expect(issuesOf(refused)[0]).toEqual({
      path: 'row 26 · organisation',
      code: 'unknown_organisation',
      message: expect.any(String),
      params: { organisations: ORGANISATIONS, row: 26, column: 'organisation', value: '京运快运' },
    });
    const file = await storedFile(ev.id);
    expect(file.organisations).toEqual(ORGANISATIONS);
    expect(file.contests[0]!.contestants).toEqual([]);
  });

  it('adds the organisations the organiser confirms and imports the roster with them, in one step', async () => {
    const ev = await setUp();
    const csv = withNewCompany(courierByName());
    const adding = { addOrganisations: [{ code: 'jykd', name: '京运快运' }] };
    const preview = await admin.post<RosterPreview>(`/events/${ev.id}/roster/preview`, body(csv, adding));
    expect(preview.body).toMatchObject({ ok: true, unknownOrganisations: [], counts: { rows: 26, new: 26 } });
    // A preview adds nothing.
    expect((await storedFile(ev.id)).organisations).toEqual(ORGANISATIONS);

    const res = await admin.post<RosterImportResult>(`/events/${ev.id}/roster/import`, body(csv, adding));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 26 });
    const file = await storedFile(ev.id);
    expect(file.organisations).toEqual([...ORGANISATIONS, { code: 'jykd', name: '京运快运' }]);
    expect(file.contests[0]!.contestants.slice(-2).map((p) => p.organisation)).toEqual(['jykd', 'jykd']);
    expect((await admin.get<EventDetail>(`/events/${ev.id}`)).body.organisations).toContainEqual({
      code: 'jykd',
      name: '京运快运',
    });
    const board = (await admin.get<Leaderboard>(`/contests/${ev.contestId('courier')}/leaderboard`)).body;
    expect(board.rows.find((r) => r.bib === 'C025')).toMatchObject({ organisation: 'jykd' });

    const entries = await audit(ev.id);
    expect(entries.find((e) => e.kind === 'organisations_added')?.data).toEqual({
      contest: 'courier',
      via: 'roster',
      organisations: [{ code: 'jykd', name: '京运快运' }],
    });
    expect(entries.find((e) => e.kind === 'roster')?.data).toMatchObject({ rows: 26, addedOrganisations: ['jykd'] });
    expect((await admin.get<AuditVerification>(`/events/${ev.id}/audit/verify`)).body.ok).toBe(true);
    // The event file as stored imports again as an event.
    expect((await admin.post<ImportResult>('/events', { ...file, name: `${file.name} again` })).status).toBe(201);
  });

  it('adds no organisation when the roster has another problem', async () => {
    const ev = await setUp();
    const csv = `${withNewCompany(courierByName())}C001,重复编号,京运物流,A-99\n`;
    const adding = { addOrganisations: [{ code: 'jykd', name: '京运快运' }] };
    const res = await admin.post<RosterImportResult>(`/events/${ev.id}/roster/import`, body(csv, adding));
    expect(res.status).toBe(400);
    expect(issuesOf(res).map((i) => [i.path, i.code, i.params])).toEqual([
      ['row 28 · bib', 'duplicate', { reason: 'in_file', firstRow: 2, row: 28, column: 'bib', value: 'C001' }],
    ]);
    expect((await storedFile(ev.id)).organisations).toEqual(ORGANISATIONS);
    expect((await audit(ev.id)).filter((e) => e.kind !== 'event.imported')).toEqual([]);
  });

  it('refuses organisations to add whose code or name the event already has, and adds nothing', async () => {
    const ev = await setUp();
    const csv = withNewCompany(courierByName());
    const clash = {
      addOrganisations: [
        { code: 'jd', name: '京运快运' },
        { code: 'x', name: 'ＪＤ' },
        { code: 'Bad!', name: '丙' },
      ],
    };
    for (const step of ['preview', 'import']) {
      const res = await admin.post(`/events/${ev.id}/roster/${step}`, body(csv, clash));
      expect(res.status, step).toBe(400);
      expect(issuesOf(res)).toEqual([
        {
          path: 'addOrganisations[0].code',
          code: 'duplicate',
          message: expect.any(String),
          params: { what: 'organisation', value: 'jd', first: 'organisations[5].code' },
        },
        {
          path: 'addOrganisations[1].name',
          code: 'duplicate',
          message: expect.any(String),
          params: { what: 'organisation', value: 'ＪＤ', first: 'organisations[5].code' },
        },
        {
          path: 'addOrganisations[2].code',
          code: 'bad_format',
          message: expect.any(String),
          params: { format: 'code', value: 'Bad!' },
        },
      ]);
    }
    expect((await storedFile(ev.id)).organisations).toEqual(ORGANISATIONS);
  });

  it('adds organisations only while the contest is in setup', async () => {
    const ev = await setUp();
    expect((await admin.post(`/contests/${ev.contestId('courier')}/state`, { to: 'scoring' })).status).toBe(200);
    const adding = { addOrganisations: [{ code: 'jykd', name: '京运快运' }] };
    const res = await admin.post<RosterImportResult>(
      `/events/${ev.id}/roster/import`,
      body(withNewCompany(courierByName()), adding),
    );
    expect(res.status).toBe(409);
    expect((await storedFile(ev.id)).organisations).toEqual(ORGANISATIONS);
    expect((await audit(ev.id)).some((e) => e.kind === 'organisations_added')).toBe(false);
  });
});
