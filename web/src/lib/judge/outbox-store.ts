// Where outbox entries live on the tablet: IndexedDB.
import { byCreation, type OutboxEntry, type OutboxStore } from '$shared/judge-outbox/store.ts';
import { OUTBOX, committed, request } from './idb.ts';

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
