// A public board survives its server: the process is killed (-9) and started again on the same
// database, and the open page comes back by itself with the same board, then keeps moving.
// This spec runs its own server (port 3198 unless E2E_RESTART_PORT), not the config's.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { ADMIN_PASSWORD } from './playwright.config.ts';
import { judgeToken, mark } from './helpers.ts';
import { openDemoEvent, totalOf, totalText, waitLive } from './public-helpers.ts';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.E2E_RESTART_PORT ?? 3198);
const base = `http://127.0.0.1:${port}`;
const dataDir = join(root, 'test-results', `restart-data-${process.pid}`);

function startServer(): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ADMIN_PASSWORD,
    JIANGXIN_DEMO: '0',
    // Its own embedded database, or the one CI made for e2e (see playwright.config.ts).
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[restart server] ${chunk}`));
  return child;
}

async function waitHealthy(child: ChildProcess, timeout = 90_000): Promise<void> {
  const healthy = async () => {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    return fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    ); // false: not listening yet
  };
  await expect.poll(healthy, { message: 'the server answers /healthz', timeout, intervals: [250] }).toBe(true);
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

let server: ChildProcess | null = null;

test.beforeAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
});

test.afterAll(async () => {
  if (server) await kill9(server);
  rmSync(dataDir, { recursive: true, force: true });
});

test('the public board and the big screen recover by themselves after a server restart on the same database', async ({
  page,
}) => {
  test.setTimeout(240_000);
  server = startServer();
  await waitHealthy(server);
  const api = await playwrightRequest.newContext({ baseURL: base });
  const ev = await openDemoEvent(api);
  const courier = ev.contests.courier!;
  let timer = await judgeToken(api, ev.id, 'c-timer', '977148');
  await mark(api, timer, courier, { contestant: 'C001', criterion: 'exam', value: 50 }); // 15
  await mark(api, timer, courier, { contestant: 'C002', criterion: 'exam', value: 70 }); // 21

  await page.goto(`${base}/results/${ev.id}/courier?lang=zh-CN`);
  await waitLive(page);
  await expect(totalOf(page, 'C002')).toHaveText(totalText(21));
  const before = await page
    .getByTestId('board-row')
    .evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute('data-bib')}:${r.querySelector('[data-testid="total"]')?.textContent}`),
    );
  expect(before).toHaveLength(24);
  // The venue big screen, open beside it.
  const screen = await page.context().newPage();
  await screen.setViewportSize({ width: 1920, height: 1080 });
  await screen.goto(`${base}/display/${ev.id}?contest=courier&lang=zh-CN`);
  const onScreen = (bib: string) =>
    screen.locator(`[data-testid="display-row"][data-bib="${bib}"] [data-testid="display-total"]`);
  await expect(onScreen('C002')).toHaveText(/^21([.,]0+)?$/, { timeout: 15_000 });

  await kill9(server);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'disconnected', { timeout: 15_000 });
  // While the server is away the page keeps the last board it had.
  await expect(totalOf(page, 'C002')).toHaveText(totalText(21));

  server = startServer();
  await waitHealthy(server);
  // Socket.IO retries with back-off (at most 5 s apart): no reload, no click.
  await waitLive(page);
  const after = await page
    .getByTestId('board-row')
    .evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute('data-bib')}:${r.querySelector('[data-testid="total"]')?.textContent}`),
    );
  expect(after).toEqual(before);

  // The judge's session survived too, or the judge signs in again as a tablet would.
  const again = await api.post(`/api/v1/contests/${courier}/marks`, {
    data: { contestant: 'C003', criterion: 'exam', value: 100, clientId: crypto.randomUUID() },
    headers: { authorization: `Bearer ${timer}` },
  });
  if (again.status() === 401) {
    timer = await judgeToken(api, ev.id, 'c-timer', '977148');
    await mark(api, timer, courier, { contestant: 'C003', criterion: 'exam', value: 100 });
  } else {
    expect(again.status()).toBe(201);
  }
  await expect(totalOf(page, 'C003')).toHaveText(totalText(30), { timeout: 5_000 });
  await expect(page.getByTestId('board-row').first()).toHaveAttribute('data-bib', 'C003');
  // The big screen came back by itself too: the new total shows at once (on its row, or in the
  // list of changes under the board when the screen is on another page), and once the screen
  // pages back to the first page (8 s a page) the new mark is on top of the same board.
  const anywhere = (bib: string) => screen.locator(`[data-bib="${bib}"] [data-testid="display-total"]`).first();
  await expect(anywhere('C003')).toHaveText(/^30([.,]0+)?$/, { timeout: 15_000 });
  await expect(screen.getByTestId('display-row').first()).toHaveAttribute('data-bib', 'C003', { timeout: 30_000 });
  await expect(onScreen('C003')).toHaveText(/^30([.,]0+)?$/, { timeout: 30_000 });
  await expect(onScreen('C002')).toHaveText(/^21([.,]0+)?$/, { timeout: 30_000 });
  await api.dispose();
});
