// The big screen read from the back of a hall (issue 14): at 1920×1080 and 3840×2160 a page holds at
// least ten rows, names, totals and column headers are at least the sizes chosen in
// web/src/lib/display/legibility.ts, nothing wraps and nothing runs off the frame; long names end in
// an ellipsis, long section names are shortened and explained in a legend; ?size= trades rows for type.
import { expect, test, type Page } from '@playwright/test';
import { openBoard, realisticEvent, shoot } from './display-helpers.ts';

const LONG_NAME = '阿卜杜热合曼·买买提艾力·吐尔逊';
const LONG_ORGANISATION = '美联外卖（江苏）网络科技有限公司南京江宁分公司';

/** Sizes in px and layout facts of the board on screen, after it settled. */
async function measure(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="display"] ol').length === 1);
  return page.evaluate(() => {
    const px = (el: Element | null | undefined) => (el ? parseFloat(getComputedStyle(el).fontSize) : 0);
    const all = (id: string) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`));
    const lines = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set(
        Array.from(range.getClientRects())
          .filter((r) => r.width > 0)
          .map((r) => Math.round(r.top)),
      ).size;
    };
    const rows = all('display-row').filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= 0 && b.bottom <= innerHeight + 0.5;
    });
    const texts = [...all('display-name'), ...all('display-total'), ...all('display-head-cell'), ...all('display-org')];
    const cells = [...rows.flatMap((r) => Array.from(r.children)), ...all('display-head-cell')];
    return {
      rows: rows.length,
      name: px(all('display-name')[0]),
      total: px(all('display-total')[0]),
      head: Math.min(...all('display-head-cell').map(px)),
      rank: px(all('display-rank')[0]),
      wrapped: texts.filter((el) => lines(el) > 1).map((el) => el.textContent),
      // Cut text must say so with an ellipsis, not just stop.
      cutBare: texts
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).textOverflow !== 'ellipsis')
        .map((el) => el.textContent),
      // Column headers are read whole.
      cutHeads: all('display-head-cell')
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent),
      outside: cells
        .filter((el) => {
          const b = el.getBoundingClientRect();
          return b.left < -0.5 || b.right > innerWidth + 0.5;
        })
        .map((el) => el.textContent),
      legend: all('display-legend').map((el) => el.textContent?.trim()),
    };
  });
}

test('the big screen is legible from the back of the hall, 1080p and 4K, zh-CN and en', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const ev = await realisticEvent(request, 'new-economy-contest', (file) => {
    const rider = file.contests.find((c) => c.code === 'rider')!;
    const first = rider.contestants[0]!;
    first.name = LONG_NAME;
    file.organisations.find((o) => o.code === first.organisation)!.name = LONG_ORGANISATION;
  });
  const figures: Record<string, unknown> = {};
  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
  ] as const) {
    const scale = height / 1080;
    const context = await browser.newContext({ viewport: { width, height } });
    try {
      const page = await context.newPage();
      for (const lang of ['zh-CN', 'en']) {
        await openBoard(page, `/display/${ev.id}?contest=rider&lang=${lang}`);
        // The long name's page (the board turns its pages every few seconds).
        await expect(page.getByTestId('display-name').filter({ hasText: LONG_NAME })).toBeVisible({ timeout: 20_000 });
        const m = await measure(page);
        figures[`${height}p ${lang}`] = m;
        expect(m.rows).toBeGreaterThanOrEqual(10);
        expect(m.name).toBeGreaterThanOrEqual(64 * scale);
        expect(m.total).toBeGreaterThanOrEqual(68 * scale);
        expect(m.head).toBeGreaterThanOrEqual(32 * scale);
        expect(m.wrapped).toEqual([]);
        expect(m.cutBare).toEqual([]);
        expect(m.cutHeads).toEqual([]);
        expect(m.outside).toEqual([]);
        // 交通安全与服务规范 is too long for a column: a short label, explained under the board.
        expect(m.legend.join(' ')).toContain('交通安全与服务规范');
        await shoot(page, `display-legible-${height}p-${lang}`);
      }
      if (height !== 1080) continue;
      // ?size= trades rows for type, and still nothing wraps or runs off the frame.
      for (const [size, rows] of [
        ['xl', [5, 7]],
        ['s', [12, 14]],
        ['1.25', [7, 9]],
      ] as const) {
        await openBoard(page, `/display/${ev.id}?contest=rider&lang=en&size=${size}`);
        const m = await measure(page);
        figures[`${height}p size=${size}`] = m;
        expect(m.rows).toBeGreaterThanOrEqual(rows[0]);
        expect(m.rows).toBeLessThanOrEqual(rows[1]);
        expect(m.name).toBeCloseTo(65.28 * Number(size === 'xl' ? 1.5 : size === 's' ? 0.8 : size), 0);
        expect([...m.wrapped, ...m.cutBare, ...m.cutHeads, ...m.outside]).toEqual([]);
        if (size === 'xl') await shoot(page, `display-legible-${height}p-size-xl-en`);
      }
    } finally {
      await context.close();
    }
  }
  await test.info().attach('figures', { body: JSON.stringify(figures, null, 2), contentType: 'application/json' });
  console.log(JSON.stringify(figures));
});
