// Screenshots of the big screen with a realistic board, for people to look at (kept as CI artifacts
// in test-results/screenshots/): zh-CN and en at 1920×1080, a blind contest, and 4K once.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { exampleEvent, importEvent, setState, signIn } from './helpers.ts';
import { settled } from './settled.ts';
import { realisticMarks, submitMarks, type ContestFile } from './display-marks.ts';

const DIR = new URL('../test-results/screenshots/', import.meta.url);

async function shoot(page: Page, name: string) {
  mkdirSync(DIR, { recursive: true });
  const path = new URL(`${name}.png`, DIR).pathname;
  // Let the entrance fades finish so the picture shows the settled screen.
  await settled(page);
  const body = await page.screenshot({ path });
  await test.info().attach(name, { body, contentType: 'image/png' });
}

/** Imports an example, opens its contests and marks most contestants (the rest stay unmarked). */
async function realisticEvent(
  request: Parameters<typeof signIn>[0],
  name: 'new-economy-contest' | 'wire-rope-contest',
) {
  const admin = await signIn(request);
  const file = exampleEvent(name);
  const ev = await importEvent(request, admin, file);
  for (const contest of file.contests as ContestFile[]) {
    const id = ev.contests.find((c) => c.code === contest.code)!.id;
    await setState(request, admin, id, 'scoring');
    const bibs = contest.contestants.map((c) => c.bib).slice(0, Math.ceil(contest.contestants.length * 0.85));
    await submitMarks(request, ev.id, id, contest, realisticMarks(contest, { bibs }));
  }
  return ev;
}

async function openBoard(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('display-row').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('display-connection')).toHaveAttribute('data-status', 'connected');
  // The bundled CJK web font is what renders the Chinese text (not whatever the machine has).
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          await document.fonts.ready;
          let loaded = 0;
          document.fonts.forEach((f) => {
            if (f.family.includes('Noto Sans SC') && f.status === 'loaded') loaded++;
          });
          return loaded;
        }),
      { timeout: 15_000 },
    )
    .toBeGreaterThan(0);
}

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
