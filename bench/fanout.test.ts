// Smoke test of the fan-out benchmark: 50 viewers watch while judges submit 5 marks/s for 4 s on
// PostgreSQL, then the bare Socket.IO baseline runs to the same viewers. Every viewer's final board
// equals the GET board, every (viewer, accepted mark) pair has a latency, every accepted mark is
// stored once, the baseline delivered every message, and no child process outlives the run.
import { describe, expect, it } from 'vitest';
import { fanoutMarkdown, runFanout, SCENARIOS } from './fanout.ts';
import { postgresServer, skipWithout } from '../server/test/services-available.ts';

const PG_BASE = (process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const skip = await skipWithout(import.meta.url, postgresServer(`${PG_BASE}/postgres`, 'BENCH_PG_URL'));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(skip)('bench/fanout', () => {
  it('measures submit → viewer latency against a bare Socket.IO baseline and delivers every update', async () => {
    const r = await runFanout({
      ...SCENARIOS.smoke,
      db: 'postgres',
      judges: 5,
      contestants: 1000,
      fleet: 2,
      addresses: 2,
      connectConcurrency: 25,
      pgBase: PG_BASE,
      outDir: null,
      log: () => {},
    });
    const { jiangxin: j, bare: b } = r;
    const viewers = SCENARIOS.smoke.viewers;

    expect(j.viewers).toMatchObject({ connected: viewers, failed: 0, connectedAtEnd: viewers });
    const accepted = j.marks.accepted;
    expect(j.marks.sent).toBe(SCENARIOS.smoke.marksPerSecond * SCENARIOS.smoke.seconds);
    expect(j.marks.statuses).toEqual({ 201: j.marks.sent });
    expect(j.marks.stored).toEqual({ rows: accepted, distinctClientIds: accepted });
    expect(j.board.marksApplied).toBe(accepted);

    expect(j.boardsDiffer).toBe(0);
    expect(j.finalSeq).toBeGreaterThanOrEqual(accepted);
    expect(j.deliveries).toEqual({ expected: viewers * accepted, recorded: viewers * accepted, missed: 0 });
    expect(j.drainSeconds).not.toBeNull();
    for (const l of [j.latency, b.latency]) {
      expect(l.p50Ms).toBeGreaterThan(0);
      expect(l.p50Ms).toBeLessThanOrEqual(l.p99Ms);
      expect(l.p99Ms).toBeLessThanOrEqual(l.p999Ms);
      expect(l.p999Ms).toBeLessThanOrEqual(l.maxMs);
    }
    expect(j.updates.size.meanBytes).toBeGreaterThan(0);

    expect(b.viewers).toMatchObject({ connected: viewers, failed: 0 });
    expect(b.sent).toBeGreaterThan(0);
    expect(b.deliveries).toEqual({ expected: viewers * b.sent, recorded: viewers * b.sent, missed: 0 });
    // Same payload size as Jiangxin's updates, within the few bytes the send time's digits vary.
    expect(Math.abs(b.updates.size.meanBytes - j.updates.size.meanBytes)).toBeLessThan(64);

    for (const s of [j, b]) {
      expect(s.memory.before.rssBytes).toBeGreaterThan(0);
      expect(s.memory.perViewerHeapBytes).toBeGreaterThan(0);
      expect(s.server.cpuMs).toBeGreaterThan(0);
    }
    expect(r.ratios.latencyP99).toBeGreaterThan(0);
    expect(r.targets.length).toBeGreaterThan(0);
    expect(fanoutMarkdown(r)).toContain('| latency ms p50 / p99 / p99.9 / max |');

    const pids = [r.processes.server, r.processes.bare, ...r.processes.fleet];
    expect(new Set(pids).size).toBe(4);
    expect(pids.filter(alive)).toEqual([]);
  }, 60_000);
});
