// Issue 14, what the hall and the phones see: a board says it is provisional until certified and
// official after (with the certification time), when it last changed and since when it is frozen;
// a legend explains the in-progress marks and why an incomplete contestant has no award. A published
// contestant page reads as final and links to the certificate and /verify, which links back. A big
// screen for an unknown event says so and stops. Screenshots in test-results/screenshots/.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { Leaderboard } from '../shared/api.ts';
import { importEvent, judgeToken, mark, setState, signIn } from './helpers.ts';
import { markDemo, openDemoEvent, waitLive, type OpenEvent } from './public-helpers.ts';

const dir = resolve(import.meta.dirname, '..', 'test-results', 'screenshots');
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  const body = await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled' });
  await test.info().attach(name, { body, contentType: 'image/png' });
}

const boardOf = async (request: APIRequestContext, contest: string) =>
  (await (await request.get(`/api/v1/contests/${contest}/leaderboard`)).json()) as Leaderboard;

const words = {
  'zh-CN': {
    provisional: '暂定成绩',
    official: '正式成绩',
    updated: /^更新于 \d\d:\d\d:\d\d$/,
    note: /奖项只评给评分已完成/,
  },
  en: {
    provisional: 'Provisional results',
    official: 'Official results',
    updated: /^Updated \d\d:\d\d:\d\d$/,
    note: /Awards go only to contestants with all marks in/,
  },
} as const;

let ev: OpenEvent;
test.beforeAll(async ({ request }) => {
  mkdirSync(dir, { recursive: true });
  ev = await openDemoEvent(request);
  await markDemo(request, ev, 0.6);
});

for (const lang of ['zh-CN', 'en'] as const) {
  test.describe(`phone, ${lang}`, () => {
    test.use(phone);

    test('a live board is provisional, says when it last changed, and explains its marks and awards', async ({
      page,
      request,
    }) => {
      const courier = ev.contests.courier!;
      await page.goto(`/results/${ev.id}/courier?lang=${lang}`);
      await waitLive(page);
      const standing = page.getByTestId('standing');
      await expect(standing).toHaveAttribute('data-standing', 'provisional');
      await expect(standing).toContainText(words[lang].provisional);
      const updated = page.getByTestId('updated-at');
      await expect(updated).toHaveText(words[lang].updated);
      await expect(updated).toHaveAttribute('datetime', (await boardOf(request, courier)).updatedAt!);
      await expect(page.getByTestId('standing-note')).toHaveText(words[lang].note);
      await expect(page.getByTestId('board-legend')).toBeVisible();
      await shoot(page, `${lang}-board-provisional`);
      await page.getByTestId('board-legend').scrollIntoViewIfNeeded();
      await shoot(page, `${lang}-board-legend`);

      // A new mark: the time follows the board.
      const before = await updated.getAttribute('datetime');
      const timer = await judgeToken(request, ev.id, 'c-timer', '977148');
      await mark(request, timer, courier, {
        contestant: 'C024',
        criterion: 'exam',
        value: 40 + (lang === 'en' ? 1 : 0),
      });
      await expect(updated).not.toHaveAttribute('datetime', before!);
      await expect(updated).toHaveAttribute('datetime', (await boardOf(request, courier)).updatedAt!);
    });
  });
}

test.describe('phone, frozen', () => {
  test.use(phone);

  test('a frozen board says since when, and keeps the time of its last change before the freeze', async ({
    page,
    request,
  }) => {
    const rider = ev.contests.rider!;
    const freeze = (frozen: boolean) =>
      request.post(`/api/v1/contests/${rider}/freeze`, {
        data: { frozen },
        headers: { authorization: `Bearer ${ev.admin}` },
      });
    expect((await freeze(true)).ok()).toBe(true);
    try {
      const frozen = await boardOf(request, rider);
      expect(frozen.frozenAt).toBeDefined();
      for (const lang of ['zh-CN', 'en'] as const) {
        await page.goto(`/results/${ev.id}/rider?lang=${lang}`);
        await waitLive(page);
        await expect(page.getByTestId('frozen-since')).toHaveAttribute('datetime', frozen.frozenAt!);
        await expect(page.getByTestId('frozen-since')).toHaveText(
          lang === 'zh-CN' ? /^\d\d:\d\d:\d\d 起冻结$/ : /^Frozen since \d\d:\d\d:\d\d$/,
        );
        await expect(page.getByTestId('updated-at')).toHaveAttribute('datetime', frozen.updatedAt!);
        await shoot(page, `${lang}-board-frozen`);
      }
    } finally {
      await freeze(false);
    }
  });
});

const PEOPLE = [
  { bib: 'L01', name: '欧阳晓东', organisation: 'hx' },
  { bib: 'L02', name: '李娜', organisation: 'xq' },
  { bib: 'L03', name: '王建国', organisation: 'hx' },
];

