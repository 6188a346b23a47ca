// `npm start` on a fresh machine, as the README promises: it builds the web app without the build
// tool's chatter, then, once the server answers /healthz, prints where each person opens the app
// (on this computer and on the venue network), the organiser's password and the demo judges'
// PINs; a second start prints the addresses again, and no secret. The server has a port the
// system picks and a data folder and web build of its own; the test talks to it on 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { rankAddresses } from '../server/site/interfaces.ts';

const root = resolve(import.meta.dirname, '..');
const tag = `npm-start-${process.pid}`;
const dataDir = join(root, 'test-results', tag);
const buildDir = `build-${tag}`;
const demo = JSON.parse(readFileSync(join(root, 'examples/new-economy-contest.json'), 'utf8'));
const judges: { code: string; pin: string; name: string }[] = demo.contests.flatMap((c: { judges: [] }) => c.judges);
const RULE = '─'.repeat(72);

interface Started {
  child: ChildProcess;
  output: () => string;
}

function npmStart(): Started {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir, WEB_BUILD_DIR: buildDir };
  // What a fresh machine has: none of these set (CI sets DATABASE_URL for the other tests).
  for (const name of ['HOST', 'DATABASE_URL', 'PUBLIC_URL', 'ADMIN_PASSWORD', 'JIANGXIN_DEMO', 'REDIS_URL'])
    delete env[name];
  let out = '';
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return { child, output: () => out };
}

/** The output up to the end of the block printed once the server is healthy. */
async function banner(s: Started): Promise<string> {
  // The block is between two rules. A process that exits first fails the test at once, with its output.
  const exited = new Promise<never>((_, reject) => {
    s.child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${s.output()}`)));
  });
  exited.catch(() => {}); // stopping it later on purpose is no failure
  const rules = () => s.output().split(RULE).length - 1;
  await Promise.race([expect.poll(rules, { timeout: 240_000 }).toBeGreaterThanOrEqual(2), exited]);
  return s.output();
}

function stop(s: Started): Promise<void> {
  return new Promise((done) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return done();
    s.child.once('exit', () => done());
    s.child.kill('SIGTERM');
  });
}

let running: Started | null = null;

test.beforeAll(() => rmSync(dataDir, { recursive: true, force: true }));
test.afterAll(async () => {
  if (running) await stop(running);
  const made = [dataDir, join(root, 'web', buildDir), join(root, 'web', `.svelte-kit-${buildDir}`)];
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

test('npm start prints the addresses on this computer and the venue network, the password and the demo PINs', async ({
  request,
}) => {
  test.setTimeout(300_000); // the first start builds the web app
  running = npmStart();
  const out = await banner(running);
  // The build said nothing a user needs to read.
  expect(out).toContain('Building the web app…');
  for (const chatter of [
    'npm run preview',
    'PLUGIN_TIMINGS',
    'Wrote site',
    'building client environment',
    'modules transformed',
  ]) {
    expect(out).not.toContain(chatter);
  }

  const port = Number(/http:\/\/localhost:(\d+)\/admin/.exec(out)?.[1]);
  expect(port).toBeGreaterThan(0);
  const local = `http://127.0.0.1:${port}`;
  // Printed only once the server answers.
  expect((await request.get(`${local}/healthz`)).status()).toBe(200);
  const events = (await (await request.get(`${local}/api/v1/events`)).json()) as { id: string; name: string }[];
  expect(events.map((e) => e.name)).toEqual([demo.name]);
  const id = events[0]!.id;

  const lan = rankAddresses(networkInterfaces(), port)[0];
  const bases = [`http://localhost:${port}`, ...(lan ? [lan.url] : [])];
  for (const base of bases) {
    for (const page of ['/admin', '/judge', `/display/${id}`, `/results/${id}`])
      expect(out).toContain(`${base}${page}`);
  }
  if (lan) {
    const venue = out.slice(out.indexOf('On the venue network'));
    expect(venue).toContain(`${lan.url}/admin`);
    expect(venue.split('\n').filter((l) => /localhost|127\.0\.0\./.test(l))).toEqual([]);
  } else {
    expect(out).toContain('No address phones and tablets can reach');
  }

  // The organiser's password, printed once, signs in.
  const password = /password 密码: (\S+)/.exec(out)?.[1];
  expect(password).toBeTruthy();
  const login = await request.post(`${local}/api/v1/auth/login`, { data: { username: 'admin', password } });
  expect(login.status()).toBe(200);

  // Every demo judge with the PIN that signs it in.
  for (const j of judges) expect(out).toMatch(new RegExp(`${j.code}\\s+${j.pin}\\s+${j.name}`));
  const first = { event: id, judge: judges[0]!.code, pin: judges[0]!.pin };
  const judge = await request.post(`${local}/api/v1/auth/judge`, { data: first });
  expect(judge.status()).toBe(200);

  // A second start on the same data: the addresses again, no secret.
  await stop(running);
  running = npmStart();
  const again = await banner(running);
  expect(again).not.toContain('Building the web app');
  expect(again).toContain('/admin');
  expect(again).not.toContain(password!);
  expect(again).not.toContain('password 密码');
  for (const j of judges) expect(again).not.toMatch(new RegExp(`${j.code}\\s+${j.pin}`));
});
