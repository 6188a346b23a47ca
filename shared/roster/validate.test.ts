import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { example } from '../event-file/test-fixtures.ts';
import type { EventFile } from '../event-file/schema.ts';
import { parseCsv } from './csv.ts';
import { decodeText } from './decode.ts';
import { rosterContext, type RosterMode } from './rows.ts';
import { applyRoster, readContestants, readJudges } from './validate.ts';

const csvOf = (name: string) =>
  parseCsv(decodeText(new Uint8Array(readFileSync(new URL(`../../examples/${name}`, import.meta.url))))!.text).records;

function contextFor(file: EventFile, contestCode: string, mode: RosterMode) {
  return rosterContext(
    file,
    file.contests.findIndex((c) => c.code === contestCode),
    mode,
  );
}

const event = (): EventFile => example('new-economy-contest.json');

describe('readContestants', () => {
  it('finds exactly the five problems of the broken example, on their lines and columns', () => {
    const r = readContestants(csvOf('courier-contestants-broken.csv'), contextFor(event(), 'courier', 'replace'));
    const organisations = event().organisations;
    expect(r.problems.map(({ row, column, value, code, params }) => ({ row, column, value, code, params }))).toEqual([
      { row: 3, column: 'bib', value: 'C001', code: 'duplicate', params: { reason: 'in_file', firstRow: 2 } },
      { row: 4, column: 'name', value: '', code: 'required', params: {} },
      { row: 5, column: 'organisation', value: 'nope', code: 'unknown_organisation', params: { organisations } },
      { row: 6, column: 'bib', value: 'C 902', code: 'invalid', params: { reason: 'format' } },
      { row: 7, column: 'station', value: 'A#93', code: 'invalid', params: { reason: 'format' } },
    ]);
    expect(r.unknownOrganisations).toEqual([{ name: 'nope', code: 'nope', rows: [5] }]);
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
    const r = readContestants(
      parseCsv('bib,name,organisation,station\nC001,新人,sd,Z-1\nN1,新人,sd,A-02\n').records,
      contextFor(event(), 'courier', 'merge'),
    );
    expect(r.problems.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 2, column: 'bib', code: 'duplicate' },
      { row: 3, column: 'station', code: 'duplicate' },
    ]);
  });

  it('counts what a replace adds, keeps and removes', () => {
    const r = readContestants(
      parseCsv('bib,name,organisation\nC001,廖强,yz\nN1,新人,sd\n').records,
      contextFor(event(), 'courier', 'replace'),
    );
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
    expect(readContestants(parseCsv('bib,name,organisation\n').records, ctx).problems[0]).toMatchObject({
      row: 1,
      code: 'no_rows',
    });
  });

  it('reads full-width codes as typed by a Chinese IME and refuses unknown status words', () => {
    const r = readContestants(
      parseCsv('编号,姓名,单位,状态\nＸ００９,王磊,ｓｄ,离开\n').records,
      contextFor(event(), 'courier', 'merge'),
    );
    expect(r.problems).toEqual([
      {
        row: 2,
        column: 'status',
        value: '离开',
        code: 'invalid',
        params: { reason: 'status' },
        message: expect.any(String),
      },
    ]);
    expect(r.rows[0]!.values).toMatchObject({ bib: 'X009', organisation: 'ｓｄ' });
  });
});

