// CSV (RFC 4180) in UTF-8 with a byte-order mark: Excel on Chinese Windows reads it as UTF-8
// only with the BOM (without it, GBK, and the names come out garbled).
import { formatScore } from '../../shared/scoring/format.ts';
import type { Cell, Sheet } from './sheets.ts';

const BOM = '\uFEFF';
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function field(v: Cell, kind: Sheet['columns'][number]['kind']): string {
  if (v === null) return '';
  // Scores as every screen and paper writes them (two decimals), never with binary noise.
  const s = typeof v === 'number' ? (kind === 'score' ? formatScore(v) : String(v)) : v;
  // A leading = + - @ tab or CR makes spreadsheets run the field as a formula: names typed by anyone
  // must not. A signed plain number (a bib "-12", "+3.5") runs as nothing and stays as typed.
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(sheet: Sheet): string {
  const lines = [sheet.columns.map((c) => field(c.header, 'text')).join(',')];
  for (const row of sheet.rows) lines.push(row.map((v, i) => field(v, sheet.columns[i]!.kind)).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}
