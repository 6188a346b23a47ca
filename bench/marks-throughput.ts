// Marks throughput: how many marks per second one server accepts over HTTP, against the raw INSERT
// rate of the same rows into the same table on the same kind of database, measured in the same run.
//
//   npx tsx bench/marks-throughput.ts [--db=pglite|postgres|both] [--seconds=10] [--clients=8]
//        [--contestants=1000] [--watchers=1] [--pg=postgres://postgres@127.0.0.1:5432]
//
// Each database kind gets a fresh database (PGlite: a temp directory on disk; PostgreSQL: a new
// database jx_bench_<random>, dropped afterwards), a synthetic event (1,000 contestants, 20 criteria,
// judges with "*"), then two timed phases with `clients` concurrent workers:
//   raw     single-row INSERTs into marks, autocommit (PGlite: its one connection; PostgreSQL: a pool)
//   server  POST /contests/:id/marks over keep-alive HTTP, each with a fresh clientId
// and checks that every 201 is stored exactly once. Results: stdout (markdown) and bench/out/*.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { io } from 'socket.io-client';
import { rowsOf } from '../db/create-db.ts';
import { startServer, type RunningServer } from '../server/start.ts';
import { benchEnv, type BenchEnv } from './lib/env.ts';
import { openFresh, rawInserter, type DbKind, type FreshDb, type RawRow } from './lib/databases.ts';
import { jsonClient } from './lib/http.ts';
import { timedLoops, type RunStats } from './lib/stats.ts';
import { CRITERIA, fingerprintOf, randomMark, syntheticEvent } from './lib/synthetic.ts';

export interface MarksBenchOptions {
  dbs: DbKind[];
  seconds: number;
  clients: number;
  contestants: number;
  watchers: number;
  pgBase: string;
  /** Directory for the JSON result; null: do not write one. */
  outDir: string | null;
  log: (line: string) => void;
}

export interface DbResult {
  db: DbKind;
  version: string;
  raw: RunStats;
  server: RunStats & { statuses: Record<string, number>; eventLoopP99Ms: number; boardRefreshes: number; boardRefreshMeanMs: number };
  /** server marks/s ÷ raw INSERTs/s */
  ratio: number;
  stored: { accepted: number; rows: number; distinctClientIds: number };
  /** Board updates each watcher received during the server phase, how many were full boards, and KiB/s. */
  watchers: { updates: number; full: number; kBps: number }[];
}

export interface BenchResult {
  bench: 'marks-throughput';
  at: string;
  env: BenchEnv;
  options: Omit<MarksBenchOptions, 'log' | 'outDir' | 'pgBase'>;
  results: DbResult[];
  file?: string;
}

const PASSWORD = 'bench-admin-password';

