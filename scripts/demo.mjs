#!/usr/bin/env node
// `npm run demo`: the product on a fresh embedded database with the demo event, and simulated
// judges marking it (server/demo/simulate.ts), so the big screen and the phone pages move.
// DATA_DIR (default ./data-demo) is emptied first; PORT, PUBLIC_URL, ADMIN_PASSWORD as for `npm start`;
// DEMO_SPEED=2 marks twice as fast, DEMO_SEED repeats a run. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
const port = env.PORT || '3000';
const defaultDir = resolve(root, 'data-demo');
const dataDir = env.DATA_DIR ? resolve(env.DATA_DIR) : defaultDir;

if (env.DATABASE_URL) {
  console.log('The demo runs on the embedded database (DATABASE_URL is ignored).');
  delete env.DATABASE_URL;
}
// Fresh each time. A DATA_DIR of one's own keeps everything but its database.
rmSync(dataDir === defaultDir ? dataDir : join(dataDir, 'db'), { recursive: true, force: true });

const chosePassword = !env.ADMIN_PASSWORD;
const password = env.ADMIN_PASSWORD || `demo-${randomBytes(4).toString('hex')}`;
Object.assign(env, { DATA_DIR: dataDir, PORT: port, ADMIN_PASSWORD: password, JIANGXIN_DEMO: '1' });
const local = `http://127.0.0.1:${port}`;

const children = new Set();
let stopping = false;

function run(args, extraEnv = {}) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGINT');
  // Everything had a chance to close its database; do not hang on a stuck child.
  const timer = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(code);
  }, 8000);
  timer.unref();
  const check = setInterval(() => {
    if (children.size === 0) {
      clearInterval(check);
      console.log('Demo stopped.');
      process.exit(code);
    }
  }, 100);
}

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stop(0));

async function healthy() {
  try {
    return (await fetch(`${local}/healthz`)).ok;
  } catch {
    return false;
  }
}

if (await healthy()) {
  console.error(`Something already answers on port ${port}: stop it, or choose another port with PORT=…`);
  process.exit(1);
}

console.log(`Starting Jiangxin for the demo (database in ${dataDir})…`);
const server = run([join(root, 'scripts/start.mjs')]);
server.on('exit', (code) => {
  if (!stopping) {
    console.error(`The server stopped (exit code ${code}).`);
    stop(code || 1);
  }
});

// The first start builds the web app, which takes a while on a small machine.
const deadline = Date.now() + 300_000;
while (!(await healthy())) {
  if (stopping) await new Promise(() => {});
  if (Date.now() > deadline) {
    console.error('The server did not come up within 5 minutes.');
    stop(1);
  }
  await new Promise((r) => setTimeout(r, 500));
}

const simulator = run(['--import', 'tsx', join(root, 'server/demo/simulate.ts')], {
  JIANGXIN_URL: local,
  PUBLIC_URL: env.PUBLIC_URL || `http://localhost:${port}`,
  DEMO_PRINT_PASSWORD: chosePassword ? '1' : '0',
});
simulator.on('exit', (code) => {
  if (!stopping && code)
    console.error(`The simulator stopped (exit code ${code}); the server keeps running. Ctrl-C to stop.`);
});
if (!existsSync(join(root, 'web/build/index.html'))) console.warn('The web app is not built.');
