// Requests and replies over a forked child's IPC channel, for the fan-out benchmark's processes
// (the server under test, the bare Socket.IO server, the viewer fleet). Children run TypeScript
// through tsx with --expose-gc (for memory readings after a collection), plus any Node options in
// JX_BENCH_CHILD_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them). Every
// child started here is killed when the parent exits, and a child exits when its parent goes away.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const running = new Set<ChildProcess>();
let killOnExit = false;

export interface Child<Ready> {
  name: string;
  pid: number;
  /** What the child reported once it was ready. */
  ready: Ready;
  call<T = unknown>(type: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to close (its 'close' handler), then kills it if it has not exited within graceMs. */
  stop(graceMs?: number): Promise<void>;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
type FromChild = Reply | { ready: unknown } | { readyError: string };

export async function startChild<Ready>(
  name: string,
  entry: URL,
  env: Record<string, string> = {},
  readyTimeoutMs = 120_000,
): Promise<Child<Ready>> {
  const proc = fork(fileURLToPath(entry), [], {
    cwd: ROOT,
    execArgv: [
      '--expose-gc',
      '--import',
      'tsx',
      ...(process.env.JX_BENCH_CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  running.add(proc);
  if (!killOnExit) {
    killOnExit = true;
    process.on('exit', () => {
      for (const p of running) p.kill('SIGKILL');
    });
  }
  const pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  let exitReason: string | null = null;
  const exited = new Promise<void>((resolve) =>
    proc.once('exit', (code, signal) => {
      running.delete(proc);
      exitReason = `${name} (pid ${proc.pid}) exited with ${signal ?? code}`;
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error(exitReason));
      }
      pending.clear();
      resolve();
    }),
  );
  let readyTimer: NodeJS.Timeout | undefined;
  const ready = new Promise<Ready>((resolve, reject) => {
    readyTimer = setTimeout(
      () => reject(new Error(`${name} was not ready after ${readyTimeoutMs} ms`)),
      readyTimeoutMs,
    );
    void exited.then(() => reject(new Error(exitReason!)));
    proc.on('message', (m: FromChild) => {
      if ('ready' in m) return resolve(m.ready as Ready);
      if ('readyError' in m) return reject(new Error(`${name} failed to start: ${m.readyError}`));
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(`${name}: ${m.error}`));
    });
  }).finally(() => clearTimeout(readyTimer));

  const kill = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await exited;
  };
  let value: Ready;
  try {
    value = await ready;
  } catch (err) {
    await kill();
    throw err;
  }
  let nextId = 1;
  const call = <T>(type: string, args?: unknown, timeoutMs = 120_000) =>
    new Promise<T>((resolve, reject) => {
      if (exitReason) return reject(new Error(exitReason));
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${name}: no reply to ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      proc.send({ id, type, args });
    });
  return {
    name,
    pid: proc.pid!,
    ready: value,
    call,
    async stop(graceMs = 10_000) {
      if (exitReason) return;
      const timer = setTimeout(() => void kill(), graceMs);
      await call('close', undefined, graceMs).catch(() => {});
      await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
      clearTimeout(timer);
      await kill();
    },
  };
}

/**
 * The child's side: answers the parent's requests with `handlers` once `start` has resolved (its
 * value is what the parent sees as `ready`). A 'close' handler, when given, runs before the child exits.
 */
export function serveParent(start: () => Promise<unknown>, handlers: Record<string, (args: any) => unknown>): void {
  const send = (m: FromChild) => new Promise<void>((resolve) => process.send!(m, undefined, {}, () => resolve()));
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (m: { id: number; type: string; args: unknown }) => {
    let reply: Reply;
    try {
      const handler = handlers[m.type];
      if (!handler && m.type !== 'close') throw new Error(`unknown request ${m.type}`);
      reply = { id: m.id, ok: true, value: (await handler?.(m.args)) ?? null };
    } catch (err) {
      reply = { id: m.id, ok: false, error: (err as Error)?.stack ?? String(err) };
    }
    await send(reply);
    if (m.type === 'close') process.exit(0);
  });
  start().then(
    (ready) => send({ ready: ready ?? null }),
    async (err: unknown) => {
      await send({ readyError: (err as Error)?.stack ?? String(err) });
      process.exit(1);
    },
  );
}
