// Signing a tablet in (pairing link, typed PIN), refusals that must be clear, and sign-out safety.
import { test } from '@playwright/test';
import { exampleEvent, setState } from './helpers.ts';
import { card, courierInScoring, expect, markExam, pairingPath, row, TABLET } from './judge-helpers.ts';
import { expectChinese, shot } from './language-checks.ts';

test.describe.configure({ timeout: 120_000 });

test.use({ viewport: TABLET });

test('a pairing link signs the tablet in, leaves no PIN in the address, and survives a reload', async ({
  page,
  request,
}) => {
  const { event } = await courierInScoring(request);
  await page.goto(pairingPath(event, 'r-j2', '765830'));
  await expect(page.getByTestId('contestants')).toBeVisible();
  expect(page.url()).not.toMatch(/pair|pin|765830/);
  expect(await page.evaluate(() => location.hash)).toBe('');
  await expect(page.getByTestId('judge-name')).toContainText('r-j2');
  // r-j2 belongs to organisation ml: its contestants are not on the sheet.
  const rider = exampleEvent('new-economy-contest').contests.find((c: { code: string }) => c.code === 'rider');
  const others = rider.contestants
    .filter((p: { organisation: string }) => p.organisation !== 'ml')
    .map((p: { bib: string }) => p.bib);
  const bibs = await page
    .locator('[data-testid="contestant"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-bib')));
  expect(others.length).toBeLessThan(rider.contestants.length);
  expect(bibs).toEqual(others);
  // Opening a contestant and going back never brings the PIN back into the address (or into history).
  await page.locator('[data-testid="contestant"]').first().click();
  await expect(page).toHaveURL(/[?&]c=/);
  await page.goBack();
  await expect(page.getByTestId('contestants')).toBeVisible();
  for (const url of [page.url(), JSON.stringify(await page.evaluate(() => history.state))]) {
    expect(url).not.toMatch(/pair|pin=|765830/);
  }
  await page.reload();
  await expect(page.getByTestId('contestants')).toBeVisible();
  await expect(page.getByTestId('judge-name')).toContainText('r-j2');
});

test.describe('a tablet of its own on the venue network', () => {
  // Its failed sign-ins count against its address, not against the address the other specs share.
  test.use({ extraHTTPHeaders: { 'x-forwarded-for': '192.0.2.31' } });

  test('a wrong PIN is refused clearly; repeated wrong PINs make the tablet count a wait down, then it signs in', async ({
    page,
    request,
  }) => {
    const { event } = await courierInScoring(request);
    await page.goto('/judge?lang=zh-CN');
    // Until the list of events arrives the field is a text box (for typing the event's id): wait for the list.
    await expect(page.locator('select[data-testid="signin-event"]')).toBeVisible();
    await page.getByTestId('signin-event').selectOption(event);
    await page.getByTestId('signin-judge').fill('c-j4');
    await page.getByTestId('signin-pin').fill('000000');
    await page.getByTestId('signin-submit').click();
    await expect(page.getByTestId('signin-error')).toHaveText('赛事、裁判编号或密码不正确。请核对裁判证后重试。');
    await expect(page.getByTestId('signin-pin')).toHaveValue('');
    // Five more wrong PINs at once use up the free attempts and the next turn (server/domain/auth/sign-in-guard.ts).
    const guess = (pin: string) => page.request.post('/api/v1/auth/judge', { data: { event, judge: 'c-j4', pin } });
    const pins = ['111110', '111111', '111112', '111113', '111114'];
    const statuses = await Promise.all(pins.map(async (pin) => (await guess(pin)).status()));
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // The PIN keypad works too: the right PIN now has to wait, and the tablet counts the wait down.
    const typePin = async () => {
      for (const key of '278064') await page.getByTestId('pin-keypad').locator(`[data-key="${key}"]`).click();
      await expect(page.getByTestId('signin-pin')).toHaveValue('278064');
    };
    await typePin();
    await page.getByTestId('signin-submit').click();
    const refusal = page.getByTestId('signin-error');
    await expect(refusal).toHaveAttribute('data-code', 'rate_limited');
    await expect(refusal).toHaveText(/^尝试次数过多，请等待 \d+ 秒后再试。$/);
    await expect(page.getByTestId('signin-submit')).toBeDisabled();
    const first = Number((await refusal.textContent())!.match(/\d+/)![0]);
    expect(first).toBeGreaterThan(0);
    await expect.poll(async () => Number((await refusal.textContent())?.match(/\d+/)?.[0] ?? 0)).toBeLessThan(first);
    // Once the wait is over, the refusal goes and the right PIN signs the tablet in.
    await expect(page.getByTestId('signin-submit')).toBeEnabled({ timeout: 70_000 });
    await expect(refusal).toBeHidden();
    await typePin();
    await page.getByTestId('signin-submit').click();
    await expect(page.getByTestId('contestants')).toBeVisible();
  });
});

