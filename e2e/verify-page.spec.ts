// The public certificate page (/verify/:code) on a phone: a certified winner's code shows a green
// "valid" with the certificate's facts in either language; a certificate of an event imported from
// another installation shows an amber "issued elsewhere"; an unknown code says so clearly.
import { gunzipSync } from 'node:zlib';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { importEvent, judgeToken, mark, setState, signIn } from './helpers.ts';
import { asCopy } from './archive-copy.ts';
import { eventOf, oneSection } from '../server/test/fixtures/events.ts';

const PEOPLE = [
  { bib: 'L01', name: '欧阳晓东', organisation: 'hx' },
  { bib: 'L02', name: '李娜', organisation: 'xq' },
  { bib: 'L03', name: '王建国', organisation: 'hx' },
  { bib: 'L04', name: '张敏', organisation: 'xq' },
];

// Organisations with real names: the page shows the winner's.
function latheEvent() {
  const organisations = [
    { code: 'hx', name: '兴化机床厂' },
    { code: 'xq', name: '新区精工' },
  ];
  const lathe = oneSection({
    code: 'lathe',
    name: '数控车工',
    awards: [
      { name: '一等奖', count: 1 },
      { name: '二等奖', count: 1 },
    ],
    criteria: [
      { code: 'exam', name: '理论考试', kind: 'measurement', max: 100 },
      { code: 'part', name: '工件质量', kind: 'judgement', max: 20, judges: 1 },
    ],
    contestants: PEOPLE,
    judges: [
      { code: 'chief', name: '裁判长', pin: '1357', chief: true, criteria: '*' },
      { code: 'j1', name: '一号裁判', pin: '2468', criteria: ['exam', 'part'] },
    ],
  });
  return eventOf(`兴化市车工技能竞赛 ${crypto.randomUUID().slice(0, 6)}`, [lathe], organisations);
}

/** Imports, marks everyone, certifies; returns the certificates of the certification. */
async function certifiedEvent(request: APIRequestContext) {
  const admin = await signIn(request);
  const ev = await importEvent(request, admin, latheEvent());
  const contest = ev.contests[0]!.id;
  await setState(request, admin, contest, 'scoring');
  const j1 = await judgeToken(request, ev.id, 'j1', '2468');
  for (const [i, p] of PEOPLE.entries()) {
    await mark(request, j1, contest, { contestant: p.bib, criterion: 'exam', value: 95 - i * 6 });
    await mark(request, j1, contest, { contestant: p.bib, criterion: 'part', value: 18 - i });
  }
  await setState(request, admin, contest, 'review');
  await setState(request, admin, contest, 'certified');
  return { eventId: ev.id, ...(await certificatesOf(request, admin, contest)) };
}

async function certificatesOf(request: APIRequestContext, admin: string, contest: string) {
  const res = await request.get(`/api/v1/contests/${contest}/certificates`, {
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as {
    certificates: {
      code: string;
      bib: string;
      name: string;
      organisation: string;
      award: string;
      rank: number;
      url: string;
    }[];
  };
}

test.use({ viewport: { width: 390, height: 844 } });

test("a certified winner's code is shown as valid, with the facts, in Chinese and English", async ({
  page,
  request,
}) => {
  const { certificates } = await certifiedEvent(request);
  const first = certificates.find((c) => c.rank === 1)!;
  expect(first.name).toBe('欧阳晓东');
  expect(new URL(first.url).pathname).toBe(`/verify/${first.code}`);

  await page.goto(`/verify/${first.code}?lang=zh-CN`);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'valid');
  await expect(page.getByTestId('verdict-title')).toHaveText('证书有效');
  await expect(page.getByTestId('verify-name')).toHaveText('欧阳晓东');
  await expect(page.getByTestId('verify-organisation')).toHaveText('兴化机床厂');
  await expect(page.getByTestId('verify-award')).toHaveText('一等奖');
  await expect(page.getByTestId('verify-rank')).toHaveText('第 1 名');
  await expect(page.getByTestId('verify-contest')).toHaveText('数控车工');
  await expect(page.locator('[data-testid="checks"] li[data-ok="true"]')).toHaveCount(6);
  // Green, and nothing wider than the phone.
  expect(await page.getByTestId('verdict').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
    'rgb(18, 115, 58)',
  );
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath('verify-valid-zh-CN.png'), fullPage: true });

  await page.goto(`/verify/${first.code.toLowerCase()}?lang=en`);
  await expect(page.getByTestId('verdict-title')).toHaveText('Valid certificate');
  await expect(page.getByTestId('verify-name')).toHaveText('欧阳晓东');
  await expect(page.getByTestId('verify-rank')).toHaveText('No. 1');
  await expect(page.getByText('Certified by', { exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('verify-valid-en.png'), fullPage: true });
});

