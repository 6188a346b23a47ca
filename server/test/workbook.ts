// Reading an XLSX the server sent, as the export and security tests do.
import ExcelJS from 'exceljs';

/** The workbook of XLSX bytes (exceljs names Node's Buffer of its own typings). */
export async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}
