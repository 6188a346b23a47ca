// The chief judge resolves a flag in the browser: three judges far apart on `packing`, the chief
// accepts the marks with a reason on /judge/chief, and the public board drops the flag.
import { expect, test } from '@playwright/test';
import { chiefSession, exampleEvent, importEvent, judgeToken, mark, setState, signIn } from './helpers.ts';

const pinOf = (file: any, code: string): string =>
  file.contests.flatMap((c: any) => c.judges).find((j: any) => j.code === code).pin;

test('the chief judge accepts a flagged criterion with a reason and the public board drops the flag', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000); // a few pages and several sign-ins (argon2) on a busy machine
  const admin = await signIn(request);
  const file = exampleEvent('new-economy-contest');
  const ev = await importEvent(request, admin, file);
  const courier = ev.contests.find((c) => c.code === 'courier')!.id;
  await setState(request, admin, courier, 'scoring');
  // Three panel judges far apart (maxSpread 6): c-j2, c-j3, c-j4 (c-j1 is of organisation sd; C003 is not).
  for (const [judge, value] of [
    ['c-j2', 5],
    ['c-j3', 20],
    ['c-j4', 24],
  ] as const) {
    await mark(request, await judgeToken(request, ev.id, judge, pinOf(file, judge)), courier, {
      contestant: 'C003',
      criterion: 'packing',
      value,
    });
  }
  const before = await (await request.get(`/api/v1/contests/${courier}/leaderboard`)).json();
  expect(before.rows.find((r: any) => r.bib === 'C003').flagged).toBe(true);

  // The public board, open meanwhile, shows the flag.
  const board = await context.newPage();
  await board.goto(`/results/${ev.id}/courier?lang=zh-CN`);
  const boardRow = board.locator('[data-testid="board-row"][data-bib="C003"]');
  await expect(boardRow.locator('[data-testid="flagged"]:visible').first()).toBeVisible();

  await chiefSession(page, request, ev.id, 'c-chief', pinOf(file, 'c-chief'));
  await page.goto('/judge/chief?lang=zh-CN');
  await expect(page.getByTestId('contest-name')).toHaveText('快递员', { timeout: 15_000 });
  await expect(page.getByTestId('summary-flagged')).toContainText('1');
  const cell = page.locator('[data-testid="matrix-cell"][data-bib="C003"][data-criterion="packing"]');
  await expect(cell).toHaveAttribute('data-status', 'flagged');
  await expect(cell).toContainText('3/3');

  const row = page.locator('[data-testid="flag-row"][data-bib="C003"][data-criterion="packing"]');
  await expect(row).toBeVisible();
  await expect(row.getByTestId('flag-value')).toHaveText([/5$/, /20$/, /24$/]);
  await expect(row.getByTestId('flag-spread')).toContainText('19');

  await row.getByTestId('flag-accept').click();
  await row.getByTestId('flag-accept-submit').click(); // no reason yet: refused in the page
  await expect(row.getByTestId('action-error')).toBeVisible();
  await row.getByTestId('flag-reason').fill('裁判组已复核录像，三位裁判评分均有依据');
  await row.getByTestId('flag-accept-submit').click();

  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('flags-empty')).toBeVisible();
  await expect(page.getByTestId('summary-flagged')).toContainText('0');
  await expect(cell).toHaveAttribute('data-status', 'complete');

  // The public board drops the flag live, and so does the API.
  await expect(boardRow.locator('[data-testid="flagged"]')).toHaveCount(0, { timeout: 3_000 });
  await page.goto(`/results/${ev.id}/courier?lang=zh-CN`);
  const fresh = page.locator('[data-testid="board-row"][data-bib="C003"]');
  await expect(fresh).toBeVisible();
  await expect(fresh.locator('[data-testid="flagged"]')).toHaveCount(0);
  const after = await (await request.get(`/api/v1/contests/${courier}/leaderboard`)).json();
  expect(after.rows.find((r: any) => r.bib === 'C003').flagged).toBe(false);

  // The acceptance and its reason are in the audit log.
  const audit = await (
    await request.get(`/api/v1/events/${ev.id}/audit`, { headers: { authorization: `Bearer ${admin}` } })
  ).json();
  const entries = (audit.entries ?? audit) as any[];
  expect(
    entries.some((e) => e.kind === 'flag.resolved' && e.data?.reason === '裁判组已复核录像，三位裁判评分均有依据'),
  ).toBe(true);
});

test('flags of the chief judge’s own organisation are not its to decide, in both languages', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const admin = await signIn(request);
  const file = exampleEvent('new-economy-contest');
  const courierDef = file.contests.find((c: any) => c.code === 'courier');
  courierDef.judges.find((j: any) => j.code === 'c-chief').organisation = 'yz';
  const ev = await importEvent(request, admin, file);
  const courier = ev.contests.find((c) => c.code === 'courier')!.id;
  await setState(request, admin, courier, 'scoring');
  // C001 is of organisation yz (the chief's), C005 of zt: both flagged on packing.
  for (const [judge, value] of [
    ['c-j2', 5],
    ['c-j3', 20],
    ['c-j4', 24],
  ] as const) {
    const token = await judgeToken(request, ev.id, judge, pinOf(file, judge));
    for (const contestant of ['C001', 'C005']) {
      await mark(request, token, courier, { contestant, criterion: 'packing', value });
    }
  }
  await chiefSession(page, request, ev.id, 'c-chief', pinOf(file, 'c-chief'));
  for (const [lang, words] of [
    ['zh-CN', /本单位的选手.*回避/],
    ['en', /own organisation.*stand aside/],
  ] as const) {
    await page.goto(`/judge/chief?lang=${lang}`);
    const own = page.locator('[data-testid="flag-row"][data-bib="C001"]');
    await expect(own.getByTestId('recused-note')).toHaveText(words, { timeout: 15_000 });
    await expect(own.getByTestId('flag-accept')).toHaveCount(0);
    await expect(own.getByTestId('remark-ask')).toHaveCount(0);
    const other = page.locator('[data-testid="flag-row"][data-bib="C005"]');
    await expect(other.getByTestId('flag-accept')).toBeVisible();
    await expect(other.getByTestId('recused-note')).toHaveCount(0);
    await expect(page.locator('[data-testid="matrix-row"][data-bib="C001"]').getByTestId('recused')).toBeVisible();
    await expect(page.locator('[data-testid="matrix-row"][data-bib="C005"]').getByTestId('recused')).toHaveCount(0);

    await page.locator('[data-testid="matrix-cell"][data-bib="C001"][data-criterion="packing"]').click();
    const detail = page.getByTestId('cell-detail');
    await expect(detail.getByTestId('recused-note')).toHaveText(words);
    await expect(detail.getByTestId('flag-accept')).toHaveCount(0);
  }
});
