import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { example } from '../event-file/test-fixtures.ts';
import type { Contest, EventFile } from '../event-file/schema.ts';
import { parseCsv } from './csv.ts';
import { decodeText } from './decode.ts';
import { applyRoster, readContestants, readJudges, type RosterContext, type RosterMode } from './validate.ts';

const csvOf = (name: string) => parseCsv(decodeText(new Uint8Array(readFileSync(new URL(`../../examples/${name}`, import.meta.url))))!.text).records;

function contextFor(file: EventFile, contestCode: string, mode: RosterMode): RosterContext {
  const contest = file.contests.find((c) => c.code === contestCode) as Contest;
  return {
    mode,
    organisations: new Set(file.organisations.map((o) => o.code)),
    criteria: new Set(contest.sections.flatMap((s) => s.criteria.map((k) => k.code))),
    contestants: contest.contestants,
    judges: contest.judges,
    otherJudges: new Map(file.contests.filter((c) => c !== contest).flatMap((c) => c.judges.map((j) => [j.code.toLowerCase(), c.code] as const))),
  };
}

const event = (): EventFile => example('new-economy-contest.json');

describe('readContestants', () => {
  it('finds exactly the five problems of the broken example, on their lines and columns', () => {
    const r = readContestants(csvOf('courier-contestants-broken.csv'), contextFor(event(), 'courier', 'replace'));
    expect(r.problems.map(({ row, column, value, code }) => ({ row, column, value, code }))).toEqual([
      { row: 3, column: 'bib', value: 'C001', code: 'duplicate' },
      { row: 4, column: 'name', value: '', code: 'required' },
      { row: 5, column: 'organisation', value: 'nope', code: 'unknown_organisation' },
      { row: 6, column: 'bib', value: 'C 902', code: 'invalid' },
      { row: 7, column: 'station', value: 'A#93', code: 'invalid' },
    ]);
    for (const p of r.problems) expect(p.message.length).toBeGreaterThan(5);
    expect(r.entries.map((e) => e.row)).toEqual([2]);
    expect(r.counts).toMatchObject({ rows: 6, problems: 5 });
  });

  it('reads the whole courier roster, UTF-8 and GBK alike, as the example event’s contestants', () => {
    const file = event();
    const courier = file.contests.find((c) => c.code === 'courier')!;
    const ctx = contextFor(file, 'courier', 'replace');
    const utf8 = readContestants(csvOf('courier-contestants.csv'), ctx);
    const gbk = readContestants(csvOf('courier-contestants-gbk.csv'), ctx);
    expect(utf8.problems).toEqual([]);
    expect(gbk.entries).toEqual(utf8.entries);
    expect(utf8.entries.map((e) => e.value)).toEqual(courier.contestants);
    expect(utf8.counts).toEqual({ rows: 24, problems: 0, new: 0, updated: 24, removed: 0 });
  });

  it('accepts Chinese headers and status words, and ignores unknown columns', () => {
    const csv = '序号,参赛号,姓名,所属单位,工位号,状态,手机\n1,X1,王磊,sd,S-1,退赛,138\n2,X2,李娜,yz,,,139\n';
    const r = readContestants(parseCsv(csv).records, contextFor(event(), 'courier', 'merge'));
    expect(r.problems).toEqual([]);
    expect(r.ignored).toEqual(['序号', '手机']);
    expect(r.entries.map((e) => e.value)).toEqual([
      { bib: 'X1', name: '王磊', organisation: 'sd', station: 'S-1', status: 'withdrawn' },
      { bib: 'X2', name: '李娜', organisation: 'yz' },
    ]);
    expect(r.counts).toEqual({ rows: 2, problems: 0, new: 2, updated: 0, removed: 0 });
  });

  it('in merge mode refuses bibs and stations already in the contest', () => {
    const r = readContestants(parseCsv('bib,name,organisation,station\nC001,新人,sd,Z-1\nN1,新人,sd,A-02\n').records, contextFor(event(), 'courier', 'merge'));
    expect(r.problems.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 2, column: 'bib', code: 'duplicate' },
      { row: 3, column: 'station', code: 'duplicate' },
    ]);
  });

  it('counts what a replace adds, keeps and removes', () => {
    const r = readContestants(parseCsv('bib,name,organisation\nC001,廖强,yz\nN1,新人,sd\n').records, contextFor(event(), 'courier', 'replace'));
    expect(r.counts).toEqual({ rows: 2, problems: 0, new: 1, updated: 1, removed: 23 });
    const one = [{ bib: 'A', name: '甲', organisation: 'sd' }];
    expect(applyRoster(one, r.entries, 'merge').map((p) => p.bib)).toEqual(['A', 'C001', 'N1']);
    expect(applyRoster(one, r.entries, 'replace').map((p) => p.bib)).toEqual(['C001', 'N1']);
  });

  it('reports a missing column, a doubled column and an empty file on the header line', () => {
    const ctx = contextFor(event(), 'courier', 'replace');
    const missing = readContestants(parseCsv('bib,姓名,name\nC1,王,王\n').records, ctx);
    expect(missing.problems.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 1, column: 'organisation', code: 'missing_column' },
      { row: 1, column: 'name', code: 'duplicate_column' },
    ]);
    expect(readContestants([], ctx).problems[0]).toMatchObject({ row: 1, code: 'empty_file' });
    expect(readContestants(parseCsv('bib,name,organisation\n').records, ctx).problems[0]).toMatchObject({ row: 1, code: 'no_rows' });
  });

  it('reads full-width codes as typed by a Chinese IME and refuses unknown status words', () => {
    const r = readContestants(parseCsv('编号,姓名,单位,状态\nＸ００９,王磊,ｓｄ,离开\n').records, contextFor(event(), 'courier', 'merge'));
    expect(r.problems).toEqual([{ row: 2, column: 'status', value: '离开', code: 'invalid', message: expect.any(String) }]);
    expect(r.rows[0]!.values).toMatchObject({ bib: 'X009', organisation: 'sd' });
  });
});

