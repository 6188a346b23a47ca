// A blind contest before certification, as the hall sees it (CONTRACT §7 v1.1): the phone pages and
// the big screen show stations only, in both languages — no bib, name or organisation — and a phone
// finds a contestant by station, never by the real bib. Screenshots in test-results/screenshots/.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { EventFile } from '../shared/event-file/schema.ts';
import { chiefSession, exampleEvent, importEvent, setState, signIn, signInUi } from './helpers.ts';
import { judgePin, realisticMarks, submitMarks, type ContestFile } from './display-marks.ts';
import { waitLive } from './public-helpers.ts';

const dir = resolve(import.meta.dirname, '..', 'test-results', 'screenshots');
const file = exampleEvent('wire-rope-contest') as EventFile;
const [wet, stranding] = file.contests as [EventFile['contests'][number], EventFile['contests'][number]];
/** Everything that would tie a station of the contest to a person or an organisation. */
const secretsOf = (contest: EventFile['contests'][number]) => [
  ...contest.contestants.flatMap((p) => [p.bib, p.name]),
  ...file.organisations.filter((o) => contest.contestants.some((p) => p.organisation === o.code)).map((o) => o.name),
];
const secrets = secretsOf(wet);

let eventId: string;
test.beforeAll(async ({ request }) => {
  mkdirSync(dir, { recursive: true });
  const admin = await signIn(request);
  const ev = await importEvent(request, admin, file);
  eventId = ev.id;
  const id = ev.contests.find((c) => c.code === 'wet-drawing')!.id;
  await setState(request, admin, id, 'scoring');
  await submitMarks(request, ev.id, id, wet as ContestFile, realisticMarks(wet as ContestFile));
  // Stranding half marked, so its chief judge's desk has marks missing.
  const strandingId = ev.contests.find((c) => c.code === 'stranding')!.id;
  await setState(request, admin, strandingId, 'scoring');
  const half = stranding.contestants.slice(0, 9).map((p) => p.bib);
  const marks = realisticMarks(stranding as ContestFile, { bibs: half });
  await submitMarks(request, ev.id, strandingId, stranding as ContestFile, marks);
});

async function expectNoSecrets(region: Locator, words = secrets) {
  const text = await region.innerText();
  expect(words.filter((s) => text.includes(s))).toEqual([]);
}

const bibsOf = (rows: Locator) => rows.evaluateAll((list) => list.map((r) => r.getAttribute('data-bib')));

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  const body = await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled' });
  await test.info().attach(name, { body, contentType: 'image/png' });
}

const words = {
  'zh-CN': { station: '工位', bib: '编号', notice: /加密评分/, deskNote: /盲评赛项/ },
  en: { station: 'Station', bib: 'Bib', notice: /Blind marking/, deskNote: /Blind contest/ },
} as const;

