// A synthetic event big enough to load the server: one contest of many contestants and 20 criteria
// (measurements direct/linear/pass, judgements, deductions) marked by judges with "*", plus a tiny
// contest whose id the raw-INSERT baseline writes under (same table, same columns).
import { createHash, randomUUID } from 'node:crypto';
import type { Criterion, EventFile } from '../../shared/event-file/schema.ts';

export interface SyntheticOptions {
  contestants: number;
  judges: number;
  organisations?: number;
}

const judgement = (code: string, max: number, aggregate: 'mean' | 'median' | 'trimmed'): Criterion => ({
  code,
  name: `评判 ${code}`,
  kind: 'judgement',
  max,
  judges: 3,
  aggregate,
  maxSpread: 8,
  step: 0.5,
});

// 20 criteria: 4 direct, 3 linear, 2 pass, 8 judgements, 3 deductions.
const SECTIONS: EventFile['contests'][number]['sections'] = [
  {
    code: 'theory',
    name: '理论',
    weight: 0.2,
    criteria: [
      { code: 'exam', name: '理论考试', kind: 'measurement', max: 100 },
      { code: 'quiz', name: '抢答', kind: 'measurement', max: 20, step: 1 },
    ],
  },
  {
    code: 'practical',
    name: '实操',
    weight: 0.6,
    criteria: [
      { code: 'time-a', name: '用时A', kind: 'measurement', max: 20, scale: { type: 'linear', best: 60, worst: 300 } },
      { code: 'time-b', name: '用时B', kind: 'measurement', max: 20, scale: { type: 'linear', best: 120, worst: 600 } },
      { code: 'errors', name: '差错', kind: 'measurement', max: 10, scale: { type: 'linear', best: 0, worst: 10 } },
      { code: 'check-a', name: '检查A', kind: 'measurement', max: 5, scale: { type: 'pass' } },
      { code: 'check-b', name: '检查B', kind: 'measurement', max: 5, scale: { type: 'pass' } },
      judgement('craft-1', 20, 'trimmed'),
      judgement('craft-2', 20, 'trimmed'),
      judgement('craft-3', 20, 'mean'),
      judgement('craft-4', 20, 'median'),
      judgement('craft-5', 10, 'trimmed'),
      judgement('craft-6', 10, 'mean'),
      { code: 'violation', name: '违规', kind: 'deduction', max: 10, perUnit: 2 },
      { code: 'waste', name: '浪费', kind: 'deduction', max: 5, perUnit: 1 },
    ],
  },
  {
    code: 'quality',
    name: '质量',
    weight: 0.2,
    criteria: [
      { code: 'measure', name: '尺寸', kind: 'measurement', max: 40 },
      { code: 'finish', name: '外观', kind: 'measurement', max: 20, step: 0.5 },
      judgement('tidy', 20, 'median'),
      judgement('report', 20, 'trimmed'),
      { code: 'damage', name: '损坏', kind: 'deduction', max: 10, perUnit: 5 },
    ],
  },
];

export const CRITERIA: Criterion[] = SECTIONS.flatMap((s) => s.criteria);

export function syntheticEvent(opts: SyntheticOptions): EventFile {
  const orgs = Array.from({ length: opts.organisations ?? 20 }, (_, i) => ({
    code: `org-${i + 1}`,
    name: `单位${i + 1}`,
  }));
  const pad = (n: number) => String(n).padStart(5, '0');
  return {
    format: 'jiangxin/event@1',
    name: `基准测试 ${new Date().toISOString()}`,
    organisations: orgs,
    contests: [
      {
        code: 'main',
        name: '综合技能',
        teamSize: 3,
        awards: [
          { name: '一等奖', ratio: 0.1 },
          { name: '二等奖', ratio: 0.2 },
          { name: '三等奖', ratio: 0.3 },
        ],
        sections: SECTIONS,
        contestants: Array.from({ length: opts.contestants }, (_, i) => ({
          bib: `P${pad(i + 1)}`,
          name: `选手${i + 1}`,
          organisation: orgs[i % orgs.length]!.code,
          station: `S-${pad(i + 1)}`,
        })),
        judges: Array.from({ length: opts.judges }, (_, i) => ({
          code: `j${i + 1}`,
          name: `裁判${i + 1}`,
          pin: '123456',
          criteria: '*' as const,
        })),
      },
      {
        code: 'raw',
        name: '基线',
        judges: [],
        sections: [
          {
            code: 'all',
            name: '全部',
            weight: 1,
            criteria: [{ code: 'exam', name: '考试', kind: 'measurement', max: 100 }],
          },
        ],
        contestants: [{ bib: 'P00001', name: '基线', organisation: orgs[0]!.code }],
      },
    ],
  };
}

export function valueFor(c: Criterion, r = Math.random()): number | boolean {
  if (c.kind === 'deduction') return Math.floor(r * 3);
  if (c.kind === 'judgement') return Math.round((c.max * (0.5 + r / 2)) / (c.step ?? 0.5)) * (c.step ?? 0.5);
  if (c.scale?.type === 'pass') return r < 0.85;
  if (c.scale?.type === 'linear')
    return Math.round(Math.min(c.scale.best, c.scale.worst) + r * Math.abs(c.scale.worst - c.scale.best));
  const step = c.step ?? 1;
  return Math.round((c.max * (0.3 + r * 0.7)) / step) * step;
}

export interface MarkInput {
  contestant: string;
  criterion: string;
  value: number | boolean;
  clientId: string;
}

/** A valid mark for a random contestant and criterion, with a fresh clientId. */
export function randomMark(contestants: number): MarkInput {
  const c = CRITERIA[Math.floor(Math.random() * CRITERIA.length)]!;
  const n = 1 + Math.floor(Math.random() * contestants);
  return {
    contestant: `P${String(n).padStart(5, '0')}`,
    criterion: c.code,
    value: valueFor(c),
    clientId: randomUUID(),
  };
}

export const fingerprintOf = (contestId: string, judge: string, m: MarkInput) =>
  createHash('sha256')
    .update(JSON.stringify({ contestId, judge, c: m.contestant, k: m.criterion, v: m.value }))
    .digest('hex');
