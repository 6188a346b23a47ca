// The organiser prepares an event in the console: import the event file, edit it (a wrong weight
// sum is shown at the weights and cannot be saved), import a roster (a broken file imports
// nothing), issue new PINs and print judge cards whose PIN signs a judge in.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { EventFile } from '../shared/event-file/schema.ts';
import { exampleEvent, importEvent, signIn, signInUi } from './helpers.ts';

const examples = (name: string) => fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
const shots = fileURLToPath(new URL('../test-results/editor-shots/', import.meta.url));

test.use({ viewport: { width: 1280, height: 900 } });

async function storedFile(request: APIRequestContext, token: string, eventId: string): Promise<EventFile> {
  const res = await request.get(`/api/v1/events/${eventId}/file`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  return (await res.json()) as EventFile;
}

async function auditKinds(
  request: APIRequestContext,
  token: string,
  eventId: string,
): Promise<{ kind: string; data: Record<string, unknown> }[]> {
  const res = await request.get(`/api/v1/events/${eventId}/audit`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { entries: { kind: string; data: Record<string, unknown> }[] }).entries;
}

function csvBibs(name: string): string[] {
  return readFileSync(examples(name), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',')[0]!);
}

test('an organiser imports, edits, rosters and prints judge cards for an event', async ({ page, request }) => {
  test.setTimeout(120_000);
  const token = await signIn(request);
  await signInUi(page);

  // 1. Create the event from the example file through the file input.
  await page.goto('/admin/events/new?lang=zh-CN');
  await page.getByTestId('event-file-input').setInputFiles(examples('new-economy-contest.json'));
  await expect(page.getByTestId('import-summary')).toContainText('兴化市首届新业态群体技能竞赛');
  await page.getByTestId('create-from-file').click();
  await expect(page.getByTestId('event-created')).toBeVisible();
  const editHref = await page.getByTestId('go-to-edit').getAttribute('href');
  const eventId = /\/admin\/events\/([^/]+)\/edit/.exec(editHref ?? '')![1]!;
  const original = exampleEvent('new-economy-contest') as EventFile;
  expect((await storedFile(request, token, eventId)).name).toBe(original.name);

  // 2. A wrong weight sum shows at the weights, and saving is refused; fixed, it saves.
  await page.getByTestId('go-to-edit').click();
  const theory = page.locator('#f-contests-0-sections-0-weight');
  await expect(theory).toHaveValue('0.3');
  await theory.fill('0.4');
  const sumIssue = page.locator('[data-testid="field-issue"][data-field="contests[0].sections"]');
  await expect(sumIssue).toHaveText('赛项 courier 的模块权重之和为 1.1，须为 1');
  await expect(page.getByTestId('weight-sum').first()).toHaveClass(/bad/);
  await expect(page.getByTestId('editor-save')).toBeDisabled();
  // The server refuses the same file for the same reason.
  const wrong = structuredClone(original);
  for (const c of wrong.contests) for (const j of c.judges) delete j.pin;
  wrong.contests[0]!.sections[0]!.weight = 0.4;
  const refused = await request.put(`/api/v1/events/${eventId}`, {
    data: wrong,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(refused.status()).toBe(400);
  expect(
    ((await refused.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path),
  ).toContain('contests[0].sections');
  expect((await storedFile(request, token, eventId)).contests[0]!.sections[0]!.weight).toBe(0.3);

  await page.locator('#f-contests-0-sections-1-weight').fill('0.6');
  await expect(sumIssue).toHaveCount(0);
  await expect(page.getByTestId('editor-save')).toBeEnabled();
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('saved')).toBeVisible();
  const saved = await storedFile(request, token, eventId);
  expect(saved.contests[0]!.sections.map((s) => s.weight)).toEqual([0.4, 0.6]);
  expect((await auditKinds(request, token, eventId)).filter((e) => e.kind === 'event_edit')).toHaveLength(1);

  // 3. A broken roster shows five problems, cannot be imported, and changes nothing.
  await page.goto(`/admin/events/${eventId}/roster?contest=courier&lang=zh-CN`);
  await page.getByTestId('roster-file-input').setInputFiles(examples('courier-contestants-broken.csv'));
  await expect(page.getByTestId('roster-summary')).toContainText('5 个问题');
  await expect(page.getByTestId('row-problem')).toHaveCount(5);
  await expect(page.locator('[data-testid="preview-row"]:not([data-problems="0"])')).toHaveCount(5);
  await expect(page.locator('td.bad-cell')).toHaveCount(5);
  await expect(page.getByTestId('roster-import')).toBeDisabled();
  expect((await storedFile(request, token, eventId)).contests[0]!.contestants).toEqual(saved.contests[0]!.contestants);
  expect((await auditKinds(request, token, eventId)).filter((e) => e.kind === 'roster')).toHaveLength(0);

  // A good roster imports: the contest's list is the file's.
  await page.getByTestId('roster-file-input').setInputFiles(examples('courier-contestants.csv'));
  const bibs = csvBibs('courier-contestants.csv');
  await expect(page.getByTestId('roster-summary')).toContainText(`${bibs.length} 行，没有问题`);
  await expect(page.getByTestId('roster-import')).toBeEnabled();
  await page.getByTestId('roster-import').click();
  await expect(page.getByTestId('roster-imported')).toContainText(`${bibs.length}`);
  expect((await storedFile(request, token, eventId)).contests[0]!.contestants.map((p) => p.bib)).toEqual(bibs);
  const rosterEntries = (await auditKinds(request, token, eventId)).filter((e) => e.kind === 'roster');
  expect(rosterEntries).toHaveLength(1);
  expect(rosterEntries[0]!.data.rows).toBe(bibs.length);

  // 4. Judge cards: new PINs for two judges, after a warning; their cards carry a QR code of the
  // pairing link, and the PIN on a card signs the judge in (the file's old PIN no longer does).
  await page.goto(`/admin/events/${eventId}/print/judges?lang=zh-CN`);
  await expect(page.getByTestId('no-cards')).toBeVisible();
  const chosen = ['c-chief', 'c-j1'];
  for (const code of chosen)
    await page.locator(`[data-testid="judge-pick"][data-code="${code}"] input[type="checkbox"]`).check();
  await page.getByTestId('issue-selected').click();
  await expect(page.getByTestId('pins-confirm')).toBeVisible();
  await page.getByTestId('pins-confirm-ok').click();
  const cards = page.getByTestId('judge-card');
  await expect(cards).toHaveCount(2);
  await expect(page.getByTestId('card-qr')).toHaveCount(2);
  await expect(page.locator('[data-testid="card-qr"] path').first()).toHaveAttribute('d', /^M/);

  const site = (await (await request.get('/api/v1/site')).json()) as { publicUrl: string };
  const card = page.locator('[data-testid="judge-card"][data-code="c-j1"]');
  const pin = (await card.getByTestId('card-pin').textContent())!.trim();
  expect(pin).toMatch(/^\d{4,8}$/);
  const link = new URL((await card.getAttribute('data-link'))!);
  expect(`${link.origin}${link.pathname}`).toBe(`${site.publicUrl.replace(/\/+$/, '')}/judge`);
  expect(Object.fromEntries(new URLSearchParams(link.hash.replace(/^#pair&/, '')))).toEqual({
    event: eventId,
    judge: 'c-j1',
    pin,
  });

  const signedIn = await request.post('/api/v1/auth/judge', { data: { event: eventId, judge: 'c-j1', pin } });
  expect(signedIn.status()).toBe(200);
  expect(((await signedIn.json()) as { judge: { code: string } }).judge.code).toBe('c-j1');
  const oldPin = original.contests[0]!.judges.find((j) => j.code === 'c-j1')!.pin!;
  if (oldPin !== pin) {
    const stale = await request.post('/api/v1/auth/judge', { data: { event: eventId, judge: 'c-j1', pin: oldPin } });
    expect(stale.status()).toBe(401);
  }
  // The PINs never travel in the address.
  expect(page.url()).not.toContain(pin);
});

test('a blank event from the template shows its generated judge PIN once', async ({ page }) => {
  test.setTimeout(60_000);
  await signInUi(page, 'en');
  await page.goto('/admin/events/new?lang=en');
  await page.getByTestId('start-template').click();
  await expect(page.getByTestId('save-status')).toContainText('ready to save');
  await page.locator('#f-name').fill(`Template event ${Date.now()}`);
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('event-created')).toBeVisible();
  await expect(page.getByTestId('pin-row')).toHaveCount(1);
  const pin = (await page.locator('[data-testid="pin-row"] .pin').textContent())!.trim();
  // The card page of this tab has the PIN without asking for a new one.
  await page.getByTestId('print-cards-link').click();
  await expect(page.getByTestId('judge-card')).toHaveCount(1);
  await expect(page.getByTestId('card-pin')).toHaveText(pin);
});

test('screens in Chinese and English at 1280 px', async ({ page, request }) => {
  test.setTimeout(240_000);
  mkdirSync(shots, { recursive: true });
  const token = await signIn(request);
  const file = exampleEvent('wire-rope-contest') as EventFile;
  const { id } = await importEvent(request, token, file);
  await signInUi(page);

  for (const lang of ['zh-CN', 'en']) {
    await page.goto(`/admin/events/new?lang=${lang}`);
    await page.getByTestId('event-file-input').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...file, contests: [{ ...file.contests[0], sections: [] }] })),
    });
    await expect(page.getByTestId('import-problems')).toBeVisible();
    await page.screenshot({ path: `${shots}${lang}-new.png` });

    await page.goto(`/admin/events/${id}/edit?lang=${lang}`);
    const weight = page.locator('#f-contests-0-sections-1-weight');
    await weight.fill('0.8');
    await expect(page.locator('[data-field="contests[0].sections"]')).toBeVisible();
    await page
      .getByTestId('weight-sum')
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${shots}${lang}-edit.png` });
    for (const [name, selector] of [
      ['criteria', '[data-testid="criterion"][data-code="surface"]'],
      ['awards', '.awards'],
      ['judges', '[data-testid="judge"][data-code="w-qa"]'],
    ] as const) {
      await page
        .locator(selector)
        .first()
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${shots}${lang}-edit-${name}.png` });
    }

    await page.goto(`/admin/events/${id}/roster?lang=${lang}`);
    await page.getByTestId('roster-file-input').setInputFiles(examples('courier-contestants-broken.csv'));
    await expect(page.getByTestId('roster-summary')).toBeVisible();
    await page.screenshot({ path: `${shots}${lang}-roster.png`, fullPage: true });

    await page.goto(`/admin/events/${id}/print/judges?lang=${lang}`);
    if (lang === 'zh-CN') {
      await page.getByTestId('issue-all').click();
      await page.getByTestId('pins-confirm-ok').click();
    }
    await expect(page.getByTestId('judge-card').first()).toBeVisible();
    await page.screenshot({ path: `${shots}${lang}-judge-cards.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${shots}${lang}-judge-cards-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`/admin/events/${id}/print/contestants?lang=${lang}`);
    await expect(page.getByTestId('contestant-list').first()).toBeVisible();
    await page.screenshot({ path: `${shots}${lang}-contestants.png` });
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/admin/events/${id}/edit?lang=zh-CN`);
  await expect(page.getByTestId('event-editor')).toBeVisible();
  await page.screenshot({ path: `${shots}zh-CN-edit-390.png` });
  await page.goto(`/admin/events/${id}/roster?lang=en`);
  await page.getByTestId('roster-file-input').setInputFiles(examples('courier-contestants-broken.csv'));
  await expect(page.getByTestId('roster-summary')).toBeVisible();
  await page.screenshot({ path: `${shots}en-roster-390.png`, fullPage: true });
});
