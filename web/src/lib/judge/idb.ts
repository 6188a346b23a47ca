// The tablet's own database (IndexedDB): the outbox of marks and the cached judge sheet.
// A few promise helpers instead of a library: the whole use is two object stores.
export const DB_NAME = 'jiangxin-judge';
const DB_VERSION = 1;
export const OUTBOX = 'outbox';
export const KV = 'kv';

export function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** Resolves when the transaction has committed: only then is the data on disk. */
export function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
}

export function openJudgeDb(name = DB_NAME, factory: IDBFactory = globalThis.indexedDB): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (!factory) return reject(new Error('IndexedDB is not available in this browser'));
    const open = factory.open(name, DB_VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX, { keyPath: 'clientId' });
      if (!db.objectStoreNames.contains(KV)) db.createObjectStore(KV);
    };
    open.onsuccess = () => {
      const db = open.result;
      // Another tab upgrading the schema: let it, and reopen on next use.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    open.onerror = () => reject(open.error);
    open.onblocked = () => reject(new Error('the tablet database is blocked by another tab'));
  });
}

/** A small key-value store (the cached sheet) in the same database. */
export class KvStore {
  constructor(private readonly db: Promise<IDBDatabase>) {}

  async get<T>(key: string): Promise<T | undefined> {
    const db = await this.db;
    return (await request(db.transaction(KV, 'readonly').objectStore(KV).get(key))) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    const db = await this.db;
    const tx = db.transaction(KV, 'readwrite');
    tx.objectStore(KV).put(value, key);
    await committed(tx);
  }

  async delete(key: string): Promise<void> {
    const db = await this.db;
    const tx = db.transaction(KV, 'readwrite');
    tx.objectStore(KV).delete(key);
    await committed(tx);
  }
}
