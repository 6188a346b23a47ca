// With PUBLIC_URL unset, printed addresses must be ones phones can open. The end-to-end server
// listens on 127.0.0.1 only, so its address is loopback: the console warns on every page, judge
// cards refuse to print silently, and certifying asks for the venue address first. Once the
// organiser chose it, the big screen's QR code, a judge card's QR code and sign-in line, and a
// certificate's QR code all carry it (read back by decoding the QR codes, as a phone would).
// Screenshots of the warning and the certify step in both languages: test-results/public-address.
import { mkdirSync } from 'node:fs';
import { chromium, expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { importEvent, judgeToken, mark, setState, signIn } from './helpers.ts';
import { CHROMIUM_ARGS } from './judge-helpers.ts';
import { choosePublicUrl, qrOf, qrOfPdf } from './site-helpers.ts';
import { ADMIN_PASSWORD } from './playwright.config.ts';

const SHOTS = 'test-results/public-address';
// A documentation address (RFC 5737): tests print it and read it back, and never send it anything.
const VENUE = 'http://192.0.2.10:3000';
const PEOPLE = [
  { bib: 'W01', name: '欧阳晓东', organisation: 'hx' },
  { bib: 'W02', name: '李娜', organisation: 'xq' },
  { bib: 'W03', name: '王建国', organisation: 'hx' },
];

/** A small welding contest, every mark in, waiting in review for its certification. */
async function reviewedEvent(request: APIRequestContext, admin: string) {
  const ev = await importEvent(request, admin, {
    format: 'jiangxin/event@1',
    name: `兴化市焊工技能竞赛 ${crypto.randomUUID().slice(0, 6)}`,
    organisations: [
      { code: 'hx', name: '兴化机床厂' },
      { code: 'xq', name: '新区精工' },
    ],
    contests: [
      {
        code: 'weld',
        name: '焊工',
        awards: [{ name: '一等奖', count: 1 }],
        sections: [
          {
            code: 'main',
            name: '实操',
            weight: 1,
            criteria: [{ code: 'exam', name: '理论考试', kind: 'measurement', max: 100 }],
          },
        ],
        contestants: PEOPLE,
        judges: [
          { code: 'chief', name: '裁判长', pin: '1357', chief: true, criteria: '*' },
          { code: 'j1', name: '一号裁判', pin: '2468', criteria: ['exam'] },
        ],
      },
    ],
  });
  const contest = ev.contests[0]!.id;
  await setState(request, admin, contest, 'scoring');
  const j1 = await judgeToken(request, ev.id, 'j1', '2468');
  for (const [i, p] of PEOPLE.entries()) {
    await mark(request, j1, contest, { contestant: p.bib, criterion: 'exam', value: 90 - i * 7 });
  }
  await setState(request, admin, contest, 'review');
  return { eventId: ev.id, contest };
}

async function shoot(page: Page, name: string, lang: 'zh-CN' | 'en') {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}-${lang}.png`, fullPage: true });
}

test.use({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });

test('on a loopback address the console warns, cards and certifying ask first; the chosen venue address is in every QR code', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const admin = await signIn(request);
  await choosePublicUrl(request, admin, null);
  const site = await (await request.get('/api/v1/site')).json();
  expect(site).toMatchObject({ source: 'loopback', loopback: true });
  const { eventId, contest } = await reviewedEvent(request, admin);

  // The console warns on every page, in either language, with the choice right there.
  await page.goto('/admin?lang=en');
  await page.getByTestId('admin-signin').getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByTestId('admin-signin').getByRole('button').click();
  const banner = page.getByTestId('address-banner');
  await expect(banner).toContainText('Phones and tablets cannot open the current address');
  await expect(banner).toContainText(site.publicUrl);
  await shoot(page, 'banner', 'en');
  await page.getByTestId('lang-zh-CN').click();
  await expect(banner).toContainText('手机和平板打不开当前的访问地址');
  await shoot(page, 'banner', 'zh-CN');

  // Judge cards show the address they carry, warn, and ask before printing it.
  await page.goto(`/admin/events/${eventId}/print/judges?lang=zh-CN`);
  await page.locator('[data-testid="judge-pick"][data-code="j1"] input[type="checkbox"]').check();
  await page.getByTestId('issue-selected').click();
  await page.getByTestId('pins-confirm-ok').click();
  await expect(page.getByTestId('judge-card')).toHaveCount(1);
  await expect(page.getByTestId('cards-address')).toContainText(`${site.publicUrl}/judge`);
  await expect(page.getByTestId('cards-loopback')).toBeVisible();
  await page.getByTestId('print-now').click();
  await expect(page.getByTestId('print-loopback')).toBeVisible();
  await page.getByTestId('print-loopback-cancel').click();

  // Certifying asks for the certificates' address: loopback cannot be confirmed, only replaced.
  for (const lang of ['en', 'zh-CN'] as const) {
    await page.goto(`/admin/events/${eventId}?lang=${lang}`);
    const card = page.locator('[data-testid="contest-card"][data-code="weld"]');
    await card.getByTestId('move-certify').click();
    const dialog = page.getByTestId('move-dialog');
    await expect(dialog.getByTestId('certify-address')).toHaveAttribute('data-source', 'loopback');
    await expect(dialog.getByTestId('certify-address-url')).toHaveText(`${site.publicUrl}/verify/…`);
    await dialog.getByTestId('move-dialog-ok').click();
    await expect(dialog.getByTestId('certify-address-missing')).toHaveText(
      lang === 'en' ? 'Confirm or choose the address on the certificates first.' : '请先确认或选择证书上的地址。',
    );
    await shoot(page, 'certify', lang);
    if (lang === 'en') await dialog.getByTestId('move-dialog-cancel').click();
  }
  await expect(page.locator('[data-testid="contest-card"][data-code="weld"]')).toHaveAttribute('data-state', 'review');

  // The organiser types the venue address in the dialog, then certifies.
  const dialog = page.getByTestId('move-dialog');
  await dialog.getByTestId('address-input').fill(`${VENUE}/`);
  await dialog.getByTestId('address-save').click();
  await expect(dialog.getByTestId('certify-address')).toHaveAttribute('data-source', 'chosen');
  await expect(dialog.getByTestId('certify-address-url')).toHaveText(`${VENUE}/verify/…`);
  await shoot(page, 'certify-chosen', 'zh-CN');
  await dialog.getByTestId('move-dialog-ok').click();
  await expect(page.locator('[data-testid="contest-card"][data-code="weld"]')).toHaveAttribute(
    'data-state',
    'certified',
  );
  await expect(page.getByTestId('address-banner')).toHaveCount(0);

  // The big screen's QR code (what a phone in the hall scans).
  await page.goto(`/display/${eventId}?contest=weld&lang=zh-CN`);
  const screenQr = page.getByTestId('qr').locator('svg');
  await expect(screenQr).toBeVisible();
  expect(await qrOf(screenQr)).toBe(`${VENUE}/results/${encodeURIComponent(eventId)}/weld`);

  // A judge card's QR code and printed sign-in address.
  await page.goto(`/admin/events/${eventId}/print/judges?lang=zh-CN`);
  await page.locator('[data-testid="judge-pick"][data-code="chief"] input[type="checkbox"]').check();
  await page.getByTestId('issue-selected').click();
  await page.getByTestId('pins-confirm-ok').click();
  const judgeCard = page.locator('[data-testid="judge-card"][data-code="chief"]');
  await expect(judgeCard).toBeVisible();
  const pin = (await judgeCard.getByTestId('card-pin').textContent())!.trim();
  const pairing = `${VENUE}/judge#pair&event=${encodeURIComponent(eventId)}&judge=chief&pin=${pin}`;
  expect(await qrOf(judgeCard.getByTestId('card-qr'))).toBe(pairing);
  await expect(judgeCard).toContainText(`${VENUE}/judge`);
  await expect(page.getByTestId('cards-address')).toContainText(`${VENUE}/judge`);
  await expect(page.getByTestId('cards-loopback')).toHaveCount(0);

  // A certificate's QR code and verification line.
  const headers = { authorization: `Bearer ${admin}` };
  const pdf = await request.get(`/api/v1/contests/${contest}/certificates.pdf`, { headers });
  expect(pdf.status()).toBe(200);
  const certs = (await (await request.get(`/api/v1/contests/${contest}/certificates`, { headers })).json())
    .certificates;
  expect(qrOfPdf(await pdf.body())).toBe(`${VENUE}/verify/${certs[0].code}`);
  expect(certs[0].url).toBe(`${VENUE}/verify/${certs[0].code}`);
});

