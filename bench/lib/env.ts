// The machine and software a benchmark ran on (STYLE.md habit 8): printed and stored with every result.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface BenchEnv {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  pglite: string;
  postgres: string | null;
  commit: string;
  /** 1-minute load average when the run started and ended: above the core count, others shared the CPU. */
  load: [number, number];
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

function pgliteVersion(): string {
  // The package does not export its package.json; read it from the installed module's folder.
  const url = new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

export function benchEnv(postgresVersion: string | null, loadAtStart: number): BenchEnv {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pglite: pgliteVersion(),
    postgres: postgresVersion,
    commit: gitCommit(),
    load: [loadAtStart, os.loadavg()[0]!].map((x) => Math.round(x * 100) / 100) as [number, number],
  };
}
