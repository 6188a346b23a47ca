// axe-core on the public pages, in both languages: no serious or critical violation
// (contrast, names and labels, landmarks, lang). Everything axe finds is printed for the report.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { markDemo, openDemoEvent, waitLive, type OpenEvent } from './public-helpers.ts';

let ev: OpenEvent;
test.beforeAll(async ({ request }) => {
  ev = await openDemoEvent(request);
  await markDemo(request, ev);
});

async function audit(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  for (const v of violations) {
    console.log(
      `[axe] ${name}: ${v.impact} ${v.id} (${v.nodes.length}) ${v.help}: ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
    );
  }
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    ),
    name,
  ).toEqual([]);
}

// Phones in both languages; the wide layout (more columns) once.
const runs = [
  { lang: 'zh-CN', viewport: { width: 390, height: 844 } },
  { lang: 'en', viewport: { width: 390, height: 844 } },
  { lang: 'zh-CN', viewport: { width: 1280, height: 900 } },
] as const;

for (const { lang, viewport } of runs) {
  {
    test(`public pages in ${lang} at ${viewport.width}px`, async ({ page }) => {
      test.setTimeout(150_000);
      await page.setViewportSize(viewport);
      await page.goto(`/?lang=${lang}`);
      await expect(page.getByTestId('event').first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await audit(page, `/ ${lang}`);

      await page.goto(`/results/${ev.id}?lang=${lang}`);
      await expect(page.getByTestId('team-overall')).toBeVisible();
      await page.getByTestId('find').fill('C00');
      await expect(page.getByTestId('find-hit').first()).toBeVisible();
      await audit(page, `/results/:eventId ${lang}`);

      await page.goto(`/results/${ev.id}/courier?lang=${lang}`);
      await expect(page.getByTestId('board-row')).toHaveCount(24);
      await waitLive(page);
      await audit(page, `/results/:eventId/:contestCode ${lang}`);
      // Following a contestant pins their row above the board: the star toggles and the pinned table too.
      await page.locator('[data-testid="board"] [data-testid="follow"]').first().click();
      await expect(page.getByTestId('board-pinned')).toBeVisible();
      await audit(page, `/results/:eventId/:contestCode following ${lang}`);

      await page.goto(`/results/${ev.id}/courier/C004?lang=${lang}`);
      await expect(page.getByTestId('contestant')).toBeVisible();
      await waitLive(page);
      await audit(page, `/results/:eventId/:contestCode/:bib ${lang}`);

      // The event page lists whom this phone follows.
      await page.goto(`/results/${ev.id}?lang=${lang}`);
      await expect(page.getByTestId('followed-row')).toHaveCount(1);
      await audit(page, `/results/:eventId following ${lang}`);
    });
  }
}
