// The big screen's test setup: an example event with a believable board, and a display opened on it.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { settled } from './settled.ts';
import { exampleEvent, importEvent, setState, signIn } from './helpers.ts';
import { realisticMarks, submitMarks, type ContestFile } from './display-marks.ts';

type EventFile = {
  contests: (ContestFile & { contestants: { bib: string; name: string; organisation: string }[] })[];
  organisations: { code: string; name: string }[];
};

/**
 * Imports an example (changed by `edit` first, if given), opens its contests and marks most
 * contestants (the rest stay unmarked).
 */
export async function realisticEvent(
  request: Parameters<typeof signIn>[0],
  name: 'new-economy-contest' | 'wire-rope-contest',
  edit?: (file: EventFile) => void,
) {
  const admin = await signIn(request);
  const file = exampleEvent(name);
  edit?.(file);
  const ev = await importEvent(request, admin, file);
  for (const contest of file.contests as ContestFile[]) {
    const id = ev.contests.find((c) => c.code === contest.code)!.id;
    await setState(request, admin, id, 'scoring');
    const bibs = contest.contestants.map((c) => c.bib).slice(0, Math.ceil(contest.contestants.length * 0.85));
    await submitMarks(request, ev.id, id, contest, realisticMarks(contest, { bibs }));
  }
  return ev;
}

export async function openBoard(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('display-row').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('display-connection')).toHaveAttribute('data-status', 'connected');
  // The bundled CJK web font is what renders the Chinese text (not whatever the machine has).
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          await document.fonts.ready;
          let loaded = 0;
          document.fonts.forEach((f) => {
            if (f.family.includes('Noto Sans SC') && f.status === 'loaded') loaded++;
          });
          return loaded;
        }),
      { timeout: 15_000 },
    )
    .toBeGreaterThan(0);
}

const SCREENSHOTS = new URL('../test-results/screenshots/', import.meta.url);

/** A screenshot of the settled page, kept in test-results/screenshots/ and attached to the report. */
export async function shoot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = new URL(`${name}.png`, SCREENSHOTS).pathname;
  // Let the entrance fades finish so the picture shows the settled screen.
  await settled(page);
  const body = await page.screenshot({ path });
  await test.info().attach(name, { body, contentType: 'image/png' });
}
