// Honest boards (issue 14): before a contestant's first mark the hall and the phones show "—" and
// 未开始 / Not started, never a gold 1 for everyone at 0; one mark ranks that contestant alone; the
// big screen turns only to pages where someone has a mark; rank arrows show the net move of a burst
// of marks for everyone whose rank changed. Screenshots (1920×1080 and 390×844, zh-CN and en) go to
// test-results/screenshots/ for people to look at.
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { exampleEvent, importEvent, judgeToken, mark, setState, signIn } from './helpers.ts';
import { settled } from './settled.ts';
import { realisticMarks, submitMarks, type ContestFile } from './display-marks.ts';

const DIR = new URL('../test-results/screenshots/', import.meta.url);

async function shoot(page: Page, name: string) {
  mkdirSync(DIR, { recursive: true });
  await settled(page);
  const body = await page.screenshot({ path: new URL(`${name}.png`, DIR).pathname });
  await test.info().attach(name, { body, contentType: 'image/png' });
}

async function screens(browser: Browser) {
  const screenContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const phoneContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  return {
    screen: await screenContext.newPage(),
    phone: await phoneContext.newPage(),
    close: () => Promise.all([screenContext.close(), phoneContext.close()]),
  };
}

async function open(screen: Page, phone: Page, eventId: string, lang: string) {
  await Promise.all([
    screen.goto(`/display/${eventId}?contest=courier&lang=${lang}`),
    phone.goto(`/results/${eventId}/courier?lang=${lang}`),
  ]);
  await expect(screen.getByTestId('display-connection')).toHaveAttribute('data-status', 'connected', {
    timeout: 15_000,
  });
  await expect(phone.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
  await expect(phone.getByTestId('board-row')).toHaveCount(24);
}

async function courierEvent(request: Parameters<typeof signIn>[0]) {
  const admin = await signIn(request);
  const file = exampleEvent('new-economy-contest');
  const ev = await importEvent(request, admin, file);
  const id = ev.contests.find((c) => c.code === 'courier')!.id;
  await setState(request, admin, id, 'scoring');
  const contest = (file.contests as ContestFile[]).find((c) => c.code === 'courier')!;
  return { ev, id, contest, timer: await judgeToken(request, ev.id, 'c-timer', '977148') };
}

test('before any mark the hall and the phones show "—", no gold 1; one mark ranks that contestant alone', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { ev, id, contest, timer } = await courierEvent(request);
  const { screen, phone, close } = await screens(browser);
  try {
    await open(screen, phone, ev.id, 'zh-CN');
    // The big screen: every rank and section "—", no medal, 未开始 in place of a total.
    await expect(screen.getByTestId('display-row').first()).toBeVisible();
    for (const rank of await screen.getByTestId('display-rank').allTextContents()) expect(rank).toBe('—');
    await expect(screen.locator('[data-testid="display-rank"].gold')).toHaveCount(0);
    await expect(screen.locator('[data-testid="display-row"][data-ranked="true"]')).toHaveCount(0);
    const firstOnScreen = screen.getByTestId('display-row').first();
    await expect(firstOnScreen.getByTestId('display-total')).toHaveCount(0); // not a 0.00
    await expect(firstOnScreen.getByTestId('display-not-started')).toHaveText('未开始');
    // Nobody has a mark: one page, no page turning.
    await expect(screen.getByTestId('display-page')).toHaveCount(0);
    // The phone: the same.
    for (const rank of await phone.getByTestId('rank').allTextContents()) expect(rank.trim()).toBe('—');
    await expect(phone.locator('.rank.podium')).toHaveCount(0);
    const firstOnPhone = phone.getByTestId('board-row').first();
    await expect(firstOnPhone.getByTestId('total')).toHaveText('—');
    await expect(firstOnPhone).toContainText('未开始');
    await shoot(screen, 'unranked-before-1080p-zh-CN');
    await shoot(phone, 'unranked-before-phone-zh-CN');

    // One mark: C007 alone is ranked, 1st, with a two-decimal total; the others still "—".
    await mark(request, timer, id, { contestant: 'C007', criterion: 'exam', value: 90 }); // 0.3 × 90 = 27
    const ranked = screen.locator('[data-testid="display-row"][data-ranked="true"]');
    await expect(ranked).toHaveCount(1);
    await expect(ranked).toHaveAttribute('data-bib', 'C007');
    await expect(ranked.getByTestId('display-rank')).toHaveText('1');
    await expect(ranked.getByTestId('display-total')).toHaveText('27.00');
    await expect(screen.locator('[data-testid="display-rank"].gold')).toHaveCount(1);
    const phoneRanked = phone.locator('[data-testid="board-row"][data-ranked="true"]');
    await expect(phoneRanked).toHaveCount(1);
    await expect(phone.getByTestId('board-row').first()).toHaveAttribute('data-bib', 'C007');
    await expect(phoneRanked.getByTestId('rank')).toHaveText('1');
    await expect(phoneRanked.getByTestId('total')).toHaveText('27.00');
    await expect(phone.getByTestId('board-row').nth(1).getByTestId('rank')).toHaveText('—');
    // Its practical section has no mark yet: "—" there, not a 0 that reads as a result.
    await expect(ranked.getByTestId('display-section')).toHaveText(['90.00', '—']);
    await expect(phoneRanked.getByTestId('row-section').locator('b')).toHaveText(['90.00', '—']);

    await open(screen, phone, ev.id, 'en');
    await expect(screen.getByTestId('display-row').nth(1).getByTestId('display-not-started')).toHaveText('Not started');
    await expect(phone.getByTestId('board-row').nth(1)).toContainText('Not started');

    // Mid-contest: ten contestants marked; pages where nobody has a mark are left out of the turning.
    // Rows a page holds: the first page is full (24 contestants) and, with one page worth showing, stays.
    const perPage = await screen.getByTestId('display-row').count();
    expect(perPage).toBeLessThan(24);
    const bibs = contest.contestants.map((c) => c.bib).slice(0, 10);
    await submitMarks(request, ev.id, id, contest, realisticMarks(contest, { bibs }));
    await expect(phone.locator('[data-testid="board-row"][data-ranked="true"]')).toHaveCount(10);
    const worth = Math.ceil(10 / perPage);
    if (worth === 1) await expect(screen.getByTestId('display-page')).toHaveCount(0);
    else await expect(screen.getByTestId('display-page')).toHaveAttribute('data-pages', String(worth));
    await expect(screen.locator('[data-testid="display-row"][data-ranked="true"]').first()).toBeVisible();
    await shoot(screen, 'unranked-mid-1080p-en');
    await shoot(phone, 'unranked-mid-phone-en');
    await open(screen, phone, ev.id, 'zh-CN');
    await expect(phone.locator('[data-testid="board-row"][data-ranked="true"]')).toHaveCount(10);
    await expect(screen.locator('[data-testid="display-row"][data-ranked="true"]').first()).toBeVisible();
    await shoot(screen, 'unranked-mid-1080p-zh-CN');
    await shoot(phone, 'unranked-mid-phone-zh-CN');
  } finally {
    await close();
  }
});