test('a console opened at a venue name uses it, and certifying asks to confirm it once', async ({
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const admin = await signIn(request);
  await choosePublicUrl(request, admin, null);
  const { eventId, contest } = await reviewedEvent(request, admin);
  // The browser reaches the server by a name of the venue network (resolved to this machine's
  // loopback here, so no traffic leaves it); pages and requests then carry that name.
  const venue = `http://jiangxin.test:${new URL(baseURL!).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP jiangxin.test 127.0.0.1'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
    await page.goto(`${venue}/admin?lang=en`);
    await page.getByTestId('admin-signin').getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByTestId('admin-signin').getByRole('button').click();
    await expect(page.getByTestId('address-current')).toHaveText(venue);
    await expect(page.getByTestId('address-current')).toHaveAttribute('data-source', 'request');
    await expect(page.getByTestId('address-banner')).toHaveCount(0);

    // The big screen opened at that name shows it in its QR code.
    await page.goto(`${venue}/display/${eventId}?contest=weld`);
    expect(await qrOf(page.getByTestId('qr').locator('svg'))).toBe(
      `${venue}/results/${encodeURIComponent(eventId)}/weld`,
    );

    // Certifying: the address is right, but nobody said so yet.
    for (const lang of ['zh-CN', 'en'] as const) {
      await page.goto(`${venue}/admin/events/${eventId}?lang=${lang}`);
      await page.locator('[data-testid="contest-card"][data-code="weld"]').getByTestId('move-certify').click();
      const dialog = page.getByTestId('move-dialog');
      await expect(dialog.getByTestId('certify-address-url')).toHaveText(`${venue}/verify/…`);
      await dialog.getByTestId('move-dialog-ok').click();
      await expect(dialog.getByTestId('certify-address-missing')).toBeVisible();
      await shoot(page, 'certify-confirm', lang);
      if (lang === 'zh-CN') await dialog.getByTestId('move-dialog-cancel').click();
    }
    const dialog = page.getByTestId('move-dialog');
    await dialog.getByTestId('certify-address-ok').check();
    await dialog.getByTestId('move-dialog-ok').click();
    await expect(page.locator('[data-testid="contest-card"][data-code="weld"]')).toHaveAttribute(
      'data-state',
      'certified',
    );

    // Confirmed once means chosen: certificates carry it whoever prints them, and nobody is asked again.
    const site = await (await request.get('/api/v1/site', { headers: { authorization: `Bearer ${admin}` } })).json();
    expect(site).toMatchObject({ publicUrl: venue, source: 'chosen', chosen: venue });
    const pdf = await request.get(`/api/v1/contests/${contest}/certificates.pdf`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(qrOfPdf(await pdf.body())).toMatch(new RegExp(`^${venue.replace(/\./g, '\\.')}/verify/[0-9A-Z]{10}$`));
  } finally {
    await browser.close();
  }
});
