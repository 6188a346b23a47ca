// Messages of the chief screens (English). Typed against the Chinese file: same keys.
import type { chiefZhCN } from './chief.zh-CN.ts';

export const chiefEn: Record<keyof typeof chiefZhCN, string> = {
  'chief.title': 'Chief judge desk',
};
