// Screenshots of the public phone pages at 390×844 in Chinese and English, for people to look at:
// attached to the report and written to test-results/screenshots/. Also checks nothing overflows sideways.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { markDemo, openDemoEvent, waitLive, type OpenEvent } from './public-helpers.ts';

const dir = resolve(import.meta.dirname, '..', 'test-results', 'screenshots');
test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

let ev: OpenEvent;
test.beforeAll(async ({ request }) => {
  mkdirSync(dir, { recursive: true });
  ev = await openDemoEvent(request);
  await markDemo(request, ev);
});

async function shoot(page: Page, name: string, fullPage = false) {
  // Nothing may be wider than the phone: a sideways scroll on a phone is a bug.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  await page.evaluate(() => document.fonts.ready);
  const body = await page.screenshot({ path: join(dir, `${name}.png`), fullPage, animations: 'disabled' });
  await test.info().attach(name, { body, contentType: 'image/png' });
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`phone pages in ${lang}`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`/?lang=${lang}`);
    await expect(page.getByTestId('event').first()).toBeVisible();
    await shoot(page, `${lang}-1-home`);

    await page.goto(`/results/${ev.id}?lang=${lang}`);
    await expect(page.getByTestId('team-overall')).toBeVisible();
    await shoot(page, `${lang}-2-event`);
    await page.getByTestId('find').fill(lang === 'en' ? 'c00' : '王');
    await expect(page.getByTestId('find-hit').first()).toBeVisible();
    await shoot(page, `${lang}-3-event-find`);

    await page.goto(`/results/${ev.id}/courier?lang=${lang}`);
    await expect(page.getByTestId('board-row')).toHaveCount(24);
    await waitLive(page);
    await shoot(page, `${lang}-4-board`);
    await page.getByTestId('search').fill('c01');
    await expect(page.getByTestId('board-row')).not.toHaveCount(24);
    await shoot(page, `${lang}-5-board-search`);

    const flagged = await page.request.get(`/api/v1/contests/${ev.contests.courier}/leaderboard`);
    const bib =
      ((await flagged.json()).rows as { bib: string; flagged: boolean }[]).find((r) => r.flagged)?.bib ?? 'C001';
    await page.goto(`/results/${ev.id}/courier/${bib}?lang=${lang}`);
    await expect(page.getByTestId('contestant')).toBeVisible();
    await waitLive(page);
    await shoot(page, `${lang}-6-contestant`);

    await page.goto(`/results/${ev.id}/rider/R024?lang=${lang}`);
    await expect(page.getByTestId('contestant-not-found')).toBeVisible();
    await shoot(page, `${lang}-7-contestant-unknown`);
  });
}

test('a frozen board on a phone', async ({ page, request }) => {
  const res = await request.post(`/api/v1/contests/${ev.contests.rider}/freeze`, {
    data: { frozen: true },
    headers: { authorization: `Bearer ${ev.admin}` },
  });
  expect(res.ok()).toBe(true);
  await page.goto(`/results/${ev.id}/rider?lang=zh-CN`);
  await expect(page.getByTestId('frozen-badge')).toHaveText('榜单已冻结');
  await waitLive(page);
  await shoot(page, 'zh-CN-8-board-frozen');
});
