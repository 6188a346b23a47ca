// Messages of the judge screens (English). Typed against the Chinese file: same keys.
import type { judgeZhCN } from './judge.zh-CN.ts';

export const judgeEn: Record<keyof typeof judgeZhCN, string> = {
  'judge.title': 'Judge scoring',
};
