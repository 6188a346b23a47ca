// CONTRACT §5 freeze, seen in two browsers: the organiser's board keeps moving, the public one stops
// at the freeze (also after a reload), and unfreezing shows the public the new state.
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD } from './playwright.config.ts';
import { judgeToken, mark } from './helpers.ts';
import { openDemoEvent, totalOf, totalText, waitLive } from './public-helpers.ts';
import { recordShown } from './shown-log.ts';

test('a frozen board stops for the public but not for the organiser; unfreezing reveals it', async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const ev = await openDemoEvent(request);
  const courier = ev.contests.courier!;
  const timer = await judgeToken(request, ev.id, 'c-timer', '977148');
  await mark(request, timer, courier, { contestant: 'C001', criterion: 'exam', value: 50 }); // 0.3 × 50 = 15
  const board = `/results/${ev.id}/courier?lang=zh-CN`;

  // The organiser signs in from the page, as the console does: the HttpOnly cookie then rides on the socket handshake.
  const organiser = await browser.newContext();
  const orgPage = await organiser.newPage();
  await orgPage.goto('/?lang=zh-CN');
  const status = await orgPage.evaluate(async (password) => {
    const res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    return res.status;
  }, ADMIN_PASSWORD);
  expect(status).toBe(200);
  expect((await organiser.cookies()).some((c) => c.name === 'jx_session' && c.httpOnly)).toBe(true);
  await orgPage.goto(board);

  const visitor = await browser.newContext();
  const pubPage = await visitor.newPage();
  await pubPage.goto(board);

  for (const page of [orgPage, pubPage]) {
    await expect(totalOf(page, 'C001')).toHaveText(totalText(15));
    await waitLive(page);
  }

  const freeze = (frozen: boolean) =>
    request.post(`/api/v1/contests/${courier}/freeze`, {
      data: { frozen },
      headers: { authorization: `Bearer ${ev.admin}` },
    });
  expect((await freeze(true)).ok()).toBe(true);
  for (const page of [orgPage, pubPage]) {
    await expect(page.getByTestId('frozen-badge')).toHaveText('榜单已冻结', { timeout: 10_000 });
  }

  // Everything the public page shows from now on is recorded: the hidden mark must never appear on
  // it while the badge is there (an update leaked by the freeze would arrive before the unfreeze).
  const shown = await recordShown(
    pubPage,
    '[data-testid="frozen-badge"]',
    '[data-testid="board-row"][data-bib="C001"] [data-testid="total"]',
  );
  await mark(request, timer, courier, { contestant: 'C001', criterion: 'exam', value: 90 }); // 27
  await expect(totalOf(orgPage, 'C001')).toHaveText(totalText(27), { timeout: 10_000 });
  // A fresh visit while frozen shows the frozen board too (first paint by HTTP, then live).
  const freshPage = await visitor.newPage();
  await freshPage.goto(board);
  await waitLive(freshPage);
  await expect(totalOf(freshPage, 'C001')).toHaveText(totalText(15));
  await expect(freshPage.getByTestId('frozen-badge')).toBeVisible();

  expect((await freeze(false)).ok()).toBe(true);
  for (const page of [pubPage, freshPage]) {
    await expect(totalOf(page, 'C001')).toHaveText(totalText(27), { timeout: 10_000 });
    await expect(page.getByTestId('frozen-badge')).toHaveCount(0);
  }
  await expect(totalOf(orgPage, 'C001')).toHaveText(totalText(27));
  const log = await shown();
  expect(log.filter((s) => s.frozen).length).toBeGreaterThan(0);
  expect(log.filter((s) => s.frozen).flatMap((s) => s.values)).not.toContainEqual(expect.stringMatching(totalText(27)));
  expect(log.filter((s) => s.frozen).flatMap((s) => s.values)).toContainEqual(expect.stringMatching(totalText(15)));

  await organiser.close();
  await visitor.close();
});
