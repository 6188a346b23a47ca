// Screenshots of the console's screens page and of a big screen in each mode the console sets, in
// zh-CN and en, for people to look at (test-results/screenshots/, CI artifacts).
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { settled } from './settled.ts';
import { cardOf, markedCourier, openConsole, openScreen, setMode, type ModeInput } from './screens-helpers.ts';

const DIR = new URL('../test-results/screenshots/', import.meta.url);

async function shoot(page: Page, name: string) {
  mkdirSync(DIR, { recursive: true });
  await settled(page);
  const body = await page.screenshot({ path: new URL(`${name}.png`, DIR).pathname, fullPage: false });
  await test.info().attach(name, { body, contentType: 'image/png' });
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`console screens page and a big screen in each mode, ${lang}`, async ({ browser, request }) => {
    test.setTimeout(300_000);
    const { admin, ev, courier } = await markedCourier(request);
    const auth = { headers: { authorization: `Bearer ${admin}` } };
    expect((await request.post(`/api/v1/contests/${courier}/freeze`, { data: { frozen: true }, ...auth })).ok()).toBe(
      true,
    );
    const text = lang === 'en' ? 'Practical test starts at 9:30' : '实操比赛 9:30 开始';
    expect((await request.post(`/api/v1/events/${ev.id}/announcements`, { data: { text }, ...auth })).ok()).toBe(true);

    const screen = await openScreen(browser, ev.id, lang);
    const other = await openScreen(browser, ev.id, lang);
    const desk = await openConsole(browser, ev.id, lang);
    try {
      const card = cardOf(desk.page, screen.id);
      await expect(card.getByTestId('screen-online')).toHaveAttribute('data-online', 'true', { timeout: 10_000 });
      await card.getByTestId('screen-identify').click();
      await expect(screen.page.getByTestId('display-identify')).toBeVisible();
      await shoot(screen.page, `control-identify-${lang}`);
      const modes: [string, ModeInput][] = [
        ['contest', { kind: 'contest', contest: 'courier' }],
        ['teams', { kind: 'teams' }],
        ['message', { kind: 'message', text: lang === 'en' ? 'Awards ceremony at 15:00' : '颁奖典礼 15:00 开始' }],
        ['blank', { kind: 'blank' }],
        ['rotate', { kind: 'rotate', seconds: 30 }],
      ];
      for (const [name, mode] of modes) {
        await setMode(card, mode);
        await expect(screen.page.getByTestId('display-mode')).toHaveAttribute('data-mode', mode.kind);
        if (name === 'teams') await expect(screen.page.getByTestId('display-team').first()).toBeVisible();
        if (name === 'contest' || name === 'rotate')
          await expect(screen.page.getByTestId('display-row').first()).toBeVisible();
        await shoot(screen.page, `control-${name}-${lang}`);
      }
      await setMode(card, { kind: 'reveal', contest: 'courier' });
      await expect(screen.page.getByTestId('reveal-step')).toHaveAttribute('data-step', '0');
      await shoot(screen.page, `control-reveal-start-${lang}`);
      for (let i = 0; i < 5; i++) await card.getByTestId('reveal-next').click();
      await expect(screen.page.getByTestId('reveal-step')).toHaveAttribute('data-step', '5');
      await shoot(screen.page, `control-reveal-5-${lang}`);
      await setMode(cardOf(desk.page, other.id), { kind: 'message', text });
      await desk.page.setViewportSize({ width: 1280, height: 2000 });
      await shoot(desk.page, `control-console-${lang}`);
      const phone = await desk.context.newPage();
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`/results/${ev.id}/courier?lang=${lang}`);
      await expect(phone.getByTestId('announcement')).toBeVisible({ timeout: 15_000 });
      await shoot(phone, `control-phone-announcement-${lang}`);
    } finally {
      await screen.context.close();
      await other.context.close();
      await desk.context.close();
    }
  });
}
