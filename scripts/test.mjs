#!/usr/bin/env node
// `npm test`: every suite (unit + integration with vitest, end-to-end with Playwright in Chromium),
// then one line "N passed, N failed" summing them all. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
let passed = 0;
let failed = 0;
let broken = false;

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts }).status ?? 1;
}

function vitest(name, cwd) {
  const file = join(out, `vitest-${name}.json`);
  const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${file}`], { cwd });
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    // A file that failed to load counts as one failure even though none of its tests ran.
    failed += (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  } else failed += 1;
  if (status !== 0) broken = true;
}

if (want('unit')) vitest('node', root);
if (want('web')) vitest('web', join(root, 'web'));

if (want('e2e')) {
  if (run('npm', ['run', 'build', '--silent']) !== 0) {
    failed += 1;
    broken = true;
  } else {
    const file = join(out, 'playwright.json');
    const status = run('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], {
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: file },
    });
    if (existsSync(file)) {
      const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
      passed += (s.expected ?? 0) + (s.flaky ?? 0);
      failed += (s.unexpected ?? 0);
    } else failed += 1;
    if (status !== 0) broken = true;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
