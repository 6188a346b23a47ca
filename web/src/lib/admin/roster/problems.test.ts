import { describe, expect, it } from 'vitest';
import type { RosterProblem } from '$shared/roster-api.ts';
import { cellProblems, indexProblems } from './problems.ts';
import { bytesToBase64, formatOf } from './file.ts';

const problem = (row: number, column: string): RosterProblem => ({
  row,
  column,
  value: '',
  code: 'invalid',
  params: {},
  message: `${row}/${column}`,
});

describe('roster preview problems', () => {
  it('puts each problem on its row and cell, and whole-file problems apart', () => {
    const index = indexProblems([problem(1, ''), problem(3, 'bib'), problem(3, 'name'), problem(4, 'bib')], [2, 3, 4]);
    expect(index.file.map((p) => p.message)).toEqual(['1/']);
    expect(cellProblems(index, 3, 'name').map((p) => p.message)).toEqual(['3/name']);
    expect(cellProblems(index, 2, 'bib')).toEqual([]);
    expect(index.byRow.get(3)).toHaveLength(2);
  });
});

describe('roster file', () => {
  it('knows the format by extension', () => {
    expect(formatOf('名单.CSV')).toBe('csv');
    expect(formatOf('judges.xlsx')).toBe('xlsx');
    expect(formatOf('notes.docx')).toBeNull();
  });

  it('sends the bytes as base64, GBK included', () => {
    const bytes = new Uint8Array([0xc1, 0xce, 0xc7, 0xbf, 0x2c, 0x0a]);
    expect(Buffer.from(bytesToBase64(bytes), 'base64')).toEqual(Buffer.from(bytes));
  });
});
