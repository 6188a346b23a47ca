// The Content-Security-Policy allows no inline script but SvelteKit's own boot script (by its hash):
// every screen still starts, opens its socket and registers the service worker with no violation,
// and a script slipped into a page (an element or an event attribute) does not run.
import { expect, test, type Page } from '@playwright/test';
import { signInUi } from './helpers.ts';
import { pairingPath } from './judge-helpers.ts';
import { markDemo, openDemoEvent, waitLive, type OpenEvent } from './public-helpers.ts';

test.use({ serviceWorkers: 'allow' });

let ev: OpenEvent;
test.beforeAll(async ({ request }) => {
  ev = await openDemoEvent(request);
  await markDemo(request, ev, 0.5);
});

/** Collects CSP violations in each document (before any of its scripts runs) and CSP errors on the console. */
async function watchPolicy(page: Page): Promise<string[]> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) console.push(m.text());
  });
  page.on('pageerror', (e) => console.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const where = `${e.sourceFile}:${e.lineNumber}`;
        w.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${where})`);
      },
      true,
    );
  });
  return console;
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

async function visit(page: Page, path: string, ready: () => Promise<void>) {
  await page.goto(path);
  await ready();
  expect(await violations(page), path).toEqual([]);
}

test('every screen runs under the strict policy, with no violation', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = await watchPolicy(page);
  const id = ev.id;
  const shown = (testid: string) => () => expect(page.getByTestId(testid).first()).toBeVisible({ timeout: 15_000 });

  // Public pages and the big screen.
  await visit(page, '/?lang=zh-CN', shown('event'));
  await visit(page, `/results/${id}?lang=en`, shown('team-overall'));
  await visit(page, `/results/${id}/courier?lang=zh-CN`, () => waitLive(page));
  await visit(page, `/results/${id}/courier/C001?lang=en`, shown('contestant'));
  await visit(page, `/display/${id}?contest=courier&lang=zh-CN`, async () => {
    await shown('display-row')();
    const connection = page.getByTestId('display-connection');
    await expect(connection).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
  });
  await visit(page, `/display/${id}?rotate=20&lang=en`, shown('display-title'));
  await visit(page, '/verify/ZZZZZ-ZZZZZ?lang=zh-CN', shown('verify-not-found'));

  // A judge's tablet: signed in by its pairing link, the service worker registered and active.
  const judge = ev.file.contests.find((c) => c.code === 'courier')!.judges.find((j) => j.code === 'c-timer')!;
  await visit(page, pairingPath(id, judge.code, judge.pin!), shown('contestants'));
  const worker = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.scriptURL ?? null));
  expect(worker).toMatch(/\/service-worker\.js$/);
  const chief = ev.file.contests.find((c) => c.code === 'courier')!.judges.find((j) => j.chief)!;
  await visit(page, pairingPath(id, chief.code, chief.pin!), shown('contestants'));
  await visit(page, '/judge/chief?lang=zh-CN', shown('contest-name'));

  // The organiser's console and its print pages.
  await signInUi(page, 'zh-CN');
  expect(await violations(page)).toEqual([]);
  await visit(page, `/admin/events/${id}?lang=zh-CN`, shown('event-name'));
  await visit(page, `/admin/events/${id}/contests/courier?lang=en`, shown('contest-name'));
  await visit(page, `/admin/events/${id}/edit?lang=zh-CN`, shown('event-editor'));
  await visit(page, `/admin/events/${id}/audit?lang=en`, shown('audit-filters'));
  // The screens page lists the big screen this browser opened above.
  await visit(page, `/admin/events/${id}/screens?lang=zh-CN`, shown('screen-card'));
  await visit(page, `/admin/events/${id}/print/judges?lang=zh-CN`, shown('judge-pick'));
  await visit(page, `/admin/events/${id}/print/contestants?lang=en`, shown('contestant-list'));

  expect(errors).toEqual([]);
});

test('a script slipped into a page does not run', async ({ page }) => {
  const errors = await watchPolicy(page);
  await page.goto('/?lang=zh-CN');
  await expect(page.getByTestId('event').first()).toBeVisible();
  const ran = await page.evaluate(() => {
    const w = window as unknown as { __ran?: string[] };
    w.__ran = [];
    const script = document.createElement('script');
    script.textContent = 'window.__ran.push("element")';
    document.body.append(script);
    const holder = document.createElement('div');
    holder.innerHTML = '<button type="button" onclick="window.__ran.push(\'attribute\')">x</button>';
    document.body.append(holder);
    holder.querySelector('button')!.click();
    return w.__ran;
  });
  expect(ran).toEqual([]);
  await expect
    .poll(() => violations(page))
    .toEqual([
      expect.stringMatching(/^script-src-elem blocked inline/),
      expect.stringMatching(/^script-src-attr blocked inline/),
    ]);
  expect(errors.length).toBeGreaterThan(0); // Chromium says so on the console too
});
