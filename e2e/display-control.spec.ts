// A big screen run from the console (issue 14): the screen appears in the console by a name, the
// organiser identifies, renames and switches it between modes; the screen follows at once, keeps its
// mode through a reload, and goes back to its address when the console lets it. The time from the
// click in the console to the screen showing the new mode is measured (p50 of several switches).
import { expect, test, type Page } from '@playwright/test';
import {
  cardOf,
  markedCourier,
  openConsole,
  openScreen,
  pickMode,
  setMode,
  type ModeInput,
} from './screens-helpers.ts';

/** The wall-clock time (ms, sub-ms precision) of each mode the screen showed, as the page saw it. */
async function recordModes(screen: Page) {
  await screen.evaluate(() => {
    const w = window as unknown as { __modes: { mode: string; at: number }[] };
    w.__modes = [];
    const el = document.querySelector('[data-testid="display-mode"]')!;
    new MutationObserver(() =>
      w.__modes.push({ mode: el.getAttribute('data-mode') ?? '', at: performance.timeOrigin + performance.now() }),
    ).observe(el, { attributes: true, attributeFilter: ['data-mode'] });
  });
}

/** The wall-clock time of the console's last click on "switch". */
async function recordClicks(console: Page) {
  await console.evaluate(() => {
    const w = window as unknown as { __clicks: number[] };
    w.__clicks = [];
    document.addEventListener(
      'click',
      (e) => {
        if ((e.target as Element).closest('[data-testid="mode-apply"]'))
          w.__clicks.push(performance.timeOrigin + performance.now());
      },
      true,
    );
  });
}

test('the console names, identifies and switches a big screen; the switch shows within a fraction of a second', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { admin, ev } = await markedCourier(request);

  const screen = await openScreen(browser, ev.id);
  const desk = await openConsole(browser, ev.id);
  try {
    // A screen with no mode shows what its address asks for: the rotation.
    await expect(screen.page.getByTestId('display-mode')).toHaveAttribute('data-mode', 'address');
    const card = cardOf(desk.page, screen.id);
    await expect(card.getByTestId('screen-online')).toHaveAttribute('data-online', 'true', { timeout: 10_000 });
    await expect(card.getByTestId('screen-name')).toHaveText(/^屏幕 \d+$/);

    // Identify: the name shows on the screen for a moment, and only then.
    await expect(screen.page.getByTestId('display-identify')).toHaveCount(0);
    await card.getByTestId('screen-identify').click();
    await expect(screen.page.getByTestId('display-identify')).toHaveText(/^屏幕 \d+$/);
    await expect(screen.page.getByTestId('display-identify')).toHaveCount(0, { timeout: 10_000 });
    await card.getByTestId('screen-rename').fill('主会场大屏');
    await card.getByRole('button', { name: '保存名称' }).click();
    await expect(card.getByTestId('screen-name')).toHaveText('主会场大屏');
    await card.getByTestId('screen-identify').click();
    await expect(screen.page.getByTestId('display-identify')).toHaveText('主会场大屏');

    // Mode after mode, timed from the click in the console to the screen showing it.
    await recordModes(screen.page);
    await recordClicks(desk.page);
    const modes: ModeInput[] = [
      { kind: 'contest', contest: 'courier' },
      { kind: 'teams' },
      { kind: 'message', text: '实操比赛 9:30 开始' },
      { kind: 'blank' },
      { kind: 'rotate', seconds: 20 },
      { kind: 'contest', contest: 'courier' },
      { kind: 'message', text: '颁奖典礼 15:00' },
      { kind: 'teams' },
      { kind: 'blank' },
    ];
    for (const mode of modes) {
      await (await pickMode(card, mode)).click();
      await expect(screen.page.getByTestId('display-mode')).toHaveAttribute('data-mode', mode.kind);
      await expect(card).toHaveAttribute('data-mode', mode.kind);
      if (mode.kind === 'contest') await expect(screen.page.getByTestId('display-title')).toHaveText('快递员');
      if (mode.kind === 'teams') await expect(screen.page.getByTestId('display-title')).toHaveText('团体排名');
      if (mode.text) await expect(screen.page.getByTestId('display-notice-text')).toHaveText(mode.text);
      if (mode.kind === 'blank') await expect(screen.page.getByTestId('display-blank')).toBeVisible();
    }
    const clicks = await desk.page.evaluate(() => (window as unknown as { __clicks: number[] }).__clicks);
    const shown = await screen.page.evaluate(
      () => (window as unknown as { __modes: { mode: string; at: number }[] }).__modes,
    );
    expect(clicks).toHaveLength(modes.length);
    const latencies = modes.map((mode, i) => {
      const at = shown.find((s) => s.mode === mode.kind && s.at >= clicks[i]!)!.at;
      return at - clicks[i]!;
    });
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)]!;
    console.log(
      `mode switch, console click → screen: p50 ${p50.toFixed(0)} ms, all ${latencies.map((l) => l.toFixed(0)).join(', ')} ms`,
    );
    await test.info().attach('mode-switch-latency', {
      body: JSON.stringify({ p50, latencies }),
      contentType: 'application/json',
    });
    expect(p50).toBeLessThan(1000);

    // The mode is the server's: a reload of the screen keeps it.
    await screen.page.reload();
    await expect(screen.page.getByTestId('display-mode')).toHaveAttribute('data-mode', 'blank', { timeout: 15_000 });
    await expect(screen.page.getByTestId('display-blank')).toBeVisible();

    // Back to the address: the rotation again.
    await setMode(card, { kind: 'address' });
    await expect(screen.page.getByTestId('display-mode')).toHaveAttribute('data-mode', 'address');
    await expect(screen.page.getByTestId('display-row').first()).toBeVisible({ timeout: 15_000 });

    // Every switch is in the audit log.
    const audit = await request.get(`/api/v1/events/${ev.id}/audit?kind=screen.mode`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(((await audit.json()) as { entries: unknown[] }).entries).toHaveLength(modes.length + 1);
  } finally {
    await screen.context.close();
    await desk.context.close();
  }
});
