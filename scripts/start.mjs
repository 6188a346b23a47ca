#!/usr/bin/env node
// `npm start`: build the web app when it is missing or older than its sources, then run the server.
// With no DATABASE_URL (the embedded database) an empty database gets the demo event.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'web', process.env.WEB_BUILD_DIR || 'build', 'index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(
  newest(join(root, 'web/src')),
  newest(join(root, 'shared')),
  statSync(join(root, 'web/svelte.config.js')).mtimeMs,
);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('Building the web app…');
  // SvelteKit and its adapter print progress on stdout whatever the log level ("Run npm run preview…",
  // "Wrote site to…"): kept back unless the build fails. Warnings and errors (stderr) pass through.
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: join(root, 'web'),
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    process.exit(r.status ?? 1);
  }
}

const env = { ...process.env };
if (!env.DATABASE_URL && env.JIANGXIN_DEMO === undefined) env.JIANGXIN_DEMO = '1';
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
