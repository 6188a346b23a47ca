// "Follow someone" (issue 14): on a phone, a contestant's family stars bibs on the board; the rows are
// pinned above the board (and marked in their place), stay after a reload (localStorage), follow live
// updates, and are listed on the event page. The contestant page has the same toggle.
import { expect, test, type Page } from '@playwright/test';
import { judgeToken, mark } from './helpers.ts';
import { markDemo, openDemoEvent, totalText, waitLive } from './public-helpers.ts';
import { shoot } from './display-helpers.ts';

const starOf = (page: Page, table: string, bib: string) =>
  page.locator(`[data-testid="${table}"] [data-testid="board-row"][data-bib="${bib}"] [data-testid="follow"]`);
const pinnedBibs = (page: Page) =>
  page
    .getByTestId('board-pinned')
    .getByTestId('board-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-bib')));
const boardBibs = (page: Page) =>
  page
    .getByTestId('board')
    .getByTestId('board-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-bib')));
const pinnedCell = (page: Page, bib: string, cell: string) =>
  page.locator(`[data-testid="board-pinned"] [data-testid="board-row"][data-bib="${bib}"] [data-testid="${cell}"]`);

test('a phone follows two bibs: pinned and marked, kept after a reload, updated live', async ({ page, request }) => {
  test.setTimeout(90_000);
  const ev = await openDemoEvent(request);
  await markDemo(request, ev); // C001–C018 marked; C019–C024 not yet
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/results/${ev.id}/courier?lang=zh-CN`);
  await expect(page.getByTestId('board').getByTestId('board-row')).toHaveCount(24);
  await expect(page.getByTestId('follow-hint')).toBeVisible();
  await expect(page.getByTestId('board-pinned')).toHaveCount(0);

  await expect(starOf(page, 'board', 'C003')).toHaveAccessibleName(/^关注 /);
  await starOf(page, 'board', 'C003').click();
  await starOf(page, 'board', 'C020').click();
  await expect(starOf(page, 'board', 'C003')).toHaveAttribute('aria-pressed', 'true');
  await expect(starOf(page, 'board', 'C001')).toHaveAttribute('aria-pressed', 'false');
  // Pinned in board order (C020 has no mark yet: last), and still in their place on the board.
  const order = (await boardBibs(page)).filter((b) => b === 'C003' || b === 'C020');
  await expect.poll(() => pinnedBibs(page)).toEqual(order);
  await expect(page.getByTestId('board').locator('[data-followed="true"]')).toHaveCount(2);

  await page.reload();
  await expect.poll(() => pinnedBibs(page)).toEqual(order);
  await expect(starOf(page, 'board-pinned', 'C020')).toHaveAttribute('aria-pressed', 'true');
  await expect(starOf(page, 'board', 'C003')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('board').locator('[data-followed="true"]')).toHaveCount(2);
  await expect(pinnedCell(page, 'C020', 'total')).toHaveText('—'); // no mark yet: not a 0 (SCORING §5.4)
  await page.evaluate(() => window.scrollTo(0, 0)); // the reload keeps the scroll of the clicks
  await shoot(page, 'phone-follow-390-zh-CN');
  await waitLive(page);

  // A judge marks C020: the pinned row gets its total and place as the board does, and moves.
  const timer = await judgeToken(request, ev.id, 'c-timer', '977148');
  await mark(request, timer, ev.contests.courier!, { contestant: 'C020', criterion: 'exam', value: 100 });
  await expect(pinnedCell(page, 'C020', 'total')).toHaveText(totalText(30));
  await expect(pinnedCell(page, 'C020', 'rank')).toHaveText(/^\d+$/);
  const rank = await page
    .locator('[data-testid="board"] [data-testid="board-row"][data-bib="C020"] [data-testid="rank"]')
    .innerText();
  await expect(pinnedCell(page, 'C020', 'rank')).toHaveText(rank);
  const moved = (await boardBibs(page)).filter((b) => b === 'C003' || b === 'C020');
  await expect.poll(() => pinnedBibs(page)).toEqual(moved);

  // The event page lists them, in English too; unfollowing there unpins them on the board.
  await page.goto(`/results/${ev.id}?lang=en`);
  await expect(page.getByTestId('followed-row')).toHaveCount(2);
  await expect(page.locator('[data-testid="followed-row"][data-bib="C020"] [data-testid="followed-total"]')).toHaveText(
    totalText(30),
  );
  await expect(page.locator('[data-testid="followed-row"][data-bib="C020"] [data-testid="followed-rank"]')).toHaveText(
    `Place ${rank}`,
  );
  await shoot(page, 'phone-follow-event-390-en');
  await page.locator('[data-testid="followed-row"][data-bib="C003"] [data-testid="follow"]').click();
  await expect(page.getByTestId('followed-row')).toHaveCount(1);

  // The contestant page's toggle, with its word.
  await page.goto(`/results/${ev.id}/courier/C005?lang=en`);
  const follow = page.getByRole('button', { name: 'Follow', exact: true });
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await page.goto(`/results/${ev.id}/courier?lang=en`);
  await expect.poll(async () => (await pinnedBibs(page)).sort()).toEqual(['C005', 'C020']);
  await shoot(page, 'phone-follow-390-en');
});
