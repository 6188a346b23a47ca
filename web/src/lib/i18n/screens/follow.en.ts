// Messages of following contestants on a phone (English). Typed against the Chinese file: same keys.
import type { followZhCN } from './follow.zh-CN.ts';

export const followEn: Record<keyof typeof followZhCN, string> = {
  'follow.column': 'Follow',
  'follow.button': 'Follow {name}',
  'follow.label': 'Follow',
  'follow.pinned': 'Contestants I follow',
  'follow.pinnedNote': 'Follows are kept on this phone only. Tap ★ to stop following.',
  'follow.hint': 'Tap ☆ to follow a contestant: they stay pinned at the top of the board.',
  'follow.eventLead': 'The contestants you follow on this phone, updated live.',
  'follow.place': 'Place {rank}',
  'follow.noRank': 'No place yet',
  'follow.gone': 'Bib {bib}: not on the board',
};
