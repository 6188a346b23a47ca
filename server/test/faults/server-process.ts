// The real server as a child process (`node --import tsx server/main.ts`), as an organiser starts
// it, so that a test can kill it with SIGKILL and start it again on the same database.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD } from '../harness.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  /** Whether it printed its start line (after the organiser account and the backups are set up). */
  started(): boolean;
  /** Everything it wrote to stderr, for the failure message. */
  stderr(): string;
}

/**
 * Starts the server on `port`; `databaseUrl` empty means the embedded database in `dataDir`. `root`:
 * another checkout's server (a benchmark's "before"), by default this one's.
 */
export function spawnServer(opts: {
  port: number;
  dataDir: string;
  databaseUrl: string;
  root?: string;
}): ServerProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    DATA_DIR: opts.dataDir,
    DATABASE_URL: opts.databaseUrl,
    ADMIN_PASSWORD,
    JIANGXIN_DEMO: '0',
    BACKUP_INTERVAL_MINUTES: '100000',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: opts.root ?? root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-8_000);
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-8_000);
  });
  return { child, stderr: () => err, started: () => /Jiangxin \S+ is running/.test(out) };
}

export async function waitHealthy(p: ServerProcess, base: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null) throw new Error(`the server exited with ${p.child.exitCode}: ${p.stderr()}`);
    try {
      if (p.started() && (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not answer /healthz within ${timeoutMs} ms: ${p.stderr()}`);
}

export function kill9(p: ServerProcess): Promise<void> {
  return new Promise((done) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return done();
    p.child.once('exit', () => done());
    p.child.kill('SIGKILL');
  });
}
