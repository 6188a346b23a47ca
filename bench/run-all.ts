// Every benchmark, one after the other, each in a process of its own, and bench/RESULTS.md written
// from what they printed, with a summary of the targets (issue: performance at contest scale).
//
//   npm run bench                 board work, marks throughput (PGlite and PostgreSQL), a judge's
//                                 marks under a public flood, fan-out at venue scale and at 10,000
//                                 viewers (about 17 minutes)
//   npm run bench -- --quick      the same without the 10,000-viewer run
//
// Needs PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432). Run it on an idle
// machine: every figure shares the CPU with the load generator and the database (see each section).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { boardWorkMarkdown, runBoardWork, type BoardWorkResult } from './board-work.ts';
import type { BenchResult } from './marks-throughput.ts';
import type { FanoutResult } from './fanout.ts';
import type { PublicFloodResult } from './public-flood.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');

function run(script: string, args: string[]): { markdown: string; json: unknown } {
  console.error(`\n$ npx tsx bench/${script} ${args.join(' ')}`);
  const r = spawnSync('npx', ['tsx', `bench/${script}`, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`bench/${script} failed (exit ${r.status})`);
  const file = /^JSON: (.+)$/m.exec(r.stdout)?.[1];
  return { markdown: r.stdout.trim(), json: file ? JSON.parse(readFileSync(file.trim(), 'utf8')) : null };
}

const yes = (ok: boolean) => (ok ? '✓' : '✗');

function summary(
  board: BoardWorkResult,
  marks: BenchResult,
  flood: PublicFloodResult,
  fanouts: FanoutResult[],
): string[] {
  const worst = Math.max(...board.points.filter((p) => p.marksPerUpdate === 1).map((p) => p.msPerMark));
  const growth = board.points.filter((p) => p.marksPerUpdate === 1);
  const pg = marks.results.find((x) => x.db === 'postgres')!;
  const lite = marks.results.find((x) => x.db === 'pglite')!;
  const rows = [
    `| board work ≤ 2 ms per mark, following the contest's size, not the number of marks | ${yes(worst <= 2)} | worst ${worst} ms per mark (one mark per update) at ${growth.map((p) => `${p.history} marks: ${p.msPerMark}`).join(', ')} |`,
    `| ≥ 2,000 durable marks/s on PostgreSQL | ${yes(pg.server.perSecond >= 2000)} | ${pg.server.perSecond} marks/s (server CPU ${pg.server.cpuMsPerMark} ms per mark) |`,
    `| ≥ 0.3 × the raw INSERT rate of the same rows, same run | ${yes(pg.ratio >= 0.3)} | ${pg.server.perSecond} ÷ ${pg.raw.perSecond} = ${pg.ratio} |`,
    `| ≥ 500 marks/s on the embedded database | ${yes(lite.server.perSecond >= 500)} | ${lite.server.perSecond} marks/s (raw ${lite.raw.perSecond}, ratio ${lite.ratio}) |`,
    `| a judge's marks under a public flood (${flood.options.clients} anonymous clients, /verify and public reads): ` +
      'p95 ≤ 3 × alone | ' +
      `${yes(flood.both.judge.p95 <= 3 * flood.judgeAlone.p95)} | p50 ${flood.judgeAlone.p50} → ${flood.both.judge.p50} ms, ` +
      `p95 ${flood.judgeAlone.p95} → ${flood.both.judge.p95} ms; ${flood.both.public.verifyPerSecond} checks/s meanwhile |`,
  ];
  for (const f of fanouts) {
    for (const t of f.targets.filter((x) => x.applies))
      rows.push(`| ${t.target} (${f.options.viewers} viewers) | ${yes(t.met)} | ${t.figures} |`);
  }
  return ['| target | met | figures |', '| --- | :---: | --- |', ...rows];
}

const sections: string[] = [];
console.error('$ board work (in this process)');
const board = runBoardWork({
  contestants: 1000,
  updates: 200,
  history: [1_000, 36_000, 100_000],
  marksPerUpdate: [1, 10],
  compact: true,
});
const boardContract = runBoardWork({
  contestants: 1000,
  updates: 100,
  history: [1_000, 36_000, 100_000],
  marksPerUpdate: [1, 10],
  compact: false,
});
sections.push(boardWorkMarkdown(board), boardWorkMarkdown(boardContract));
const marks = run('marks-throughput.ts', ['--db=both', '--seconds=10', '--clients=64']);
sections.push(marks.markdown);
const flood = run('public-flood.ts', ['--db=pglite']);
sections.push(flood.markdown);
const fanouts: FanoutResult[] = [];
for (const scenario of quick ? ['venue'] : ['venue', 'national']) {
  const f = run('fanout.ts', [`--scenario=${scenario}`]);
  fanouts.push(f.json as FanoutResult);
  sections.push(f.markdown);
}

const out = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench${quick ? ' -- --quick' : ''}\` (bench/run-all.ts) on ${new Date().toISOString()}. Each section below is what one`,
  'benchmark printed: its machine, software, settings, its baseline measured in the same run, and the',
  'ratio. Server, database and load share one machine, so figures are lower than on separate machines',
  'and noisy when something else runs; rerun on an idle machine to compare.',
  '',
  '## Targets',
  '',
  ...summary(board, marks.json as BenchResult, flood.json as PublicFloodResult, fanouts),
  '',
  ...sections.flatMap((s) => [s, '']),
].join('\n');
writeFileSync(new URL('./RESULTS.md', import.meta.url), out);
console.error('\nwrote bench/RESULTS.md');
