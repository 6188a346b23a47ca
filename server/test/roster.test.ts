// Preparing an event over HTTP: roster preview and import (CSV in UTF-8 or GBK, XLSX), judges
// with generated PINs, editing the event file while every contest is in setup, and new judge PINs.
// Each test imports its own event; the live board is read before and after every change, so the
// board cache has to notice the change.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFile } from '../../shared/event-file/schema.ts';
import { ContestBoard } from '../../shared/scoring/board.ts';
import {
  api,
  exampleEvent,
  importAndOpen,
  startTestServer,
  uuid,
  type TestServer,
  issuesOf,
  refusalOf,
} from './harness.ts';
import type { EventEditResult, PinsResult, RosterImportResult, RosterPreview } from '../../shared/roster-api.ts';
import type {
  ContestDetail,
  EventDetail,
  ImportResult,
  Leaderboard,
  MarkResponse,
  SessionResponse,
} from '../../shared/api.ts';
import { TestScreen } from './live-screen.ts';
import type { AuditPage, AuditVerification } from '../../shared/admin-api.ts';

let s: TestServer;
let admin: ReturnType<typeof api>;
beforeAll(async () => {
  s = await startTestServer();
  admin = api(s.url, s.adminToken);
});
afterAll(async () => s?.stop());

const exampleBytes = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url));
const csvText = (name: string) => exampleBytes(name).toString('utf8');
const csvBase64 = (name: string) => exampleBytes(name).toString('base64');

/** The new-economy example under a unique name; `emptyCourier` leaves the courier roster empty. */
function newEconomy({ emptyCourier = false } = {}): EventFile {
  const file = exampleEvent('new-economy-contest');
  file.name = `${file.name} ${uuid().slice(0, 8)}`;
  if (emptyCourier) file.contests[0]!.contestants = [];
  return file;
}

async function setUp(file: EventFile) {
  return importAndOpen(s, file, { open: false });
}

function stripPin(file: EventFile, code: string): EventFile {
  const copy = structuredClone(file);
  for (const c of copy.contests) for (const j of c.judges) if (j.code === code) delete j.pin;
  return copy;
}

const board = async (contestId: string) => (await admin.get<Leaderboard>(`/contests/${contestId}/leaderboard`)).body;
const storedFile = async (eventId: string) => (await admin.get<EventFile>(`/events/${eventId}/file`)).body;
const audit = async (eventId: string) => (await admin.get<AuditPage>(`/events/${eventId}/audit`)).body.entries;

function body(over: Record<string, unknown> = {}) {
  return {
    contest: 'courier',
    kind: 'contestants',
    format: 'csv',
    mode: 'replace',
    content: csvText('courier-contestants.csv'),
    ...over,
  };
}

