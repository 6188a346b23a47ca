// How long from tapping Save to "received" on this machine (browser, server and database together).
import { test } from '@playwright/test';
import { card, courierInScoring, expect, pairingPath, row, TABLET } from './judge-helpers.ts';

test.describe.configure({ timeout: 120_000 });

test.use({ viewport: TABLET });

test('a saved mark is shown as received quickly (median of 20 saves)', async ({ page, request }) => {
  const { event } = await courierInScoring(request);
  await page.goto(pairingPath(event, 'c-timer', '977148'));
  await row(page, 'C011').click();
  const exam = card(page, 'exam');
  const toTablet: number[] = [];
  const toServer: number[] = [];
  const http: number[] = [];
  for (let i = 0; i < 20; i++) {
    await exam.getByTestId('value-input').fill(String(50 + i));
    await expect(exam.getByTestId('save')).toBeEnabled();
    // Timed inside the page: from the click to the status showing the new mark saved, then received.
    const [saved, received, roundTrip] = await page.evaluate(
      () =>
        new Promise<[number, number, number]>((resolve) => {
          const root = document.querySelector('[data-criterion="exam"]')!;
          const before = root.querySelector<HTMLElement>('[data-testid="mark-status"]')?.dataset.clientId;
          let saved = -1;
          const t0 = performance.now();
          const check = () => {
            const st = root.querySelector<HTMLElement>('[data-testid="mark-status"]');
            if (!st || st.dataset.clientId === before) return;
            if (saved < 0) saved = performance.now() - t0;
            if (st.dataset.state === 'received') {
              observer.disconnect();
              // The POST itself (network and server), from the browser's resource timing.
              const posts = performance
                .getEntriesByType('resource')
                .filter((e) => /\/marks(\/batch)?$/.test(e.name) && e.startTime >= t0);
              const post = posts.at(-1) as PerformanceResourceTiming | undefined;
              resolve([saved, performance.now() - t0, post ? post.responseEnd - post.startTime : Number.NaN]);
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
          root.querySelector<HTMLButtonElement>('[data-testid="save"]')!.click();
        }),
    );
    toTablet.push(saved);
    toServer.push(received);
    if (!Number.isNaN(roundTrip)) http.push(roundTrip);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;
  const fmt = (xs: number[]) =>
    `median ${median(xs).toFixed(1)} ms, p90 ${p90(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
  console.log(`save → saved on this tablet: ${fmt(toTablet)}`);
  console.log(`save → received by the server: ${fmt(toServer)}`);
  if (http.length > 0) console.log(`  of which the POST round trip (network + server): ${fmt(http)}`);
  test.info().annotations.push({ type: 'save→received', description: fmt(toServer) });
  expect(median(toServer)).toBeLessThan(1_000);
  await expect(exam.getByTestId('history-toggle')).toHaveText(/20/);
});
