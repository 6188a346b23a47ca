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

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Debian packages the end-to-end tests need and this machine lacks. */
function e2ePrerequisites() {
  const missing = [];
  if (!existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium')) missing.push('chromium');
  if (!has('fc-list')) missing.push('fontconfig', 'fonts-noto-cjk');
  else if (spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout.trim() === '') {
    missing.push('fonts-noto-cjk');
  }
  if (!has('pdftoppm')) missing.push('poppler-utils');
  return missing;
}

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts }).status ?? 1;
}

function vitest(name, cwd) {
  const file = join(out, `vitest-${name}.json`);
  const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${file}`], {
    cwd,
  });
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    // A file that failed to load counts as one failure even though none of its tests ran.
    failed += (r.testResults ?? []).filter(
      (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
    ).length;
  } else failed += 1;
  if (status !== 0) broken = true;
}

// The end-to-end tests need Chromium, a CJK font (pages and screenshots in Chinese) and pdftoppm
// (certificates' QR codes are read from the rendered PDF). Checked before anything runs: installed
// here when this is root with apt-get, else the one command to run, at once.
if (want('e2e')) {
  const missing = e2ePrerequisites();
  if (missing.length > 0) {
    const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
    const isRoot = process.getuid?.() === 0;
    if (isRoot && has('apt-get')) {
      console.log(`Installing what the end-to-end tests need: ${missing.join(', ')}`);
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      const quiet = `apt-get update -qq && apt-get install -y -qq ${missing.join(' ')} >/dev/null`;
      if (run('sh', ['-c', quiet], { env }) !== 0 || e2ePrerequisites().length > 0) {
        console.error(`\nInstalling failed. Run: ${command}`);
        process.exit(1);
      }
    } else {
      const sudo = isRoot ? '' : 'sudo ';
      console.error(`\nThe end-to-end tests need ${missing.join(', ')}. Run:\n\n  ${sudo}${command}\n`);
      console.error('(or set CHROMIUM_PATH to a Chromium elsewhere; `npm test -- unit web` runs the other suites)');
      process.exit(1);
    }
  }
}

/** A static check counts as one test: it passes when the command exits 0. */
function check(name, cmd, args, cwd = root) {
  console.log(`\n[${name}]`);
  if (run(cmd, args, { cwd }) === 0) passed += 1;
  else {
    failed += 1;
    broken = true;
  }
}

// Types first: a missing catalogue key or a wrong params shape is a type error (README, i18n).
if (want('types')) {
  check('tsc', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  check('svelte-kit sync', 'npx', ['svelte-kit', 'sync'], join(root, 'web'));
  check(
    'svelte-check',
    'npx',
    ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings'],
    join(root, 'web'),
  );
  // One formatter (prettier, 120 columns, .prettierrc.json): `npx prettier --write .` fixes what this finds.
  check('prettier', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
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
      failed += s.unexpected ?? 0;
    } else failed += 1;
    if (status !== 0) broken = true;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