test('a refused mark shows its reason, in the language of the moment, until dismissed', async ({ page, request }) => {
  const { admin, event, courier } = await courierInScoring(request);
  await page.goto(pairingPath(event, 'c-j2', '453642', 'en'));
  await row(page, 'C001').click();
  const packing = card(page, 'packing');
  await packing.getByTestId('step-up-big').click();
  await packing.getByTestId('step-up').click();
  await expect(packing.getByTestId('value-input')).toHaveValue('5.5');
  await expect(packing.getByTestId('points')).toHaveText('5.5 points');
  await packing.getByTestId('value-input').fill('5.25');
  await expect(packing.getByTestId('value-error')).toHaveText('Must be a multiple of 0.5.');
  await expect(packing.getByTestId('save')).toBeDisabled();
  await packing.getByTestId('value-input').fill('18.5');

  await setState(request, admin, courier, 'review'); // marking closes under the judge's feet
  await packing.getByTestId('save').click();
  await expect(packing.getByTestId('mark-status')).toHaveAttribute('data-state', 'refused');
  const closed = 'Marking is closed: the contest is in review, and only the chief judge may correct marks.';
  await expect(packing.getByTestId('refusal-reason')).toHaveText(closed);

  await page.getByTestId('back').click();
  const refused = page.getByTestId('refused');
  await expect(refused).toHaveCount(1);
  await expect(refused).toHaveAttribute('data-code', 'contest_closed');
  await expect(refused.getByTestId('refused-reason')).toHaveText(closed);
  await expect(row(page, 'C001')).toHaveAttribute('data-done', '0');
  // Kept on the tablet as the server's code and params, and worded when shown: read after a
  // reload in Chinese, then in English again after a switch.
  await page.goto('/judge?lang=zh-CN');
  await expect(page.getByTestId('refused')).toHaveCount(1);
  const zh = '评分已截止：赛项正在审核，只有裁判长可以更正评分。';
  await expect(page.getByTestId('refused-reason')).toHaveText(zh);
  await expectChinese(page.getByTestId('refused-list'));
  await shot(page, 'tablet-refused-zh-CN');
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('refused-reason')).toHaveText(closed);
  await shot(page, 'tablet-refused-en');
  await expect(page.getByTestId('marking-closed')).toBeVisible();
  await page.getByTestId('refused-dismiss').click();
  await expect(page.getByTestId('refused')).toHaveCount(0);
});

test('sign-out warns while marks are still waiting to be sent', async ({ browser, request }) => {
  const { event } = await courierInScoring(request);
  const context = await browser.newContext({ viewport: TABLET });
  const page = await context.newPage();
  await page.goto(pairingPath(event, 'c-timer', '977148'));
  await expect(page.getByTestId('contestants')).toBeVisible();
  await context.setOffline(true);
  const exam = await markExam(page, 'C010', 66);
  await expect(exam.getByTestId('mark-status')).toHaveAttribute('data-state', 'waiting');
  await page.getByTestId('signout').click();
  await expect(page.getByTestId('signout-pending')).toContainText('1 条评分没有送达服务器');
  await expect(page.getByTestId('signout-confirm')).toHaveCount(0);
  await page.getByTestId('signout-cancel').click();
  await context.setOffline(false);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-waiting', '0', { timeout: 15_000 });
  await page.getByTestId('signout').click();
  await expect(page.getByTestId('signout-pending')).toHaveCount(0);
  await page.getByTestId('signout-confirm').click();
  await expect(page.getByTestId('signin')).toBeVisible();
  // Signed out for good: a reload shows the sign-in, not a tablet signed in again by a pairing link
  // left in the address (its PIN came back with the contestant's ?c= once).
  expect(page.url()).not.toMatch(/pair|pin=|977148/);
  await page.reload();
  await expect(page.getByTestId('signin')).toBeVisible();
  await expect(page.locator('select[data-testid="signin-event"]')).toBeVisible();
  await expect(page.getByTestId('signin-submit')).toBeEnabled();
  await expect(page.getByTestId('contestants')).toHaveCount(0);
  await context.close();
});
