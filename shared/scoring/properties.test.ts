import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContestantStatus } from '../event-file/schema.ts';
import { ContestBoard } from './board.ts';
import { scoreContestant } from './contestant.ts';
import { info } from './fixtures.ts';
import { rankBoard } from './rank.ts';
import type { BoardRow, ContestDef, ContestantInfo, ScoringMark } from './types.ts';

const def: ContestDef = {
  tieBreak: ['section:practical', 'criterion:packing', 'raw-asc:sorting', 'raw-desc:exam'],
  awards: [
    { name: 'Gold', count: 1 },
    { name: 'Silver', ratio: 0.3, minTotal: 20 },
    { name: 'Bronze', ratio: 0.3 },
  ],
  sections: [
    {
      code: 'theory',
      name: 'Theory',
      weight: 0.3,
      criteria: [{ code: 'exam', name: 'Exam', kind: 'measurement', max: 100 }],
    },
    {
      code: 'practical',
      name: 'Practical',
      weight: 0.7,
      criteria: [
        {
          code: 'sorting',
          name: 'Sorting',
          kind: 'measurement',
          max: 30,
          scale: { type: 'linear', best: 60, worst: 180 },
        },
        { code: 'waybill', name: 'Waybill', kind: 'measurement', max: 10, scale: { type: 'pass' } },
        {
          code: 'packing',
          name: 'Packing',
          kind: 'judgement',
          max: 20,
          judges: 3,
          aggregate: 'trimmed',
          maxSpread: 5,
          step: 0.5,
        },
        { code: 'service', name: 'Service', kind: 'judgement', max: 10, judges: 2, aggregate: 'median', step: 0.5 },
        { code: 'safety', name: 'Safety', kind: 'deduction', max: 10, perUnit: 3 },
      ],
    },
  ],
};
const criteria = def.sections.flatMap((s) => s.criteria);
const BIBS = ['C01', 'C02', 'C03', 'C04', 'C05', 'C10'];
const JUDGES = ['J1', 'J2', 'J3', 'J4'];

function valueFor(ci: number, seed: number): number | boolean {
  const c = criteria[ci]!;
  if (c.kind === 'deduction') return seed % 8;
  if (c.kind === 'judgement') return (seed % (c.max * 2 + 1)) / 2;
  if (c.scale?.type === 'pass') return seed % 2 === 0;
  if (c.scale?.type === 'linear') return seed % 300;
  return seed % 4 === 0 ? 100 : (seed % 201) / 2;
}

/** Marks in acceptance order: order = index + 1, revisions counted per (judge, contestant, criterion). */
const marksArb = fc
  .array(
    fc.record({
      b: fc.integer({ min: 0, max: BIBS.length - 1 }),
      c: fc.integer({ min: 0, max: criteria.length - 1 }),
      j: fc.integer({ min: 0, max: JUDGES.length - 1 }),
      seed: fc.nat({ max: 10_000 }),
    }),
    { maxLength: 80 },
  )
  .map((raw) => {
    const revisions = new Map<string, number>();
    return raw.map(({ b, c, j, seed }, i): ScoringMark => {
      const key = `${b}/${c}/${j}`;
      const revision = (revisions.get(key) ?? 0) + 1;
      revisions.set(key, revision);
      return {
        contestant: BIBS[b]!,
        criterion: criteria[c]!.code,
        judge: JUDGES[j]!,
        value: valueFor(c, seed),
        revision,
        order: i + 1,
      };
    });
  });

const statusesArb = fc.array(
  fc.constantFrom<ContestantStatus>('active', 'active', 'active', 'withdrawn', 'disqualified'),
  {
    minLength: BIBS.length,
    maxLength: BIBS.length,
  },
);
const people = (statuses: ContestantStatus[]): ContestantInfo[] =>
  BIBS.map((bib, i) => info(bib, i % 2 === 0 ? 'sd' : 'zt', { status: statuses[i] ?? 'active' }));

function boardOf(infos: ContestantInfo[], marks: ScoringMark[]): ContestBoard {
  const b = new ContestBoard(def, infos);
  for (const m of marks) b.apply(m);
  return b;
}

function scratch(infos: ContestantInfo[], marks: ScoringMark[]): BoardRow[] {
  return rankBoard(
    def,
    infos.map((p) => ({ info: p, score: scoreContestant(def, p.bib, marks) })),
  );
}

