// The contest lifecycle (CONTRACT §5), once for the server and both lifecycle screens:
// setup → scoring → review → certified → published; review → scoring reopens marking;
// certified/published → review amends, with a reason. Organisers may make every move; a contest's
// chief judge may close marking, reopen it and certify.
import type { ContestState } from './api.ts';

export type MoveKey = 'open' | 'close' | 'reopen' | 'certify' | 'publish' | 'amend';

/** Who asks for a move: an organiser, or the chief judge of the contest. */
export type Mover = 'organiser' | 'chief';

export interface Move {
  key: MoveKey;
  from: ContestState;
  to: ContestState;
  /** The chief judge may make it too (organisers may make every move). */
  chief: boolean;
  /** Amending certified results needs a reason, kept in the audit log. */
  needsReason: boolean;
}

/** Every move there is, in the order the screens offer them from each state. */
export const MOVES: readonly Move[] = [
  { key: 'open', from: 'setup', to: 'scoring', chief: false, needsReason: false },
  { key: 'close', from: 'scoring', to: 'review', chief: true, needsReason: false },
  { key: 'certify', from: 'review', to: 'certified', chief: true, needsReason: false },
  { key: 'reopen', from: 'review', to: 'scoring', chief: true, needsReason: false },
  { key: 'publish', from: 'certified', to: 'published', chief: false, needsReason: false },
  { key: 'amend', from: 'certified', to: 'review', chief: false, needsReason: true },
  { key: 'amend', from: 'published', to: 'review', chief: false, needsReason: true },
];

/** The move from one state to another, or undefined when the lifecycle has none. */
export function moveBetween(from: ContestState, to: ContestState): Move | undefined {
  return MOVES.find((m) => m.from === from && m.to === to);
}

export function mayMake(move: Move, by: Mover): boolean {
  return by === 'organiser' || move.chief;
}

/** The moves `by` may make from `state`. */
export function movesFrom(state: ContestState, by: Mover = 'organiser'): Move[] {
  return MOVES.filter((m) => m.from === state && mayMake(m, by));
}

/** Certified and published results are locked; they have exports and certificates. */
export const hasResults = (state: string) => state === 'certified' || state === 'published';
