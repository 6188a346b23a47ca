// The Socket.IO server's event maps and socket data, given once: every namespace, socket and
// room emit of the realtime code is typed by them (no casts of sockets or socket.data).
import type { Namespace, Server, Socket } from 'socket.io';
import type { LiveClientToServer, LiveServerToClient } from '../../shared/realtime.ts';
import type { Audience } from '../domain/boards/boards.ts';
import type { DeltaFormat } from './broadcaster.ts';

/** Between server processes (cluster.ts): how many public screens watch each contest here. */
export const SCREENS_EVENT = 'jiangxin:screens';

export interface LiveInterServer {
  [SCREENS_EVENT]: (contestIds: unknown, ack: (counts: Record<string, number>) => void) => void;
}

export interface LiveSocketData {
  audience: Audience;
  /** The organiser session an organiser connection rides on: it ends with that session. */
  session?: { token: string; tokenHash: string };
  /** The contests this socket watches (it is in their room), and in which delta format. */
  watching: Map<string, DeltaFormat>;
  /** Contests a watch of this socket is joining. */
  joining: Set<string>;
}

export type LiveServer = Server<LiveClientToServer, LiveServerToClient, LiveInterServer, LiveSocketData>;
export type LiveNamespace = Namespace<LiveClientToServer, LiveServerToClient, LiveInterServer, LiveSocketData>;
export type LiveSocket = Socket<LiveClientToServer, LiveServerToClient, LiveInterServer, LiveSocketData>;
