// Smoke test of the marks-throughput benchmark: a short run on PGlite completes, reports positive
// rates, and every 201 the server answered is exactly one stored row.
import { describe, expect, it } from 'vitest';
import { markdown, runMarksThroughput } from './marks-throughput.ts';

describe('bench/marks-throughput', () => {
  it('runs for 2 s on PGlite and stores every accepted mark exactly once', async () => {
    const r = await runMarksThroughput({
      dbs: ['pglite'],
      seconds: 2,
      clients: 8,
      contestants: 1000,
      watchers: 1,
      pgBase: '',
      outDir: null,
      log: () => {},
    });
    expect(r.results).toHaveLength(1);
    const [x] = r.results;
    expect(x!.db).toBe('pglite');
    expect(x!.server.perSecond).toBeGreaterThan(0);
    expect(x!.raw.perSecond).toBeGreaterThan(0);
    expect(x!.ratio).toBeGreaterThan(0);
    expect(x!.server.p99Ms).toBeGreaterThanOrEqual(x!.server.p50Ms);
    expect(x!.server.failed).toBe(0);
    expect(x!.server.statuses).toEqual({ 201: x!.server.ok });
    expect(x!.stored).toEqual({ accepted: x!.server.ok, rows: x!.server.ok, distinctClientIds: x!.server.ok });
    expect(x!.watchers[0]!.updates).toBeGreaterThan(0);
    expect(r.env.node).toBe(process.version);
    expect(markdown(r)).toContain('| pglite');
  }, 120_000); // most of it is creating an on-disk PGlite (about 16 s on a busy 2-core machine)
});
