import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateMarkValue } from '../../shared/scoring/index.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';
import { correctedValue, isAssigned, outlierCell, planFor, seededRng, simulated, valueFor } from './marks.ts';

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')) as EventFile;
const files = [load('new-economy-contest'), load('wire-rope-contest')];
const contests = files.flatMap((f) => f.contests);

describe('demo mark generation', () => {
  it('gives values the server accepts, for every criterion of the example events', () => {
    for (const contest of contests) {
      for (const judge of contest.judges) {
        const rng = seededRng(7);
        for (const task of planFor(contest, judge)) {
          for (let i = 0; i < 5; i++) {
            const value = valueFor(task, { judge: judge.code, rng, outlier: i === 4 });
            expect(
              validateMarkValue(task.criterion, value),
              `${contest.code}/${task.criterion.code} = ${value}`,
            ).toBeNull();
            const again = correctedValue(task, value, { judge: judge.code, rng });
            expect(validateMarkValue(task.criterion, again)).toBeNull();
          }
        }
      }
    }
  });

  it('never plans a contestant of the judge’s own organisation, shadow judges included', () => {
    let recusals = 0;
    for (const contest of contests) {
      const orgOf = new Map(contest.contestants.map((p) => [p.bib, p.organisation]));
      for (const judge of contest.judges.filter((j) => j.organisation)) {
        const tasks = planFor(contest, judge);
        for (const t of tasks) expect(orgOf.get(t.contestant)).not.toBe(judge.organisation);
        recusals += contest.contestants.filter((p) => p.organisation === judge.organisation).length;
      }
    }
    expect(recusals).toBeGreaterThan(0); // the examples do have judges with an organisation
    const withShadowOrg = {
      ...contests[0]!,
      judges: [{ code: 's', name: 'S', criteria: '*' as const, shadow: true, organisation: 'sd' }],
    };
    const tasks = planFor(withShadowOrg, withShadowOrg.judges[0]!);
    expect(tasks.length).toBeGreaterThan(0);
    expect(
      tasks.every((t) => withShadowOrg.contestants.find((p) => p.bib === t.contestant)!.organisation !== 'sd'),
    ).toBe(true);
  });

  it('plans only assigned criteria and active contestants, and leaves chief judges to people', () => {
    for (const contest of contests) {
      const active = new Set(contest.contestants.filter((p) => (p.status ?? 'active') === 'active').map((p) => p.bib));
      for (const judge of contest.judges) {
        for (const t of planFor(contest, judge)) {
          expect(isAssigned(judge, t.criterion.code)).toBe(true);
          expect(active.has(t.contestant)).toBe(true);
        }
        expect(simulated(judge)).toBe(!judge.chief);
      }
    }
  });

  it('sets one panel far apart, so the chief judge gets a flag', () => {
    const courier = contests.find((c) => c.code === 'courier')!;
    const cell = outlierCell(courier)!;
    expect(cell).not.toBeNull();
    const criterion = courier.sections.flatMap((s) => s.criteria).find((k) => k.code === cell.criterion)!;
    expect(criterion.kind).toBe('judgement');
    if (criterion.kind !== 'judgement') return;
    const panel = courier.judges.filter((j) => simulated(j) && !j.shadow && isAssigned(j, cell.criterion));
    const person = courier.contestants.find((p) => p.bib === cell.contestant)!;
    expect(panel.find((j) => j.code === cell.judge)?.organisation).not.toBe(person.organisation);
    for (let seed = 1; seed <= 50; seed++) {
      const rng = seededRng(seed);
      const task = { contestant: cell.contestant, criterion };
      const values = panel
        .filter((j) => !j.organisation || j.organisation !== person.organisation)
        .map((j) => valueFor(task, { judge: j.code, rng, outlier: j.code === cell.judge }) as number);
      expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(criterion.maxSpread!);
    }
  });

  it('is repeatable for a seed', () => {
    const contest = contests[0]!;
    const judge = contest.judges.find((j) => !j.chief)!;
    const run = (seed: number) => {
      const rng = seededRng(seed);
      return planFor(contest, judge).map((t) => valueFor(t, { judge: judge.code, rng }));
    };
    expect(run(3)).toEqual(run(3));
  });
});
