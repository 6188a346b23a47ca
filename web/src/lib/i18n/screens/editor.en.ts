// Messages of the organiser's editor screens (English). Typed against the Chinese file: same keys.
import type { editorZhCN } from './editor.zh-CN.ts';

export const editorEn: Record<keyof typeof editorZhCN, string> = {
  'editor.title': 'Edit event',
};
