// The /screens socket (shared/screens.ts) for Svelte: a big screen's mode as the console set it and
// the event's announcements; a phone's page gets the announcements only. Use start()/stop() inside
// an $effect. A screen keeps its own id in this browser, so a reload is the same screen.
import { newClientId } from '$shared/client-id.ts';
import { io, type Socket } from 'socket.io-client';
import {
  IDENTIFY_MS,
  SCREENS_NAMESPACE,
  type Announcement,
  type ScreenState,
  type ScreensClientToServer,
  type ScreensHandshake,
  type ScreensServerToClient,
} from '$shared/screens.ts';

type ScreensSocket = Socket<ScreensServerToClient, ScreensClientToServer>;

/** How long a screen waits for its mode before showing what its address asks for. */
export const MODE_WAIT_MS = 2500;
/** Delay before connecting again after the server closed or refused the connection. */
const RETRY_MS = 5000;

/** This browser's id for screens of the event, made once and kept. */
export function screenIdFor(eventId: string): string {
  const key = `jiangxin.screen.${eventId}`;
  try {
    const kept = localStorage.getItem(key);
    if (kept && /^[A-Za-z0-9_-]{8,64}$/.test(kept)) return kept;
    const made = newClientId();
    localStorage.setItem(key, made);
    return made;
  } catch {
    // no storage (a locked-down kiosk): a new screen each time the page opens
    return newClientId();
  }
}

export class ScreensLink {
  /** The screen's state from the console; null until told (and always for a phone). */
  state = $state.raw<ScreenState | null>(null);
  announcements = $state.raw<Announcement[]>([]);
  /** The organiser asked this screen to show its name. */
  identifying = $state(false);
  /** Told its mode, refused, or waited MODE_WAIT_MS: the screen may show something now. */
  settled = $state(false);
  connected = $state(false);

  readonly #eventId: string;
  readonly #asScreen: boolean;
  #socket: ScreensSocket | null = null;
  #timers: ReturnType<typeof setTimeout>[] = [];
  #identifyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(eventId: string, opts: { screen: boolean }) {
    this.#eventId = eventId;
    this.#asScreen = opts.screen;
  }

  start(): void {
    if (this.#socket) return;
    const auth: ScreensHandshake = { event: this.#eventId };
    if (this.#asScreen) auth.screen = screenIdFor(this.#eventId);
    const socket: ScreensSocket = io(SCREENS_NAMESPACE, { transports: ['websocket', 'polling'], auth });
    this.#socket = socket;
    this.#timers.push(setTimeout(() => (this.settled = true), MODE_WAIT_MS));
    socket.on('connect', () => (this.connected = true));
    socket.on('screen', (state) => {
      this.state = state;
      this.settled = true;
    });
    socket.on('announcements', (list) => {
      this.announcements = list;
      if (!this.#asScreen) this.settled = true;
    });
    socket.on('identify', () => {
      this.identifying = true;
      clearTimeout(this.#identifyTimer);
      this.#identifyTimer = setTimeout(() => (this.identifying = false), IDENTIFY_MS);
    });
    const retry = () => this.#timers.push(setTimeout(() => this.#socket?.connect(), RETRY_MS));
    socket.on('connect_error', () => {
      this.settled = true;
      if (!socket.active) retry(); // refused by the server (unknown event…): ask again later
    });
    // Closed by the server (the console forgot this screen): connect again, as a new screen.
    socket.on('disconnect', (reason) => {
      this.connected = false;
      if (reason === 'io server disconnect') retry();
    });
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
    clearTimeout(this.#identifyTimer);
    this.#socket?.off();
    this.#socket?.disconnect();
    this.#socket = null;
  }
}
