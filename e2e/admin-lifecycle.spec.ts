// An organiser runs a contest's whole life from the console: sign in, import the event file, open
// scoring, watch marks arrive, close marking, see certification refused with readable reasons,
// accept a flag and correct a missing mark with reasons, certify, publish, download the results
// (XLSX, PDF) and certificates, verify a certificate, and see the audit log's chain verified.
// Screenshots of the console at 1280 px and 390 px in both languages go to test-results/admin-console.
import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect, test, type APIRequestContext, type Download, type Page } from '@playwright/test';
import { judgeToken, signIn } from './helpers.ts';
import { choosePublicUrl } from './site-helpers.ts';
import { settled } from './settled.ts';
import { ADMIN_PASSWORD } from './playwright.config.ts';

const EXAMPLE = new URL('../examples/new-economy-contest.json', import.meta.url);
const file = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
const courier = file.contests.find((c: any) => c.code === 'courier');
const pinOf = (code: string): string => courier.judges.find((j: any) => j.code === code).pin;
const SHOTS = 'test-results/admin-console';

interface Row {
  bib: string;
  name: string;
  rank: number;
  total: number;
  complete: boolean;
  flagged: boolean;
  award?: string | null;
  status: string;
}

/** Every courier mark but one (C024's exam), with C001's packing far apart (5, 20, 24: spread 19 > 6). */
function courierMarks() {
  const timer: object[] = [];
  const panel: Record<'c-j2' | 'c-j3' | 'c-j4', object[]> = { 'c-j2': [], 'c-j3': [], 'c-j4': [] };
  courier.contestants.forEach((p: any, i: number) => {
    const m = (criterion: string, value: number | boolean) => ({
      contestant: p.bib,
      criterion,
      value,
      clientId: crypto.randomUUID(),
    });
    if (p.bib !== 'C024') timer.push(m('exam', 60 + ((i * 7) % 40)));
    timer.push(m('sorting', 70 + ((i * 13) % 100)), m('accuracy', i % 4), m('waybill', i % 5 !== 0));
    (['c-j2', 'c-j3', 'c-j4'] as const).forEach((j, k) => {
      // Judges within 1 point of each other, except on C001's packing.
      const packing = p.bib === 'C001' ? [5, 20, 24][k]! : 12 + (i % 16) * 0.5 + k * 0.5;
      panel[j].push(m('packing', packing), m('service', 10 + (i % 20) * 0.5 + k));
    });
  });
  return { timer, ...panel };
}

