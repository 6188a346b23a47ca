import { describe, expect, it } from 'vitest';
import { CODE_RE } from '../event-file/schema.ts';
import {
  checkNewOrganisations,
  organisationMatcher,
  proposeCode,
  proposeOrganisations,
  type OrganisationMatch,
} from './organisations.ts';

const SD = { code: 'sd', name: '顺达快递' };
const JD = { code: 'jd', name: '京运物流' };
const SF = { code: 'sf', name: 'SF速运' };
const EVENT = [SD, JD, SF];

const kindOf = (m: OrganisationMatch) => (m.kind === 'ambiguous' ? m.candidates.map((o) => o.code) : m.kind);
const codeOf = (m: OrganisationMatch) => ('organisation' in m ? m.organisation.code : null);

describe('organisationMatcher', () => {
  const match = organisationMatcher(EVENT);

  it('finds an organisation by its exact code', () => {
    expect(match('jd')).toEqual({ kind: 'code', organisation: JD });
    expect(match(' sd ')).toEqual({ kind: 'code', organisation: SD });
  });

  it('finds an organisation by its exact name', () => {
    expect(match('京运物流')).toEqual({ kind: 'name', organisation: JD });
    expect(match('SF速运')).toEqual({ kind: 'name', organisation: SF });
  });

  it('reads full-width letters as half-width: ＳＦ速运 is SF速运', () => {
    expect(match('ＳＦ速运')).toEqual({ kind: 'similar', organisation: SF });
    expect(match('sf速运')).toEqual({ kind: 'similar', organisation: SF });
  });

  it('ignores spaces, ideographic ones included, inside and around a name', () => {
    expect(match('京运 物流')).toEqual({ kind: 'similar', organisation: JD });
    expect(match('京运\u3000物流')).toEqual({ kind: 'similar', organisation: JD });
    expect(match('Ｓ Ｆ 速运')).toEqual({ kind: 'similar', organisation: SF });
  });

  it('reads a code in capitals or full-width as the code', () => {
    expect(codeOf(match('JD'))).toBe('jd');
    expect(codeOf(match('ｊｄ'))).toBe('jd');
  });

  it('knows nothing of a name no organisation has', () => {
    expect(match('京运快运')).toEqual({ kind: 'unknown' });
    expect(match('nope')).toEqual({ kind: 'unknown' });
  });

  it('calls two organisations that read the same ambiguous instead of picking one', () => {
    const twins = organisationMatcher([
      { code: 'sf-a', name: 'SF速运' },
      { code: 'sf-b', name: 'ＳＦ速运' },
      { code: 'x1', name: '同名' },
      { code: 'x2', name: '同名' },
    ]);
    expect(kindOf(twins('sf 速运'))).toEqual(['sf-a', 'sf-b']);
    expect(kindOf(twins('同名'))).toEqual(['x1', 'x2']);
    // An exact name still names one of them; an exact code always does.
    expect(codeOf(twins('ＳＦ速运'))).toBe('sf-b');
    expect(codeOf(twins('x2'))).toBe('x2');
  });

  it('prefers a code to a name that reads like it, and is ambiguous only between loose readings', () => {
    const m = organisationMatcher([
      { code: 'abc', name: '甲' },
      { code: 'x', name: 'ABC' },
    ]);
    expect(codeOf(m('abc'))).toBe('abc');
    expect(codeOf(m('ABC'))).toBe('x');
    expect(kindOf(m('Abc'))).toEqual(['abc', 'x']);
  });
});

describe('proposeCode', () => {
  it('proposes org-1, org-2 … for Chinese names, skipping codes in use', () => {
    expect(proposeCode('京运快运', new Set(['sd']))).toBe('org-1');
    expect(proposeCode('京运快运', new Set(['org-1', 'org-2']))).toBe('org-3');
    expect(proposeCode('3M中国', new Set())).toBe('org-1');
  });

  it('proposes the name in lower case for Latin names, with a number when taken', () => {
    expect(proposeCode('SF Express', new Set())).toBe('sf-express');
    expect(proposeCode('ＤＨＬ', new Set(['dhl']))).toBe('dhl-2');
    const long = proposeCode('International Logistics Company of Xinghua', new Set());
    expect(long).toMatch(CODE_RE);
    expect(proposeCode('International Logistics Company of Xinghua', new Set([long]))).toMatch(/^[a-z0-9_-]{1,30}-2$/);
  });
});

describe('proposeOrganisations', () => {
  it('groups the names that read the same, in file order, each with its rows and a code of its own', () => {
    const cells = [
      { row: 2, value: '京运快运' },
      { row: 3, value: 'Acme' },
      { row: 4, value: '京运 快运' },
      { row: 5, value: '新通物流' },
      { row: 6, value: 'ACME' },
    ];
    expect(proposeOrganisations(cells, ['sd', 'org-1'])).toEqual([
      { name: '京运快运', code: 'org-2', rows: [2, 4] },
      { name: 'Acme', code: 'acme', rows: [3, 6] },
      { name: '新通物流', code: 'org-3', rows: [5] },
    ]);
  });
});

describe('checkNewOrganisations', () => {
  it('accepts new codes and names', () => {
    expect(checkNewOrganisations(EVENT, [{ code: 'org-1', name: '京运快运' }])).toEqual([]);
  });

  it('refuses bad and taken codes, empty names and names that read like an organisation already there', () => {
    const problems = checkNewOrganisations(EVENT, [
      { code: 'Bad Code', name: '甲' },
      { code: 'jd', name: '乙' },
      { code: 'c', name: '  ' },
      { code: 'd', name: '京运 物流' },
      { code: 'e', name: '丙' },
      { code: 'e', name: '丙' },
    ]);
    const found = problems.map(({ index, field, code, holder, params }) => [index, field, code, holder?.code, params]);
    expect(found).toEqual([
      [0, 'code', 'bad_format', undefined, { format: 'code', value: 'Bad Code' }],
      [1, 'code', 'duplicate', 'jd', { what: 'organisation', value: 'jd', first: 'organisations[1].code' }],
      [2, 'name', 'empty', undefined, {}],
      [3, 'name', 'duplicate', 'jd', { what: 'organisation', value: '京运 物流', first: 'organisations[1].name' }],
      [5, 'code', 'duplicate', 'e', { what: 'organisation', value: 'e', first: 'addOrganisations[4].code' }],
      [5, 'name', 'duplicate', 'e', { what: 'organisation', value: '丙', first: 'addOrganisations[4].name' }],
    ]);
  });
});