test('a certificate of an event imported from another installation is shown as issued elsewhere, in amber', async ({
  page,
  request,
}) => {
  const admin = await signIn(request);
  const { eventId } = await certifiedEvent(request);
  const res = await request.get(`/api/v1/events/${eventId}/archive`, { headers: { authorization: `Bearer ${admin}` } });
  const copy = asCopy(JSON.parse(gunzipSync(await res.body()).toString('utf8')));
  const imported = await request.post('/api/v1/events/archive', {
    data: copy,
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(imported.status()).toBe(201);
  const { certificates } = await certificatesOf(request, admin, (await imported.json()).contests[0].id);
  const first = certificates.find((c) => c.rank === 1)!;

  await page.goto(`/verify/${first.code}?lang=zh-CN`);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'elsewhere');
  await expect(page.getByTestId('verdict-title')).toHaveText('证书由其他系统签发');
  await expect(page.getByTestId('verdict')).toContainText('本系统无法担保其真实性');
  await expect(page.getByTestId('verify-issuer')).toHaveText('未签名');
  await expect(page.getByTestId('verify-name')).toHaveText('欧阳晓东');
  await expect(page.locator('[data-testid="checks"] li[data-check="signature"]')).toHaveAttribute('data-ok', 'false');
  // Amber, not the green of a valid certificate.
  const background = await page.getByTestId('verdict').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).toBe('rgb(138, 90, 0)');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath('verify-elsewhere-zh-CN.png'), fullPage: true });

  await page.goto(`/verify/${first.code}?lang=en`);
  await expect(page.getByTestId('verdict-title')).toHaveText('Issued elsewhere');
  await expect(page.getByTestId('verdict')).toContainText('this installation cannot vouch for it');
  await expect(page.getByTestId('verify-issuer')).toHaveText('Not signed');
  await page.screenshot({ path: test.info().outputPath('verify-elsewhere-en.png'), fullPage: true });
});

test('an unknown code shows a clear not-found message, and the form checks what is typed', async ({ page }) => {
  await page.goto('/verify/ZZZZZ-ZZZZZ?lang=zh-CN');
  await expect(page.getByTestId('verify-not-found')).toContainText('未找到该证书');
  await expect(page.getByTestId('verify-not-found')).toContainText('ZZZZZ-ZZZZZ');
  await page.screenshot({ path: test.info().outputPath('verify-not-found-zh-CN.png'), fullPage: true });

  await page.goto('/verify?lang=en');
  await page.getByTestId('verify-code').fill('abc');
  await page.getByTestId('verify-submit').click();
  await expect(page.getByTestId('verify-code-invalid')).toBeVisible();
  await page.getByTestId('verify-code').fill('zzzzz zzzzz');
  await page.getByTestId('verify-submit').click();
  await expect(page).toHaveURL(/\/verify\/ZZZZZZZZZZ\?lang=en$/);
  await expect(page.getByTestId('verify-not-found')).toContainText('Certificate not found');
  const submit = await page.getByTestId('verify-submit').boundingBox();
  expect(submit!.height).toBeGreaterThanOrEqual(44);
});