async function sendBatch(request: APIRequestContext, token: string, contestId: string, marks: object[]) {
  const res = await request.post(`/api/v1/contests/${contestId}/marks/batch`, {
    data: { marks },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(200);
  const { results } = await res.json();
  expect(results.filter((r: any) => r.status !== 201)).toEqual([]);
}

async function board(request: APIRequestContext, admin: string, contestId: string) {
  const res = await request.get(`/api/v1/contests/${contestId}/leaderboard`, {
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as { seq: number; state: string; rows: Row[] };
}

async function saved(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path!);
}

async function pdfText(bytes: Buffer): Promise<string> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((it: any) => it.str ?? '').join('') + '\n';
  }
  await doc.destroy();
  return text;
}

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [lang, width] of [
    ['zh-CN', 1280],
    ['en', 1280],
    ['zh-CN', 390],
    ['en', 390],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByTestId(`lang-${lang}`).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await settled(page);
    await page.screenshot({ path: `${SHOTS}/${name}-${lang}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('lang-en').click();
}

test('an organiser runs a contest from import to published, verified results', async ({ page, request }) => {
  test.setTimeout(240_000); // the whole life of a contest on a shared, busy machine
  // The server listens on loopback: this organiser has chosen the venue's address (what happens
  // before that, the warning and the certify step, is public-address.spec.ts).
  await choosePublicUrl(request, await signIn(request), 'http://192.0.2.10:3000');

  // Sign in on the console.
  await page.goto('/admin?lang=en');
  await page.getByTestId('admin-signin').getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByTestId('admin-signin').getByRole('button').click();
  await expect(page.getByTestId('admin-home')).toBeVisible();
  await shoot(page, 'home');

  // Import the event file through the console: it opens the new event.
  await page.getByTestId('import-file').setInputFiles(EXAMPLE.pathname);
  await expect(page).toHaveURL(/\/admin\/events\/[^/]+$/, { timeout: 20_000 });
  const eventId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
  await expect(page.getByTestId('event-name')).toHaveText(file.name);
  const card = page.locator('[data-testid="contest-card"][data-code="courier"]');
  await expect(card).toHaveAttribute('data-state', 'setup');

  const admin = await signIn(request);
  const ev = await (await request.get(`/api/v1/events/${eventId}`)).json();
  const contestId: string = ev.contests.find((c: any) => c.code === 'courier').id;

  // Open scoring from the console.
  await card.getByTestId('move-open').click();
  await card.getByTestId('move-dialog-ok').click();
  await expect(card).toHaveAttribute('data-state', 'scoring');

  // Marks arrive from the judges' tablets (the API); the overview follows.
  const marks = courierMarks();
  for (const code of ['c-timer', 'c-j2', 'c-j3', 'c-j4'] as const) {
    const token = await judgeToken(request, eventId, code, pinOf(code));
    await sendBatch(request, token, contestId, marks[code === 'c-timer' ? 'timer' : code]);
  }
  const live = await board(request, admin, contestId);
  const complete = live.rows.filter((r) => r.status === 'active' && r.complete).length;
  expect(complete).toBeGreaterThan(0);
  expect(complete).toBeLessThan(live.rows.length);
  await expect(card.getByTestId('progress')).toHaveAttribute('data-complete', String(complete), { timeout: 10_000 });
  await expect(card.getByTestId('progress')).toHaveAttribute('data-active', String(live.rows.length));
  expect(live.rows.filter((r) => r.flagged).map((r) => r.bib)).toEqual(['C001']);
  await expect(card.getByTestId('flags')).toHaveAttribute('data-count', '1');
  await expect(card.locator('[data-testid="judge"][data-code="c-j2"]')).toHaveAttribute('data-online', 'true');
  await expect(card.locator('[data-testid="judge"][data-code="c-trainee"]')).toHaveAttribute('data-online', 'false');
  await shoot(page, 'event');

  // Close marking: review.
  await card.getByTestId('move-close').click();
  await card.getByTestId('move-dialog-ok').click();
  await expect(card).toHaveAttribute('data-state', 'review');

  // Certifying is refused, with the reasons in words: C001's packing is flagged, C024 has no exam.
  await card.getByTestId('move-certify').click();
  await card.getByTestId('move-dialog-ok').click();
  const blockers = card.getByTestId('blocker');
  await expect(blockers).toHaveCount(2);
  await expect(card.getByTestId('blockers')).toContainText('C001 廖强');
  await expect(card.locator('[data-testid="blocker"][data-kind="flagged"]')).toContainText('包装规范');
  await expect(card.locator('[data-testid="blocker"][data-kind="incomplete"]')).toContainText('C024 彭霞');
  await expect(card.locator('[data-testid="blocker"][data-kind="incomplete"]')).toContainText('理论考试(机考)');
  await card.getByTestId('move-dialog-cancel').click();

  // The contest's desk in the console: accept the flag with a reason, correct the missing mark.
  await card.getByTestId('open-desk').click();
  await expect(page.getByTestId('contest-name')).toHaveText('快递员');
  const flag = page.locator('[data-testid="flag-row"][data-bib="C001"][data-criterion="packing"]');
  await flag.getByTestId('flag-accept').click();
  await flag.getByTestId('flag-reason').fill('Checked on video: both marks stand');
  await flag.getByTestId('flag-accept-submit').click();
  await expect(page.getByTestId('flags-empty')).toBeVisible();
  await page.getByTestId('correct-contestant').selectOption('C024');
  await page.getByTestId('correct-criterion').selectOption('exam');
  await page.getByTestId('correct-value').fill('83');
  await page.getByTestId('correct-reason').fill('Paper exam entered after the machine failed');
  await page.getByTestId('correct-submit').click();
  await expect(page.getByTestId('correct-done')).toBeVisible();
  await expect(page.getByTestId('summary-complete')).toContainText(`${live.rows.length} / ${live.rows.length}`);
  await shoot(page, 'contest-review');

  // Certify, then publish, from the contest page.
  await page.getByTestId('move-certify').click();
  await page.getByTestId('move-dialog-ok').click();
  await expect(page.getByTestId('contest-state')).toHaveAttribute('data-state', 'certified');
  await expect(page.getByTestId('cert-digest')).toHaveText(/^[0-9a-f]{64}$/);
  await page.getByTestId('move-publish').click();
  await page.getByTestId('move-dialog-ok').click();
  await expect(page.getByTestId('contest-state')).toHaveAttribute('data-state', 'published');

  // The certification facts agree with the API.
  const cert = await (
    await request.get(`/api/v1/contests/${contestId}/certification`, { headers: { authorization: `Bearer ${admin}` } })
  ).json();
  await expect(page.getByTestId('cert-digest')).toHaveText(cert.digest);
  const final = await board(request, admin, contestId);
  expect(final.rows.every((r) => r.complete && !r.flagged)).toBe(true);

  // The XLSX has the board's ranks, names, totals and awards.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-export.xlsx').click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await saved(xlsx)) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const col = (name: string) => header.indexOf(name) + 1;
  expect(col('Bib')).toBeGreaterThan(0);
  const sheet: { bib: string; name: string; rank: number; total: number; award: string }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    sheet.push({
      bib: String(row.getCell(col('Bib')).value),
      name: String(row.getCell(col('Name')).value),
      rank: Number(row.getCell(col('Rank')).value),
      total: Number(row.getCell(col('Total')).value),
      award: String(row.getCell(col('Award')).value ?? ''),
    });
  }
  expect(sheet).toEqual(
    final.rows.map((r) => ({ bib: r.bib, name: r.name, rank: r.rank, total: r.total, award: r.award ?? '' })),
  );

  // The results sheet and the certificates (PDF) carry the Chinese names.
  const [resultsPdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-results.pdf').click(),
  ]);
  const resultsText = await pdfText(await saved(resultsPdf));
  for (const r of final.rows.slice(0, 5)) expect(resultsText).toContain(r.name);
  const [certPdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-certificates.pdf').click(),
  ]);
  const certText = await pdfText(await saved(certPdf));
  const winners = final.rows.filter((r) => r.award);
  expect(winners.length).toBeGreaterThan(0);
  for (const w of winners) expect(certText).toContain(w.name);

  // A certificate's verification page says it is valid.
  const certRow = page.getByTestId('certificate').first();
  await expect(page.getByTestId('certificate')).toHaveCount(winners.length);
  const [verify] = await Promise.all([page.context().waitForEvent('page'), certRow.getByTestId('verify-link').click()]);
  await expect(verify.getByTestId('verdict')).toHaveAttribute('data-status', 'valid', { timeout: 15_000 });
  await expect(verify.getByTestId('verify-name')).toHaveText(winners[0]!.name);
  await verify.close();
  await shoot(page, 'contest-published');

  // Amending published results needs a reason; the contest goes back to review.
  await page.getByTestId('move-amend').click();
  await page.getByTestId('move-dialog-ok').click();
  await expect(page.getByTestId('move-dialog')).toContainText('Give a reason for the amendment.');
  await page.getByTestId('move-reason').fill('Appeal upheld: re-check C017 sorting time');
  await page.getByTestId('move-dialog-ok').click();
  await expect(page.getByTestId('contest-state')).toHaveAttribute('data-state', 'review');
  await expect(page.getByTestId('download-export.xlsx')).toHaveAttribute('aria-disabled', 'true');

  // The audit log: the chain verifies, and the filters find the console's own acts.
  await page.goto(`/admin/events/${eventId}/audit?lang=en`);
  await expect(page.getByTestId('chain-status')).toHaveAttribute('data-ok', 'true');
  const verified = await (
    await request.get(`/api/v1/events/${eventId}/audit/verify`, { headers: { authorization: `Bearer ${admin}` } })
  ).json();
  await expect(page.getByTestId('chain-head')).toHaveText(verified.head);
  await page.getByTestId('filter-contestant').fill('C024');
  await page.getByTestId('filter-kind').selectOption('mark');
  await page.getByTestId('filter-apply').click();
  const entries = page.getByTestId('audit-entry');
  await expect(entries.last()).toContainText('Paper exam entered after the machine failed');
  await page.getByTestId('filter-kind').selectOption('flag.resolved');
  await page.getByTestId('filter-contestant').fill('');
  await page.getByTestId('filter-apply').click();
  await expect(entries).toHaveCount(1);
  await entries.first().locator('summary').click();
  await expect(entries.first().getByTestId('audit-data')).toContainText('Checked on video: both marks stand');
  await page.getByTestId('filter-kind').selectOption('state');
  await page.getByTestId('filter-apply').click();
  await expect(entries).toHaveCount(5); // courier: open, close, certify, publish, amend (rider was never opened)
  await expect(entries.last()).toContainText('Appeal upheld: re-check C017 sorting time');
  await shoot(page, 'audit');
});
