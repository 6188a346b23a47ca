// How every screen and export writes a total, a section score or a team score: two decimals, always
// (88.40, not 88.4), so a column lines up by the point and a phone, the big screen, a PDF and a
// certificate read the same. Both locales (zh-CN, en) write the decimal point as ".".
import { round2 } from './round.ts';

export function formatScore(value: number): string {
  const s = round2(value).toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}
