// The verify page's parts rendered to HTML (no browser here): the facts, the verdict and the
// failed checks in words, in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { VerifyResponse } from '$shared/certification-api.ts';
import { i18n } from '$lib/i18n/index.ts';
import VerdictBanner from './VerdictBanner.svelte';
import CertificateFacts from './CertificateFacts.svelte';
import CheckList from './CheckList.svelte';

const result = (over: Partial<VerifyResponse> = {}): VerifyResponse => ({
  code: 'ABCDE12345',
  event: { id: 'e1', name: '兴化市车工技能竞赛' },
  contest: { id: 'c1', code: 'lathe', name: '数控车工' },
  contestant: { bib: 'L01', name: '欧阳晓东', organisation: '兴化机床厂' },
  award: '一等奖',
  rank: 1,
  total: 93.5,
  certifiedAt: '2026-05-01T08:30:00.000Z',
  certifiedBy: 'judge:chief',
  digest: 'a'.repeat(64),
  status: 'valid',
  checks: [
    { check: 'current', ok: true },
    { check: 'digest', ok: true },
    { check: 'marks', ok: true },
    { check: 'certificate', ok: true },
  ],
  signature: { issuer: 'here', fingerprint: '0123456789abcdef', installation: 'venue-laptop' },
  ...over,
});

afterEach(() => {
  i18n.locale = 'zh-CN';
});

describe('verify page parts', () => {
  it('shows a valid certificate in green words with its facts', () => {
    i18n.locale = 'zh-CN';
    const banner = render(VerdictBanner, { props: { result: result() } }).body;
    expect(banner).toContain('data-status="valid"');
    expect(banner).toContain('证书有效');
    const facts = render(CertificateFacts, { props: { result: result() } }).body;
    for (const text of [
      '欧阳晓东',
      '兴化机床厂',
      '一等奖',
      '第 1 名',
      '93.5',
      '数控车工',
      '兴化市车工技能竞赛',
      'ABCDE-12345',
      'aaaa aaaa aaaa aaaa',
      '裁判长（chief）',
    ]) {
      expect(facts).toContain(text);
    }
  });

  it('says in words which check failed', () => {
    i18n.locale = 'en';
    const bad = result({
      status: 'mismatch',
      checks: [
        { check: 'current', ok: true },
        { check: 'digest', ok: true },
        { check: 'marks', ok: false },
        { check: 'certificate', ok: true },
      ],
    });
    const banner = render(VerdictBanner, { props: { result: bad } }).body;
    expect(banner).toContain('Certificate does not match the results');
    expect(banner).toContain('data-check="marks"');
    expect(banner).toContain('Recomputing the results from the judges');
    const list = render(CheckList, { props: { checks: bad.checks } }).body;
    expect(list.match(/data-ok="true"/g)).toHaveLength(3);
    expect(list).toContain('failed');
    const old = render(VerdictBanner, {
      props: { result: result({ status: 'superseded', checks: [{ check: 'current', ok: false }] }) },
    }).body;
    expect(old).toContain('Certificate no longer valid');
  });

  it('says in both languages when the records behind the certificate were edited outside the audit log', () => {
    const edited = result({ status: 'mismatch', checks: [...result().checks, { check: 'audit', ok: false }] });
    for (const [locale, words] of [
      ['zh-CN', '与审计日志的记载一致'],
      ['en', 'as the audit log recorded them'],
    ] as const) {
      i18n.locale = locale;
      const banner = render(VerdictBanner, { props: { result: edited } }).body;
      expect(banner).toContain('data-check="audit"');
      expect(banner).toContain(words);
    }
  });

  it('says in amber words that a certificate of an imported event was issued elsewhere, and by which key', () => {
    const elsewhere = result({
      status: 'elsewhere',
      checks: [
        { check: 'certificate', ok: true },
        { check: 'signature', ok: false },
      ],
      signature: { issuer: 'elsewhere', fingerprint: '0123456789abcdef', installation: null },
    });
    for (const [locale, title, issuer] of [
      ['zh-CN', '证书由其他系统签发', '其他系统（0123 4567 89ab cdef）'],
      ['en', 'Issued elsewhere', 'Another installation (0123 4567 89ab cdef)'],
    ] as const) {
      i18n.locale = locale;
      const banner = render(VerdictBanner, { props: { result: elsewhere } }).body;
      expect(banner).toContain('data-status="elsewhere"');
      expect(banner).toMatch(/class="verdict[^"]*\belsewhere\b/);
      expect(banner).toContain(title);
      expect(banner).toContain('data-check="signature"');
      expect(render(CertificateFacts, { props: { result: elsewhere } }).body).toContain(issuer);
    }
  });
});
