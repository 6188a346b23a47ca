// Every role finds its page: the chief judge finds the desk from /judge and comes back to it after
// signing in, a judge who is not chief gets a clear answer at the desk, and the home page shows
// organisers and judges their way in, in both languages.
import { test, type Page } from '@playwright/test';
import { exampleEvent } from './helpers.ts';
import { courierInScoring, expect, pairingPath, TABLET } from './judge-helpers.ts';

test.describe.configure({ timeout: 120_000 });
test.use({ viewport: TABLET });

const pinOf = (code: string): string =>
  exampleEvent('new-economy-contest')
    .contests.flatMap((c: any) => c.judges)
    .find((j: any) => j.code === code).pin;

async function signInWithForm(page: Page, event: string, judge: string) {
  await expect(page.locator('select[data-testid="signin-event"]')).toBeVisible();
  await page.getByTestId('signin-event').selectOption(event);
  await page.getByTestId('signin-judge').fill(judge);
  await page.getByTestId('signin-pin').fill(pinOf(judge));
  await page.getByTestId('signin-submit').click();
}

const runs = [
  { lang: 'zh-CN', chief: 'c-chief', panel: 'c-j2', desk: '裁判长工作台', back: '返回评分页' },
  { lang: 'en', chief: 'r-chief', panel: 'r-j3', desk: 'chief judge desk', back: 'Back to marking' },
] as const;

for (const run of runs) {
  test.describe(run.lang, () => {
    test('an unsigned visitor of the desk is sent to sign in, and lands back on the desk', async ({
      page,
      request,
    }) => {
      const { event } = await courierInScoring(request);
      await page.goto(`/judge/chief?lang=${run.lang}`);
      await expect(page).toHaveURL(/\/judge\?/);
      expect(new URL(page.url()).searchParams.get('next')).toBe(`/judge/chief?lang=${run.lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', run.lang);
      await expect(page.getByTestId('signin-to-desk')).toContainText(run.desk);
      await signInWithForm(page, event, run.chief);
      await expect(page).toHaveURL(new RegExp(`/judge/chief\\?lang=${run.lang}$`));
      await expect(page.getByTestId('contest-name')).toBeVisible();
      // The sign-in page is not left behind in the history: Back does not lead to it.
      await page.goBack();
      await expect(page).not.toHaveURL(/next=/);
    });

    test('a chief judge whose session has ended signs in again from the desk and comes back to it', async ({
      page,
      request,
    }) => {
      const { event } = await courierInScoring(request);
      const ended = {
        token: 'ended-session',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        event,
        judge: { code: run.chief, name: run.chief, chief: true, contest: 'x' },
      };
      await page.addInitScript((value) => {
        if (!sessionStorage.getItem('seeded')) localStorage.setItem('jiangxin.judge.session', value);
        sessionStorage.setItem('seeded', '1');
      }, JSON.stringify(ended));
      await page.goto(`/judge/chief?lang=${run.lang}`);
      const signIn = page.getByTestId('chief-gate').getByTestId('chief-signin-link');
      await expect(signIn).toBeVisible();
      await signIn.click();
      await expect(page.getByTestId('session-ended')).toBeVisible();
      await page.getByTestId('signin-pin').fill(pinOf(run.chief));
      await page.getByTestId('signin-submit').click();
      await expect(page).toHaveURL(new RegExp(`/judge/chief\\?lang=${run.lang}$`));
      await expect(page.getByTestId('contest-name')).toBeVisible();
    });

    test('a chief judge signed in at /judge sees the way to the desk first; a panel judge does not', async ({
      page,
      request,
    }) => {
      const { event } = await courierInScoring(request);
      await page.goto(pairingPath(event, run.chief, pinOf(run.chief), run.lang));
      const entry = page.getByTestId('chief-entry');
      await expect(entry).toBeVisible();
      await expect(entry).toContainText(run.desk);
      await expect(entry).toBeInViewport();
      const link = entry.getByTestId('chief-entry-link');
      expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await link.click();
      await expect(page).toHaveURL(/\/judge\/chief/);
      await expect(page.getByTestId('contest-name')).toBeVisible();

      await page.goto(`/judge?lang=${run.lang}`);
      await page.getByTestId('signout').click();
      await page.getByTestId('signout-confirm').click();
      await page.goto(pairingPath(event, run.panel, pinOf(run.panel), run.lang));
      await expect(page.getByTestId('contestants')).toBeVisible();
      await expect(page.getByTestId('chief-entry')).toHaveCount(0);
    });

    test('a judge who is not chief opening the desk is told so, with a way back to marking', async ({
      page,
      request,
    }) => {
      const { event } = await courierInScoring(request);
      await page.goto(pairingPath(event, run.panel, pinOf(run.panel), run.lang));
      await expect(page.getByTestId('contestants')).toBeVisible();
      await page.goto(`/judge/chief?lang=${run.lang}`);
      const gate = page.getByTestId('chief-gate');
      await expect(gate).toBeVisible();
      await expect(gate.getByRole('heading')).toHaveText(new RegExp(run.desk, 'i'));
      await expect(page).toHaveURL(/\/judge\/chief/);
      const back = gate.getByRole('link', { name: run.back });
      await expect(back).toHaveAttribute('href', '/judge');
      await back.click();
      await expect(page.getByTestId('contestants')).toBeVisible();
    });

    test('a return address that leaves the site is ignored', async ({ page, request }) => {
      const { event } = await courierInScoring(request);
      for (const next of ['https://example.org/judge/chief', '//example.org/judge/chief']) {
        await page.goto(`/judge?lang=${run.lang}&next=${encodeURIComponent(next)}`);
        await signInWithForm(page, event, run.chief);
        await expect(page.getByTestId('chief-entry')).toBeVisible();
        expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
        await page.getByTestId('signout').click();
        await page.getByTestId('signout-confirm').click();
      }
    });

    test('the home page shows organisers and judges their way in, beside the events', async ({ page }) => {
      await page.goto(`/?lang=${run.lang}`);
      const ways = page.getByTestId('role-links');
      await expect(ways).toBeVisible();
      const organisers = ways.getByTestId('organiser-entry');
      const judges = ways.getByTestId('judge-entry');
      await expect(organisers).toHaveAttribute('href', '/admin');
      await expect(judges).toHaveAttribute('href', '/judge');
      await expect(organisers).toHaveText(run.lang === 'en' ? /Organisers/ : /主办方/);
      await expect(judges).toHaveText(run.lang === 'en' ? /Judges/ : /裁判/);
      // Discreet: smaller than the page's text, and the events stay the page's main content.
      const size = await judges.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeLessThan(16);
      await judges.click();
      await expect(page.getByTestId('signin')).toBeVisible();
    });
  });
}
