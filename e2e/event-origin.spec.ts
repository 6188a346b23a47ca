// Where an imported event came from, in the console: its page names the installation that exported
// it, its key's fingerprint and whether that key is trusted; the console's home lists the key among
// imported events' keys and trusts it with one button. Trust covers signed certificates only: an
// unsigned one still verifies as issued elsewhere.
import { gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { exampleEvent, importEvent, signIn, signInUi } from './helpers.ts';
import { asCopy } from './archive-copy.ts';

test.use({ viewport: { width: 1280, height: 900 } });

/** A public key no installation holds (its shape only), as another installation would name itself. */
const OTHER = {
  installation: '市赛区服务器',
  publicKey: `e2e-origin-${crypto.randomUUID().replaceAll('-', '')}`.slice(0, 43),
};

test("an imported event shows where it came from, and its installation's key can be trusted", async ({
  page,
  request,
}) => {
  const admin = await signIn(request);
  const file = exampleEvent('new-economy-contest');
  file.name = `${file.name} ${crypto.randomUUID().slice(0, 8)}`;
  const ev = await importEvent(request, admin, file);
  const res = await request.get(`/api/v1/events/${ev.id}/archive`, { headers: { authorization: `Bearer ${admin}` } });
  const copy = { ...asCopy(JSON.parse(gunzipSync(await res.body()).toString('utf8'))), origin: OTHER };
  const imported = await request.post('/api/v1/events/archive', {
    data: copy,
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(imported.status()).toBe(201);
  const eventId = (await imported.json()).id as string;

  await signInUi(page, 'zh-CN');
  await page.goto(`/admin/events/${eventId}?lang=zh-CN`);
  const origin = page.getByTestId('event-origin');
  await expect(origin).toHaveAttribute('data-trust', 'untrusted');
  await expect(origin).toContainText('由 市赛区服务器 导出');
  await expect(origin).toContainText('未被信任');
  await origin.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('event-origin-zh-CN.png'), fullPage: true });

  await page.goto('/admin?lang=en');
  const panel = page.getByTestId('installations-panel');
  await expect(panel.getByTestId('installation-public-key')).toHaveText(/^[A-Za-z0-9_-]{43}$/);
  const seen = panel.getByTestId('seen-keys').locator('li').filter({ hasText: OTHER.installation });
  await expect(seen).toContainText(file.name);
  await seen.getByRole('button', { name: 'Trust this key' }).click();
  await expect(panel.getByTestId('trusted-keys')).toContainText(OTHER.installation);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('installations-en.png'), fullPage: true });

  await page.goto(`/admin/events/${eventId}?lang=en`);
  await expect(origin).toHaveAttribute('data-trust', 'trusted');
  await expect(origin).toContainText('Exported by 市赛区服务器');

  // Untrusted again from the console, so no other test finds it trusted.
  await page.goto('/admin?lang=en');
  const trusted = panel.getByTestId('trusted-keys').locator('li').filter({ hasText: OTHER.installation });
  await trusted.getByRole('button', { name: 'Stop trusting' }).click();
  await expect(panel.getByTestId('seen-keys')).toContainText(OTHER.installation);
  const info = await request.get('/api/v1/installation', { headers: { authorization: `Bearer ${admin}` } });
  expect((await info.json()).trusted.map((k: { publicKey: string }) => k.publicKey)).not.toContain(OTHER.publicKey);
});
