// Board work per mark: what the server spends, on the CPU, to turn one accepted mark into the
// update its watchers receive, for a contest of 1,000 contestants × 20 criteria, measured at several
// points of the contest's history (how many marks it already holds). The cost must follow the
// contest's size, never the number of marks, and stay under 2 ms a mark.
//
//   npx tsx bench/board-work.ts [--contestants=1000] [--updates=200]
//
// Each update applies `marksPerUpdate` marks (1: the worst case, one mark per broadcast; 10: what
// coalescing gives at 200 marks/s), then does what a broadcast does: rank the board (rows), diff it
// against what the room last received (updateFor) and encode the update as Socket.IO would (JSON).
import { pathToFileURL } from 'node:url';
import { ContestBoard } from '../shared/scoring/board.ts';
import type { ContestDef, ScoringMark } from '../shared/scoring/types.ts';
import type { Leaderboard } from '../shared/api.ts';
import { compactUpdateFor, rememberBoard, updateFor } from '../server/realtime/delta.ts';
import { benchEnv, type BenchEnv } from './lib/env.ts';
import { CRITERIA, syntheticEvent, valueFor } from './lib/synthetic.ts';
import { percentile } from './lib/stats.ts';

export interface BoardWorkOptions {
  contestants: number;
  /** Updates timed at each point of the history. */
  updates: number;
  /** How many marks the board holds when each measurement starts. */
  history: number[];
  marksPerUpdate: number[];
  /** Diff as the web app's compact deltas (true) or CONTRACT §8's (false). */
  compact: boolean;
}

export interface BoardWorkPoint {
  history: number;
  marksPerUpdate: number;
  msPerMark: number;
  p99MsPerUpdate: number;
  /** Mean share of one update: applying marks, ranking, diffing, encoding (ms). */
  split: { apply: number; rank: number; diff: number; encode: number };
  meanBytes: number;
}

export interface BoardWorkResult {
  bench: 'board-work';
  at: string;
  env: BenchEnv;
  options: BoardWorkOptions;
  points: BoardWorkPoint[];
}

const JUDGES = ['j1', 'j2', 'j3'];

function randomScoringMark(contestants: number, order: number, revisions: Map<string, number>): ScoringMark {
  const c = CRITERIA[Math.floor(Math.random() * CRITERIA.length)]!;
  const contestant = `P${String(1 + Math.floor(Math.random() * contestants)).padStart(5, '0')}`;
  const judge = c.kind === 'judgement' ? JUDGES[Math.floor(Math.random() * JUDGES.length)]! : 'j1';
  const key = `${contestant}/${c.code}/${judge}`;
  const revision = (revisions.get(key) ?? 0) + 1;
  revisions.set(key, revision);
  return { contestant, criterion: c.code, judge, value: valueFor(c), revision, order };
}

export function runBoardWork(o: BoardWorkOptions): BoardWorkResult {
  const file = syntheticEvent({ contestants: o.contestants, judges: 3 });
  const contest = file.contests[0]!;
  const def = contest as unknown as ContestDef;
  const people = contest.contestants.map((p) => ({
    bib: p.bib,
    name: p.name,
    organisation: p.organisation,
    station: p.station,
    status: 'active' as const,
  }));
  const points: BoardWorkPoint[] = [];
  for (const mpu of o.marksPerUpdate) {
    const board = new ContestBoard(def, people);
    const revisions = new Map<string, number>();
    let order = 0;
    for (const target of [...o.history].sort((a, b) => a - b)) {
      while (order < target) board.apply(randomScoringMark(o.contestants, ++order, revisions));
      const lb = (): Leaderboard => ({ contest: 'c', seq: order, state: 'scoring', frozen: false, rows: board.rows() });
      let sent = rememberBoard(lb());
      const perUpdate: number[] = [];
      const split = { apply: 0, rank: 0, diff: 0, encode: 0 };
      let bytes = 0;
      for (let u = 0; u < o.updates; u++) {
        const t0 = performance.now();
        for (let k = 0; k < mpu; k++) board.apply(randomScoringMark(o.contestants, ++order, revisions));
        const t1 = performance.now();
        const now = lb();
        const t2 = performance.now();
        const update = o.compact ? compactUpdateFor(sent, now) : updateFor(sent, now);
        sent = rememberBoard(now);
        const t3 = performance.now();
        bytes += update ? JSON.stringify(update).length : 0;
        const t4 = performance.now();
        split.apply += t1 - t0;
        split.rank += t2 - t1;
        split.diff += t3 - t2;
        split.encode += t4 - t3;
        perUpdate.push(t4 - t0);
      }
      const total = perUpdate.reduce((a, b) => a + b, 0);
      const r3 = (x: number) => Math.round(x * 1000) / 1000;
      points.push({
        history: target,
        marksPerUpdate: mpu,
        msPerMark: r3(total / (o.updates * mpu)),
        p99MsPerUpdate: r3(
          percentile(
            [...perUpdate].sort((a, b) => a - b),
            99,
          ),
        ),
        split: {
          apply: r3(split.apply / o.updates),
          rank: r3(split.rank / o.updates),
          diff: r3(split.diff / o.updates),
          encode: r3(split.encode / o.updates),
        },
        meanBytes: Math.round(bytes / o.updates),
      });
    }
  }
  return { bench: 'board-work', at: new Date().toISOString(), env: benchEnv(null, 0), options: o, points };
}

export function boardWorkMarkdown(r: BoardWorkResult): string {
  return [
    `## board-work (${r.at})`,
    '',
    `- ${r.options.contestants} contestants × ${CRITERIA.length} criteria; ${r.options.updates} updates timed at each point; Node ${r.env.node}, ${r.env.cpu}, commit ${r.env.commit}`,
    `- One update = apply the marks, rank the board, diff against what the room holds (${r.options.compact ? 'compact deltas, as the web app gets them' : "CONTRACT §8's deltas"}), encode the update (JSON).`,
    '',
    '| marks already on the board | marks per update | ms per mark | p99 ms per update | apply / rank / diff / encode (ms per update) | update size (bytes) |',
    '| ---: | ---: | ---: | ---: | --- | ---: |',
    ...r.points.map(
      (p) =>
        `| ${p.history} | ${p.marksPerUpdate} | ${p.msPerMark} | ${p.p99MsPerUpdate} | ${p.split.apply} / ${p.split.rank} / ${p.split.diff} / ${p.split.encode} | ${p.meanBytes} |`,
    ),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, dflt: number) =>
    Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
  for (const compact of [true, false]) {
    const r = runBoardWork({
      contestants: arg('contestants', 1000),
      updates: arg('updates', 200),
      history: [1_000, 36_000, 100_000],
      marksPerUpdate: [1, 10],
      compact,
    });
    console.log(boardWorkMarkdown(r), '\n');
  }
}
