// Event archives and judges' PINs in the console: the archive leaves PIN hashes out unless the
// organiser ticks the box (which warns what the file then is); an archive without them imports
// with the judges needing new PINs, which the console says and offers to issue.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { exampleEvent, importEvent, signIn, signInUi } from './helpers.ts';
import { asCopy } from './archive-copy.ts';

const shots = fileURLToPath(new URL('../test-results/archive-shots/', import.meta.url));
test.use({ viewport: { width: 1280, height: 900 } });

function newEventFile() {
  const file = exampleEvent('new-economy-contest');
  file.name = `${file.name} ${crypto.randomUUID().slice(0, 8)}`;
  return file;
}

async function downloadArchive(page: Page): Promise<any> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('archive-download').click()]);
  return JSON.parse(gunzipSync(readFileSync((await download.path())!)).toString('utf8'));
}

for (const [lang, offline] of [
  ['zh-CN', '离线'],
  ['en', 'offline'],
] as const) {
  test(`${lang}: the archive carries PIN hashes only when the organiser ticks the box`, async ({ page, request }) => {
    mkdirSync(shots, { recursive: true });
    const ev = await importEvent(request, await signIn(request), newEventFile());
    await signInUi(page, lang);
    await page.goto(`/admin/events/${ev.id}?lang=${lang}`);
    const panel = page.getByTestId('archive-panel');
    await expect(panel.getByTestId('archive-pins')).not.toBeChecked();
    const plain = await downloadArchive(page);
    expect(plain.tables.judges.length).toBeGreaterThan(0);
    expect(plain.tables.judges.some((j: any) => 'pin_hash' in j)).toBe(false);

    await panel.getByTestId('archive-pins').check();
    await expect(panel.getByTestId('archive-pins-warning')).toContainText(offline);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}${lang}-panel-pins.png`, fullPage: true });
    const carried = await downloadArchive(page);
    expect(carried.tables.judges.every((j: any) => String(j.pin_hash).startsWith('$argon2id$'))).toBe(true);
  });
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`${lang}: an archive without PINs imports; the console says judges need new PINs and issues them`, async ({
    page,
    request,
  }) => {
    mkdirSync(shots, { recursive: true });
    const token = await signIn(request);
    const file = newEventFile();
    const ev = await importEvent(request, token, file);
    const res = await request.get(`/api/v1/events/${ev.id}/archive`, { headers: { authorization: `Bearer ${token}` } });
    const copy = asCopy(JSON.parse(gunzipSync(await res.body()).toString('utf8')));
    const judges = copy.tables.judges.length;

    await signInUi(page, lang);
    await page.goto(`/admin?lang=${lang}`);
    const form = page.getByTestId('archive-import');
    const archive = { name: 'archive.json.gz', mimeType: 'application/gzip', buffer: gzipSync(JSON.stringify(copy)) };
    await form.getByTestId('archive-file').setInputFiles(archive);
    await form.getByTestId('archive-submit').click();
    const done = form.getByTestId('archive-imported');
    await expect(done).toBeVisible();
    await expect(done.getByTestId('archive-no-pins')).toContainText(String(judges));
    await expect(done.getByTestId('archive-no-pins')).toContainText(lang === 'en' ? 'Issue new PINs' : '生成新 PIN');
    if (lang === 'zh-CN') await expect(done).not.toContainText(/[A-Za-z]{2,}[ ,.:;]+[A-Za-z]{2,}/);
    await done.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}${lang}-imported-no-pins.png`, fullPage: true });

    // The PINs of the original event do not open the copy: its judges have none yet.
    const first = file.contests[0].judges[0];
    const data = { event: copy.event, judge: first.code, pin: first.pin };
    const before = await request.post('/api/v1/auth/judge', { data });
    expect(before.status()).toBe(401);

    await done.getByTestId('archive-issue-pins').click();
    await expect(page).toHaveURL(new RegExp(`/admin/events/${copy.event}/print/judges`));
    await page.getByTestId('issue-all').click();
    await page.getByTestId('pins-confirm-ok').click();
    // A judge signs in with the PIN on the new card.
    const card = page.getByTestId('judge-card').first();
    await expect(card.getByTestId('card-pin')).toHaveText(/^\d{6}$/);
    const judge = (await card.getAttribute('data-code'))!;
    const pin = (await card.getByTestId('card-pin').textContent())!;
    const login = await request.post('/api/v1/auth/judge', { data: { event: copy.event, judge, pin } });
    expect(login.status()).toBe(200);
  });
}
