// The /screens namespace's event maps and socket data (like live-server.ts for /live), and the hub
// through which the console's HTTP requests reach the screens and phones. Rooms: `event:<id>` holds
// every screen and phone of an event (announcements), `screen:<event>:<screen>` one big screen. With
// REDIS_URL the adapter carries each emit to the sockets of every process.
import type { Namespace, Socket } from 'socket.io';
import type { Announcement, ScreenState, ScreensClientToServer, ScreensServerToClient } from '../../shared/screens.ts';

export interface ScreensSocketData {
  eventId: string;
  /** A big screen's id; absent for a phone. */
  screenId?: string;
}

type NoInterServer = Record<never, never>;
export type ScreensNamespace = Namespace<
  ScreensClientToServer,
  ScreensServerToClient,
  NoInterServer,
  ScreensSocketData
>;
export type ScreensSocket = Socket<ScreensClientToServer, ScreensServerToClient, NoInterServer, ScreensSocketData>;

export const eventRoom = (eventId: string) => `event:${eventId}`;
export const screenRoom = (eventId: string, screenId: string) => `screen:${eventId}:${screenId}`;

export class ScreenHub {
  constructor(private readonly nsp: ScreensNamespace) {}

  screen(eventId: string, state: ScreenState): void {
    this.nsp.to(screenRoom(eventId, state.id)).emit('screen', state);
  }

  identify(eventId: string, screenId: string): void {
    this.nsp.to(screenRoom(eventId, screenId)).emit('identify');
  }

  announcements(eventId: string, list: Announcement[]): void {
    this.nsp.to(eventRoom(eventId)).emit('announcements', list);
  }

  /** A forgotten screen's page connects again, and registers anew. */
  forget(eventId: string, screenId: string): void {
    this.nsp.in(screenRoom(eventId, screenId)).disconnectSockets(true);
  }

  /** The ids of the event's screens connected now (to any process). */
  async online(eventId: string): Promise<Set<string>> {
    try {
      const sockets = await this.nsp.in(eventRoom(eventId)).fetchSockets();
      return new Set(sockets.flatMap((s) => (s.data.screenId ? [s.data.screenId] : [])));
    } catch {
      return new Set();
    }
  }
}
