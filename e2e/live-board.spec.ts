// An organiser imports an event, the public board is open in Chromium, a judge's mark moves it.
import { expect, test } from '@playwright/test';
import { exampleEvent, importEvent, judgeToken, mark, setState, signIn } from './helpers.ts';

test('a mark submitted through the API shows on the live board within 2 s', async ({ page, request }) => {
  const admin = await signIn(request);
  const file = exampleEvent('new-economy-contest');
  const ev = await importEvent(request, admin, file);
  const courier = ev.contests.find((c) => c.code === 'courier')!.id;
  await setState(request, admin, courier, 'scoring');

  await page.goto(`/results/${ev.id}/courier?lang=zh-CN`);
  const row = page.locator('[data-testid="board-row"][data-bib="C007"]');
  await expect(row).toBeVisible();
  await expect(page.locator('[data-testid="board-row"]')).toHaveCount(24);
  // No mark yet: not ranked (SCORING §5.4), so "—" rather than a 0 and a rank.
  await expect(row.locator('[data-testid="total"]')).toHaveText('—');
  await expect(row.locator('[data-testid="rank"]')).toHaveText('—');

  // The page loads the realtime client after the first board: wait until it is live.
  await expect(page.locator('[data-testid="connection"]')).toHaveAttribute('data-status', 'connected');
  const timer = await judgeToken(request, ev.id, 'c-timer', '977148');
  const started = Date.now();
  await mark(request, timer, courier, { contestant: 'C007', criterion: 'exam', value: 90 });
  // 0.3 × 100 × 90/100 = 27: the theory section alone.
  await expect(row.locator('[data-testid="total"]')).toHaveText(/^27([.,]00?)?$/, { timeout: 2_000 });
  expect(Date.now() - started).toBeLessThan(2_000);
  await expect(page.locator('[data-testid="board-row"]').first()).toHaveAttribute('data-bib', 'C007');
  await expect(page.locator('[data-testid="board-row"]').first().locator('[data-testid="rank"]')).toHaveText('1');

  // The same board in English.
  await page.goto(`/results/${ev.id}/courier?lang=en`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('[data-testid="board-row"][data-bib="C007"] [data-testid="total"]')).toHaveText(
    /^27(\.00?)?$/,
  );
});