describe('roster preview and import', () => {
  it('previews the broken CSV’s five problems, and its import stores nothing', async () => {
    const ev = await setUp(newEconomy());
    const courier = ev.contestId('courier');
    const before = await board(courier);
    const fileBefore = await storedFile(ev.id);

    const preview = await admin.post<RosterPreview>(
      `/events/${ev.id}/roster/preview`,
      body({ content: csvText('courier-contestants-broken.csv') }),
    );
    expect(preview.status).toBe(200);
    expect(preview.body.ok).toBe(false);
    expect(preview.body.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'bib', 'duplicate'],
      [4, 'name', 'required'],
      [5, 'organisation', 'unknown_organisation'],
      [6, 'bib', 'invalid'],
      [7, 'station', 'invalid'],
    ]);
    expect(preview.body.counts).toMatchObject({ rows: 6, problems: 5 });
    expect(preview.body.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(preview.body.rows[0]!.values).toEqual({ bib: 'C001', name: '廖强', organisation: 'yz', station: 'A-01' });

    const imported = await admin.post<RosterImportResult>(
      `/events/${ev.id}/roster/import`,
      body({ content: csvText('courier-contestants-broken.csv') }),
    );
    expect(imported.status).toBe(400);
    expect(refusalOf(imported).code).toBe('validation_failed');
    expect(issuesOf(imported).map((i) => i.path)).toEqual([
      'row 3 · bib',
      'row 4 · name',
      'row 5 · organisation',
      'row 6 · bib',
      'row 7 · station',
    ]);
    expect((await board(courier)).rows).toEqual(before.rows);
    expect(await storedFile(ev.id)).toEqual(fileBefore);
    expect((await audit(ev.id)).filter((e) => e.kind === 'roster')).toEqual([]);
  });

  it('imports the UTF-8 CSV and the GBK CSV (sent as bytes) as the same 24 contestants', async () => {
    const a = await setUp(newEconomy({ emptyCourier: true }));
    const b = await setUp(newEconomy({ emptyCourier: true }));
    expect((await board(a.contestId('courier'))).rows).toEqual([]); // primes the board cache

    const gbkPreview = await admin.post<RosterPreview>(
      `/events/${b.id}/roster/preview`,
      body({ content: csvBase64('courier-contestants-gbk.csv'), encoding: 'base64' }),
    );
    expect(gbkPreview.body).toMatchObject({
      ok: true,
      encoding: 'gb18030',
      counts: { rows: 24, problems: 0, new: 24, updated: 0, removed: 0 },
    });

    const ra = await admin.post<RosterImportResult>(`/events/${a.id}/roster/import`, body());
    const rb = await admin.post<RosterImportResult>(
      `/events/${b.id}/roster/import`,
      body({ content: csvBase64('courier-contestants-gbk.csv'), encoding: 'base64' }),
    );
    expect(ra.status).toBe(200);
    expect(ra.body).toEqual({ imported: 24 });
    expect(rb.body).toEqual({ imported: 24 });

    const names = async (ev: typeof a) =>
      (await board(ev.contestId('courier'))).rows.map((r) => `${r.bib} ${r.name} ${r.organisation}`).sort();
    const expected = exampleEvent('new-economy-contest')
      .contests[0]!.contestants.map((p) => `${p.bib} ${p.name} ${p.organisation}`)
      .sort();
    expect(await names(a)).toEqual(expected);
    expect(await names(b)).toEqual(expected);
    // GET /events/:id/file reflects the import, and the file still imports as an event.
    const file = await storedFile(a.id);
    expect(file.contests[0]!.contestants).toEqual(exampleEvent('new-economy-contest').contests[0]!.contestants);
    const again = await admin.post<ImportResult>('/events', { ...file, name: `${file.name} again` });
    expect(again.status).toBe(201);
    const entry = (await audit(a.id)).find((e) => e.kind === 'roster');
    expect(entry?.data).toMatchObject({ contest: 'courier', kind: 'contestants', mode: 'replace', rows: 24, new: 24 });
    expect((await admin.get<AuditVerification>(`/events/${a.id}/audit/verify`)).body.ok).toBe(true);
  });

  it('imports an XLSX workbook with Chinese headers, merged after the contestants already there', async () => {
    const ev = await setUp(newEconomy());
    const courier = ev.contestId('courier');
    const before = await board(courier);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('选手名单');
    ws.addRow(['参赛号', '姓名', '所属单位', '工位号', '状态']);
    ws.addRow(['C101', '新选手甲', 'sd', 'A-31', '']);
    ws.addRow(['C102', '新选手乙', 'el', 'A-32', '退赛']);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');

    const preview = await admin.post<RosterPreview>(
      `/events/${ev.id}/roster/preview`,
      body({ format: 'xlsx', content, mode: 'merge' }),
    );
    expect(preview.body).toMatchObject({ ok: true, counts: { rows: 2, new: 2, updated: 0, removed: 0 } });
    const res = await admin.post<RosterImportResult>(
      `/events/${ev.id}/roster/import`,
      body({ format: 'xlsx', content, mode: 'merge' }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 2 });
    const after = await board(courier);
    expect(after.rows.length).toBe(before.rows.length + 2);
    expect(after.seq).toBeGreaterThan(before.seq);
    expect(after.rows.find((r) => r.bib === 'C102')).toMatchObject({
      name: '新选手乙',
      organisation: 'el',
      status: 'withdrawn',
    });
    const file = await storedFile(ev.id);
    expect(file.contests[0]!.contestants.slice(-2).map((p) => p.bib)).toEqual(['C101', 'C102']);

    // Merging the same rows again: every bib is already there.
    const twice = await admin.post<RosterImportResult>(
      `/events/${ev.id}/roster/import`,
      body({ format: 'xlsx', content, mode: 'merge' }),
    );
    expect(twice.status).toBe(400);
    expect(issuesOf(twice).map((i) => i.path)).toEqual([
      'row 2 · bib',
      'row 2 · station',
      'row 3 · bib',
      'row 3 · station',
    ]);
  });

  it('imports judges with generated PINs that sign in, keeping a given PIN and no PIN in the log', async () => {
    const ev = await setUp(newEconomy());
    const csv = [
      '裁判编号,姓名,单位,评分项,裁判长,见习,PIN',
      'c-j5,新裁判甲,,packing；service,否,,',
      'c-j6,新裁判乙,jd,packing,,是,',
      'c-j7,新裁判丙,,*,,,7391',
    ].join('\r\n');
    const judgesBody = body({ kind: 'judges', content: csv, mode: 'merge' });
    const preview = await admin.post<RosterPreview>(`/events/${ev.id}/roster/preview`, judgesBody);
    expect(preview.body).toMatchObject({ kind: 'judges', ok: true, counts: { rows: 3, new: 3 } });
    expect(JSON.stringify(preview.body)).not.toContain('7391');

    const res = await admin.post<RosterImportResult>(`/events/${ev.id}/roster/import`, judgesBody);
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(3);
    expect(res.body.judges!.map((j) => j.code).sort()).toEqual(['c-j5', 'c-j6']);
    const pins: Record<string, string> = {
      'c-j7': '7391',
      ...Object.fromEntries(res.body.judges!.map((j) => [j.code, j.pin])),
    };
    for (const [judge, pin] of Object.entries(pins)) {
      const login = await api(s.url).post<SessionResponse>('/auth/judge', { event: ev.id, judge, pin });
      expect(login.status, judge).toBe(200);
    }
    // An existing judge still signs in with its PIN.
    expect(
      (
        await api(s.url).post<SessionResponse>('/auth/judge', {
          event: ev.id,
          judge: 'c-chief',
          pin: ev.pins.get('c-chief'),
        })
      ).status,
    ).toBe(200);
    const file = await storedFile(ev.id);
    expect(file.contests[0]!.judges.slice(-3)).toEqual([
      { code: 'c-j5', name: '新裁判甲', criteria: ['packing', 'service'], chief: false },
      { code: 'c-j6', name: '新裁判乙', organisation: 'jd', criteria: ['packing'], shadow: true },
      { code: 'c-j7', name: '新裁判丙', criteria: '*' },
    ]);
    const log = JSON.stringify(await audit(ev.id));
    for (const pin of Object.values(pins)) expect(log).not.toContain(pin);

    // Replace keeps the PIN of a judge named again without one, and removes the judges left out.
    const replace = await admin.post<RosterImportResult>(
      `/events/${ev.id}/roster/import`,
      body({ kind: 'judges', content: 'code,name,criteria,chief\nc-chief,高军,*,是\nc-j5,新裁判甲,packing,\n' }),
    );
    expect(replace.status).toBe(200);
    expect(replace.body.judges).toEqual([]);
    expect(
      (await api(s.url).post<SessionResponse>('/auth/judge', { event: ev.id, judge: 'c-j5', pin: pins['c-j5'] }))
        .status,
    ).toBe(200);
    expect(
      (await api(s.url).post<SessionResponse>('/auth/judge', { event: ev.id, judge: 'c-j7', pin: '7391' })).status,
    ).toBe(401);
    expect((await storedFile(ev.id)).contests[0]!.judges.map((j) => j.code)).toEqual(['c-chief', 'c-j5']);
  });

  it('refuses judge codes used in another contest of the event', async () => {
    const ev = await setUp(newEconomy());
    const res = await admin.post<RosterImportResult>(
      `/events/${ev.id}/roster/import`,
      body({ kind: 'judges', mode: 'merge', content: 'code,name,criteria\nR-CHIEF,冒名,*\n' }),
    );
    expect(res.status).toBe(400);
    expect(issuesOf(res)).toEqual([
      {
        path: 'row 2 · code',
        code: 'duplicate',
        message: expect.stringContaining('rider'),
        params: { reason: 'other_contest', contest: 'rider', row: 2, column: 'code', value: 'R-CHIEF' },
      },
    ]);
  });

  it('brings an organiser’s live board up to date after an import', async () => {
    const ev = await setUp(newEconomy({ emptyCourier: true }));
    const courier = ev.contestId('courier');
    const screen = new TestScreen({ url: s.url, contest: courier, token: s.adminToken });
    try {
      expect((await screen.watch()).rows).toEqual([]);
      expect((await admin.post<RosterImportResult>(`/events/${ev.id}/roster/import`, body())).status).toBe(200);
      await screen.until(() => (screen.board?.rows.length ?? 0) > 0);
      const now = await board(courier);
      expect(screen.board!.seq).toBe(now.seq);
      expect(screen.board!.rows).toEqual(now.rows);
      expect(screen.board!.rows.length).toBe(24);
    } finally {
      screen.close();
    }
  });

  it('imports only while the contest is in setup (409), and then changes nothing', async () => {
    const ev = await setUp(newEconomy({ emptyCourier: true }));
    const courier = ev.contestId('courier');
    expect((await admin.post(`/contests/${courier}/state`, { to: 'scoring' })).status).toBe(200);
    const res = await admin.post<RosterImportResult>(`/events/${ev.id}/roster/import`, body());
    expect(res.status).toBe(409);
    expect(refusalOf(res).message).toMatch(/setup/);
    expect((await board(courier)).rows).toEqual([]);
    // The rider contest is still in setup and can take its roster.
    const rider = await admin.post<RosterImportResult>(
      `/events/${ev.id}/roster/import`,
      body({ contest: 'rider', mode: 'merge', content: 'bib,name,organisation\nR901,新骑手,ml\n' }),
    );
    expect(rider.status).toBe(200);
  });
});

