// Several real server processes (`node --import tsx server/main.ts`) on one PostgreSQL database and
// one Redis, as a national deployment runs them behind a load balancer; plus the fresh database,
// the ports, the Redis housekeeping (killing only this run's connections, removing its streams) and
// a TCP proxy in front of Redis that a test can cut, as when Redis goes away for one process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createClient } from 'redis';
import { ADMIN_PASSWORD } from '../harness.ts';
import { kill9, waitHealthy, type ServerProcess } from '../faults/server-process.ts';
import { pairUp } from '../faults/tcp-proxy.ts';
import { POSTGRES_URL } from '../services-available.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface ClusterServer extends ServerProcess {
  base: string;
  port: number;
  stdout(): string;
}

/** A port in 46000–46999 that nothing listens on now (the range this test may use). */
export async function freePortInRange(taken: Set<number>): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 46_000 + Math.floor(Math.random() * 1_000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port in 46000–46999');
}

/** Starts one process of the deployment; resolves once it answers /healthz. */
export async function startClusterServer(o: {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  stream: string;
}): Promise<ClusterServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jx-cluster-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(o.port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    REDIS_STREAM: o.stream,
    ADMIN_PASSWORD,
    JIANGXIN_DEMO: '0',
    BACKUP_INTERVAL_MINUTES: '100000',
  };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out = (out + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-20_000)));
  const base = `http://127.0.0.1:${o.port}`;
  const server: ClusterServer = {
    child,
    base,
    port: o.port,
    started: () => /Jiangxin \S+ is running/.test(out),
    stderr: () => err,
    stdout: () => out,
  };
  try {
    await waitHealthy(server, base, 45_000);
  } catch (e) {
    await kill9(server);
    throw e;
  }
  return server;
}

/** SIGTERM, as an operator stops a process (closing Socket.IO and Redis); SIGKILL if it hangs. */
export async function stopClusterServer(p: ClusterServer, timeoutMs = 10_000): Promise<number | null> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.child.exitCode;
  const exited = new Promise<number | null>((done) => p.child.once('exit', (code) => done(code)));
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => void kill9(p), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** A new, empty database on the local PostgreSQL, dropped by `drop()`. */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = POSTGRES_URL;
  const name = `jx_cluster_${process.pid}_${crypto.randomUUID().slice(0, 8).replace(/-/g, '')}`;
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  await sql.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await sql.end();
    },
  };
}

/** This run's view of Redis: its connections (named "<stream>:<pid>" by the servers) and its keys. */
export async function redisAdmin(url: string, stream: string) {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  const connectionsOf = async (pid: number) => {
    const name = `${stream}:${pid}`;
    return (await client.clientList()).filter((c) => c.name === name).map((c) => c.id);
  };
  return {
    connectionsOf,
    /** Kills every Redis connection of one server process (and no other client's). */
    async killConnectionsOf(pid: number): Promise<number> {
      const ids = await connectionsOf(pid);
      for (const id of ids) await client.sendCommand(['CLIENT', 'KILL', 'ID', String(id)]);
      return ids.length;
    },
    async close() {
      await client.del([stream, `${stream}:changes`]);
      await client.close();
    },
  };
}

/** A TCP proxy to Redis on `port`: `cut()` resets its connections and refuses new ones until `restore()`. */
export async function redisProxy(port: number, redisUrl: string) {
  const target = new URL(redisUrl);
  const open = new Set<Socket>();
  let down = false;
  const server = createServer((client) => {
    if (down) return void client.resetAndDestroy();
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 6379) });
    pairUp(open, client, upstream);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = new URL(redisUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    cut() {
      down = true;
      for (const s of open) s.resetAndDestroy();
      open.clear();
    },
    restore() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
