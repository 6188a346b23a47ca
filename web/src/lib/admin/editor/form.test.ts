import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEventFile } from '$shared/event-file/parse.ts';
import type { EventFile } from '$shared/event-file/schema.ts';
import { fileToForm, formToFile, weightSum } from './form.ts';
import { templateEvent, newContest, freshCode } from './factories.ts';

function example(name: string): EventFile {
  return JSON.parse(
    readFileSync(new URL(`../../../../../examples/${name}.json`, import.meta.url), 'utf8'),
  ) as EventFile;
}

const names = {
  event: 'E',
  organisation: 'O',
  contest: 'C',
  theory: 'T',
  exam: 'X',
  practical: 'P',
  task: 'K',
  chief: 'H',
  awards: ['1', '2', '3'] as [string, string, string],
};

describe('form ↔ file', () => {
  for (const name of ['new-economy-contest', 'wire-rope-contest']) {
    it(`gives back ${name} unchanged after a round trip through the form`, () => {
      const file = example(name);
      expect(formToFile(fileToForm(file))).toEqual(file);
    });
  }

  it('folds pass/fail into the kind choice and writes it back as a pass scale', () => {
    const form = fileToForm(example('new-economy-contest'));
    const waybill = form.contests[0]!.sections[1]!.criteria.find((k) => k.code === 'waybill')!;
    expect(waybill.kind).toBe('pass');
    waybill.kind = 'measurement';
    waybill.scaleType = 'linear';
    waybill.best = 0;
    waybill.worst = 5;
    const out = formToFile(form) as { contests: { sections: { criteria: Record<string, unknown>[] }[] }[] };
    expect(out.contests[0]!.sections[1]!.criteria.find((k) => k.code === 'waybill')).toEqual({
      code: 'waybill',
      name: '面单信息核验',
      kind: 'measurement',
      max: 10,
      scale: { type: 'linear', best: 0, worst: 5 },
    });
  });

  it('turns an emptied number box into a missing field the parser reports at its path', () => {
    const form = fileToForm(example('new-economy-contest'));
    form.contests[0]!.sections[0]!.criteria[0]!.max = null;
    const parsed = parseEventFile(formToFile(form));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toContain('contests[0].sections[0].criteria[0].max');
  });

  it('switching a criterion kind drops the fields the new kind does not have', () => {
    const form = fileToForm(example('new-economy-contest'));
    const packing = form.contests[0]!.sections[1]!.criteria.find((k) => k.code === 'packing')!;
    packing.kind = 'deduction';
    packing.perUnit = 1;
    packing.max = 10;
    const parsed = parseEventFile(formToFile(form));
    // The judgement fields (judges, aggregate, maxSpread, step) would be unknown fields on a deduction.
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  });

  it('writes award tiers with the size the organiser chose', () => {
    const form = fileToForm(example('wire-rope-contest'));
    const tier = form.contests[0]!.awards[0]!;
    expect(tier.by).toBe('count');
    tier.by = 'ratio';
    tier.ratio = 0.05;
    const out = formToFile(form) as { contests: { awards: unknown[] }[] };
    expect(out.contests[0]!.awards[0]).toEqual({ name: '一等奖', ratio: 0.05 });
  });

  it('sums section weights without floating point noise', () => {
    const form = fileToForm(example('new-economy-contest'));
    expect(weightSum(form.contests[0]!)).toBe(1);
    form.contests[0]!.sections[0]!.weight = 0.4;
    expect(weightSum(form.contests[0]!)).toBe(1.1);
  });

  it('starts a blank event from a template that is already valid', () => {
    const form = templateEvent(names);
    const parsed = parseEventFile(formToFile(form));
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    const taken = form.contests.flatMap((c) => c.judges.map((j) => j.code));
    form.contests.push(
      newContest(
        form.contests.map((c) => c.code),
        taken,
        names,
      ),
    );
    const again = parseEventFile(formToFile(form));
    expect(again.ok ? [] : again.issues).toEqual([]);
  });

  it('suggests the first free code', () => {
    expect(freshCode('org', ['org-1', 'org-3'])).toBe('org-2');
  });
});
