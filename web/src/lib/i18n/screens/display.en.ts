// Messages of the display screens (English). Typed against the Chinese file: same keys.
import type { displayZhCN } from './display.zh-CN.ts';

export const displayEn: Record<keyof typeof displayZhCN, string> = {
  'display.title': 'Big screen',
};
