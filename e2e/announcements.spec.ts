// Announcements (issue 14): the organiser posts a message in the console; it shows on the big screen
// and on the event's public pages on a phone at once, on a phone that opens a page later, and goes
// from all of them when withdrawn.
import { expect, test } from '@playwright/test';
import { exampleEvent, importEvent, setState, signIn } from './helpers.ts';
import { openConsole, openScreen } from './screens-helpers.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test('an announcement reaches the big screen and the phones, also later, until withdrawn', async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const admin = await signIn(request);
  const ev = await importEvent(request, admin, exampleEvent('new-economy-contest'));
  await setState(request, admin, ev.contests.find((c) => c.code === 'courier')!.id, 'scoring');

  const screen = await openScreen(browser, ev.id);
  const desk = await openConsole(browser, ev.id);
  const phones = await browser.newContext(PHONE);
  try {
    const phone = await phones.newPage();
    await phone.goto(`/results/${ev.id}/courier?lang=zh-CN`);
    await expect(phone.getByTestId('event-name').or(phone.locator('h1')).first()).toBeVisible();
    await expect(phone.getByTestId('announcement')).toHaveCount(0);

    const text = '实操比赛 9:30 开始';
    await desk.page.getByTestId('announcement-text').fill(text);
    await desk.page.getByTestId('announcement-post').click();
    await expect(desk.page.getByTestId('announcement-item')).toHaveCount(1);
    await expect(screen.page.getByTestId('display-announcement')).toHaveText(text);
    await expect(phone.getByTestId('announcement')).toContainText(text, { timeout: 15_000 });

    // A phone that opens a page afterwards is shown it too, on every page of the event.
    const later = await phones.newPage();
    await later.goto(`/results/${ev.id}?lang=en`);
    await expect(later.getByTestId('announcement')).toContainText(text, { timeout: 15_000 });
    await expect(later.getByTestId('announcement')).toContainText('Notice');

    // Withdrawn: gone everywhere.
    await desk.page.getByTestId('announcement-withdraw').click();
    await expect(desk.page.getByTestId('announcement-item')).toHaveCount(0);
    await expect(screen.page.getByTestId('display-announcement')).toHaveCount(0);
    await expect(phone.getByTestId('announcement')).toHaveCount(0);
    await expect(later.getByTestId('announcement')).toHaveCount(0);

    const audit = await request.get(`/api/v1/events/${ev.id}/audit`, { headers: { authorization: `Bearer ${admin}` } });
    const kinds = ((await audit.json()) as { entries: { kind: string }[] }).entries.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['announcement', 'announcement.withdrawn']));
  } finally {
    await screen.context.close();
    await desk.context.close();
    await phones.close();
  }
});
