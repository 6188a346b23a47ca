// How both lifecycle screens (the chief judge's desk and the console's contest page) show a move of
// shared/lifecycle.ts: the button's tone, and which moves ask for a second thought.
import type { MoveKey } from '$shared/lifecycle.ts';

export type Tone = 'primary' | 'warn' | 'danger' | 'plain';

const TONES: Record<MoveKey, Tone> = {
  open: 'primary',
  close: 'warn',
  certify: 'primary',
  reopen: 'plain',
  publish: 'primary',
  amend: 'danger',
};

export const toneOf = (key: MoveKey): Tone => TONES[key];

/** Moves that undo a step (reopen marking, amend certified results) confirm with a danger button. */
export const undoes = (key: MoveKey): boolean => key === 'reopen' || key === 'amend';
