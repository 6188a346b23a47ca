// The contestant page and the two searches a phone user has: on a contest's board (bib, Chinese
// name, full-width letters, any case) and across the event ("find me").
import { expect, test } from '@playwright/test';
import { judgeToken, mark } from './helpers.ts';
import { openDemoEvent, totalOf, totalText, waitLive } from './public-helpers.ts';

test('a board row opens the contestant page, which updates live and leads back', async ({ page, request }) => {
  test.setTimeout(60_000);
  const ev = await openDemoEvent(request);
  const courier = ev.contests.courier!;
  const timer = await judgeToken(request, ev.id, 'c-timer', '977148');
  await mark(request, timer, courier, { contestant: 'C007', criterion: 'exam', value: 80 }); // 24

  await page.goto(`/results/${ev.id}/courier?lang=zh-CN`);
  await expect(totalOf(page, 'C007')).toHaveText(totalText(24));
  await page.locator('[data-testid="board-row"][data-bib="C007"] [data-testid="row-link"]').click();
  await expect(page).toHaveURL(new RegExp(`/results/${ev.id}/courier/C007`));
  await expect(page.getByTestId('contest-name')).toHaveText('白伟');
  await expect(page.getByTestId('contestant-organisation')).toHaveText('中通达快递');
  await expect(page.getByTestId('contestant-total')).toHaveText(totalText(24));
  await expect(page.getByTestId('contestant-rank')).toHaveText('1');
  await expect(page.getByTestId('incomplete')).toBeVisible();
  await expect(page.locator('[data-section="theory"] [data-testid="section-score"]')).toContainText('80');
  await waitLive(page);

  // A sorting time of 60 s is the best: 30 points of the practical section's 100.
  await mark(request, timer, courier, { contestant: 'C007', criterion: 'sorting', value: 60 });
  await expect(page.getByTestId('contestant-total')).toHaveText(totalText(45)); // 24 + 0.7 × 30
  await expect(page.getByTestId('contestant-summary')).toHaveClass(/changed/);
  await expect(page.locator('[data-section="practical"] [data-testid="section-score"]')).toContainText('30');

  await page.getByTestId('back-link').click();
  await expect(page).toHaveURL(new RegExp(`/results/${ev.id}/courier(\\?|$)`));
  await expect(page.getByTestId('board-row')).toHaveCount(24);

  // An address typed by hand: the bib in any case.
  await page.goto(`/results/${ev.id}/courier/c007?lang=en`);
  await expect(page.getByTestId('contestant-total')).toHaveText(totalText(45));
  await page.goto(`/results/${ev.id}/courier/C999?lang=en`);
  await expect(page.getByTestId('contestant-not-found')).toContainText('C999');
});

test('searching a board by bib or name: Chinese, full-width, any case', async ({ page, request }) => {
  const ev = await openDemoEvent(request);
  await page.goto(`/results/${ev.id}/courier?lang=zh-CN`);
  await expect(page.getByTestId('board-row')).toHaveCount(24);
  const search = page.getByTestId('search');
  const shown = () => page.getByTestId('board-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-bib')));

  await search.fill('白伟');
  await expect.poll(shown).toEqual(['C007']);
  await search.fill('c007');
  await expect.poll(shown).toEqual(['C007']);
  await search.fill('Ｃ００７');
  await expect.poll(shown).toEqual(['C007']);
  await search.fill('京运物流');
  await expect.poll(async () => (await shown()).length).toBeGreaterThan(1);
  await search.fill('没有这个人');
  await expect(page.getByTestId('no-match')).toBeVisible();
  await page.getByRole('button', { name: '清除' }).click();
  await expect(page.getByTestId('board-row')).toHaveCount(24);
});

test('"find me" on the event page searches every contest and links to the contestant', async ({ page, request }) => {
  const ev = await openDemoEvent(request);
  await page.goto(`/results/${ev.id}?lang=zh-CN`);
  const find = page.getByTestId('find');
  await find.fill('r003');
  await expect(page.getByTestId('find-hit')).toHaveCount(1);
  await expect(page.getByTestId('find-hit')).toContainText('马红梅');
  await expect(page.getByTestId('find-hit')).toContainText('外卖送餐员');
  await find.fill('廖强');
  await expect(page.getByTestId('find-hit').first()).toHaveAttribute('data-bib', 'C001');
  await page.getByTestId('find-hit').first().click();
  await expect(page).toHaveURL(new RegExp(`/results/${ev.id}/courier/C001`));
  await expect(page.getByTestId('contest-name')).toHaveText('廖强');
  await page.goBack();
  await find.fill('ＸＹＺ不存在');
  await expect(page.getByTestId('find-none')).toBeVisible();
});
