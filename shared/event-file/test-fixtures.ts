// Example event files for tests, read from the repo's examples/ folder.
import { readFileSync } from 'node:fs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into and mutate the JSON freely
export type Json = any;

export const EXAMPLES = ['new-economy-contest.json', 'wire-rope-contest.json'] as const;

const cache = new Map<string, string>();

/** A fresh, mutable copy of an example file. */
export function example(name: (typeof EXAMPLES)[number] = 'wire-rope-contest.json'): Json {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
    cache.set(name, text);
  }
  return JSON.parse(text);
}

/** The event file of CONTRACT §4, verbatim. */
export const CONTRACT_EXAMPLE = {
  format: 'jiangxin/event@1',
  name: '兴化市首届新业态群体技能竞赛',
  organisations: [{ code: 'sd', name: '顺达快递' }],
  contests: [
    {
      code: 'courier',
      name: '快递员',
      teamSize: 3,
      blind: false,
      tieBreak: ['section:practical', 'raw-asc:sorting'],
      awards: [
        { name: '一等奖', ratio: 0.1 },
        { name: '二等奖', ratio: 0.2 },
        { name: '三等奖', ratio: 0.3 },
      ],
      sections: [
        {
          code: 'theory',
          name: '理论知识',
          weight: 0.3,
          criteria: [{ code: 'exam', name: '理论考试', kind: 'measurement', max: 100 }],
        },
        {
          code: 'practical',
          name: '实际操作',
          weight: 0.7,
          criteria: [
            {
              code: 'sorting',
              name: '快件分拣用时(秒)',
              kind: 'measurement',
              max: 30,
              scale: { type: 'linear', best: 60, worst: 180 },
            },
            {
              code: 'packing',
              name: '包装规范',
              kind: 'judgement',
              max: 20,
              judges: 3,
              aggregate: 'trimmed',
              maxSpread: 5,
              step: 0.5,
            },
            { code: 'safety', name: '安全违规', kind: 'deduction', max: 10, perUnit: 2 },
          ],
        },
      ],
      contestants: [{ bib: 'C001', name: '王磊', organisation: 'sd', station: 'A-07' }],
      judges: [{ code: 'J01', name: '李娜', pin: '482913', chief: true, criteria: '*' }],
    },
  ],
};
