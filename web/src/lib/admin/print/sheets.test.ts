// The printed contestant lists: an open contest's sign-in sheet has everything; a blind contest's
// three forms never put a bib or a name beside a station, except the sealed key.
import { describe, expect, it } from 'vitest';
import { sheetFor, type BlindForm } from './sheets.ts';

const people = [
  { bib: 'W002', name: '王磊', organisation: 'ws1', station: 'W-09' },
  { bib: 'W001', name: '李娜', organisation: 'ws2', station: 'W-10', status: 'withdrawn' as const },
  { bib: 'W003', name: '张敏', organisation: 'ws1' },
];
const org = (code: string) => `org ${code}`;
const status = (s: string) => `(${s})`;
const plan = (blind: boolean, form: BlindForm) => sheetFor({ blind, contestants: people }, form, org, status);

describe('the printed contestant lists', () => {
  it('print everything for an open contest, whatever form a blind contest would use', () => {
    for (const form of ['signin', 'stations', 'sealed'] as const) {
      const p = plan(false, form);
      expect(p.form).toBe('open');
      expect(p.columns).toEqual(['bib', 'name', 'organisation', 'station', 'sign']);
      expect(p.rows.map((r) => [r.bib, r.station, r.organisation, r.status])).toEqual([
        ['W002', 'W-09', 'org ws1', null],
        ['W001', 'W-10', 'org ws2', '(withdrawn)'],
        ['W003', '', 'org ws1', null],
      ]);
    }
  });

  it('keep a blind contest’s stations off its sign-in sheet, and people off its station sheet', () => {
    const signin = plan(true, 'signin');
    expect(signin.columns).not.toContain('station');
    expect(signin.rows.every((r) => r.station === '')).toBe(true);

    const stations = plan(true, 'stations');
    expect(stations.columns).toEqual(['station', 'present']);
    expect(stations.rows.map((r) => r.station)).toEqual(['W-09', 'W-10']);
    expect(JSON.stringify(stations.rows)).not.toMatch(/W00|王磊|李娜|ws1|ws2|withdrawn/);

    const sealed = plan(true, 'sealed');
    expect(sealed.columns).toEqual(['station', 'bib', 'name', 'organisation']);
    expect(sealed.rows.map((r) => [r.station, r.bib])).toEqual([
      ['', 'W003'],
      ['W-09', 'W002'],
      ['W-10', 'W001'],
    ]);
  });
});
