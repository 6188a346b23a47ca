// `npm test` on a machine without what the end-to-end tests need, and no way to install it (no
// apt-get, or not root): it stops before running anything, with the one command to run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const bin = mkdtempSync(join(tmpdir(), 'jx-path-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** A PATH with node and a shell and, of the tools the checks look for, only `tools`: no apt-get. */
function path(tools: string[]): string {
  symlinkSync(process.execPath, join(bin, 'node'));
  symlinkSync('/bin/sh', join(bin, 'sh'));
  for (const tool of tools) {
    const found = ['/usr/bin', '/bin', '/usr/local/bin'].map((d) => join(d, tool)).find(existsSync);
    if (found) symlinkSync(found, join(bin, tool));
  }
  return bin;
}

describe('npm test on a machine without Chromium', () => {
  it('stops at once, before any suite, with the one command that installs what is missing', () => {
    const started = Date.now();
    const run = spawnSync(process.execPath, ['scripts/test.mjs'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: path(['fc-list', 'pdftoppm']), HOME: process.env.HOME, CHROMIUM_PATH: join(bin, 'no-chromium') },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/apt-get update && apt-get install -y chromium( |$)/m);
    expect(run.stdout).not.toContain('$ npx vitest');
    expect(run.stdout).not.toContain('$ npm run build');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
