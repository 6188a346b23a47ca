// CSV as organisers' spreadsheets write it (RFC 4180): quoted fields with "" for a quote, commas
// and line breaks inside quotes, CRLF or LF, a UTF-8 byte-order mark. Each record keeps the line
// it starts on, so problems can point at the line a person sees in a text editor.

export interface CsvRecord {
  /** 1-based line number in the file where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvResult {
  records: CsvRecord[];
  /** Set when the text ends inside a quoted field: the line that quote was opened on. */
  unterminatedQuoteAt?: number;
}

const BOM = '\ufeff';

/**
 * The delimiter of the header line: commas normally; a header with no comma but tabs or
 * semicolons comes from "save as text" in a locale that uses those (Excel does both).
 */
function delimiterOf(text: string): string {
  const end = text.search(/\r|\n/);
  const header = end === -1 ? text : text.slice(0, end);
  if (header.includes(',')) return ',';
  if (header.includes('\t')) return '\t';
  if (header.includes(';')) return ';';
  return ',';
}

export function parseCsv(input: string): CsvResult {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const delimiter = delimiterOf(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  // A record with nothing at all on its line(s) (no cell, no delimiter) is a blank line, not a row.
  let touched = false;

  const endCell = () => {
    cells.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (touched) records.push({ line: recordLine, cells });
    cells = [];
    touched = false;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') {
      // A quote opens a quoted field only at its start; elsewhere it is an ordinary character.
      quoted = true;
      quoteLine = line;
      touched = true;
    } else if (ch === delimiter) {
      endCell();
      touched = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
      touched = true;
    }
  }
  if (quoted) {
    endRecord();
    return { records, unterminatedQuoteAt: quoteLine };
  }
  if (touched || cell !== '') endRecord();
  return { records };
}