/** A small contest, marked completely, certified and published. */
async function publishedContest(request: APIRequestContext) {
  const admin = await signIn(request);
  const file = {
    format: 'jiangxin/event@1',
    name: `车工技能竞赛 ${crypto.randomUUID().slice(0, 6)}`,
    organisations: [
      { code: 'hx', name: '兴化机床厂' },
      { code: 'xq', name: '新区精工' },
    ],
    contests: [
      {
        code: 'lathe',
        name: '数控车工',
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
        judges: [{ code: 'j1', name: '一号裁判', pin: '2468', chief: true, criteria: '*' }],
      },
    ],
  };
  const created = await importEvent(request, admin, file);
  const contest = created.contests[0]!.id;
  await setState(request, admin, contest, 'scoring');
  const j1 = await judgeToken(request, created.id, 'j1', '2468');
  for (const [i, p] of PEOPLE.entries())
    await mark(request, j1, contest, { contestant: p.bib, criterion: 'exam', value: 90 - i * 7 });
  for (const to of ['review', 'certified', 'published']) await setState(request, admin, contest, to);
  return { eventId: created.id, contest };
}

test.describe('phone, published', () => {
  test.use(phone);

  test('official with its certification time; the contestant page is final, links to its certificate and /verify, and back', async ({
    page,
    request,
  }) => {
    const { eventId, contest } = await publishedContest(request);
    const certifiedAt = (await boardOf(request, contest)).certifiedAt!;
    expect(certifiedAt).toBeDefined();
    for (const lang of ['zh-CN', 'en'] as const) {
      await page.goto(`/results/${eventId}/lathe?lang=${lang}`);
      await expect(page.getByTestId('standing')).toHaveAttribute('data-standing', 'official');
      await expect(page.getByTestId('standing')).toContainText(words[lang].official);
      await expect(page.getByTestId('certified-at')).toHaveAttribute('datetime', certifiedAt);
      await expect(page.getByTestId('updated-at')).toHaveCount(0);
      await shoot(page, `${lang}-board-official`);

      await page.goto(`/results/${eventId}/lathe/L01?lang=${lang}`);
      await expect(page.getByTestId('contestant')).toBeVisible();
      await expect(page.getByTestId('contestant-note')).toHaveText(
        lang === 'zh-CN' ? '这是正式成绩，不再变化。' : 'These are the official results; they no longer change.',
      );
      await expect(page.getByTestId('verify-link')).toHaveAttribute('href', '/verify');
      const link = page.getByTestId('certificate-link');
      await expect(link).toContainText('一等奖');
      await shoot(page, `${lang}-contestant-published`);
      // Third place won nothing: no certificate, still the way to /verify.
      await page.goto(`/results/${eventId}/lathe/L03?lang=${lang}`);
      await expect(page.getByTestId('verify-link')).toBeVisible();
      await expect(page.getByTestId('certificate-link')).toHaveCount(0);
    }

    await page.goto(`/results/${eventId}/lathe/L01?lang=zh-CN`);
    await page.getByTestId('certificate-link').click();
    await expect(page).toHaveURL(/\/verify\/[0-9A-Z]{10}/);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'valid');
    await page.getByTestId('verify-results-link').click();
    await expect(page).toHaveURL(new RegExp(`/results/${eventId}/lathe$`));
    await expect(page.getByTestId('standing')).toHaveAttribute('data-standing', 'official');
  });
});

test.describe('big screen', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  for (const lang of ['zh-CN', 'en'] as const) {
    test(`provisional with a legend, then official, ${lang}`, async ({ page, request }) => {
      await page.goto(`/display/${ev.id}?contest=courier&lang=${lang}`);
      await expect(page.getByTestId('display-row').first()).toBeVisible({ timeout: 15_000 });
      await expect(page.getByTestId('display-standing')).toHaveAttribute('data-standing', 'provisional');
      await expect(page.getByTestId('display-standing-badge')).toHaveText(words[lang].provisional);
      await expect(page.getByTestId('display-legend-pending')).toHaveText(
        lang === 'zh-CN' ? '评分进行中' : 'Marking in progress',
      );
      await shoot(page, `${lang}-display-provisional`);

      const { eventId } = await publishedContest(request);
      await page.goto(`/display/${eventId}?contest=lathe&lang=${lang}`);
      await expect(page.getByTestId('display-standing')).toHaveAttribute('data-standing', 'official');
      await expect(page.getByTestId('display-standing')).toContainText(words[lang].official);
      await expect(page.getByTestId('display-standing-badge')).toHaveText(words[lang].official);
      await expect(page.getByTestId('display-legend-pending')).toHaveCount(0);
      await shoot(page, `${lang}-display-official`);
    });
  }

  test('an unknown event says so and stops: no "reconnecting", no more requests', async ({ page }) => {
    await page.clock.install();
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/events/no-such-event')) asked.push(r.url());
    });
    await page.goto('/display/no-such-event?lang=zh-CN');
    await expect(page.getByText('找不到该赛事，请检查大屏地址。')).toBeVisible();
    await expect(page.getByText('请核对大屏地址后刷新本页。')).toBeVisible();
    await expect(page.getByTestId('display-connection')).toHaveCount(0);
    const seen = asked.length;
    await page.clock.runFor(120_000);
    await expect(page.getByText('找不到该赛事，请检查大屏地址。')).toBeVisible();
    expect(asked.length).toBe(seen);
    await expect(page.getByTestId('display-connection')).toHaveCount(0);
    await shoot(page, 'zh-CN-display-unknown-event');
  });
});
