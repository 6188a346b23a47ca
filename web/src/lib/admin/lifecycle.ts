// What an organiser may do with a contest in each state (CONTRACT §5), and certification refusals
// in words. Pure: no I/O, no runes.
import type { ContestState } from '$shared/api.ts';
import { blockersOf, type Blocker } from '$lib/chief/view.ts';
import type { CertifyBlocker } from '$shared/api.ts';

export type MoveKey = 'open' | 'close' | 'reopen' | 'certify' | 'publish' | 'amend';

export interface Move {
  key: MoveKey;
  to: ContestState;
  /** Amending certified results needs a reason, kept in the audit log. */
  needsReason: boolean;
  tone: 'primary' | 'warn' | 'danger' | 'plain';
}

const MOVES: Record<ContestState, Move[]> = {
  setup: [{ key: 'open', to: 'scoring', needsReason: false, tone: 'primary' }],
  scoring: [{ key: 'close', to: 'review', needsReason: false, tone: 'warn' }],
  review: [
    { key: 'certify', to: 'certified', needsReason: false, tone: 'primary' },
    { key: 'reopen', to: 'scoring', needsReason: false, tone: 'plain' },
  ],
  certified: [
    { key: 'publish', to: 'published', needsReason: false, tone: 'primary' },
    { key: 'amend', to: 'review', needsReason: true, tone: 'danger' },
  ],
  published: [{ key: 'amend', to: 'review', needsReason: true, tone: 'danger' }],
};

export const movesFrom = (state: ContestState): Move[] => MOVES[state];

/** The public board can be frozen once marks may arrive; unfreezing is always offered while frozen. */
export const mayFreeze = (state: ContestState, frozen: boolean) => frozen || state !== 'setup';

/** Results (exports, certificates) exist once a contest is certified. */
export const hasResults = (state: ContestState) => state === 'certified' || state === 'published';

export interface Names {
  contestant: (bib: string) => string;
  criterion: (code: string) => string;
}

export interface BlockerLine {
  kind: Blocker['kind'];
  who: string;
  /** Criterion names (incomplete: what is missing, with have/need where several judges mark). */
  what: string[];
}

/** The 409 transition_blocked refusal as lines a person can act on. */
export function blockerLines(error: { reasons?: string[]; blockers?: CertifyBlocker[] }, names: Names): BlockerLine[] {
  return blockersOf(error).map((b) => {
    if (b.kind === 'other') return { kind: 'other', who: '', what: [] };
    const who = names.contestant(b.bib);
    if (b.kind === 'flagged') return { kind: 'flagged', who, what: [names.criterion(b.criterion)] };
    const what = b.missing.map((m) => (m.need ? `${names.criterion(m.criterion)} ${m.have}/${m.need}` : names.criterion(m.criterion)));
    return { kind: 'incomplete', who, what };
  });
}
