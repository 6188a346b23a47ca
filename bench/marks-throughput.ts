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
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { benchEnv, type BenchEnv } from './lib/env.ts';
import { cliOptions, runIfMain } from './lib/cli.ts';
import { startChild } from './lib/child-rpc.ts';
import type { PhaseReading } from './lib/process-probes.ts';
import type { BoardTimings, ServerChildReady } from './lib/server-child.ts';
import { openFresh, openPglite, rawInserter, type DbKind, type FreshDb, type RawRow } from './lib/databases.ts';
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
  synchronousCommit: string;
  raw: RunStats;
  server: RunStats & {
    statuses: Record<string, number>;
    eventLoopP99Ms: number;
    /** CPU time of the server process per accepted mark (ms). */
    cpuMsPerMark: number;
    board: BoardTimings;
  };
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

interface ServerPhase {
  mainId: string;
  rawId: string;
  stats: DbResult['server'];
  watchers: DbResult['watchers'];
  stored: { rows: number; distinctClientIds: number };
  version: string;
  synchronousCommit: string;
}

/** The server in a process of its own (its CPU, lag and board timings are its own), loaded from this one. */
async function serverPhase(kind: DbKind, dbEnv: Record<string, string>, o: MarksBenchOptions): Promise<ServerPhase> {
  const server = await startChild<ServerChildReady>(
    'jiangxin server',
    new URL('./lib/server-child.ts', import.meta.url),
    {
      ...dbEnv,
      JX_BENCH_ADMIN_PASSWORD: PASSWORD,
    },
  );
  const sockets: ReturnType<typeof io>[] = [];
  const clients: { close(): void }[] = [];
  try {
    const url = server.ready.url;
    const client = jsonClient(url, 2);
    clients.push(client);
    const must = async (what: string, p: Promise<{ status: number; body: any }>, want = 200) => {
      const r = await p;
      if (r.status !== want) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
      return r.body;
    };
    const admin = (
      await must('login', client.request('POST', '/api/v1/auth/login', { username: 'admin', password: PASSWORD }))
    ).token as string;
    const file = syntheticEvent({ contestants: o.contestants, judges: o.clients });
    const imported = await must('import', client.request('POST', '/api/v1/events', file, admin), 201);
    const idOf = (code: string) =>
      (imported.contests as { id: string; code: string }[]).find((c) => c.code === code)!.id;
    const [mainId, rawId] = [idOf('main'), idOf('raw')];
    await must('open', client.request('POST', `/api/v1/contests/${mainId}/state`, { to: 'scoring' }, admin));
    const tokens: string[] = [];
    for (const j of file.contests[0]!.judges) {
      tokens.push(
        (
          await must(
            'judge login',
            client.request('POST', '/api/v1/auth/judge', { event: imported.id, judge: j.code, pin: j.pin }),
          )
        ).token,
      );
    }
    const watched = Array.from({ length: o.watchers }, () => ({ updates: 0, full: 0, bytes: 0 }));
    for (const w of watched) {
      const so = io(`${url}/live`, { transports: ['websocket'] });
      sockets.push(so);
      so.io.on('open', () =>
        so.io.engine.on('data', (d: unknown) => void (w.bytes += typeof d === 'string' ? d.length : 0)),
      );
      so.on('leaderboard', (u: { full: boolean }) => void (w.updates++, u.full && w.full++));
      // A screen of the web app, which asks for compact deltas.
      const ack = await so.timeout(10_000).emitWithAck('watch', { contest: mainId, compact: true });
      if (ack?.error) throw new Error(`watch: ${JSON.stringify(ack)}`);
    }

    o.log(`[${kind}] server, ${o.clients} keep-alive HTTP clients, ${o.seconds} s`);
    const statuses: Record<string, number> = {};
    // Fresh connections for the timed phase.
    const load = jsonClient(url, o.clients);
    clients.push(load);
    await server.call('phaseStart');
    const t0 = performance.now();
    const stats = await timedLoops(o.clients, o.seconds, async (w) => {
      // A connection error is counted, not fatal: the run says how many requests it lost.
      const res = await load
        .request('POST', `/api/v1/contests/${mainId}/marks`, randomMark(o.contestants), tokens[w])
        .catch((err: NodeJS.ErrnoException) => ({ status: err.code ?? 'error' }));
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (typeof res.status === 'string')
        o.log(`[${kind}] ${res.status} at ${((performance.now() - t0) / 1000).toFixed(2)} s`);
      return res.status === 201;
    });
    const phase = await server.call<PhaseReading & { board: BoardTimings }>('phaseRead');
    const perWatcher = watched.map((w) => ({
      updates: w.updates,
      full: w.full,
      kBps: Math.round(w.bytes / 1024 / stats.seconds),
    }));
    await new Promise((r) => setTimeout(r, 300)); // let the last board broadcast arrive
    const stored = await server.call<{ rows: number; distinctClientIds: number }>('stored', mainId);
    return {
      mainId,
      rawId,
      version: server.ready.dbVersion,
      synchronousCommit: server.ready.synchronousCommit,
      stored,
      watchers: perWatcher,
      stats: {
        ...stats,
        statuses,
        eventLoopP99Ms: phase.lagP99Ms,
        cpuMsPerMark: Math.round((phase.cpuMs / Math.max(1, stats.ok)) * 1000) / 1000,
        board: phase.board,
      },
    };
  } finally {
    for (const so of sockets) so.disconnect();
    for (const c of clients) c.close();
    await server.stop();
  }
}

