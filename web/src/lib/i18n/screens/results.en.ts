// Messages of the results screens (English). Typed against the Chinese file: same keys.
import type { resultsZhCN } from './results.zh-CN.ts';

export const resultsEn: Record<keyof typeof resultsZhCN, string> = {
  'results.title': 'Results',
};
