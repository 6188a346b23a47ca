// Where outbox entries live: IndexedDB on the tablet (a memory store for tests that need none).
import type { Mark, MarkBody } from '$shared/api.ts';
import type { SendError } from './send.ts';
import { OUTBOX, committed, request } from './idb.ts';

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

export class IdbOutboxStore implements OutboxStore {
  constructor(private readonly db: Promise<IDBDatabase>) {}

  async list(): Promise<OutboxEntry[]> {
    const db = await this.db;
    const all = (await request(db.transaction(OUTBOX, 'readonly').objectStore(OUTBOX).getAll())) as OutboxEntry[];
    return all.sort(byCreation);
  }

  async put(entries: readonly OutboxEntry[], durable = false): Promise<void> {
    if (entries.length === 0) return;
    const db = await this.db;
    const tx = db.transaction(OUTBOX, 'readwrite', { durability: durable ? 'strict' : 'relaxed' });
    const store = tx.objectStore(OUTBOX);
    // A plain copy: a Svelte state proxy cannot be stored (DataCloneError).
    for (const e of entries) store.put(JSON.parse(JSON.stringify(e)));
    await committed(tx);
  }

  async remove(clientIds: readonly string[]): Promise<void> {
    if (clientIds.length === 0) return;
    const db = await this.db;
    const tx = db.transaction(OUTBOX, 'readwrite');
    const store = tx.objectStore(OUTBOX);
    for (const id of clientIds) store.delete(id);
    await committed(tx);
  }
}

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