/** Single-row INSERTs of the same rows into the same table, autocommit, with `clients` workers. */
async function rawPhase(kind: DbKind, db: FreshDb, rawId: string, o: MarksBenchOptions): Promise<RunStats> {
  o.log(`[${kind}] raw INSERT baseline, ${o.clients} workers, ${o.seconds} s`);
  const inserter = rawInserter(db, o.clients);
  const revisions = new Map<string, number>();
  let rawSeq = 0;
  try {
    return await timedLoops(o.clients, o.seconds, async (w) => {
      const m = randomMark(o.contestants);
      const judge = `j${w + 1}`;
      const key = `${m.contestant}/${m.criterion}/${judge}`;
      const revision = (revisions.get(key) ?? 0) + 1;
      revisions.set(key, revision);
      const row: RawRow = [
        rawId,
        m.contestant,
        m.criterion,
        judge,
        JSON.stringify(m.value),
        revision,
        m.clientId,
        fingerprintOf(rawId, judge, m),
        null,
        null,
        false,
        ++rawSeq,
      ];
      await inserter.insert(row);
      return true;
    });
  } finally {
    await inserter.close();
  }
}

async function benchOne(kind: DbKind, o: MarksBenchOptions): Promise<DbResult> {
  // PostgreSQL: the server process and this one's raw workers share one fresh database. PGlite has one
  // connection: the server process has it first, then this process opens the same directory.
  let fresh: FreshDb | undefined;
  let dir: string | undefined;
  try {
    let phase: ServerPhase;
    if (kind === 'postgres') {
      fresh = await openFresh('postgres', o.pgBase);
      phase = await serverPhase(kind, { JX_BENCH_DATABASE_URL: fresh.url! }, o);
    } else {
      dir = mkdtempSync(join(tmpdir(), 'jx-bench-'));
      phase = await serverPhase(kind, { JX_BENCH_PGLITE_DIR: dir }, o);
      fresh = await openPglite(dir);
    }
    const raw = await rawPhase(kind, fresh, phase.rawId, o);
    const stats = phase.stats;
    return {
      db: kind,
      version: phase.version,
      synchronousCommit: phase.synchronousCommit,
      raw,
      server: stats,
      ratio: Math.round((stats.perSecond / raw.perSecond) * 1000) / 1000,
      stored: { accepted: stats.ok, ...phase.stored },
      watchers: phase.watchers,
    };
  } finally {
    await fresh?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export async function runMarksThroughput(o: MarksBenchOptions): Promise<BenchResult> {
  const loadAtStart = loadavg()[0]!;
  const results: DbResult[] = [];
  for (const kind of o.dbs) results.push(await benchOne(kind, o));
  const pg = results.find((r) => r.db === 'postgres')?.version ?? null;
  const out: BenchResult = {
    bench: 'marks-throughput',
    at: new Date().toISOString(),
    env: benchEnv(pg, loadAtStart),
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
      `${r.options.clients} keep-alive clients, ${r.options.watchers} watcher(s), ${r.options.seconds} s per phase, the server in a process of its own, clients and raw workers in the benchmark process; PostgreSQL synchronous_commit ${r.results.map((x) => x.synchronousCommit).join('/')}`,
    '',
    '| database | server marks/s | p50 ms | p99 ms | raw INSERT/s | p50 ms | p99 ms | ratio | 201s = rows stored | server CPU ms/mark | loop lag p99 ms | board refreshes (ms/mark) | updates/watcher (full, KiB/s) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
    ...r.results.map(
      (x) =>
        `| ${x.db} ${x.version} | ${x.server.perSecond} | ${x.server.p50Ms} | ${x.server.p99Ms} | ${x.raw.perSecond} | ${x.raw.p50Ms} | ` +
        `${x.raw.p99Ms} | ${x.ratio} | ${x.stored.accepted} = ${x.stored.rows} ${x.stored.accepted === x.stored.rows ? '✓' : '✗'} | ` +
        `${x.server.cpuMsPerMark} | ${x.server.eventLoopP99Ms} | ${x.server.board.refreshes} (${x.server.board.msPerMark}) | ${x.watchers.map((w) => `${w.updates} (${w.full}, ${w.kBps})`).join('; ')} |`,
    ),
    '',
    'ratio = server marks/s ÷ raw single-row INSERTs/s into the same table on the same kind of database.',
  ];
  if (Math.max(...e.load) > e.cores)
    lines.push(
      `- Warning: the load average exceeded the ${e.cores} cores: other processes shared the CPU, figures are low and noisy.`,
    );
  for (const x of r.results) {
    const other = Object.entries(x.server.statuses).filter(([s]) => s !== '201');
    if (other.length)
      lines.push(`- ${x.db}: responses other than 201: ${other.map(([s, n]) => `${s}×${n}`).join(', ')}`);
  }
  if (r.file) lines.push('', `JSON: ${r.file}`);
  return lines.join('\n');
}

function parseArgs(argv: string[]): MarksBenchOptions {
  const { arg, num } = cliOptions(argv);
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

runIfMain(import.meta.url, () => runMarksThroughput(parseArgs(process.argv.slice(2))), markdown);
