// Waits for a page to settle before a screenshot: every short animation or transition (entrance
// fades, rows moving, a language switch's re-render: up to 3 s) has finished. Endless ones (a live
// dot's pulse) and long timers drawn as animations (a page's progress bar) are left running.
import type { Page } from '@playwright/test';

export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => {
      const { endTime } = a.effect?.getComputedTiming() ?? {};
      return a.playState !== 'running' || endTime === undefined || Number(endTime) > 3000;
    }),
  );
}
