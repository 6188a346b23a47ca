// Messages of the organiser's verify screens (English). Typed against the Chinese file: same keys.
import type { verifyZhCN } from './verify.zh-CN.ts';

export const verifyEn: Record<keyof typeof verifyZhCN, string> = {
  'verify.title': 'Certificate verification',
};
