// The CSV formula guard: only what a spreadsheet would run gets the leading apostrophe; a signed plain
// number such as a bib "-12" is data and stays as typed.
import { describe, expect, it } from 'vitest';
import { toCsv } from '../exports/csv.ts';

const oneField = (v: string) => {
  const csv = toCsv({ name: 's', columns: [{ header: 'h', kind: 'text' }], rows: [[v]] });
  return csv.replace(/^\uFEFF/, '').split('\r\n')[1];
};

describe('CSV formula guard', () => {
  it.each(['-12', '+3.5', '-0.5', '12', '-.5'])('leaves the plain number %s as it is', (v) => {
    expect(oneField(v)).toBe(v);
  });
  it.each([
    ['=1+1', "'=1+1"],
    ["-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"],
    ['@SUM(1+1)', "'@SUM(1+1)"],
    ['+A1', "'+A1"],
    ['-1+1', "'-1+1"],
    ['=12', "'=12"],
    ['-', "'-"],
    ['\t=3+3', "'\t=3+3"],
  ])('guards %j', (v, out) => {
    expect(oneField(v)).toBe(out);
  });
});
