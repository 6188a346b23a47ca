// Public flood: what anonymous clients hammering /verify/:code and the public reads (boards, team
// table, certified results, event) cost a judge marking at the same time (issue 12, point 9).
//
//   npx tsx bench/public-flood.ts [--db=pglite|postgres] [--clients=8] [--contestants=400]
//        [--seconds=10] [--root=<another checkout>] [--label=after]
//
// The server runs as `npm start` runs it, in a process of its own (--root: another checkout's
// server, e.g. main's code for the "before"), on a fresh database: the embedded one in a temp
// directory, or a new PostgreSQL database (DATABASE_URL / PG_ADMIN_URL or the local default) dropped
// afterwards. It holds a certified, published contest and a contest being marked, both of
// `contestants` (bench/lib/public-scene.ts). Three phases of `seconds` each:
//   judge alone   one judge marks one mark after the other: the baseline
//   public alone  `clients` anonymous clients, one request after the other each, every second one a
//                 certificate check (bench/lib/public-flood.ts): what the public gets
//   both          the two at once: the judge's marks against the baseline, and what the public gets
// Results: stdout (markdown) and bench/out/*.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { benchEnv, type BenchEnv } from './lib/env.ts';
import { cliOptions, runIfMain } from './lib/cli.ts';
import { jsonClient } from './lib/http.ts';
import { publicScene } from './lib/public-scene.ts';
import { perSecond, publicFlood, type FloodFigures } from './lib/public-flood.ts';
import { freePort, kill9, spawnServer, waitHealthy } from '../server/test/faults/server-process.ts';
import { freshPostgres } from '../server/test/cluster/cluster-processes.ts';
import { judgeMarks, summary } from '../server/test/watch-flood-kit.ts';
import { ADMIN_PASSWORD } from '../server/test/harness.ts';

export interface PublicFloodOptions {
  db: 'pglite' | 'postgres';
  clients: number;
  contestants: number;
  seconds: number;
  root?: string;
  label: string;
}

type Marks = ReturnType<typeof summary>;

interface PublicFigures {
  verifyPerSecond: number;
  readsPerSecond: number;
  turnedAway: number;
  wrong: string[];
}

export interface PublicFloodResult {
  bench: 'public-flood';
  at: string;
  env: BenchEnv;
  options: PublicFloodOptions;
  judgeAlone: Marks;
  publicAlone: PublicFigures;
  both: { judge: Marks; public: PublicFigures };
  file?: string;
}

const figuresOf = (f: FloodFigures): PublicFigures => ({
  verifyPerSecond: perSecond(f.verify, f.seconds),
  readsPerSecond: perSecond(f.reads, f.seconds),
  turnedAway: f.verify.turnedAway + f.reads.turnedAway,
  wrong: [...f.verify.wrong, ...f.reads.wrong].slice(0, 5),
});

async function timedMarks(mark: () => Promise<number>, seconds: number): Promise<number[]> {
  const out: number[] = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) out.push(await mark());
  return out;
}