async function benchOne(kind: DbKind, o: MarksBenchOptions): Promise<DbResult> {
  const fresh = await openFresh(kind, o.pgBase);
  let server: RunningServer | undefined;
  const sockets: ReturnType<typeof io>[] = [];
  const clients: { close(): void }[] = [];
  try {
    server = await startServer({ db: fresh.handle, port: 0, host: '127.0.0.1', log: () => {} });
    await server.services.auth.ensureAdmin(PASSWORD, () => {});
    const client = jsonClient(server.url, 2);
    clients.push(client);
    const must = async (what: string, p: Promise<{ status: number; body: any }>, want = 200) => {
      const r = await p;
      if (r.status !== want) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
      return r.body;
    };
    const admin = (await must('login', client.request('POST', '/api/v1/auth/login', { username: 'admin', password: PASSWORD }))).token as string;
    const file = syntheticEvent({ contestants: o.contestants, judges: o.clients });
    const imported = await must('import', client.request('POST', '/api/v1/events', file, admin), 201);
    const idOf = (code: string) => (imported.contests as { id: string; code: string }[]).find((c) => c.code === code)!.id;
    const [mainId, rawId] = [idOf('main'), idOf('raw')];
    await must('open', client.request('POST', `/api/v1/contests/${mainId}/state`, { to: 'scoring' }, admin));
    const tokens: string[] = [];
    for (const j of file.contests[0]!.judges) {
      tokens.push((await must('judge login', client.request('POST', '/api/v1/auth/judge', { event: imported.id, judge: j.code, pin: j.pin }))).token);
    }
    const watched = Array.from({ length: o.watchers }, () => ({ updates: 0, full: 0, bytes: 0 }));
    for (const w of watched) {
      const so = io(`${server.url}/live`, { transports: ['websocket'] });
      sockets.push(so);
      so.io.on('open', () => so.io.engine.on('data', (d: unknown) => void (w.bytes += typeof d === 'string' ? d.length : 0)));
      so.on('leaderboard', (u: { full: boolean }) => void (w.updates++, u.full && w.full++));
      const ack = await so.timeout(10_000).emitWithAck('watch', { contest: mainId });
      if (ack?.error) throw new Error(`watch: ${JSON.stringify(ack)}`);
    }

    o.log(`[${kind}] raw INSERT baseline, ${o.clients} workers, ${o.seconds} s`);
    const inserter = rawInserter(fresh, o.clients);
    const revisions = new Map<string, number>();
    let rawSeq = 0;
    const raw = await timedLoops(o.clients, o.seconds, async (w) => {
      const m = randomMark(o.contestants);
      const judge = `j${w + 1}`;
      const key = `${m.contestant}/${m.criterion}/${judge}`;
      const revision = (revisions.get(key) ?? 0) + 1;
      revisions.set(key, revision);
      const row: RawRow = [rawId, m.contestant, m.criterion, judge, JSON.stringify(m.value), revision, m.clientId,
        fingerprintOf(rawId, judge, m), null, null, false, ++rawSeq];
      await inserter.insert(row);
      return true;
    });
    await inserter.close();

    o.log(`[${kind}] server, ${o.clients} keep-alive HTTP clients, ${o.seconds} s`);
    const refreshes: number[] = [];
    const onRefresh = server.services.boards.onRefresh;
    server.services.boards.onRefresh = (ms, n) => (refreshes.push(ms), onRefresh?.(ms, n));
    const statuses: Record<string, number> = {};
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    // Fresh connections for the timed phase: the setup ones have sat idle through the baseline.
    const load = jsonClient(server.url, o.clients);
    clients.push(load);
    const t0 = performance.now();
    const stats = await timedLoops(o.clients, o.seconds, async (w) => {
      // A connection error is counted, not fatal: the run says how many requests it lost.
      const res = await load.request('POST', `/api/v1/contests/${mainId}/marks`, randomMark(o.contestants), tokens[w])
        .catch((err: NodeJS.ErrnoException) => ({ status: err.code ?? 'error' }));
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (typeof res.status === 'string') o.log(`[${kind}] ${res.status} at ${((performance.now() - t0) / 1000).toFixed(2)} s`);
      return res.status === 201;
    });
    lag.disable();
    const perWatcher = watched.map((w) => ({ updates: w.updates, full: w.full, kBps: Math.round(w.bytes / 1024 / stats.seconds) }));
    await new Promise((r) => setTimeout(r, 300)); // let the last board broadcast arrive

    const [count] = rowsOf<{ rows: number | string; ids: number | string }>(await fresh.handle.db.execute(
      sql`SELECT count(*) AS rows, count(DISTINCT client_id) AS ids FROM marks WHERE contest_id = ${mainId}`));
    const r2 = (x: number) => Math.round(x * 100) / 100;
    return {
      db: kind,
      version: fresh.version,
      raw,
      server: {
        ...stats, statuses, eventLoopP99Ms: r2(lag.percentile(99) / 1e6), boardRefreshes: refreshes.length,
        boardRefreshMeanMs: r2(refreshes.reduce((a, b) => a + b, 0) / Math.max(1, refreshes.length)),
      },
      ratio: Math.round((stats.perSecond / raw.perSecond) * 1000) / 1000,
      stored: { accepted: stats.ok, rows: Number(count!.rows), distinctClientIds: Number(count!.ids) },
      watchers: perWatcher,
    };
  } finally {
    for (const so of sockets) so.disconnect();
    for (const c of clients) c.close();
    await server?.close();
    await fresh.dispose();
  }
}

