// Helpers of the judge tablet specs: a fresh event in scoring, signing a tablet in, marking.
import { expect as baseExpect, type APIRequestContext, type Page } from '@playwright/test';
import { exampleEvent, importEvent, setState, signIn } from './helpers.ts';

export const TABLET = { width: 1024, height: 768 };
/** Machines running several suites at once can be slow: a little more patience than the default 5 s. */
export const expect = baseExpect.configure({ timeout: 15_000 });
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export async function courierInScoring(request: APIRequestContext) {
  const admin = await signIn(request);
  const ev = await importEvent(request, admin, exampleEvent('new-economy-contest'));
  const courier = ev.contests.find((c) => c.code === 'courier')!.id;
  const rider = ev.contests.find((c) => c.code === 'rider')!.id;
  await setState(request, admin, courier, 'scoring');
  await setState(request, admin, rider, 'scoring');
  return { admin, event: ev.id, courier, rider };
}

export const pairingPath = (event: string, judge: string, pin: string, lang = 'zh-CN') =>
  `/judge?lang=${lang}#pair&event=${encodeURIComponent(event)}&judge=${encodeURIComponent(judge)}&pin=${encodeURIComponent(pin)}`;

export const row = (page: Page, bib: string) => page.locator(`[data-testid="contestant"][data-bib="${bib}"]`);
export const card = (page: Page, criterion: string) =>
  page.locator(`[data-testid="criterion"][data-criterion="${criterion}"]`);

/** Opens a contestant, types a value on the exam's number pad and saves; returns the card. */
export async function markExam(page: Page, bib: string, value: number) {
  await row(page, bib).click();
  await expect(page.getByTestId('sheet-contestant')).toHaveAttribute('data-bib', bib);
  const exam = card(page, 'exam');
  for (const key of String(value)) await exam.locator(`[data-testid="numpad-keys"] [data-key="${key}"]`).click();
  await expect(exam.getByTestId('value-input')).toHaveValue(String(value));
  await expect(exam.getByTestId('points')).toBeVisible();
  await exam.getByTestId('save').click();
  return exam;
}

export async function backToList(page: Page) {
  await page.getByTestId('back').click();
  await expect(page.getByTestId('contestants')).toBeVisible();
}
