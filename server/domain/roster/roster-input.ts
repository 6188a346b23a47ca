// The rows of an uploaded roster: CSV text, CSV bytes (UTF-8 or GBK, sent as base64) or an XLSX
// workbook (base64; its first sheet, first row the header). Rows keep the line (CSV) or row
// number (XLSX) a person sees, so problems point at the right place in their own file.
import ExcelJS from 'exceljs';
import type { RosterBody } from '../../../shared/roster-api.ts';
import {
  decodeBase64,
  decodeText,
  parseCsv,
  type CsvRecord,
  type RosterProblem,
  type TextEncodingName,
} from '../../../shared/roster/index.ts';
import { invalid, refuse } from '../../errors.ts';
import { issue, type Issue } from '../../../shared/errors/index.ts';
import { isUnstorable } from '../../storable-text.ts';
import { unpackZip } from './zip-guard.ts';

export interface RosterInput {
  records: CsvRecord[];
  /** problems of the file as a whole (a quote never closed) */
  problems: RosterProblem[];
  encoding?: TextEncodingName;
}

/** The file as a whole cannot be read: one issue at `content`. */
const unreadable = (found: Issue) => invalid(`content: ${found.message}`, [found]);

function bytesOf(body: RosterBody): Uint8Array {
  const bytes = decodeBase64(body.content);
  const what = body.format === 'xlsx' ? 'XLSX file' : 'CSV file';
  if (!bytes) {
    const message = `must be the ${what} encoded in base64`;
    throw unreadable(issue('content', 'file_not_base64', message, { format: body.format }));
  }
  return bytes;
}

export async function readRosterInput(body: RosterBody): Promise<RosterInput> {
  if (body.format === 'xlsx') return readXlsx(bytesOf(body));
  let text = body.content;
  let encoding: TextEncodingName | undefined;
  if (body.encoding === 'base64') {
    const decoded = decodeText(bytesOf(body));
    if (!decoded) {
      const message = 'the CSV file is neither UTF-8 nor GBK/GB18030 text: save it again as CSV (UTF-8)';
      throw unreadable(issue('content', 'file_encoding', message));
    }
    ({ text, encoding } = decoded);
  }
  // Bytes decoded here never passed the JSON body check: PostgreSQL text cannot hold NUL.
  if (isUnstorable(text)) {
    const message = 'the CSV file contains NUL characters: is it really a CSV file?';
    throw unreadable(issue('content', 'file_nul', message));
  }
  const csv = parseCsv(text);
  const problems: RosterProblem[] = [];
  if (csv.unterminatedQuoteAt !== undefined)
    problems.push({
      row: csv.unterminatedQuoteAt,
      column: '',
      value: '',
      code: 'syntax',
      params: {},
      message: 'a quote (") opened on this line is never closed, so the rest of the file is one cell',
    });
  return { records: csv.records, problems, ...(encoding ? { encoding } : {}) };
}

// A roster is at most 20,000 rows of a few columns: far below these, which keep exceljs's memory
// and time bounded whatever the file claims.
const MAX_UNPACKED = 64 * 1024 * 1024;
const MAX_ROWS = 50_000;
const MAX_COLUMNS = 256;
// A workbook of a few sheets has a few dozen parts (sheets, styles, relations, properties).
const MAX_PARTS = 2_000;
// exceljs expands merged ranges and data-validation ranges cell by cell (A1:XFD1048576 would be
// 17 billion cells): a roster needs neither, so they are never read. Nor anything else but values.
const IGNORED_PARTS = [
  'mergeCells',
  'dataValidations',
  'conditionalFormatting',
  'hyperlinks',
  'extLst',
  'drawing',
  'legacyDrawing',
  'tableParts',
];