export async function runPublicFlood(o: PublicFloodOptions): Promise<PublicFloodResult> {
  const loadAtStart = loadavg()[0]!;
  const dataDir = mkdtempSync(join(tmpdir(), 'jx-bench-public-'));
  const pg = o.db === 'postgres' ? await freshPostgres() : null;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawnServer({ port, dataDir, databaseUrl: pg?.url ?? '', root: o.root });
  try {
    await waitHealthy(server, base, 60_000);
    const client = jsonClient(base, 4);
    const login = await client.request('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const scene = await publicScene(client.request, login.body.token as string, o.contestants);
    client.close();
    const mark = judgeMarks(base, scene.marking.judgeToken, scene.marking.contestId, scene.marking.bibs, 'exam');
    for (let i = 0; i < 20; i++) await mark(); // warming up

    const alone = await timedMarks(mark, o.seconds);
    const publicOnly = publicFlood(base, o.clients, scene.codes, scene.reads);
    await new Promise((r) => setTimeout(r, o.seconds * 1000));
    const publicAlone = figuresOf(await publicOnly.stop());
    const flood = publicFlood(base, o.clients, scene.codes, scene.reads);
    const during = await timedMarks(mark, o.seconds);
    const both = { judge: summary(during), public: figuresOf(await flood.stop()) };
    const out: PublicFloodResult = {
      bench: 'public-flood',
      at: new Date().toISOString(),
      env: benchEnv(pg ? await postgresVersion(pg.url) : null, loadAtStart),
      options: o,
      judgeAlone: summary(alone),
      publicAlone,
      both,
    };
    const dir = new URL('./out', import.meta.url).pathname;
    mkdirSync(dir, { recursive: true });
    out.file = `${dir}/public-flood-${o.label}-${out.at.replace(/[:.]/g, '-')}.json`;
    writeFileSync(out.file, JSON.stringify(out, null, 2));
    return out;
  } finally {
    await kill9(server);
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function markdown(r: PublicFloodResult): string {
  const e = r.env;
  const o = r.options;
  const pub = (p: PublicFigures) =>
    `${p.verifyPerSecond} | ${p.readsPerSecond} | ${p.turnedAway} | ${p.wrong.length === 0 ? '0' : p.wrong.join('; ')}`;
  const j = (m: Marks) => `${m.count} | ${m.p50} | ${m.p95} | ${m.max}`;
  const lines = [
    `## public-flood, ${o.label} (${r.at})`,
    '',
    `- Machine: ${e.cpu}, ${e.cores} cores, ${e.memoryGiB} GiB, ${e.os}; ` +
      `load average ${e.load[0]} at start, ${e.load[1]} at end`,
    `- Software: Node ${e.node}, PGlite ${e.pglite}, PostgreSQL ${e.postgres ?? 'not run'}, ` +
      `benchmark at commit ${e.commit}; server from ${o.root ?? 'this checkout'}, database ${o.db}`,
    `- Load: a certified contest and a contest being marked, ${o.contestants} contestants each; ` +
      `${o.clients} anonymous clients ` +
      `(every second request /verify/:code); one judge marking one mark after the other; ${o.seconds} s per phase; ` +
      'the server in a process of its own, clients in the benchmark process',
    '',
    '| phase | judge marks | p50 ms | p95 ms | max ms | verify answered/s | other reads answered/s | ' +
      'turned away (503) | wrong answers |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    `| judge alone | ${j(r.judgeAlone)} | – | – | – | – |`,
    `| public alone | – | – | – | – | ${pub(r.publicAlone)} |`,
    `| both | ${j(r.both.judge)} | ${pub(r.both.public)} |`,
    '',
    `Judge's mark during the flood ÷ alone: p50 ${ratio(r.both.judge.p50, r.judgeAlone.p50)}, ` +
      `p95 ${ratio(r.both.judge.p95, r.judgeAlone.p95)}.`,
  ];
  if (Math.max(...e.load) > e.cores) {
    const warning = `the load average exceeded the ${e.cores} cores: other processes shared the CPU`;
    lines.push(`- Warning: ${warning}, figures are low and noisy.`);
  }
  if (r.file) lines.push('', `JSON: ${r.file}`);
  return lines.join('\n');
}

async function postgresVersion(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [row] = await sql`show server_version`;
  await sql.end();
  return String(row!.server_version);
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10) / 10 : '–');

function parseArgs(argv: string[]): PublicFloodOptions {
  const { arg, num } = cliOptions(argv);
  const db = arg('db', 'pglite');
  if (db !== 'pglite' && db !== 'postgres') throw new Error('--db must be pglite or postgres');
  const root = arg('root', '') || undefined;
  return {
    db,
    root,
    label: arg('label', root ? 'before' : 'after'),
    clients: Math.round(num('clients', 8)),
    contestants: Math.round(num('contestants', 400)),
    seconds: num('seconds', 10),
  };
}

runIfMain(import.meta.url, () => runPublicFlood(parseArgs(process.argv.slice(2))), markdown);
