// A judge card's sign-in address never breaks inside the host and port ("192.168.1.2:30|00" would be
// typed wrong): whatever the width of the card's text column, host:port sits on one line.
import { expect, test } from '@playwright/test';
import { exampleEvent, importEvent, signIn, signInUi } from './helpers.ts';

test('the sign-in address on a judge card keeps host:port on one line', async ({ page, request }) => {
  test.setTimeout(90_000);
  const token = await signIn(request);
  const { id } = await importEvent(request, token, exampleEvent('wire-rope-contest'));
  await signInUi(page);
  await page.goto(`/admin/events/${id}/print/judges?lang=zh-CN`);
  await page.locator('[data-testid="judge-pick"][data-code="w-j1"] input[type="checkbox"]').check();
  await page.getByTestId('issue-selected').click();
  await page.getByTestId('pins-confirm-ok').click();
  const card = page.locator('[data-testid="judge-card"][data-code="w-j1"]');
  await expect(card).toBeVisible();
  // The card carries the event's public address, which an earlier spec on this server may have chosen.
  await expect(card.locator('.how')).toContainText('/judge');
  const shown = (await card.locator('.how').textContent())!.match(/(https?:\/\/([^\s/]+))\/judge/);
  expect(shown, 'an address ending in /judge on the card').not.toBeNull();
  const [, address, host] = shown!;

  for (const lang of ['zh-CN', 'en']) {
    await page.getByTestId(`lang-${lang}`).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    // Lines that host:port spans, for each width of the sentence from 25 to 55 mm.
    const lines = await card.locator('.how').evaluate((how: HTMLElement, host: string) => {
      const found: Record<string, number> = {};
      for (let mm = 25; mm <= 55; mm += 0.5) {
        how.style.width = `${mm}mm`;
        const nodes: Text[] = [];
        const walk = document.createTreeWalker(how, NodeFilter.SHOW_TEXT);
        while (walk.nextNode()) nodes.push(walk.currentNode as Text);
        const text = nodes.map((n) => n.data).join('');
        const start = text.indexOf(host);
        const end = start + host.length;
        const range = document.createRange();
        let seen = 0;
        for (const n of nodes) {
          if (start >= seen && start < seen + n.length) range.setStart(n, start - seen);
          if (end > seen && end <= seen + n.length) range.setEnd(n, end - seen);
          seen += n.length;
        }
        const lineBottoms = new Set(
          Array.from(range.getClientRects())
            .filter((r) => r.width > 0)
            .map((r) => Math.round(r.bottom)),
        );
        found[mm] = lineBottoms.size;
      }
      how.style.width = '';
      return found;
    }, host);
    // The address reads as one word in the sentence, with no stray space inside it.
    expect((await card.locator('.how').textContent())!.replace(/\s+/g, ' ')).toContain(` ${address}/judge `);
    await card.screenshot({ path: `test-results/judge-card-address-${lang}.png` });
    const broken = Object.entries(lines).filter(([, n]) => n !== 1);
    expect(broken, `${lang}: widths (mm) where ${host} is not on exactly one line`).toEqual([]);
  }
});
