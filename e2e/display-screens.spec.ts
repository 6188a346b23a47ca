// Screenshots of the big screen with a realistic board, for people to look at (kept as CI artifacts
// in test-results/screenshots/): zh-CN and en at 1920×1080, a blind contest, and 4K once.
import { expect, test } from '@playwright/test';
import { exampleEvent } from './helpers.ts';
import { openBoard, realisticEvent, shoot } from './display-helpers.ts';

test('big screen screenshots, zh-CN and en, 1080p and 4K', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const ev = await realisticEvent(request, 'new-economy-contest');
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    await openBoard(page, `/display/${ev.id}?contest=courier&lang=zh-CN`);
    await expect(page.getByTestId('display-title')).toHaveText('快递员');
    await expect(page.getByTestId('display-state')).toHaveText('评分中');
    await expect(page.getByTestId('display-award').first()).toBeVisible();
    await expect(page.getByTestId('display-page')).toHaveText(/^1\/\d+$/);
    await shoot(page, 'display-1080p-zh-CN');

    await openBoard(page, `/display/${ev.id}?contest=rider&lang=en`);
    await expect(page.getByTestId('display-state')).toHaveText('Scoring');
    await shoot(page, 'display-1080p-en');
  } finally {
    await context.close();
  }

  const uhd = await browser.newContext({ viewport: { width: 3840, height: 2160 } });
  try {
    const page = await uhd.newPage();
    await openBoard(page, `/display/${ev.id}?contest=courier&lang=zh-CN`);
    // Everything scales with the screen: the rank badge is twice as large as at 1080p.
    const box = await page.getByTestId('display-rank').first().boundingBox();
    expect(box!.height).toBeGreaterThan(120);
    await shoot(page, 'display-2160p-zh-CN');
  } finally {
    await uhd.close();
  }
});

test('big screen screenshot of a blind contest: stations only', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const ev = await realisticEvent(request, 'wire-rope-contest');
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    await openBoard(page, `/display/${ev.id}?contest=wet-drawing&lang=zh-CN`);
    await expect(page.getByTestId('display-blind')).toBeVisible();
    const file = exampleEvent('wire-rope-contest');
    const names = (file.contests[0].contestants as { name: string }[]).map((c) => c.name);
    const text = await page.getByTestId('display').innerText();
    for (const name of names) expect(text).not.toContain(name);
    await expect(page.getByTestId('display-name').first()).toHaveText(/^W-\d+$/);
    await shoot(page, 'display-1080p-blind-zh-CN');
  } finally {
    await context.close();
  }
});
