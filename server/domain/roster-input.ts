// The rows of an uploaded roster: CSV text, CSV bytes (UTF-8 or GBK, sent as base64) or an XLSX
// workbook (base64; its first sheet, first row the header). Rows keep the line (CSV) or row
// number (XLSX) a person sees, so problems point at the right place in their own file.
import ExcelJS from 'exceljs';
import type { RosterBody } from '../../shared/roster-api.ts';
import { decodeBase64, decodeText, parseCsv, type CsvRecord, type RosterProblem, type TextEncodingName } from '../../shared/roster/index.ts';
import { invalid } from '../errors.ts';
import { isUnstorable } from '../http/body.ts';

export interface RosterInput {
  records: CsvRecord[];
  /** problems of the file as a whole (a quote never closed) */
  problems: RosterProblem[];
  encoding?: TextEncodingName;
}

const refuse = (message: string) => invalid(`content: ${message}`, [{ path: 'content', message }]);

function bytesOf(body: RosterBody, what: string): Uint8Array {
  const bytes = decodeBase64(body.content);
  if (!bytes) throw refuse(`must be the ${what} encoded in base64`);
  return bytes;
}

export async function readRosterInput(body: RosterBody): Promise<RosterInput> {
  if (body.format === 'xlsx') return { records: await readXlsx(bytesOf(body, 'XLSX file')), problems: [] };
  let text = body.content;
  let encoding: TextEncodingName | undefined;
  if (body.encoding === 'base64') {
    const decoded = decodeText(bytesOf(body, 'CSV file'));
    if (!decoded) throw refuse('the CSV file is neither UTF-8 nor GBK/GB18030 text: save it again as CSV (UTF-8)');
    ({ text, encoding } = decoded);
  }
  // Bytes decoded here never passed the JSON body check: PostgreSQL text cannot hold NUL.
  if (isUnstorable(text)) throw refuse('the CSV file contains NUL characters: is it really a CSV file?');
  const csv = parseCsv(text);
  const problems: RosterProblem[] = [];
  if (csv.unterminatedQuoteAt !== undefined)
    problems.push({
      row: csv.unterminatedQuoteAt, column: '', value: '', code: 'syntax',
      message: 'a quote (") opened on this line is never closed, so the rest of the file is one cell',
    });
  return { records: csv.records, problems, ...(encoding ? { encoding } : {}) };
}

async function readXlsx(bytes: Uint8Array): Promise<CsvRecord[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own global Buffer type, which Node's Buffer does not match in TypeScript.
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw refuse('could not read the XLSX file: save it from Excel or WPS as "Excel workbook (.xlsx)", or as CSV');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw refuse('the XLSX file has no worksheet');
  const records: CsvRecord[] = [];
  let unstorable = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) {
      const text = cellText(row.getCell(i));
      if (isUnstorable(text)) unstorable = true;
      cells.push(text);
    }
    records.push({ line: rowNumber, cells });
  });
  if (unstorable) throw refuse('the XLSX file contains characters that cannot be stored (NUL or broken Unicode)');
  return records;
}

function cellText(cell: ExcelJS.Cell): string {
  try {
    return cell.text ?? '';
  } catch {
    // exceljs throws on some malformed cells (a formula without a cached result, odd types)
    return String(cell.value ?? '');
  }
}
