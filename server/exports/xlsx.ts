// XLSX workbooks (exceljs): numbers stay numbers (2-decimal format), a bold frozen header row,
// column widths measured in Chinese characters, and A4 print settings with the header repeated.
import { formatScore } from '../../shared/scoring/format.ts';
import ExcelJS from 'exceljs';
import type { Cell, Sheet } from './sheets.ts';

const MAX_SHEET_NAME = 31;

/** Display width in Excel's units: a CJK character is about two Latin ones. */
function widthOf(v: Cell): number {
  if (v === null) return 0;
  const s = typeof v === 'number' ? formatScore(v) : v;
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ||
      ch.codePointAt(0)! > 0xffff
        ? 2
        : 1;
  return w;
}

// Control characters are not allowed in XML: a name pasted with one would make the file unreadable.
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the workbook. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    xmlSafe(wanted)
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, MAX_SHEET_NAME) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++)
    name = `${base.slice(0, MAX_SHEET_NAME - String(i).length - 1)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function addSheet(wb: ExcelJS.Workbook, sheet: Sheet, title: string, taken: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(sheet.name, taken), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
    headerFooter: { oddHeader: `&C&B${xmlSafe(title).replace(/&/g, '&&')}`, oddFooter: '&C&P / &N' },
  });
  ws.columns = sheet.columns.map((c, i) => {
    const longest = Math.max(widthOf(c.header), ...sheet.rows.map((r) => widthOf(r[i] ?? null)));
    return {
      header: xmlSafe(c.header),
      width: Math.min(Math.max(longest + 2, 6), 60),
      style: c.kind === 'score' ? { numFmt: '0.00' } : c.kind === 'integer' ? { numFmt: '0' } : {},
    };
  });
  for (const r of sheet.rows) ws.addRow(r.map((v) => (typeof v === 'string' ? xmlSafe(v) : v)));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
}

export interface WorkbookSpec {
  title: string;
  sheets: Sheet[];
}

export async function toXlsx(spec: WorkbookSpec): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiangxin';
  wb.title = spec.title;
  wb.created = new Date();
  const taken = new Set<string>();
  for (const s of spec.sheets) addSheet(wb, s, spec.title, taken);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
