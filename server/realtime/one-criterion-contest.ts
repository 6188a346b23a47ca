// A contest for the realtime unit tests: one section, one criterion scored 0–100 by one judge, and
// `size` contestants C001… of one organisation.
import type { ContestDef, ContestantInfo } from '../../shared/scoring/types.ts';

export const oneCriterionDef = {
  code: 'main',
  name: 'Main',
  sections: [{ code: 's', name: 'S', weight: 100, criteria: [{ code: 'k', name: 'K', kind: 'score', max: 100 }] }],
  judgesPerCriterion: 1,
  awards: [],
  decimals: 1,
} as unknown as ContestDef;

export const contestantsC = (size: number): ContestantInfo[] =>
  Array.from(
    { length: size },
    (_, i) =>
      ({
        bib: `C${String(i + 1).padStart(3, '0')}`,
        name: `N${i}`,
        organisation: 'o',
        status: 'active',
      }) as ContestantInfo,
  );
