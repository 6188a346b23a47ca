// What an outbox entry is and where entries live: a store the app gives the outbox (IndexedDB on
// the tablet, web/src/lib/judge/outbox-store.ts; memory for the server's fault tests).
import type { Mark, MarkBody } from '../api.ts';
import type { SendError } from './send.ts';

export type EntryStatus = 'waiting' | 'sending' | 'received' | 'refused';

export interface OutboxEntry {
  clientId: string;
  contestId: string;
  /** The judge who made the mark: it is only ever sent with that judge's session. */
  judge: string;
  event: string;
  body: MarkBody;
  createdAt: string;
  /** Creation order on this tablet (ties broken by createdAt, then clientId). */
  n: number;
  status: EntryStatus;
  attempts: number;
  lastAttemptAt?: string;
  /** The refusal (status refused) or the last transient failure (status waiting). */
  error?: SendError & { status?: number };
  /** The server's acknowledgement (status received). */
  response?: { status: 200 | 201; mark: Mark; seq: number };
}

export interface OutboxStore {
  list(): Promise<OutboxEntry[]>;
  /**
   * Writes all entries in one transaction; resolves once committed. `durable` (a new mark) waits
   * for the disk; a status change need not: if it is lost, the mark is simply sent again.
   */
  put(entries: readonly OutboxEntry[], durable?: boolean): Promise<void>;
  remove(clientIds: readonly string[]): Promise<void>;
}

export const byCreation = (a: OutboxEntry, b: OutboxEntry) =>
  a.n - b.n || a.createdAt.localeCompare(b.createdAt) || a.clientId.localeCompare(b.clientId);

export class MemoryOutboxStore implements OutboxStore {
  readonly rows = new Map<string, OutboxEntry>();

  async list(): Promise<OutboxEntry[]> {
    return [...this.rows.values()].map((e) => structuredClone(e)).sort(byCreation);
  }

  async put(entries: readonly OutboxEntry[]): Promise<void> {
    for (const e of entries) this.rows.set(e.clientId, structuredClone(e));
  }

  async remove(clientIds: readonly string[]): Promise<void> {
    for (const id of clientIds) this.rows.delete(id);
  }
}
