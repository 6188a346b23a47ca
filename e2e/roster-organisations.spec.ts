// Rosters as organisations write them, in both languages: the broken example's five problems in
// the reader's words (no English sentence on the Chinese screen), a roster that names companies by
// name previews clean, and a new company is offered, added with the organiser's code and imported.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { EventFile } from '../shared/event-file/schema.ts';
import { exampleEvent, importEvent, signIn, signInUi } from './helpers.ts';

const examples = (name: string) => fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
const shots = fileURLToPath(new URL('../test-results/roster-shots/', import.meta.url));

test.use({ viewport: { width: 1280, height: 900 } });

/** An English sentence: two Latin words in a row (codes such as "C001" or "nope" alone are fine). */
const ENGLISH = /[A-Za-z]{2,}[ ,.:;]+[A-Za-z]{2,}/;

const organisations = (exampleEvent('new-economy-contest') as EventFile).organisations;

/** The courier example with each organisation written by its name, as a company sends it. */
function courierByName(extra: string[] = []): string {
  const nameOf = new Map(organisations.map((o) => [o.code, o.name]));
  const lines = readFileSync(examples('courier-contestants.csv'), 'utf8').trim().split(/\r?\n/);
  const rows = lines.slice(1).map((line) => {
    const [bib, name, org, station] = line.split(',');
    return [bib, name, nameOf.get(org!), station].join(',');
  });
  return ['编号,姓名,单位,工位', ...rows, ...extra].join('\n');
}

async function newEvent(request: APIRequestContext, token: string) {
  const file = exampleEvent('new-economy-contest') as EventFile;
  file.name = `${file.name} ${crypto.randomUUID().slice(0, 8)}`;
  file.contests[0]!.contestants = [];
  return (await importEvent(request, token, file)).id;
}

