// Freeze and reveal: the public big screen stays at the freeze while a late mark changes the order;
// a second big screen, put in reveal mode from the console, walks the final board from the bottom up
// as the organiser clicks there. The big screen never asks for a password nor shows key help.
import { expect, test, type Page } from '@playwright/test';
import type { Leaderboard } from '../shared/api.ts';
import { exampleEvent, importEvent, setState, signIn } from './helpers.ts';
import { realisticMarks, submitMarks, topMarks, type ContestFile } from './display-marks.ts';
import { recordShown } from './shown-log.ts';
import { cardOf, openConsole, openScreen, setMode } from './screens-helpers.ts';

const totalText = (total: number) => new RegExp(`^${total.toFixed(2).replace('.', '[.,]')}$`);

async function stepTo(page: Page, step: number) {
  await expect(page.getByTestId('reveal-step')).toHaveAttribute('data-step', String(step));
}

test('the public screen stays frozen; the reveal walks the final board from the bottom up', async ({
  browser,
  request,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const admin = await signIn(request);
  const file = exampleEvent('new-economy-contest');
  const courierFile = file.contests.find((c: ContestFile) => c.code === 'courier') as ContestFile;
  const ev = await importEvent(request, admin, file);
  const courier = ev.contests.find((c) => c.code === 'courier')!.id;
  await setState(request, admin, courier, 'scoring');
  await submitMarks(request, ev.id, courier, courierFile, realisticMarks(courierFile));

  const publicApi = await playwright.request.newContext({ baseURL });
  const organiserApi = { headers: { authorization: `Bearer ${admin}` } };
  const hall = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const stage = await openScreen(browser, ev.id);
  const desk = await openConsole(browser, ev.id);
  try {
    const screen = await hall.newPage();
    await screen.goto(`/display/${ev.id}?contest=courier&lang=zh-CN`);
    await expect(screen.getByTestId('display-row').first()).toBeVisible({ timeout: 15_000 });

    // Freeze, then the bottom contestant gets the best marks of all: first place, seen by organisers only.
    const res = await request.post(`/api/v1/contests/${courier}/freeze`, { data: { frozen: true }, ...organiserApi });
    expect(res.ok()).toBe(true);
    await expect(screen.getByTestId('display-frozen')).toBeVisible();
    const frozen = (await (await publicApi.get(`/api/v1/contests/${courier}/leaderboard`)).json()) as Leaderboard;
    const last = frozen.rows.filter((r) => r.rank !== null).at(-1)!;
    // What the public screen shows from now on is recorded, for the check after the unfreeze.
    const shown = await recordShown(
      screen,
      '[data-testid="display-frozen"]',
      `[data-bib="${last.bib}"] [data-testid="display-total"]`,
    );
    await submitMarks(request, ev.id, courier, courierFile, topMarks(courierFile, last.bib));
    const final = (await (
      await request.get(`/api/v1/contests/${courier}/leaderboard`, organiserApi)
    ).json()) as Leaderboard;
    expect(final.rows[0]).toMatchObject({ bib: last.bib, rank: 1, total: 100 });
    const publicNow = (await (await publicApi.get(`/api/v1/contests/${courier}/leaderboard`)).json()) as Leaderboard;
    expect(publicNow.rows.map((r) => r.bib)).toEqual(frozen.rows.map((r) => r.bib));

    // The public big screen does not move: same board (the recording after the unfreeze shows it never did).
    await expect(screen.getByTestId('display-board')).toHaveAttribute('data-seq', String(frozen.seq));

    // The stage's screen is put in reveal mode from the console: nobody signs in on the big screen.
    const reveal = stage.page;
    const card = cardOf(desk.page, stage.id);
    await setMode(card, { kind: 'reveal', contest: 'courier' });
    await expect(card.getByTestId('reveal-not-frozen')).toHaveCount(0);
    const click = async (button: 'reveal-next' | 'reveal-back' | 'reveal-restart') => {
      await expect(card.getByTestId(button)).toBeEnabled();
      await card.getByTestId(button).click();
    };
    const ranked = final.rows.filter((r) => r.rank !== null);
    await expect(reveal.getByTestId('reveal-step')).toHaveAttribute('data-total', String(ranked.length));
    await stepTo(reveal, 0);
    await expect(reveal.getByTestId('display-row')).toHaveCount(0); // nothing revealed, nothing in the page

    // A plain display in the organiser's own browser still shows the public, frozen board.
    const hallInStage = await desk.context.newPage();
    await hallInStage.goto(`/display/${ev.id}?contest=courier&lang=zh-CN`);
    await expect(hallInStage.getByTestId('display-board')).toHaveAttribute('data-seq', String(frozen.seq), {
      timeout: 15_000,
    });
    await hallInStage.close();

    // From the bottom up: each step shows the next contestant with its final place and total.
    const order = [...ranked].reverse();
    for (let step = 1; step <= order.length; step++) {
      await click('reveal-next');
      await stepTo(reveal, step);
      await expect(card.getByTestId('reveal-controls')).toHaveAttribute('data-step', String(step));
      const row = order[step - 1]!;
      if (step <= 2 || step === 10 || step >= order.length - 1) {
        const shown = reveal.locator(`[data-testid="display-row"][data-bib="${row.bib}"]`);
        await expect(shown.getByTestId('display-rank')).toHaveText(String(row.rank), { timeout: 5_000 });
        await expect(shown.getByTestId('display-total')).toHaveText(totalText(row.total));
      }
      if (step === 2) {
        // Back and forth: "back" hides the last one again, "next" shows it again.
        await click('reveal-back');
        await stepTo(reveal, 1);
        await expect(reveal.locator(`[data-testid="display-row"][data-bib="${row.bib}"]`)).toHaveCount(0);
        await click('reveal-next');
        await stepTo(reveal, 2);
      }
    }
    // The winner is the late mark, with a spotlight, at the top of the final board.
    await expect(reveal.getByTestId('reveal-spotlight')).toHaveAttribute('data-bib', last.bib, { timeout: 5_000 });
    const top = reveal.getByTestId('display-row').first();
    await expect(top).toHaveAttribute('data-bib', last.bib);
    await expect(top.getByTestId('display-rank')).toHaveText('1');
    await expect(top.getByTestId('display-total')).toHaveText(totalText(100));
    // The audience's screen never held a password field or key help.
    await expect(reveal.locator('input')).toHaveCount(0);
    await expect(reveal.getByText(/Space|空格|Home/)).toHaveCount(0);
    // A reload mid-ceremony shows where it stands; "start again" hides everyone.
    await reveal.reload();
    await stepTo(reveal, order.length);
    await click('reveal-restart');
    await stepTo(reveal, 0);
    await expect(reveal.getByTestId('display-row')).toHaveCount(0);

    // Unfreezing reveals it to everyone.
    expect(
      (await request.post(`/api/v1/contests/${courier}/freeze`, { data: { frozen: false }, ...organiserApi })).ok(),
    ).toBe(true);
    const unfrozen = (await (await publicApi.get(`/api/v1/contests/${courier}/leaderboard`)).json()) as Leaderboard;
    expect(unfrozen.rows[0]).toMatchObject({ bib: last.bib, rank: 1 });
    await expect(screen.getByTestId('display-board')).toHaveAttribute('data-seq', String(unfrozen.seq), {
      timeout: 10_000,
    });
    await expect(screen.locator(`[data-bib="${last.bib}"] [data-testid="display-total"]`).first()).toHaveText(
      totalText(100),
      {
        timeout: 5_000,
      },
    );
    await expect(screen.getByTestId('display-frozen')).toHaveCount(0);
    // While frozen, through the late marks and the whole reveal, the public screen never showed the new total.
    const whileFrozen = (await shown()).filter((s) => s.frozen);
    expect(whileFrozen.length).toBeGreaterThan(0);
    expect(whileFrozen.flatMap((s) => s.values)).not.toContainEqual(expect.stringMatching(totalText(100)));
  } finally {
    await hall.close();
    await stage.context.close();
    await desk.context.close();
    await publicApi.dispose();
  }
});
