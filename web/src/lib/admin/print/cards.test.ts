import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventFile } from '$shared/event-file/schema.ts';
import { CARDS_PER_SHEET, chunk, judgesOf, addressParts } from './cards.ts';

const file = JSON.parse(
  readFileSync(new URL('../../../../../examples/new-economy-contest.json', import.meta.url), 'utf8'),
) as EventFile;

describe('judge cards', () => {
  it('lists every judge with the PIN this tab knows, none invented', () => {
    const judges = judgesOf(file, new Map([['c-chief', '123456']]));
    expect(judges).toHaveLength(file.contests.reduce((n, c) => n + c.judges.length, 0));
    expect(judges.find((j) => j.code === 'c-chief')).toMatchObject({
      pin: '123456',
      chief: true,
      contestCode: 'courier',
    });
    expect(judges.filter((j) => j.pin !== null)).toHaveLength(1);
  });

  it('puts eight cards on a sheet', () => {
    const sheets = chunk([...Array(13).keys()], CARDS_PER_SHEET);
    expect(sheets.map((s) => s.length)).toEqual([8, 5]);
  });
});

describe('addressParts', () => {
  it('keeps host and port in one piece and breaks only before a slash', () => {
    expect(addressParts('http://192.168.1.20:3000/judge')).toEqual(['http://', '192.168.1.20:3000', '/judge']);
    expect(addressParts('https://score.example.cn/jx/judge')).toEqual([
      'https://',
      'score.example.cn',
      '/jx',
      '/judge',
    ]);
    expect(addressParts('http://127.0.0.1:3206')).toEqual(['http://', '127.0.0.1:3206']);
  });
});