async function storedFile(request: APIRequestContext, token: string, eventId: string): Promise<EventFile> {
  const res = await request.get(`/api/v1/events/${eventId}/file`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as EventFile;
}

async function choose(page: Page, name: string, content: string) {
  const file = { name, mimeType: 'text/csv', buffer: Buffer.from(content) };
  await page.getByTestId('roster-file-input').setInputFiles(file);
}

const problemTexts = async (page: Page) =>
  (await page.getByTestId('row-problem').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());

test('the broken roster’s five problems are worded in the reader’s language', async ({ page, request }) => {
  const token = await signIn(request);
  const eventId = await newEvent(request, token);
  await signInUi(page);
  mkdirSync(shots, { recursive: true });

  await page.goto(`/admin/events/${eventId}/roster?contest=courier&lang=zh-CN`);
  await page.getByTestId('roster-file-input').setInputFiles(examples('courier-contestants-broken.csv'));
  await expect(page.getByTestId('roster-summary')).toContainText('5 个问题');
  await expect(page.getByTestId('row-problem')).toHaveCount(5);
  const zh = await problemTexts(page);
  expect(zh).toEqual([
    '编号：“C001”与第 2 行重复。',
    '姓名：不能为空。',
    '单位：本赛事没有单位“nope”。',
    '编号：“C 902”格式不对：只能用 1–16 位字母、数字、- 或 _，不能有空格或其他符号。',
    '工位：“A#93”格式不对：只能用 1–16 位字母、数字、- 或 _，不能有空格或其他符号。',
  ]);
  for (const text of zh) expect(text).not.toMatch(ENGLISH);
  // The whole preview, cell titles included, carries no English sentence from the server.
  const preview = page.locator('section[aria-labelledby="roster-preview-title"]');
  expect(await preview.innerText()).not.toMatch(/is also on row|is empty|unknown organisation|must be/);
  const titles = await page.locator('td.bad-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('title')));
  for (const title of titles) expect(title).not.toMatch(ENGLISH);
  await expect(page.getByTestId('new-organisations')).toContainText('京运物流（jd）');
  await expect(page.getByTestId('roster-import')).toBeDisabled();
  await page.screenshot({ path: `${shots}zh-CN-broken.png`, fullPage: true });

  await page.goto(`/admin/events/${eventId}/roster?contest=courier&lang=en`);
  await page.getByTestId('roster-file-input').setInputFiles(examples('courier-contestants-broken.csv'));
  await expect(page.getByTestId('roster-summary')).toContainText('5 problems');
  expect(await problemTexts(page)).toEqual([
    'Bib: “C001” is also on row 2.',
    'Name: Must not be empty.',
    'Organisation: This event has no organisation “nope”.',
    'Bib: “C 902” is not in the right form: 1–16 letters, digits, - or _, no spaces or other signs.',
    'Station: “A#93” is not in the right form: 1–16 letters, digits, - or _, no spaces or other signs.',
  ]);
  await page.screenshot({ path: `${shots}en-broken.png`, fullPage: true });
});

test('a roster that names its companies by name previews clean and imports', async ({ page, request }) => {
  const token = await signIn(request);
  const eventId = await newEvent(request, token);
  await signInUi(page, 'en');

  await page.goto(`/admin/events/${eventId}/roster?contest=courier&lang=en`);
  await choose(page, 'couriers.csv', courierByName(['C025,王五,京运 物流,A-25']));
  await expect(page.getByTestId('roster-summary')).toContainText('25 rows, no problems');
  await expect(page.getByTestId('named-organisations')).toContainText('“京运 物流” → 京运物流 (jd)');
  await expect(page.getByTestId('row-problem')).toHaveCount(0);
  await page.screenshot({ path: `${shots}en-by-name.png`, fullPage: true });
  await page.getByTestId('roster-import').click();
  await expect(page.getByTestId('roster-imported')).toContainText('25 contestants');
  const stored = (await storedFile(request, token, eventId)).contests[0]!.contestants;
  expect(stored.find((p) => p.bib === 'C025')?.organisation).toBe('jd');
  expect(new Set(stored.map((p) => p.organisation))).toEqual(new Set(['yz', 'jd', 'zt']));
});

for (const lang of ['zh-CN', 'en'] as const) {
  test(`a new company is offered, added with the organiser’s code and imported (${lang})`, async ({
    page,
    request,
  }) => {
    const token = await signIn(request);
    const eventId = await newEvent(request, token);
    await signInUi(page, lang);
    const words = {
      'zh-CN': {
        summary: '有 1 个单位不在本赛事中',
        listed: '京运物流（jd）',
        adding: '京运快运（jykd）',
        ok: '26 行，没有问题',
        button: '新增单位（1 个）并导入 26 行',
        added: '已新增单位：京运快运（jykd）',
      },
      en: {
        summary: 'Organisations not in this event: 1',
        listed: '京运物流 (jd)',
        adding: '京运快运 (jykd)',
        ok: '26 rows, no problems',
        button: 'Add the organisations (1) and import 26 rows',
        added: 'Organisations added: 京运快运 (jykd)',
      },
    }[lang];

    await page.goto(`/admin/events/${eventId}/roster?contest=courier&lang=${lang}`);
    await choose(page, 'couriers.csv', courierByName(['C025,新选手,京运快运,A-25', 'C026,另一位,京运 快运,A-26']));
    await expect(page.getByTestId('roster-summary')).toContainText(words.summary);
    const panel = page.getByTestId('new-organisations');
    await expect(panel.getByTestId('new-organisation')).toHaveCount(1);
    await expect(panel.getByTestId('new-organisation-code')).toHaveValue('org-1');
    await expect(panel.getByTestId('event-organisations')).toContainText(words.listed);
    await expect(page.getByTestId('roster-import')).toBeDisabled();
    await page.screenshot({ path: `${shots}${lang}-new-company.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}${lang}-new-company-390.png` });
    await page.setViewportSize({ width: 1280, height: 900 });

    // A code another organisation has is refused on the spot; a new one is taken.
    await panel.getByTestId('new-organisation-code').fill('jd');
    await expect(panel.locator('.field-issues')).toBeVisible();
    await expect(panel.getByTestId('add-organisations')).toBeDisabled();
    await panel.getByTestId('new-organisation-code').fill('jykd');
    await panel.getByTestId('add-organisations').click();
    await expect(page.getByTestId('organisations-adding')).toContainText(words.adding);
    await expect(page.getByTestId('roster-summary')).toContainText(words.ok);
    await expect(page.getByTestId('roster-import')).toHaveText(words.button);
    await page.screenshot({ path: `${shots}${lang}-new-company-confirmed.png`, fullPage: true });
    // Confirming adds nothing yet: the import does.
    expect((await storedFile(request, token, eventId)).organisations).toEqual(organisations);

    await page.getByTestId('roster-import').click();
    await expect(page.getByTestId('roster-imported')).toContainText(words.added);
    const file = await storedFile(request, token, eventId);
    expect(file.organisations).toEqual([...organisations, { code: 'jykd', name: '京运快运' }]);
    const joined = file.contests[0]!.contestants.filter((p) => p.organisation === 'jykd');
    expect(joined.map((p) => p.bib)).toEqual(['C025', 'C026']);
  });
}

test('an organisation added meanwhile under the same code: the page checks again and proposes another', async ({
  page,
  request,
}) => {
  const token = await signIn(request);
  const eventId = await newEvent(request, token);
  await signInUi(page, 'en');
  await page.goto(`/admin/events/${eventId}/roster?contest=courier&lang=en`);
  await choose(page, 'couriers.csv', courierByName(['C025,新选手,京运快运,A-25']));
  const panel = page.getByTestId('new-organisations');
  await panel.getByTestId('new-organisation-code').fill('jykd');
  await panel.getByTestId('add-organisations').click();
  await expect(page.getByTestId('roster-summary')).toContainText('25 rows, no problems');

  // Another organiser adds an organisation with that code before this one imports.
  const file = await storedFile(request, token, eventId);
  file.organisations.push({ code: 'jykd', name: '京运快递' });
  const edited = await request.put(`/api/v1/events/${eventId}`, {
    data: file,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(edited.status()).toBe(200);

  await page.getByTestId('roster-import').click();
  await expect(page.getByTestId('roster-retried')).toBeVisible();
  await expect(panel.getByTestId('new-organisation-code')).toHaveValue('org-1');
  await expect(panel.getByTestId('event-organisations')).toContainText('京运快递 (jykd)');
  await panel.getByTestId('add-organisations').click();
  await page.getByTestId('roster-import').click();
  await expect(page.getByTestId('roster-imported')).toContainText('Organisations added: 京运快运 (org-1)');
  const after = await storedFile(request, token, eventId);
  expect(after.organisations.slice(-2)).toEqual([
    { code: 'jykd', name: '京运快递' },
    { code: 'org-1', name: '京运快运' },
  ]);
});
