// The public searches: the contest page's filter (filterRows) and the event-wide "find me".
import { describe, expect, it } from 'vitest';
import type { BoardRow } from '$shared/scoring/types.ts';
import { filterRows } from '$lib/board-rows.ts';
import { searchEvent } from './event-search.ts';

const row = (bib: string, name: string, organisation = 'sd', over: Partial<BoardRow> = {}): BoardRow => ({
  bib,
  name,
  organisation,
  rank: 1,
  total: 50,
  sections: {},
  complete: true,
  flagged: false,
  award: null,
  status: 'active',
  ...over,
});
const rows = [
  row('C001', '廖强', 'yz'),
  row('C002', '许丽娟', 'jd'),
  row('C010', '王磊', 'sd'),
  row('R001', '王磊', 'ml'),
];
const orgs: Record<string, string> = { yz: '邮政速递兴化分公司', jd: '京运物流', sd: '顺达快递', ml: '美联外卖' };
const orgName = (code: string) => orgs[code] ?? code;

describe('contest page search (filterRows)', () => {
  it('finds Chinese names, in part too', () => {
    expect(filterRows(rows, '许丽娟').map((r) => r.bib)).toEqual(['C002']);
    expect(filterRows(rows, '丽').map((r) => r.bib)).toEqual(['C002']);
    expect(filterRows(rows, ' 王磊　').map((r) => r.bib)).toEqual(['C010', 'R001']);
  });
  it('ignores the case of bibs and full-width letters and digits', () => {
    expect(filterRows(rows, 'c001').map((r) => r.bib)).toEqual(['C001']);
    expect(filterRows(rows, 'Ｃ００２').map((r) => r.bib)).toEqual(['C002']);
    expect(filterRows(rows, 'ｃ０１').map((r) => r.bib)).toEqual(['C010']);
  });
  it('finds organisations by name', () => {
    expect(filterRows(rows, '京运', orgName).map((r) => r.bib)).toEqual(['C002']);
  });
});

describe('event-wide search (searchEvent)', () => {
  const contests = [
    { code: 'courier', name: '快递员', rows: rows.slice(0, 3) },
    { code: 'rider', name: '外卖送餐员', rows: rows.slice(3) },
  ];
  it('finds a name in every contest, with the contest it belongs to', () => {
    const { hits, total } = searchEvent(contests, '王磊', orgName);
    expect(total).toBe(2);
    expect(hits.map((h) => `${h.contestCode}/${h.row.bib}`)).toEqual(['courier/C010', 'rider/R001']);
  });
  it('puts an exact bib before partial matches, whatever the case or width', () => {
    const { hits } = searchEvent(contests, 'ｒ００１', orgName);
    expect(hits[0]?.row.bib).toBe('R001');
    expect(searchEvent(contests, 'c01', orgName).hits.map((h) => h.row.bib)).toEqual(['C010']);
    expect(searchEvent(contests, '00', orgName).hits.map((h) => h.row.bib)).toEqual(['C001', 'C002', 'R001']);
  });
  it('ignores spaces inside the query, and returns nothing for an empty one', () => {
    expect(searchEvent(contests, '王 磊', orgName).total).toBe(2);
    expect(searchEvent(contests, '   ', orgName)).toEqual({ hits: [], total: 0 });
  });
  it('searches stations in blind contests, where names are stations', () => {
    const blind = [{ code: 'rope', name: '拉丝', rows: [row('W001', 'S-03', 'S-03', { station: 'S-03' })] }];
    expect(searchEvent(blind, 's-03').hits.map((h) => h.row.bib)).toEqual(['W001']);
  });
  it('caps the list but reports how many matched', () => {
    const many = [{ code: 'c', name: 'c', rows: Array.from({ length: 50 }, (_, i) => row(`A${i}`, `n${i}`)) }];
    const out = searchEvent(many, 'a', undefined, 10);
    expect(out.hits).toHaveLength(10);
    expect(out.total).toBe(50);
  });
});

describe('a blind contest before certification (rows are stations only)', () => {
  // Station "yz" happens to be an organisation's code: its row must not be found by that organisation.
  const blind = [row('A-07', 'A-07', 'A-07', { station: 'A-07' }), row('yz', 'yz', 'yz', { station: 'yz' })];
  it('finds a row by its station, on the contest page and across the event', () => {
    expect(filterRows(blind, 'ａ-0７', orgName).map((r) => r.bib)).toEqual(['A-07']);
    const found = searchEvent([{ code: 'weld', name: '焊工', rows: blind }], 'A-07', orgName);
    expect(found.hits.map((h) => h.row.bib)).toEqual(['A-07']);
  });
  it('never through an organisation name', () => {
    expect(filterRows(blind, '邮政', orgName)).toEqual([]);
    expect(searchEvent([{ code: 'weld', name: '焊工', rows: blind }], '邮政', orgName).total).toBe(0);
  });
});
