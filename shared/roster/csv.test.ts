import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { decodeBase64, decodeText } from './decode.ts';

const exampleBytes = (name: string) => new Uint8Array(readFileSync(new URL(`../../examples/${name}`, import.meta.url)));

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and keeps each record’s first line', () => {
    const text = 'bib,name,note\r\nC1,"王, 磊","说 ""好"""\r\nC2,"两\r\n行",x\nC3,末,"a\nb\nc"\n';
    const { records, unterminatedQuoteAt } = parseCsv(text);
    expect(unterminatedQuoteAt).toBeUndefined();
    expect(records).toEqual([
      { line: 1, cells: ['bib', 'name', 'note'] },
      { line: 2, cells: ['C1', '王, 磊', '说 "好"'] },
      { line: 3, cells: ['C2', '两\r\n行', 'x'] },
      { line: 5, cells: ['C3', '末', 'a\nb\nc'] },
    ]);
  });

  it('drops a UTF-8 byte-order mark, skips blank lines but counts them, keeps empty cells', () => {
    const { records } = parseCsv('\ufeffbib,name\n\nC1,\n,\n');
    expect(records).toEqual([
      { line: 1, cells: ['bib', 'name'] },
      { line: 3, cells: ['C1', ''] },
      { line: 4, cells: ['', ''] },
    ]);
  });

  it('reads the last record without a final line break, and lone CR line ends', () => {
    expect(parseCsv('a,b\rc,d').records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', 'd'] },
    ]);
  });

  it('takes tabs or semicolons as the delimiter when the header has no comma', () => {
    expect(parseCsv('bib\tname\nC1\t王磊').records[1]!.cells).toEqual(['C1', '王磊']);
    expect(parseCsv('bib;name\nC1;王磊').records[1]!.cells).toEqual(['C1', '王磊']);
  });

  it('reports a quote that is never closed with the line it was opened on', () => {
    const r = parseCsv('bib,name\nC1,"王磊\nC2,李娜\n');
    expect(r.unterminatedQuoteAt).toBe(2);
  });

  it('treats a quote inside an unquoted field as an ordinary character', () => {
    expect(parseCsv('a,b\n5",x').records[1]!.cells).toEqual(['5"', 'x']);
  });
});

describe('decodeText', () => {
  it('reads the UTF-8 and the GBK example as the same text', () => {
    const utf8 = decodeText(exampleBytes('courier-contestants.csv'));
    const gbk = decodeText(exampleBytes('courier-contestants-gbk.csv'));
    expect(utf8?.encoding).toBe('utf-8');
    expect(gbk?.encoding).toBe('gb18030');
    expect(gbk!.text.replace(/^\ufeff/, '')).toBe(utf8!.text.replace(/^\ufeff/, ''));
    expect(gbk!.text).toContain('许丽娟');
  });
});

describe('decodeBase64', () => {
  it('decodes standard base64, wrapped or as a data URL, and refuses anything else', () => {
    const bytes = new TextEncoder().encode('编号,姓名');
    const b64 = Buffer.from(bytes).toString('base64');
    expect(decodeBase64(b64)).toEqual(bytes);
    expect(decodeBase64(`${b64.slice(0, 4)}\n${b64.slice(4)}`)).toEqual(bytes);
    expect(decodeBase64(`data:text/csv;base64,${b64}`)).toEqual(bytes);
    expect(decodeBase64('not base64!')).toBeNull();
    expect(decodeBase64('abc')).toBeNull();
  });
});
