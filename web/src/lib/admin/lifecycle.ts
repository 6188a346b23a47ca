// The console's lifecycle beyond the moves of shared/lifecycle.ts: when the board may be frozen, and
// certification refusals in words. Pure: no I/O, no runes.
import type { ContestState } from '$shared/api.ts';
import { blockersOf, type Blocker } from '$lib/chief/view.ts';
import type { CertifyBlocker } from '$shared/api.ts';

/** The public board can be frozen once marks may arrive; unfreezing is always offered while frozen. */
export const mayFreeze = (state: ContestState, frozen: boolean) => frozen || state !== 'setup';

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
    const what = b.missing.map((m) =>
      m.need ? `${names.criterion(m.criterion)} ${m.have}/${m.need}` : names.criterion(m.criterion),
    );
    return { kind: 'incomplete', who, what };
  });
}