describe('organisations named in a roster', () => {
  const ctx = () => contextFor(event(), 'courier', 'replace');

  it('reads organisations written by name, loosely, or by code, as their codes', () => {
    const csv =
      'bib,name,organisation\nN1,甲,京运物流\nN2,乙,京运 物流\nN3,丙,ＳＤ\nN4,丁,yz\nN5,戊,邮政速递兴化分公司\n';
    const r = readContestants(parseCsv(csv).records, ctx());
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => e.value.organisation)).toEqual(['jd', 'jd', 'sd', 'yz', 'yz']);
    // The preview shows the cells as written, and which organisation each name was read as.
    expect(r.rows.map((row) => row.values.organisation)).toEqual([
      '京运物流',
      '京运 物流',
      'ＳＤ',
      'yz',
      '邮政速递兴化分公司',
    ]);
    expect(r.namedOrganisations).toEqual([
      { value: '京运物流', code: 'jd', name: '京运物流' },
      { value: '京运 物流', code: 'jd', name: '京运物流' },
      { value: 'ＳＤ', code: 'sd', name: '顺达快递' },
      { value: '邮政速递兴化分公司', code: 'yz', name: '邮政速递兴化分公司' },
    ]);
  });

  it('lists the event’s organisations with an unknown name, and proposes each new name once', () => {
    const csv = 'bib,name,organisation\nN1,甲,京运快运\nN2,乙,sd\nN3,丙,京运 快运\nN4,丁,Acme Logistics\n';
    const r = readContestants(parseCsv(csv).records, ctx());
    expect(r.problems.map(({ row, code, value }) => [row, code, value])).toEqual([
      [2, 'unknown_organisation', '京运快运'],
      [4, 'unknown_organisation', '京运 快运'],
      [5, 'unknown_organisation', 'Acme Logistics'],
    ]);
    expect(r.problems[0]!.params.organisations).toEqual(event().organisations);
    expect(r.unknownOrganisations).toEqual([
      { name: '京运快运', code: 'org-1', rows: [2, 4] },
      { name: 'Acme Logistics', code: 'acme-logistics', rows: [5] },
    ]);
    expect(r.entries.map((e) => e.row)).toEqual([3]);
  });

  it('calls a name two organisations share ambiguous, listing both, for contestants and judges', () => {
    const file = event();
    file.organisations.push({ code: 'jd2', name: '京运物流' });
    const c = contextFor(file, 'courier', 'merge');
    const people = readContestants(parseCsv('bib,name,organisation\nN1,甲,京运物流\nN2,乙,jd2\n').records, c);
    expect(people.problems).toMatchObject([
      {
        row: 2,
        column: 'organisation',
        code: 'ambiguous_organisation',
        params: {
          organisations: [
            { code: 'jd', name: '京运物流' },
            { code: 'jd2', name: '京运物流' },
          ],
        },
      },
    ]);
    expect(people.entries.map((e) => e.value.organisation)).toEqual(['jd2']);
    const judges = readJudges(
      parseCsv('code,name,organisation,criteria\nx-1,甲,京运物流,*\nx-2,乙,顺达快递,*\n').records,
      c,
    );
    expect(judges.problems.map((p) => [p.row, p.code])).toEqual([[2, 'ambiguous_organisation']]);
    expect(judges.entries.map((e) => e.value.organisation)).toEqual(['sd']);
  });

  it('takes organisations the import adds as the event’s own', () => {
    const file = event();
    file.organisations.push({ code: 'org-1', name: '京运快运' });
    const records = parseCsv('bib,name,organisation\nN1,甲,京运快运\n').records;
    const r = readContestants(records, contextFor(file, 'courier', 'merge'));
    expect(r.problems).toEqual([]);
    expect(r.entries[0]!.value.organisation).toBe('org-1');
  });
});

describe('readJudges', () => {
  const header = '编号,姓名,单位,评分项,裁判长,见习,PIN';

  it('reads criteria lists, yes/no words and PINs, and never shows a PIN back', () => {
    const csv = `${header}\nc-new,新裁判,sd,packing；service,否,是,4821\nc-all,全能,,*,是,,\nc-two,二号,,exam;sorting accuracy,no,0,\n`;
    const r = readJudges(parseCsv(csv).records, contextFor(event(), 'courier', 'merge'));
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => e.value)).toEqual([
      {
        code: 'c-new',
        name: '新裁判',
        organisation: 'sd',
        criteria: ['packing', 'service'],
        chief: false,
        shadow: true,
        pin: '4821',
      },
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
    const r = readJudges(
      parseCsv('code,name,criteria\nc-chief,高军,*\nc-new,新,*\n').records,
      contextFor(event(), 'courier', 'replace'),
    );
    expect(r.problems).toEqual([]);
    expect(r.counts).toEqual({ rows: 2, problems: 0, new: 1, updated: 1, removed: 6 });
  });
});