describe('PUT /events/:id', () => {
  it('changes names and weights while in setup, keeps ids and PINs, and the board follows', async () => {
    const ev = await setUp(newEconomy());
    const courier = ev.contestId('courier');
    const before = await board(courier);
    const file = await storedFile(ev.id);
    const edited = structuredClone(file);
    edited.name = `${file.name} (修订)`;
    const c = edited.contests[0]!;
    c.contestants[0]!.name = '廖强强';
    c.sections[0]!.weight = 0.5;
    c.sections[1]!.weight = 0.5;
    c.judges.push({ code: 'c-new', name: '新增裁判', criteria: ['exam'] });
    c.judges.find((j) => j.code === 'c-j2')!.pin = '24680';

    const res = await api(s.url, s.adminToken).call<EventEditResult>('PUT', `/events/${ev.id}`, edited);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(ev.id);
    expect(res.body.contests).toEqual(ev.contests);
    expect(res.body.judges.map((j) => j.code)).toEqual(['c-new']);
    expect(await storedFile(ev.id)).toEqual(stripPin(edited, 'c-j2'));
    expect((await admin.get<EventDetail>(`/events/${ev.id}`)).body.name).toBe(edited.name);
    expect((await admin.get<ContestDetail>(`/contests/${courier}`)).body.sections.map((x) => x.weight)).toEqual([
      0.5, 0.5,
    ]);
    const after = await board(courier);
    expect(after.seq).toBeGreaterThan(before.seq);
    expect(after.rows.find((r) => r.bib === c.contestants[0]!.bib)!.name).toBe('廖强强');
    expect((await audit(ev.id)).some((e) => e.kind === 'event_edit')).toBe(true);

    // Judges named again without a PIN keep theirs; the new one signs in with the generated PIN.
    const timer = await ev.judgeToken('c-timer');
    expect(
      (
        await api(s.url).post<SessionResponse>('/auth/judge', {
          event: ev.id,
          judge: 'c-new',
          pin: res.body.judges[0]!.pin,
        })
      ).status,
    ).toBe(200);
    // A PIN the file changes replaces the old one.
    expect(
      (await api(s.url).post<SessionResponse>('/auth/judge', { event: ev.id, judge: 'c-j2', pin: ev.pins.get('c-j2') }))
        .status,
    ).toBe(401);
    expect(
      (await api(s.url).post<SessionResponse>('/auth/judge', { event: ev.id, judge: 'c-j2', pin: '24680' })).status,
    ).toBe(200);

    // Marks are scored with the new weights: the same as the engine with the edited definition.
    expect((await admin.post(`/contests/${courier}/state`, { to: 'scoring' })).status).toBe(200);
    const bib = c.contestants[0]!.bib;
    const mark = await api(s.url, timer).post<MarkResponse>(`/contests/${courier}/marks`, {
      contestant: bib,
      criterion: 'exam',
      value: 80,
      clientId: uuid(),
    });
    expect(mark.status).toBe(201);
    const totalWith = (def: EventFile['contests'][number]) => {
      const engine = new ContestBoard(
        def,
        def.contestants.map((p) => ({ ...p, status: p.status ?? 'active' })),
      );
      engine.apply({ contestant: bib, criterion: 'exam', judge: 'c-timer', value: 80, revision: 1, order: 1 });
      return engine.rows().find((r) => r.bib === bib)!.total;
    };
    const row = (await board(courier)).rows.find((r) => r.bib === bib);
    expect(row!.total).toBe(totalWith(c));
    expect(row!.total).not.toBe(totalWith(file.contests[0]!));
  });

  it('adds and removes contests, moving a judge between them', async () => {
    const ev = await setUp(newEconomy());
    const file = await storedFile(ev.id);
    const rider = file.contests[1]!;
    const edited: EventFile = {
      ...file,
      contests: [
        { ...rider, code: 'rider2', judges: [...rider.judges, { code: 'c-j1', name: '史静', criteria: '*' }] },
      ],
    };
    const res = await api(s.url, s.adminToken).call<EventEditResult>('PUT', `/events/${ev.id}`, edited);
    expect(res.status).toBe(200);
    expect(res.body.contests.map((x) => x.code)).toEqual(['rider2']);
    expect(ev.contests.map((x) => x.id)).not.toContain(res.body.contests[0]!.id);
    expect((await admin.get<ContestDetail>(`/contests/${ev.contestId('courier')}`)).status).toBe(404);
    const login = await api(s.url).post<SessionResponse>('/auth/judge', {
      event: ev.id,
      judge: 'c-j1',
      pin: ev.pins.get('c-j1'),
    });
    expect(login.status).toBe(200);
    expect(login.body.judge?.contest).toBe(res.body.contests[0]!.id);
    expect(
      (
        await api(s.url).post<SessionResponse>('/auth/judge', {
          event: ev.id,
          judge: 'c-chief',
          pin: ev.pins.get('c-chief'),
        })
      ).status,
    ).toBe(401);
  });

  it('refuses an invalid file with every problem and its path in one answer, and changes nothing', async () => {
    const ev = await setUp(newEconomy());
    const before = await storedFile(ev.id);
    const bad = structuredClone(before);
    bad.contests[0]!.sections[0]!.weight = 0.9;
    bad.contests[0]!.contestants[1]!.bib = 'C 2';
    bad.contests[1]!.judges[0]!.criteria = ['nope'];
    Object.assign(bad, { extra: true });
    const res = await api(s.url, s.adminToken).call<EventEditResult>('PUT', `/events/${ev.id}`, bad);
    expect(res.status).toBe(400);
    expect(refusalOf(res)).toMatchObject({ code: 'validation_failed', params: { reason: 'event_file' } });
    // Unknown fields and wrong formats do not hide the rules between fields (CONTRACT §4).
    expect(
      issuesOf(res)
        .map((i) => [i.path, i.code])
        .sort(),
    ).toEqual([
      ['contests[0].contestants[1].bib', 'bad_format'],
      ['contests[0].sections', 'weights_sum'],
      ['contests[1].judges[0].criteria[0]', 'unknown_criterion'],
      ['extra', 'unknown_field'],
    ]);
    expect(await storedFile(ev.id)).toEqual(before);
  });

  it('is refused (409) once any contest has left setup', async () => {
    const ev = await setUp(newEconomy());
    await admin.post(`/contests/${ev.contestId('rider')}/state`, { to: 'scoring' });
    const file = await storedFile(ev.id);
    const res = await api(s.url, s.adminToken).call<EventEditResult>('PUT', `/events/${ev.id}`, {
      ...file,
      name: 'changed',
    });
    expect(res.status).toBe(409);
    expect(refusalOf(res).message).toContain('rider');
    expect((await storedFile(ev.id)).name).toBe(file.name);
  });
});

