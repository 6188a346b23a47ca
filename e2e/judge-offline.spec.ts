// A judge keeps marking when the network drops: marks wait on the tablet, survive a reload
// offline (service worker + IndexedDB), and reach the server exactly once when it comes back.
import { test } from '@playwright/test';
import { backToList, expect, card, courierInScoring, markExam, pairingPath, row, TABLET } from './judge-helpers.ts';

test.describe.configure({ timeout: 120_000 });

test.use({ viewport: TABLET, serviceWorkers: 'allow' });

test('marks made offline are kept through a reload and delivered once each', async ({ browser, request }) => {
  const { admin, event, courier } = await courierInScoring(request);
  const context = await browser.newContext({ viewport: TABLET, locale: 'zh-CN' });
  const page = await context.newPage();

  await page.goto(pairingPath(event, 'c-timer', '977148'));
  await expect(page.locator('[data-testid="contestant"]')).toHaveCount(24, { timeout: 15_000 });
  expect(page.url()).not.toContain('pin=');
  // The service worker has cached the app; reload once so it controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'online');

  const values: Record<string, number> = { C001: 80, C002: 85, C003: 90, C004: 70, C005: 95 };
  for (const bib of ['C001', 'C002', 'C003']) {
    const exam = await markExam(page, bib, values[bib]!);
    await expect(exam.getByTestId('mark-status')).toHaveAttribute('data-state', 'received');
    await expect(exam.getByTestId('mark-status')).toHaveText(/已送达/);
    await backToList(page);
  }

  await context.setOffline(true);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'offline');
  for (const bib of ['C004', 'C005']) {
    const exam = await markExam(page, bib, values[bib]!);
    await expect(exam.getByTestId('mark-status')).toHaveAttribute('data-state', 'waiting');
    await expect(exam.getByTestId('mark-status')).toHaveText(/已保存在本机/);
    await backToList(page);
  }
  await expect(page.getByTestId('connection')).toHaveAttribute('data-waiting', '2');
  await expect(page.getByTestId('connection')).toContainText('2 条待发送');

  // Reload with no network: the shell comes from the service worker, the marks from IndexedDB.
  await page.reload();
  await expect(page.locator('[data-testid="contestant"]')).toHaveCount(24);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'offline');
  await expect(page.getByTestId('connection')).toHaveAttribute('data-waiting', '2');
  for (const bib of ['C004', 'C005']) await expect(row(page, bib)).toHaveAttribute('data-done', '1');
  await expect(row(page, 'C001')).toHaveAttribute('data-done', '1');
  await row(page, 'C004').click();
  await expect(card(page, 'exam').getByTestId('mark-status')).toHaveAttribute('data-state', 'waiting');
  await expect(card(page, 'exam').getByTestId('value-input')).toHaveValue('70');

  await context.setOffline(false);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-waiting', '0', { timeout: 15_000 });
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'online');
  await expect(card(page, 'exam').getByTestId('mark-status')).toHaveAttribute('data-state', 'received');

  // The server holds exactly the five marks, once each.
  const res = await request.get(`/api/v1/contests/${courier}/marks`, { headers: { authorization: `Bearer ${admin}` } });
  expect(res.ok()).toBe(true);
  const { marks } = (await res.json()) as {
    marks: { contestant: string; criterion: string; judge: string; value: number; clientId: string }[];
  };
  expect(marks.map((m) => [m.contestant, m.criterion, m.judge, m.value]).sort()).toEqual(
    Object.entries(values)
      .map(([bib, v]) => [bib, 'exam', 'c-timer', v])
      .sort(),
  );
  expect(new Set(marks.map((m) => m.clientId)).size).toBe(5);

  // A public board in another browser shows them: 0.3 × value (the theory section alone).
  const viewer = await browser.newContext();
  const board = await viewer.newPage();
  await board.goto(`/results/${event}/courier?lang=zh-CN`);
  for (const [bib, v] of Object.entries(values)) {
    const total = board.locator(`[data-testid="board-row"][data-bib="${bib}"] [data-testid="total"]`);
    await expect(total).toHaveText((Math.round(v * 30) / 100).toFixed(2)); // two decimals, as every screen writes
  }
  await viewer.close();
  await context.close();
});