export async function runMarksThroughput(o: MarksBenchOptions): Promise<BenchResult> {
  const loadAtStart = loadavg()[0]!;
  const results: DbResult[] = [];
  for (const kind of o.dbs) results.push(await benchOne(kind, o));
  const pg = results.find((r) => r.db === 'postgres')?.version ?? null;
  const out: BenchResult = {
    bench: 'marks-throughput', at: new Date().toISOString(), env: benchEnv(pg, loadAtStart),
    options: { dbs: o.dbs, seconds: o.seconds, clients: o.clients, contestants: o.contestants, watchers: o.watchers },
    results,
  };
  if (o.outDir) {
    mkdirSync(o.outDir, { recursive: true });
    out.file = `${o.outDir}/marks-throughput-${out.at.replace(/[:.]/g, '-')}.json`;
    writeFileSync(out.file, JSON.stringify(out, null, 2));
  }
  return out;
}

export function markdown(r: BenchResult): string {
  const e = r.env;
  const lines = [
    `## marks-throughput (${r.at})`,
    '',
    `- Machine: ${e.cpu}, ${e.cores} cores, ${e.memoryGiB} GiB, ${e.os}; load average ${e.load[0]} at start, ${e.load[1]} at end`,
    `- Software: Node ${e.node}, PGlite ${e.pglite}, PostgreSQL ${e.postgres ?? 'not run'}, commit ${e.commit}`,
    `- Load: ${r.options.contestants} contestants × ${CRITERIA.length} criteria, ${r.options.clients} judges ("*") on ` +
      `${r.options.clients} keep-alive clients, ${r.options.watchers} watcher(s), ${r.options.seconds} s per phase, server and clients in one process`,
    '',
    '| database | server marks/s | p50 ms | p99 ms | raw INSERT/s | p50 ms | p99 ms | ratio | 201s = rows stored | loop lag p99 ms | board refreshes (mean ms) | updates/watcher (full, KiB/s) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
    ...r.results.map((x) =>
      `| ${x.db} ${x.version} | ${x.server.perSecond} | ${x.server.p50Ms} | ${x.server.p99Ms} | ${x.raw.perSecond} | ${x.raw.p50Ms} | ` +
      `${x.raw.p99Ms} | ${x.ratio} | ${x.stored.accepted} = ${x.stored.rows} ${x.stored.accepted === x.stored.rows ? '✓' : '✗'} | ` +
      `${x.server.eventLoopP99Ms} | ${x.server.boardRefreshes} (${x.server.boardRefreshMeanMs}) | ${x.watchers.map((w) => `${w.updates} (${w.full}, ${w.kBps})`).join('; ')} |`),
    '',
    'ratio = server marks/s ÷ raw single-row INSERTs/s into the same table on the same kind of database.',
  ];
  if (Math.max(...e.load) > e.cores) lines.push(`- Warning: the load average exceeded the ${e.cores} cores: other processes shared the CPU, figures are low and noisy.`);
  for (const x of r.results) {
    const other = Object.entries(x.server.statuses).filter(([s]) => s !== '201');
    if (other.length) lines.push(`- ${x.db}: responses other than 201: ${other.map(([s, n]) => `${s}×${n}`).join(', ')}`);
  }
  if (r.file) lines.push('', `JSON: ${r.file}`);
  return lines.join('\n');
}

function parseArgs(argv: string[]): MarksBenchOptions {
  const arg = (name: string, dflt: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
  const num = (name: string, dflt: number) => {
    const v = Number(arg(name, String(dflt)));
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
    return v;
  };
  const db = arg('db', 'both');
  if (!['pglite', 'postgres', 'both'].includes(db)) throw new Error('--db must be pglite, postgres or both');
  return {
    dbs: db === 'both' ? ['pglite', 'postgres'] : [db as DbKind],
    seconds: num('seconds', 10),
    clients: Math.round(num('clients', 8)),
    contestants: Math.round(num('contestants', 1000)),
    watchers: Math.round(Number(arg('watchers', '1'))),
    pgBase: arg('pg', process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, ''),
    outDir: new URL('./out', import.meta.url).pathname,
    log: (line) => console.error(line),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMarksThroughput(parseArgs(process.argv.slice(2)))
    .then((r) => {
      console.log(markdown(r));
      process.exit(0);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