describe('POST /events/:id/judges/pins', () => {
  it('gives new PINs: the old PIN and open sessions stop working, the new PIN signs in', async () => {
    const ev = await setUp(newEconomy());
    const oldToken = await ev.judgeToken('c-j2');
    // A session in use (so this server process has it cached) ends at once too, not seconds later.
    expect((await api(s.url, oldToken).get('/judge/sheet')).status).toBe(200);
    const res = await admin.post<PinsResult>(`/events/${ev.id}/judges/pins`, { judges: ['c-j2', 'r-j1'] });
    expect(res.status).toBe(200);
    expect(res.body.pins.map((p) => [p.code, p.name, p.contest])).toEqual([
      ['c-j2', '姚秀兰', 'courier'],
      ['r-j1', '白静', 'rider'],
    ]);
    for (const p of res.body.pins) expect(p.pin).toMatch(/^[0-9]{6}$/);
    const pin = (code: string) => res.body.pins.find((p) => p.code === code)!.pin;
    expect(
      (await api(s.url).post<SessionResponse>('/auth/judge', { event: ev.id, judge: 'c-j2', pin: ev.pins.get('c-j2') }))
        .status,
    ).toBe(401);
    expect(
      (await api(s.url).post<SessionResponse>('/auth/judge', { event: ev.id, judge: 'c-j2', pin: pin('c-j2') })).status,
    ).toBe(200);
    expect((await api(s.url, oldToken).get('/judge/sheet')).status).toBe(401);
    // Judges not named keep their PINs.
    expect(
      (await api(s.url).post<SessionResponse>('/auth/judge', { event: ev.id, judge: 'c-j3', pin: ev.pins.get('c-j3') }))
        .status,
    ).toBe(200);
    const entry = (await audit(ev.id)).find((e) => e.kind === 'pins_reset');
    expect(entry?.data).toEqual({
      judges: [
        { code: 'c-j2', contest: 'courier' },
        { code: 'r-j1', contest: 'rider' },
      ],
    });
    expect(JSON.stringify(await audit(ev.id))).not.toContain(pin('c-j2'));
  });

  it('without a body renews every judge’s PIN, in the order of the event file', async () => {
    const file = newEconomy();
    const ev = await setUp(file);
    const res = await admin.post<PinsResult>(`/events/${ev.id}/judges/pins`);
    expect(res.status).toBe(200);
    expect(res.body.pins.map((p) => p.code)).toEqual(file.contests.flatMap((c) => c.judges.map((j) => j.code)));
  });
});

