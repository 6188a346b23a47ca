// The console's screens page and the big screens it runs (issue 14), for end-to-end tests: a big
// screen in a browser context of its own (as on the screen PC), the organiser's console in another.
import { expect, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { exampleEvent, importEvent, setState, signIn, signInUi } from './helpers.ts';
import { realisticMarks, submitMarks, type ContestFile } from './display-marks.ts';

export const HD = { width: 1920, height: 1080 };

/** A big screen: /display/:eventId in a context of its own, registered once it shows something. */
export async function openScreen(browser: Browser, eventId: string, lang = 'zh-CN', query = '') {
  const context = await browser.newContext({ viewport: HD });
  const page = await context.newPage();
  await page.goto(`/display/${eventId}?lang=${lang}${query}`);
  await expect(page.getByTestId('display-mode')).not.toHaveAttribute('data-mode', 'waiting', { timeout: 15_000 });
  const id = await page.evaluate((key) => localStorage.getItem(key), `jiangxin.screen.${eventId}`);
  expect(id).toBeTruthy();
  return { context, page, id: id! };
}

/** The organiser's console on the event's screens page. */
export async function openConsole(browser: Browser, eventId: string, lang = 'zh-CN') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInUi(page, lang);
  await page.goto(`/admin/events/${eventId}/screens?lang=${lang}`);
  await expect(page.getByTestId('screens-console')).toBeVisible();
  return { context, page };
}

export const cardOf = (console: Page, screenId: string): Locator =>
  console.locator(`[data-testid="screen-card"][data-screen="${screenId}"]`);

export interface ModeInput {
  kind: 'address' | 'rotate' | 'contest' | 'teams' | 'reveal' | 'message' | 'blank';
  contest?: string;
  seconds?: number;
  text?: string;
}

/** Fills the card's mode picker; `apply` clicks "switch" (left to the caller to time it). */
export async function pickMode(card: Locator, mode: ModeInput) {
  const picker = card.getByTestId('mode-picker');
  await picker.getByTestId('mode-kind').selectOption(mode.kind);
  if (mode.contest) await picker.getByTestId('mode-contest').selectOption(mode.contest);
  if (mode.seconds) await picker.getByTestId('mode-seconds').fill(String(mode.seconds));
  if (mode.text) await picker.getByTestId('mode-text').fill(mode.text);
  return picker.getByTestId('mode-apply');
}

export async function setMode(card: Locator, mode: ModeInput) {
  await (await pickMode(card, mode)).click();
  await expect(card).toHaveAttribute('data-mode', mode.kind);
}

/** The example event with its courier contest open and marked. */
export async function markedCourier(request: APIRequestContext) {
  const admin = await signIn(request);
  const file = exampleEvent('new-economy-contest');
  const ev = await importEvent(request, admin, file);
  const courier = ev.contests.find((c) => c.code === 'courier')!.id;
  await setState(request, admin, courier, 'scoring');
  const courierFile = file.contests.find((c: ContestFile) => c.code === 'courier') as ContestFile;
  await submitMarks(request, ev.id, courier, courierFile, realisticMarks(courierFile));
  return { admin, ev, courier };
}