for (const lang of ['zh-CN', 'en'] as const) {
  test.describe(`phone, ${lang}`, () => {
    test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

    test('the board, its search and a contestant page show stations only', async ({ page }) => {
      await page.goto(`/results/${eventId}/wet-drawing?lang=${lang}`);
      await expect(page.getByTestId('board-row')).toHaveCount(wet.contestants.length);
      await waitLive(page);
      await expect(page.getByTestId('blind')).toHaveText(words[lang].notice);
      const head = page.getByTestId('board').locator('thead');
      await expect(head).toContainText(words[lang].station);
      await expect(head).not.toContainText(words[lang].bib);
      await expectNoSecrets(page.locator('main'));
      const bibs = await bibsOf(page.getByTestId('board-row'));
      expect(bibs.sort()).toEqual(wet.contestants.map((p) => p.station).sort());
      await shoot(page, `${lang}-blind-board`);

      await page.getByTestId('search').fill('w-07');
      await expect(page.getByTestId('board-row')).toHaveCount(1);
      await expect(page.getByTestId('board-row')).toHaveAttribute('data-bib', 'W-07');
      await page.getByTestId('search').fill('W007');
      await expect(page.getByTestId('no-match')).toBeVisible();

      await page.goto(`/results/${eventId}/wet-drawing?lang=${lang}`);
      await page.getByTestId('board-row').filter({ hasText: 'W-07' }).getByTestId('row-link').click();
      await expect(page).toHaveURL(new RegExp(`/results/${eventId}/wet-drawing/W-07`));
      await expect(page.getByTestId('contest-name')).toHaveText(`${words[lang].station} W-07`);
      await expect(page.getByTestId('contestant')).toBeVisible();
      await expectNoSecrets(page.locator('main'));
      await shoot(page, `${lang}-blind-contestant`);

      // The real bib is no address of the contestant while the contest is blind.
      await page.goto(`/results/${eventId}/wet-drawing/W007?lang=${lang}`);
      await expect(page.getByTestId('contestant-not-found')).toBeVisible();
    });

    test("the event page's search finds a station, not a name", async ({ page }) => {
      await page.goto(`/results/${eventId}?lang=${lang}`);
      await page.getByTestId('find').fill('W-12');
      await expect(page.getByTestId('find-hit')).toHaveCount(1);
      await expect(page.getByTestId('find-hit')).toHaveAttribute('data-bib', 'W-12');
      await expect(page.getByTestId('find-hit')).toContainText(`${words[lang].station} W-12`);
      await expectNoSecrets(page.locator('main'));
      await shoot(page, `${lang}-blind-find`);
      await page.getByTestId('find').fill(wet.contestants[11]!.name);
      await expect(page.getByTestId('find-none')).toBeVisible();
    });
  });

  test(`big screen, ${lang}: stations only`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      const page = await context.newPage();
      await page.goto(`/display/${eventId}?contest=wet-drawing&lang=${lang}`);
      await expect(page.getByTestId('display-row').first()).toBeVisible({ timeout: 15_000 });
      await expect(page.getByTestId('display-connection')).toHaveAttribute('data-status', 'connected');
      await expect(page.getByTestId('display-blind')).toBeVisible();
      await expectNoSecrets(page.getByTestId('display'));
      await expect(page.getByTestId('display-name').first()).toHaveText(/^W-\d+$/);
      const bibs = await bibsOf(page.getByTestId('display-row'));
      expect(bibs.every((b) => /^W-\d+$/.test(b ?? ''))).toBe(true);
      await shoot(page, `${lang}-blind-display`);
    } finally {
      await context.close();
    }
  });

  test(`the chief judge's desk, ${lang}: stations only, no judge paired with what it may not mark`, async ({
    page,
    request,
  }) => {
    await chiefSession(page, request, eventId, 's-chief', judgePin(stranding as ContestFile, 's-chief'));
    await page.goto(`/judge/chief?lang=${lang}`);
    await expect(page.getByTestId('contest-name')).toHaveText(stranding.name, { timeout: 15_000 });
    await expect(page.getByTestId('matrix-row')).toHaveCount(stranding.contestants.length);
    await expect(page.getByTestId('missing-note')).toHaveText(words[lang].deskNote);
    const owing = page
      .getByTestId('judge-missing')
      .filter({ has: page.locator('details') })
      .first();
    await owing.locator('summary').click();
    await expect(owing).toContainText('S-18');
    await expectNoSecrets(page.locator('body'), secretsOf(stranding));
    await shoot(page, `${lang}-blind-chief-desk`);
  });
}

// The venue's printed lists of a blind contest (issue 14): the check-in desk's sign-in sheet has no
// stations, the hall's station sheet has nothing but stations, and only the sealed key pairs them.
for (const lang of ['zh-CN', 'en'] as const) {
  test(`the printed lists of a blind contest keep stations apart from people, ${lang}`, async ({ page }) => {
    await page.setViewportSize({ width: 1000, height: 1300 });
    await signInUi(page, lang);
    await page.goto(`/admin/events/${eventId}/print/contestants?lang=${lang}`);
    await page.locator('#print-contest').selectOption('wet-drawing');
    const sheet = page.getByTestId('contestant-list');
    await expect(sheet).toHaveCount(1);
    const columns = () => sheet.locator('th[data-column]').evaluateAll((ths) => ths.map((th) => th.dataset.column));
    const stations = wet.contestants.map((p) => p.station!);
    const people = wet.contestants.flatMap((p) => [p.bib, p.name]);
    const shows = async (words: string[]) => {
      const text = await sheet.innerText();
      return words.filter((w) => text.includes(w));
    };

    // The default form: the sign-in sheet, without a station anywhere on it.
    await expect(page.getByTestId('blind-form')).toHaveValue('signin');
    expect(await columns()).toEqual(['bib', 'name', 'organisation', 'sign']);
    expect(await shows(stations)).toEqual([]);
    await shoot(page, `${lang}-blind-print-signin`);

    await page.getByTestId('blind-form').selectOption('stations');
    await expect(sheet.getByTestId('sheet-note')).toBeVisible();
    expect(await columns()).toEqual(['station', 'present']);
    expect(await shows(people)).toEqual([]);
    await expectNoSecrets(sheet);
    expect((await shows(stations)).sort()).toEqual([...stations].sort());
    await shoot(page, `${lang}-blind-print-stations`);

    await page.getByTestId('blind-form').selectOption('sealed');
    expect(await columns()).toEqual(['station', 'bib', 'name', 'organisation']);
    expect((await shows(people)).length).toBe(people.length);
  });
}