describe('permissions and bad requests', () => {
  it('answers 401 to strangers and 403 to judges on every endpoint', async () => {
    const ev = await setUp(newEconomy());
    const judge = api(s.url, await ev.judgeToken('c-chief'));
    const file = await storedFile(ev.id);
    for (const client of [api(s.url), judge]) {
      const want = client === judge ? 403 : 401;
      expect((await client.post<RosterPreview>(`/events/${ev.id}/roster/preview`, body())).status).toBe(want);
      expect((await client.post<RosterImportResult>(`/events/${ev.id}/roster/import`, body())).status).toBe(want);
      expect((await client.call<EventEditResult>('PUT', `/events/${ev.id}`, file)).status).toBe(want);
      expect((await client.post<PinsResult>(`/events/${ev.id}/judges/pins`, {})).status).toBe(want);
      expect((await client.post<RosterImportResult>(`/events/${ev.id}/roster/import`, 'not json')).status).toBe(want);
    }
    expect(await storedFile(ev.id)).toEqual(file);
  });

  it('answers bad bodies and unknown ids with 400 or 404, never 500', async () => {
    const ev = await setUp(newEconomy());
    const cases: [string, string, unknown, number][] = [
      ['POST', `/events/${ev.id}/roster/preview`, 'not json', 400],
      ['POST', `/events/${ev.id}/roster/preview`, '', 400],
      ['POST', `/events/${ev.id}/roster/preview`, [], 400],
      ['POST', `/events/${ev.id}/roster/preview`, body({ kind: 'referees' }), 400],
      ['POST', `/events/${ev.id}/roster/preview`, body({ mode: undefined }), 400],
      ['POST', `/events/${ev.id}/roster/preview`, body({ shoe: 1 }), 400],
      ['POST', `/events/${ev.id}/roster/preview`, body({ content: 42 }), 400],
      ['POST', `/events/${ev.id}/roster/preview`, body({ format: 'xlsx', content: 'not base64!' }), 400],
      [
        'POST',
        `/events/${ev.id}/roster/preview`,
        body({ format: 'xlsx', content: csvBase64('courier-contestants.csv') }),
        400,
      ],
      [
        'POST',
        `/events/${ev.id}/roster/preview`,
        body({ encoding: 'base64', content: Buffer.from([0xff, 0xfe, 0xfd, 0x80, 0x81]).toString('base64') }),
        400,
      ],
      [
        'POST',
        `/events/${ev.id}/roster/preview`,
        body({ encoding: 'base64', content: Buffer.from('bib,name,organisation\nC1,\u0000,sd\n').toString('base64') }),
        400,
      ],
      ['POST', `/events/${ev.id}/roster/preview`, body({ contest: 'nope' }), 404],
      ['POST', `/events/e-unknown/roster/preview`, body(), 404],
      ['POST', `/events/e-unknown/roster/import`, body(), 404],
      ['PUT', `/events/e-unknown`, newEconomy(), 404],
      ['PUT', `/events/${ev.id}`, 'not json', 400],
      ['PUT', `/events/${ev.id}`, { format: 'jiangxin/event@1' }, 400],
      ['POST', `/events/${ev.id}/judges/pins`, { judges: 'c-j1' }, 400],
      ['POST', `/events/${ev.id}/judges/pins`, { judges: ['Not A Code!'] }, 400],
      ['POST', `/events/${ev.id}/judges/pins`, { judges: ['c-nobody'] }, 404],
      ['POST', `/events/e-unknown/judges/pins`, {}, 404],
    ];
    for (const [method, path, payload, status] of cases) {
      const res = await api(s.url, s.adminToken).call(method, path, payload);
      expect(res.status, `${method} ${path} ${JSON.stringify(payload).slice(0, 80)}`).toBe(status);
      expect(refusalOf(res).message).toEqual(expect.any(String));
    }
    // A quote never closed is a problem of the file, shown in the preview like any other.
    const quote = await admin.post<RosterPreview>(
      `/events/${ev.id}/roster/preview`,
      body({ content: 'bib,name,organisation\nC1,"王磊,sd\nC2,李娜,sd\n' }),
    );
    expect(quote.status).toBe(200);
    expect(quote.body.problems[0]).toMatchObject({ row: 2, code: 'syntax' });
  });
});