test('three quick marks lift 5th to 1st: the big screen shows ▲4, and ▼1 for each contestant passed', async ({
  browser,
  request,
}) => {
  test.setTimeout(60_000);
  const { ev, id, timer } = await courierEvent(request);
  const { screen, phone, close } = await screens(browser);
  try {
    await open(screen, phone, ev.id, 'zh-CN');
    // C001 … C005 at 15, 12, 9, 6, 3 (exam is 30 % of the total).
    for (const [i, value] of [50, 40, 30, 20, 10].entries())
      await mark(request, timer, id, { contestant: `C00${i + 1}`, criterion: 'exam', value });
    const rankOf = (bib: string) =>
      screen.locator(`[data-testid="display-row"][data-bib="${bib}"] [data-testid="display-rank"]`);
    await expect(rankOf('C005')).toHaveText('5');
    // Wait until the arrows of the marks above are gone (5 s after the last change of rank).
    await expect(screen.getByTestId('display-move')).toHaveCount(0, { timeout: 10_000 });
    // The arrows last 5 s after the last change of rank: the page notes the newest arrow each row
    // shows, so that a slow machine cannot miss them between two looks.
    await screen.evaluate(() => {
      const seen: Record<string, string> = {};
      (window as unknown as { __arrows: Record<string, string> }).__arrows = seen;
      const note = () => {
        for (const move of Array.from(document.querySelectorAll('[data-testid="display-move"]'))) {
          const bib = move.closest('[data-testid="display-row"]')?.getAttribute('data-bib');
          if (bib) seen[bib] = move.textContent?.trim() ?? '';
        }
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    // C005: 35 → 3rd, 45 → 2nd, 60 → 1st, as fast as the API takes them.
    for (const value of [35, 45, 60]) await mark(request, timer, id, { contestant: 'C005', criterion: 'exam', value });
    await expect(rankOf('C005')).toHaveText('1');
    await expect
      .poll(() => screen.evaluate(() => (window as unknown as { __arrows: Record<string, string> }).__arrows))
      .toEqual({ C005: '▲4', C001: '▼1', C002: '▼1', C003: '▼1', C004: '▼1' });
  } finally {
    await close();
  }
});
