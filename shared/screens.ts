// The venue's big screens run from the console, and announcements (issue 14): types shared by the
// server, the console and the screens. The realtime side is the Socket.IO namespace /screens: a big
// screen connects with `auth: {event, screen}` (its own id, kept in its browser), a phone with
// `auth: {event}` (announcements only). Browser-safe: the zod schemas are in screens-schema.ts.
import type { BoardRow } from './scoring/types.ts';

export const SCREENS_NAMESPACE = '/screens';

export const MIN_ROTATE_SECONDS = 5;
export const MAX_ROTATE_SECONDS = 3600;
export const MAX_SCREEN_NAME = 40;
export const MAX_MESSAGE = 200;
export const MAX_ANNOUNCEMENT = 200;
/** Screens one event keeps (anyone on the venue Wi-Fi may open a display page). */
export const MAX_SCREENS = 50;
/** Announcements shown at once. */
export const MAX_ANNOUNCEMENTS = 5;

/** What the organiser makes a screen show. */
export type ScreenMode =
  | { kind: 'contest'; contest: string }
  | { kind: 'rotate'; seconds: number }
  | { kind: 'teams' }
  | { kind: 'reveal'; contest: string; step: number }
  | { kind: 'message'; text: string }
  | { kind: 'blank' };

export type ScreenModeKind = ScreenMode['kind'];
export const MODE_KINDS: readonly ScreenModeKind[] = ['rotate', 'contest', 'teams', 'reveal', 'message', 'blank'];

export type RevealAction = 'next' | 'back' | 'reset' | 'end';

/** A screen as the console lists it. */
export interface ScreenInfo {
  id: string;
  number: number;
  name: string | null;
  mode: ScreenMode | null;
  online: boolean;
  lastSeen: string;
  /** In reveal mode: how far the ceremony is. */
  reveal?: Pick<RevealView, 'step' | 'total' | 'ready'>;
}

/**
 * What a screen in reveal mode is sent: the contestants revealed so far (last place first), never
 * one more; `total` places in all. `ready` is false while the contest's board is neither frozen nor
 * published (the console warns: the hall's other screens would show the order before the ceremony).
 */
export interface RevealView {
  contest: string;
  step: number;
  total: number;
  revealed: BoardRow[];
  ready: boolean;
}

/** What a big screen is told: its name and number (shown only while identified) and its mode. */
export interface ScreenState {
  id: string;
  number: number;
  name: string | null;
  mode: ScreenMode | null;
  reveal?: RevealView;
}

export interface Announcement {
  id: string;
  text: string;
  at: string;
}

export interface ScreensHandshake {
  event: string;
  /** A big screen's own id; absent for a phone (announcements only). */
  screen?: string;
}

export interface ScreensServerToClient {
  screen: (state: ScreenState) => void;
  /** The organiser pressed "identify": the screen shows its name for a few seconds. */
  identify: () => void;
  announcements: (list: Announcement[]) => void;
}

/** A screen only listens. */
export type ScreensClientToServer = Record<never, never>;

/** How long an identified screen shows its name. */
export const IDENTIFY_MS = 6000;
