// What a big screen shows: the mode the organiser chose in the console (shared/screens.ts) or, for a
// screen not given one, what its address asks for (options.ts, CONTRACT §10).
import type { ScreenMode } from '$shared/screens.ts';
import type { DisplayOptions } from './options.ts';

/** The board options of a mode that shows boards; null for a reveal, a message or a blank screen. */
export function optionsOfMode(mode: ScreenMode): DisplayOptions | null {
  switch (mode.kind) {
    case 'contest':
      return { contest: mode.contest, rotate: null };
    case 'rotate':
      return { contest: null, rotate: mode.seconds };
    case 'teams':
      return { contest: null, rotate: null, teams: true };
    default:
      return null;
  }
}

/** What re-creates the screen when it changes (a reveal's steps, a message's text do not). */
export function modeIdentity(mode: ScreenMode | null, address: DisplayOptions): string {
  if (!mode) return `address|${address.contest}|${address.rotate}`;
  if (mode.kind === 'reveal') return `reveal|${mode.contest}`;
  if (mode.kind === 'message' || mode.kind === 'blank') return mode.kind;
  return JSON.stringify(optionsOfMode(mode));
}
