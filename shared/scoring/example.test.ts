// Smoke test on the realistic example event (examples/new-economy-contest.json).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contest as contestSchema, type Contest } from '../event-file/schema.ts';
import { tierCutoffs } from './awards.ts';
import { ContestBoard } from './board.ts';
import { scoreContestant } from './contestant.ts';
import { rankBoard } from './rank.ts';
import { teamTables } from './teams.ts';
import type { ContestantInfo, ScoringMark } from './types.ts';
import { validateMarkValue } from './validate-mark.ts';

function loadExample(): { contests: unknown[] } {
  const local = fileURLToPath(new URL('../../examples/new-economy-contest.json', import.meta.url));
  const shared = fileURLToPath(new URL('../../../shared/examples/new-economy-contest.json', import.meta.url));
  return JSON.parse(readFileSync(existsSync(local) ? local : shared, 'utf8')) as { contests: unknown[] };
}

/** Small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Marks as judges would give them: eligible, non-shadow judges, not of the contestant's organisation. */
function generateMarks(c: Contest, seed: number): ScoringMark[] {
  const rnd = prng(seed);
  const marks: ScoringMark[] = [];
  let order = 0;
  for (const p of c.contestants) {
    for (const cr of c.sections.flatMap((s) => s.criteria)) {
      const eligible = c.judges.filter(
        (j) =>
          !j.shadow &&
          !j.chief &&
          j.organisation !== p.organisation &&
          (j.criteria === '*' || j.criteria.includes(cr.code)),
      );
      const count = cr.kind === 'judgement' ? (cr.judges ?? 1) : 1;
      const base = rnd();
      for (const j of eligible.slice(0, count)) {
        let value: number | boolean;
        if (cr.kind === 'deduction') value = rnd() < 0.7 ? 0 : Math.floor(rnd() * 4);
        else if (cr.kind === 'judgement') {
          const step = cr.step ?? 0.01;
          value = Math.round((cr.max * (0.5 + 0.4 * base) + (rnd() - 0.5) * 4) / step) * step;
        } else if (cr.scale?.type === 'pass') value = rnd() < 0.85;
        else if (cr.scale?.type === 'linear')
          value = Math.round(
            Math.min(cr.scale.best, cr.scale.worst) + rnd() * Math.abs(cr.scale.worst - cr.scale.best),
          );
        else value = Math.round(55 + base * 45);
        if (typeof value === 'number' && cr.kind === 'judgement') value = Math.min(cr.max, Math.max(0, value));
        expect(validateMarkValue(cr, value)).toBeNull();
        marks.push({ contestant: p.bib, criterion: cr.code, judge: j.code, value, revision: 1, order: ++order });
      }
    }
  }
  return marks;
}

const infos = (c: Contest): ContestantInfo[] => c.contestants.map((p) => ({ ...p, status: p.status ?? 'active' }));

describe('example event (new-economy contest)', () => {
  const file = loadExample();
  const contests = file.contests.map((x) => contestSchema.parse(x));
  const courier = contests.find((c) => c.code === 'courier');

  it('scores the courier contest with sane board invariants', () => {
    expect(courier).toBeDefined();
    const c = courier!;
    const marks = generateMarks(c, 42);
    const board = new ContestBoard(c, infos(c));
    for (const m of marks) board.apply(m);
    const rows = board.rows();

    expect(rows).toHaveLength(c.contestants.length);
    expect(rows).toEqual(
      rankBoard(
        c,
        infos(c).map((info) => ({ info, score: scoreContestant(c, info.bib, marks) })),
      ),
    );
    expect(rows.every((r) => r.complete)).toBe(true);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.total).toBeLessThanOrEqual(rows[i - 1]!.total);
      expect(rows[i]!.rank!).toBeGreaterThanOrEqual(rows[i - 1]!.rank!);
    }
    for (const r of rows) {
      expect(r.total).toBeGreaterThanOrEqual(0);
      expect(r.total).toBeLessThanOrEqual(100);
      expect(Object.keys(r.sections).sort()).toEqual(['practical', 'theory']);
      expect(r.station).toMatch(/^A-\d\d$/);
    }
    // Awards: 24 complete → tiers of 2, 5, 7 (cut-offs 2, 7, 14); each award within its cut-off.
    const cutoffs = tierCutoffs(c.awards ?? [], rows.length);
    expect(cutoffs).toEqual([2, 7, 14]);
    const names = (c.awards ?? []).map((t) => t.name);
    for (const r of rows) {
      const tier = r.award === null ? -1 : names.indexOf(r.award);
      if (tier >= 0) expect(r.rank!).toBeLessThanOrEqual(cutoffs[tier]!);
      if (tier >= 1) expect(r.rank!).toBeGreaterThan(cutoffs[tier - 1]!);
      if (tier === -1) expect(r.rank!).toBeGreaterThan(14);
    }
    expect(rows.filter((r) => r.award !== null).length).toBeGreaterThanOrEqual(14);
  });

  it('makes team tables for the whole event', () => {
    const tables = teamTables(
      contests.map((c, i) => {
        const board = new ContestBoard(c, infos(c));
        for (const m of generateMarks(c, 7 + i)) board.apply(m);
        return { code: c.code, teamSize: c.teamSize, rows: board.rows() };
      }),
    );
    expect(Object.keys(tables.contests)).toEqual(contests.map((c) => c.code));
    const orgs = new Set(contests.flatMap((c) => c.contestants.map((p) => p.organisation)));
    expect(new Set(tables.overall.map((t) => t.organisation))).toEqual(orgs);
    expect(tables.overall[0]?.rank).toBe(1);
    for (let i = 1; i < tables.overall.length; i++) {
      expect(tables.overall[i]!.score).toBeLessThanOrEqual(tables.overall[i - 1]!.score);
    }
    for (const t of tables.overall) {
      const sum = contests.reduce(
        (s, c) => s + (tables.contests[c.code]?.find((x) => x.organisation === t.organisation)?.score ?? 0),
        0,
      );
      expect(t.score).toBeCloseTo(sum, 9);
    }
  });
});