describe('readJudges', () => {
  const header = '编号,姓名,单位,评分项,裁判长,见习,PIN';

  it('reads criteria lists, yes/no words and PINs, and never shows a PIN back', () => {
    const csv = `${header}\nc-new,新裁判,sd,packing；service,否,是,4821\nc-all,全能,,*,是,,\nc-two,二号,,exam;sorting accuracy,no,0,\n`;
    const r = readJudges(parseCsv(csv).records, contextFor(event(), 'courier', 'merge'));
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => e.value)).toEqual([
      { code: 'c-new', name: '新裁判', organisation: 'sd', criteria: ['packing', 'service'], chief: false, shadow: true, pin: '4821' },
      { code: 'c-all', name: '全能', criteria: '*', chief: true },
      { code: 'c-two', name: '二号', criteria: ['exam', 'sorting', 'accuracy'], chief: false, shadow: false },
    ]);
    expect(r.rows[0]!.values.pin).toBe('****');
    expect(JSON.stringify(r.rows)).not.toContain('4821');
  });

  it('refuses unknown criteria, codes used elsewhere in the event, bad flags and a chief trainee', () => {
    const csv = [
      'code,name,criteria,chief,shadow,pin',
      'r-chief,重复,*,,,',
      'c-x,未知项,packing nope,,,',
      'c-y,真假,*,maybe,,',
      'c-z,矛盾,*,yes,yes,',
      'C-Z,大小写,*,,,',
      'c-p,短码,*,,,12',
      'c-chief,已有,*,,,',
    ].join('\n');
    const r = readJudges(parseCsv(csv).records, contextFor(event(), 'courier', 'merge'));
    expect(r.problems.map(({ row, column, value, code }) => ({ row, column, value, code }))).toEqual([
      { row: 2, column: 'code', value: 'r-chief', code: 'duplicate' },
      { row: 3, column: 'criteria', value: 'nope', code: 'unknown_criterion' },
      { row: 4, column: 'chief', value: 'maybe', code: 'invalid' },
      { row: 5, column: 'shadow', value: 'yes', code: 'invalid' },
      { row: 6, column: 'code', value: 'C-Z', code: 'duplicate' },
      { row: 7, column: 'pin', value: '12', code: 'invalid' },
      { row: 8, column: 'code', value: 'c-chief', code: 'duplicate' },
    ]);
  });

  it('in replace mode counts judges of the contest with the same code as updated', () => {
    const r = readJudges(parseCsv('code,name,criteria\nc-chief,高军,*\nc-new,新,*\n').records, contextFor(event(), 'courier', 'replace'));
    expect(r.problems).toEqual([]);
    expect(r.counts).toEqual({ rows: 2, problems: 0, new: 1, updated: 1, removed: 6 });
  });
});
