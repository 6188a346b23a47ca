// The event and the marking plan of the fault tests: one contest, twelve judges (one of them a
// shadow, whose marks are stored but never count), and for each judge a queue of marks made from a
// seeded generator, with repeats of the same contestant and criterion so that revisions pile up.
import type { EventFile } from '../../../shared/event-file/schema.ts';
import type { MarkBody } from '../../../shared/api.ts';

export const JUDGES = Array.from({ length: 12 }, (_, i) => `j${String(i + 1).padStart(2, '0')}`);
export const pinOf = (code: string) => `48${code.slice(1)}91`;
const BIBS = Array.from({ length: 30 }, (_, i) => `F${String(i + 1).padStart(3, '0')}`);

export function faultEvent(tag: string): EventFile {
  return {
    format: 'jiangxin/event@1',
    name: `故障演练 ${tag}`,
    organisations: [
      { code: 'o1', name: '一号单位' },
      { code: 'o2', name: '二号单位' },
    ],
    contests: [
      {
        code: 'line',
        name: '流水线操作',
        teamSize: 3,
        awards: [
          { name: '一等奖', ratio: 0.1 },
          { name: '二等奖', ratio: 0.2 },
        ],
        sections: [
          {
            code: 'theory',
            name: '理论',
            weight: 0.3,
            criteria: [{ code: 'exam', name: '考试', kind: 'measurement', max: 100 }],
          },
          {
            code: 'practical',
            name: '实操',
            weight: 0.7,
            criteria: [
              { code: 'skill', name: '操作规范', kind: 'judgement', max: 20, judges: 3, aggregate: 'mean', step: 0.5 },
              { code: 'safety', name: '安全违规', kind: 'deduction', max: 10, perUnit: 2 },
            ],
          },
        ],
        contestants: BIBS.map((bib, i) => ({ bib, name: `选手${i + 1}`, organisation: i % 2 ? 'o2' : 'o1' })),
        judges: JUDGES.map((code, i) => ({
          code,
          name: `裁判${i + 1}`,
          pin: pinOf(code),
          criteria: '*' as const,
          ...(i === 11 ? { shadow: true } : {}),
        })),
      },
    ],
  } as EventFile;
}

/** mulberry32: a small seeded generator, so a failing run can be replayed from its printed seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `perJudge` marks for one judge, each with its own clientId, on few enough contestants to make revisions. */
export function planMarks(rand: () => number, perJudge: number): MarkBody[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const bibs = BIBS.slice(0, 20);
  return Array.from({ length: perJudge }, () => {
    const criterion = pick(['exam', 'skill', 'safety'] as const);
    const value =
      criterion === 'exam'
        ? Math.floor(rand() * 101)
        : criterion === 'skill'
          ? Math.floor(rand() * 41) / 2
          : Math.floor(rand() * 4);
    return { contestant: pick(bibs), criterion, value, clientId: crypto.randomUUID() };
  });
}