async function readXlsx(bytes: Uint8Array): Promise<RosterInput> {
  const unpacked = await unpackZip(bytes, MAX_UNPACKED, MAX_PARTS);
  if (!unpacked.ok && unpacked.reason === 'too_large') {
    const limitMb = MAX_UNPACKED / 1024 / 1024;
    const message = `the XLSX file unpacks to more than ${limitMb} MB: save only the roster sheet, or save it as CSV`;
    throw refuse('payload_too_large:xlsx', message, { limitMb });
  }
  if (!unpacked.ok && unpacked.reason === 'too_many_parts') {
    const message = `the XLSX file has more than ${MAX_PARTS} parts: save only the roster sheet, or save it as CSV`;
    throw unreadable(issue('content', 'xlsx_too_many_parts', message, { max: MAX_PARTS }));
  }
  const workbook = new ExcelJS.Workbook();
  try {
    if (!unpacked.ok) throw new Error('not a ZIP file');
    // The workbook as rebuilt from the parts measured above, never the upload itself.
    // exceljs declares its own global Buffer type, which Node's Buffer does not match in TypeScript.
    await workbook.xlsx.load(
      unpacked.zip as unknown as Parameters<typeof workbook.xlsx.load>[0],
      {
        ignoreNodes: IGNORED_PARTS,
        maxRows: MAX_ROWS,
        maxCols: MAX_COLUMNS,
      } as Parameters<typeof workbook.xlsx.load>[1],
    );
  } catch (err) {
    if (/^Max (row|column) count/.test((err as Error).message ?? '')) {
      const message =
        `a sheet of the XLSX file has more than ${MAX_ROWS} rows or ${MAX_COLUMNS} columns: ` +
        'save only the roster, or save it as CSV';
      throw unreadable(issue('content', 'xlsx_too_large', message, { rows: MAX_ROWS, columns: MAX_COLUMNS }));
    }
    const message = 'could not read the XLSX file: save it from Excel or WPS as "Excel workbook (.xlsx)", or as CSV';
    throw unreadable(issue('content', 'xlsx_unreadable', message));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable(issue('content', 'xlsx_no_sheet', 'the XLSX file has no worksheet'));
  const records: CsvRecord[] = [];
  const problems: RosterProblem[] = [];
  let unstorable = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    // Only the cells there are: a lone cell in column XFD must not make 16,384 empty ones.
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > MAX_COLUMNS) {
        problems.push({
          row: rowNumber,
          column: '',
          value: '',
          code: 'invalid',
          params: { reason: 'too_many_columns', cell: cell.address, max: MAX_COLUMNS },
          message: `cell ${cell.address}: a roster has at most ${MAX_COLUMNS} columns`,
        });
        return;
      }
      const read = cellText(cell);
      if (typeof read !== 'string')
        problems.push({
          row: rowNumber,
          column: '',
          value: '',
          code: 'invalid',
          params: { reason: 'formula', cell: cell.address },
          message: read.problem,
        });
      const text = typeof read === 'string' ? read : '';
      if (isUnstorable(text)) unstorable = true;
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = text;
    });
    records.push({ line: rowNumber, cells });
  });
  if (unstorable) {
    const message = 'the XLSX file contains characters that cannot be stored (NUL or broken Unicode)';
    throw unreadable(issue('content', 'unstorable', message));
  }
  return { records, problems };
}

/**
 * What a person sees in the cell. A formula is never evaluated: its result as Excel last saved it
 * is the value, and a formula without one (or with an error such as #REF!) is a problem to fix.
 */
function cellText(cell: ExcelJS.Cell): string | { problem: string } {
  if (cell.type === ExcelJS.ValueType.Formula) {
    const result: unknown = cell.result;
    if (result === undefined || result === null || (typeof result === 'object' && !(result instanceof Date)))
      return {
        problem: `cell ${cell.address} holds a formula without a saved value (or with an error): type the value itself`,
      };
    return result instanceof Date ? cell.text : String(result);
  }
  try {
    return cell.text ?? '';
  } catch {
    // exceljs throws on some malformed cells (odd types)
    return '';
  }
}
