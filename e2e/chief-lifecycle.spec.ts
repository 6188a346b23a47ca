// The chief judge's desk beyond flags (its way in: role-entrances.spec.ts): live progress, a request
// to mark again, closing marking, a correction in review, a refused certification with its reasons,
// and reopening.
import { expect, test } from '@playwright/test';
import { chiefSession, exampleEvent, importEvent, judgeToken, mark, setState, signIn } from './helpers.ts';

const pinOf = (file: any, code: string): string =>
  file.contests.flatMap((c: any) => c.judges).find((j: any) => j.code === code).pin;

test('the chief judge follows marks live, asks for a re-mark, closes marking, corrects, and cannot certify yet', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000); // a long walk through the desk on a busy machine
  const admin = await signIn(request);
  const file = exampleEvent('new-economy-contest');
  const ev = await importEvent(request, admin, file);
  const rider = ev.contests.find((c) => c.code === 'rider')!.id;
  await setState(request, admin, rider, 'scoring');
  await chiefSession(page, request, ev.id, 'r-chief', pinOf(file, 'r-chief'));
  await page.goto('/judge/chief?lang=en');
  await expect(page.getByTestId('contest-name')).toHaveText('外卖送餐员', { timeout: 15_000 });
  const cell = page.locator('[data-testid="matrix-cell"][data-bib="R002"][data-criterion="handling"]');
  await expect(cell).toHaveAttribute('data-status', 'missing');

  // A mark sent elsewhere shows on the desk within about two seconds.
  const j1 = await judgeToken(request, ev.id, 'r-j1', pinOf(file, 'r-j1'));
  await mark(request, j1, rider, { contestant: 'R002', criterion: 'handling', value: 22, note: 'steady hands' });
  await expect(cell).toHaveAttribute('data-status', 'partial', { timeout: 2_500 });
  await expect(cell).toContainText('1/3');
  await cell.click();
  const detail = page.getByTestId('cell-detail');
  await expect(detail.locator('[data-testid="detail-mark"][data-judge="r-j1"]')).toContainText('steady hands');

  // Ask r-j1 to mark again; the judge's sheet carries the request.
  await detail.getByTestId('remark-ask').click();
  await detail.getByTestId('remark-judge').selectOption('r-j1');
  await detail.getByTestId('remark-reason').fill('Please check the parcel handling video again');
  await detail.getByTestId('remark-submit').click();
  await detail.getByTestId('cell-detail-cancel').click();
  await expect(page.locator('[data-testid="remark-row"][data-bib="R002"]')).toBeVisible();
  const sheet = await (await request.get('/api/v1/judge/sheet', { headers: { authorization: `Bearer ${j1}` } })).json();
  expect(sheet.remarks).toEqual([
    expect.objectContaining({
      contestant: 'R002',
      criterion: 'handling',
      reason: 'Please check the parcel handling video again',
    }),
  ]);

  // Filters: only incomplete rows; search by bib.
  await page.getByTestId('search').fill('R002');
  await expect(page.getByTestId('matrix-row')).toHaveCount(1);
  await page.getByTestId('search').fill('');
  await page.getByTestId('filter-flagged').click();
  await expect(page.getByTestId('matrix-row')).toHaveCount(0);
  await page.getByTestId('filter-flagged').click();

  // Close marking (review), with a confirmation.
  await page.getByTestId('state-review').click();
  await page.getByTestId('state-dialog-ok').click();
  await expect(page.getByTestId('contest-state')).toHaveAttribute('data-state', 'review');

  // A correction in review: the chief judge's own mark, with its reason.
  await page.getByTestId('correct-contestant').selectOption('R002');
  await page.getByTestId('correct-criterion').selectOption('exam');
  await page.getByTestId('correct-value').fill('88');
  await page.getByTestId('correct-submit').click();
  await expect(page.getByTestId('correct-error')).toBeVisible(); // a reason is required
  await page.getByTestId('correct-reason').fill('Paper exam re-counted');
  await page.getByTestId('correct-submit').click();
  await expect(page.getByTestId('correct-done')).toBeVisible();
  await expect(page.locator('[data-testid="matrix-cell"][data-bib="R002"][data-criterion="exam"]')).toHaveAttribute(
    'data-status',
    'complete',
  );
  const marks = await (
    await request.get(`/api/v1/contests/${rider}/marks`, { headers: { authorization: `Bearer ${admin}` } })
  ).json();
  expect(marks.marks).toContainEqual(
    expect.objectContaining({
      contestant: 'R002',
      criterion: 'exam',
      judge: 'r-chief',
      value: 88,
      reason: 'Paper exam re-counted',
    }),
  );

  // Certification is refused while contestants are incomplete: the reasons, in words.
  await page.getByTestId('state-certified').click();
  await page.getByTestId('state-dialog-ok').click();
  const blockers = page.getByTestId('blockers');
  await expect(blockers).toBeVisible();
  await expect(blockers.getByTestId('blocker').first()).toContainText('R001');
  await expect(blockers.getByTestId('blocker').first()).toContainText('not fully marked');
  await page.getByTestId('state-dialog-cancel').click();
  await expect(page.getByTestId('contest-state')).toHaveAttribute('data-state', 'review');

  // Reopen marking.
  await page.getByTestId('state-scoring').click();
  await page.getByTestId('state-dialog-ok').click();
  await expect(page.getByTestId('contest-state')).toHaveAttribute('data-state', 'scoring');
});