describe('scoring properties', () => {
  it('the order marks are applied in does not matter', () => {
    const arb = fc
      .tuple(marksArb, statusesArb)
      .chain(([marks, st]) =>
        fc.tuple(
          fc.constant(marks),
          fc.constant(st),
          fc.shuffledSubarray(marks, { minLength: marks.length, maxLength: marks.length }),
        ),
      );
    fc.assert(
      fc.property(arb, ([marks, st, shuffled]) => {
        const a = boardOf(people(st), marks);
        const b = boardOf(people(st), shuffled);
        expect(b.rows()).toEqual(a.rows());
        for (const bib of BIBS) expect(b.score(bib)).toEqual(a.score(bib));
      }),
      { numRuns: 200 },
    );
  });

  it('only the newest revision of a judge counts', () => {
    fc.assert(
      fc.property(marksArb, (marks) => {
        const newest = new Map<string, ScoringMark>();
        for (const m of marks) newest.set(`${m.contestant}/${m.criterion}/${m.judge}`, m); // later = newer
        const latest = [...newest.values()];
        for (const bib of BIBS) expect(scoreContestant(def, bib, marks)).toEqual(scoreContestant(def, bib, latest));
      }),
      { numRuns: 200 },
    );
  });

  it('totals stay within 0..100 and sections within 0..M', () => {
    fc.assert(
      fc.property(marksArb, (marks) => {
        for (const bib of BIBS) {
          const s = scoreContestant(def, bib, marks);
          expect(s.total).toBeGreaterThanOrEqual(0);
          expect(s.total).toBeLessThanOrEqual(100);
          expect(s.sections.theory).toBeGreaterThanOrEqual(0);
          expect(s.sections.theory).toBeLessThanOrEqual(100);
          expect(s.sections.practical).toBeGreaterThanOrEqual(0);
          expect(s.sections.practical).toBeLessThanOrEqual(70);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a mark for one contestant changes no other contestant', () => {
    fc.assert(
      fc.property(marksArb, marksArb, statusesArb, (marks, extra, st) => {
        const board = boardOf(people(st), marks);
        const before = new Map(BIBS.map((bib) => [bib, board.score(bib)]));
        const m = extra[0];
        if (m === undefined) return;
        board.apply({ ...m, order: marks.length + 1, revision: 1000 });
        for (const bib of BIBS) {
          if (bib !== m.contestant) expect(board.score(bib)).toBe(before.get(bib)); // not even re-scored
        }
      }),
      { numRuns: 200 },
    );
  });

  it('along board order totals never increase and ranks never decrease', () => {
    fc.assert(
      fc.property(marksArb, statusesArb, (marks, st) => {
        const rows = boardOf(people(st), marks).rows();
        const ranked = rows.filter((r) => r.rank !== null);
        const unranked = rows.slice(ranked.length);
        // Ranked: active with a counted mark (SCORING §5.4); then the unmarked, then the out, each in bib order.
        const marked = new Set(marks.map((m) => m.contestant));
        expect(ranked.every((r) => r.status === 'active' && marked.has(r.bib))).toBe(true);
        expect(unranked.every((r) => r.rank === null && r.award === null)).toBe(true);
        const unmarked = unranked.filter((r) => r.status === 'active');
        expect(unmarked.every((r) => !marked.has(r.bib))).toBe(true);
        const out = unranked.slice(unmarked.length);
        expect(out.every((r) => r.status !== 'active')).toBe(true);
        for (const part of [unmarked, out]) expect(part.map((r) => r.bib)).toEqual(part.map((r) => r.bib).sort());
        ranked.forEach((r, i) => {
          const prev = ranked[i - 1];
          if (prev === undefined) return expect(r.rank).toBe(1);
          expect(r.total).toBeLessThanOrEqual(prev.total);
          expect(r.rank!).toBeGreaterThanOrEqual(prev.rank!);
          expect(r.rank === prev.rank || r.rank === i + 1).toBe(true);
          if (r.rank === prev.rank) expect(prev.bib < r.bib).toBe(true);
          if (!r.complete) expect(r.award).toBeNull();
        });
      }),
      { numRuns: 200 },
    );
  });

  it('incremental board equals rankBoard over scoreContestant from scratch', () => {
    fc.assert(
      fc.property(marksArb, statusesArb, (marks, st) => {
        const infos = people(st);
        const board = boardOf(infos, marks);
        expect(board.rows()).toEqual(scratch(infos, marks));
        for (const bib of BIBS) expect(board.score(bib)).toEqual(scoreContestant(def, bib, marks));
      }),
      { numRuns: 200 },
    );
  });

  it('a board ranked after every mark (reusing its last order and unchanged rows) equals one from scratch', () => {
    fc.assert(
      fc.property(marksArb, statusesArb, (marks, st) => {
        const infos = people(st);
        const board = new ContestBoard(def, infos);
        const seen: ScoringMark[] = [];
        let before = board.rows();
        for (const m of marks) {
          board.apply(m);
          seen.push(m);
          const now = board.rows();
          expect(now).toEqual(scratch(infos, seen));
          // Another contestant's row whose content did not change is the very same object (a
          // watcher's diff skips it by identity).
          const old = new Map(before.map((r) => [r.bib, r]));
          for (const r of now) {
            if (r.bib !== m.contestant && JSON.stringify(old.get(r.bib)) === JSON.stringify(r))
              expect(old.get(r.bib)).toBe(r);
          }
          before = now;
        }
      }),
      { numRuns: 100 },
    );
  });
});
