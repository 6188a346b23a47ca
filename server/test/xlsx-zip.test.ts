// XLSX rosters as ZIP files: every part a ZIP holds is counted and unpacked under the budget,
// whatever its end record counts or its headers declare, so a small upload cannot make the server
// unpack gigabytes; and workbooks as real writers make them (ExcelJS, ZIP64, data descriptors)
// still import. Crafted files are built here with node:zlib, never committed.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/roster/csv.ts';
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
import { expectRefusal } from './fuzz/expect.ts';
import type { RosterPreview } from '../../shared/roster-api.ts';
import { readZip, repeatedPart, writeZip, type ZipLayout, type ZipPart } from './fuzz/zip.ts';

let s: TestServer;
let admin: ReturnType<typeof api>;
let eventId: string;
let workbook: Map<string, ZipPart>;

beforeAll(async () => {
  s = await startTestServer();
  admin = api(s.url, s.adminToken);
  const file = exampleEvent('new-economy-contest');
  file.name = `${file.name} ${uuid().slice(0, 8)}`;
  eventId = (await importAndOpen(s, file, { open: false })).id;
  // The example courier roster, saved as a workbook by ExcelJS.
  const csv = readFileSync(join(import.meta.dirname, '../../examples/courier-contestants.csv'), 'utf8');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  for (const record of parseCsv(csv).records) ws.addRow(record.cells);
  workbook = new Map([...readZip(new Uint8Array(await wb.xlsx.writeBuffer()))].map(([k, data]) => [k, { data }]));
});
afterAll(async () => s?.stop());

const roster = (zip: Buffer) => ({
  contest: 'courier',
  kind: 'contestants',
  format: 'xlsx',
  mode: 'replace',
  content: zip.toString('base64'),
});
const timed = async (zip: Buffer) => {
  const started = performance.now();
  const r = await admin.post<RosterPreview>(`/events/${eventId}/roster/preview`, roster(zip));
  return { ...r, ms: performance.now() - started };
};
/** The example workbook with three parts of 300 MB each that the end record does not count. */
const withHiddenBombs = (declaredSize?: number) => {
  const parts = new Map(workbook);
  const bomb = repeatedPart(300 * 1024 * 1024);
  for (const n of [1, 2, 3]) {
    parts.set(`xl/media/image${n}.png`, { ...bomb, ...(declaredSize ? { declaredSize } : {}) });
  }
  return writeZip(parts, { endCount: workbook.size });
};

describe('ZIP parts the end record does not count', () => {
  it('three hidden parts of 300 MB in a 0.9 MB upload are refused at once (413), nothing unpacked', async () => {
    const zip = withHiddenBombs();
    expect(zip.length).toBeLessThan(1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const r = await timed(zip);
    expectRefusal(r, 413);
    expect(refusalOf(r).code).toBe('payload_too_large');
    expect(refusalOf(r).params).toEqual({ reason: 'xlsx', limitMb: 64 });
    // Before this guard: accepted after 10-17 s, with the server at 1.6-2 GB.
    expect(r.ms).toBeLessThan(2_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('when the hidden parts also declare 1000 bytes each, unpacking stops at the 64 MB budget (413)', async () => {
    const rssBefore = process.memoryUsage().rss;
    const r = await timed(withHiddenBombs(1000));
    expectRefusal(r, 413);
    expect(r.ms).toBeLessThan(5_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * 1024 * 1024);
  });

  it('a part that declares another size than it unpacks to, or another CRC, is unreadable (400)', async () => {
    const sheet = workbook.get('xl/worksheets/sheet1.xml')!.data!;
    for (const lie of [{ declaredSize: sheet.length - 1 }, { crc: 12345 }]) {
      const parts = new Map(workbook).set('xl/worksheets/sheet1.xml', { data: sheet, ...lie });
      const r = await timed(writeZip(parts));
      expectRefusal(r, 400);
      expect(issuesOf(r)[0]!).toMatchObject({ path: 'content', code: 'xlsx_unreadable' });
    }
  });

  it('more than 2000 parts is refused with its own problem, quickly', async () => {
    const parts = new Map(workbook);
    for (let i = 0; i < 2_000; i++) parts.set(`customXml/item${i}.xml`, { data: Buffer.from('<a/>') });
    const r = await timed(writeZip(parts, { endCount: workbook.size }));
    expectRefusal(r, 400);
    const problem = { path: 'content', code: 'xlsx_too_many_parts', params: { max: 2000 } };
    expect(issuesOf(r)[0]!).toMatchObject(problem);
    expect(r.ms).toBeLessThan(5_000);
  });
});

describe('workbooks as writers make them', () => {
  const layouts: [string, ZipLayout][] = [
    ['ExcelJS as it writes them', {}],
    ['with data descriptors (streaming writers)', { descriptors: true }],
    ['with ZIP64 records and extra fields', { zip64: true }],
    ['with ZIP64 and data descriptors', { zip64: true, descriptors: true }],
  ];
  it.each(layouts)('the example courier roster %s previews and imports', async (_, layout) => {
    const zip = writeZip(workbook, layout);
    const preview = await timed(zip);
    expect(preview.status, JSON.stringify(preview.body).slice(0, 300)).toBe(200);
    expect(preview.body.ok, JSON.stringify(preview.body.problems)).toBe(true);
    expect(preview.body.rows).toHaveLength(24);
    expect(preview.body.rows[1]!.values).toMatchObject({ bib: 'C002', name: '许丽娟', station: 'A-02' });
    const imported = await admin.post(`/events/${eventId}/roster/import`, roster(zip));
    expect(imported.status, JSON.stringify(imported.body).slice(0, 300)).toBe(200);
  });
});
