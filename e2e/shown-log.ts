// What a page showed, recorded at every change of its DOM, for checks that something did NOT
// happen (a frozen board that must not move) without sleeping: Socket.IO keeps the order of one
// connection, so an update leaked during a freeze reaches the page before the unfreeze does, and
// the log shows it while the frozen badge is still there.
import type { Page } from '@playwright/test';

export interface Shown {
  /** Whether the frozen badge was on the page. */
  frozen: boolean;
  /** The text (or the attribute) of every element the value selector matched. */
  values: string[];
}

/** Starts recording; the function returned reads the log so far. */
export async function recordShown(page: Page, frozen: string, value: string, attribute?: string) {
  await page.evaluate(
    ([frozenSelector, valueSelector, attr]) => {
      const log: Shown[] = [];
      const read = () =>
        log.push({
          frozen: document.querySelector(frozenSelector) !== null,
          values: Array.from(
            document.querySelectorAll(valueSelector),
            (e) => (attr ? e.getAttribute(attr) : e.textContent?.trim()) ?? '',
          ),
        });
      read();
      const observer = new MutationObserver(read);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      (window as unknown as { __shown: Shown[] }).__shown = log;
    },
    [frozen, value, attribute ?? null] as const,
  );
  return () => page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown);
}
