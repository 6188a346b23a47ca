// Checks that a screen speaks its reader's language: Chinese wording with no English sentence on
// a zh-CN screen (codes, paths and acronyms such as PIN are not sentences), and screenshots of it
// for a person to look at (test-results/messages-language/<name>.png).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect } from './judge-helpers.ts';

export const HAN = /\p{Script=Han}/u;
/** Three Latin words in a row is an English sentence. */
export const ENGLISH_PROSE = /[A-Za-z]{2,}[\s,.’']+[A-Za-z]{2,}[\s,.’']+[A-Za-z]{2,}/;
export const SHOTS = fileURLToPath(new URL('../test-results/messages-language/', import.meta.url));

export async function expectChinese(region: Locator) {
  const text = await region.innerText();
  expect(text).toMatch(HAN);
  expect(text).not.toMatch(ENGLISH_PROSE);
}

export async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}
