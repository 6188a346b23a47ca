// What one server process tells the others after a commit (a contest's board changed, its definition
// changed, a session ended), on a Redis stream of its own. A stream, not Pub/Sub: a process whose
// Redis connection drops reads on from the last entry it saw once it is back, so nothing published
// meanwhile is missed (the Socket.IO adapter's own serverSideEmit goes over Pub/Sub, which drops
// whatever is published while a subscriber is away, hence this feed). Entries are tiny JSON lists.
import { randomUUID } from 'node:crypto';
import type { Redis } from './redis-client.ts';

export type ClusterMessage =
  | { kind: 'changed'; contest: string }
  | { kind: 'invalidated'; contest: string }
  | { kind: 'session-ended'; tokenHash: string };

export interface FeedHandlers {
  /** A message of another process, in the order that process sent them. */
  message(msg: ClusterMessage): void | Promise<void>;
  /** Messages of another process were lost (trimmed away while this one lagged): refresh everything. */
  gap(): void | Promise<void>;
}

const RETRY_MS = 250;
const READ_COUNT = 500;
const BLOCK_MS = 5_000;

/** Entry fields: o = sending process, n = its entry number (1, 2, …), m = JSON list of messages. */
type Entry = { o?: string; n?: string; m?: string };

export class ChangeFeed {
  /** This process, as the senders' field `o` names it. */
  private readonly origin = randomUUID();
  private numbered = 0;
  /** Messages not sent yet, each once, in the order of their latest publish (bounded however long Redis is away). */
  private readonly pending = new Map<string, ClusterMessage>();
  private sending: Promise<void> | null = null;
  private lastId = '0-0';
  /** Per sending process, the newest entry number read. */
  private readonly seen = new Map<string, number>();
  private reading: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly writer: Redis,
    private readonly reader: Redis,
    readonly key: string,
    private readonly maxLen: number,
    private readonly handlers: FeedHandlers,
    private readonly log: (msg: string) => void,
  ) {}

  /** Reads from the stream's current end: what was sent before this process started is in the database. */
  async start(): Promise<void> {
    const [newest] = await this.writer.xRevRange(this.key, '+', '-', { COUNT: 1 });
    this.lastId = newest?.id ?? '0-0';
    this.reading = this.read();
  }

  /**
   * Queues a message for the other processes. One XADD is on its way at a time: messages queued
   * meanwhile go together in the next entry, in order, the same message only once (where it was
   * last queued); an XADD that fails (the connection dropped with it in flight) is sent again, so a
   * receiver may see an entry twice and skips the copy.
   */
  publish(msg: ClusterMessage): void {
    if (this.closed) return;
    const key = JSON.stringify(msg);
    this.pending.delete(key);
    this.pending.set(key, msg);
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.sending;
  }

  /** Resolves once the reader stopped (after the reader connection was closed). */
  stopped(): Promise<void> {
    return this.reading ?? Promise.resolve();
  }

  private pump(): void {
    if (this.sending || this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending.clear();
    const fields = { o: this.origin, n: String(++this.numbered), m: JSON.stringify(batch) };
    this.sending = this.sendUntilStored(fields).finally(() => {
      this.sending = null;
      if (!this.closed) this.pump();
    });
  }

  private async sendUntilStored(fields: Required<Entry>): Promise<void> {
    for (;;) {
      try {
        await this.writer.xAdd(this.key, '*', fields, {
          TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.maxLen },
        });
        return;
      } catch (err) {
        // While Redis is away node-redis holds new commands until it is back; only a command that was
        // in flight when the connection dropped fails here. Once closing, what is left is given up.
        if (this.closed) return;
        this.log(
          `[realtime] could not publish a change to the other processes (${(err as Error)?.message}); trying again`,
        );
        await sleep(RETRY_MS);
      }
    }
  }

  private async read(): Promise<void> {
    while (!this.closed) {
      let streams: { messages: { id: string; message: Entry }[] }[] | null;
      try {
        streams = (await this.reader.xRead(
          { key: this.key, id: this.lastId },
          { COUNT: READ_COUNT, BLOCK: BLOCK_MS },
        )) as typeof streams;
      } catch {
        // The connection dropped (logged by its error listener) or was closed: go on from lastId.
        if (!this.closed) await sleep(RETRY_MS);
        continue;
      }
      for (const entry of streams?.[0]?.messages ?? []) {
        this.lastId = entry.id;
        await this.receive(entry.message);
      }
    }
  }

  private async receive(entry: Entry): Promise<void> {
    const n = Number(entry.n);
    if (!entry.o || entry.o === this.origin || !Number.isInteger(n)) return;
    const last = this.seen.get(entry.o);
    if (last !== undefined && n <= last) return; // a copy sent again after its reply was lost
    this.seen.set(entry.o, n);
    try {
      if (last !== undefined && n > last + 1) await this.handlers.gap();
      for (const msg of parseMessages(entry.m)) await this.handlers.message(msg);
    } catch (err) {
      this.log(`[realtime] a change from another process failed here: ${(err as Error)?.message ?? String(err)}`);
    }
  }
}

/** Only well-formed messages; anything else in the stream is ignored. */
function parseMessages(raw: string | undefined): ClusterMessage[] {
  let list: unknown;
  try {
    list = JSON.parse(raw ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list.filter((m): m is ClusterMessage => {
    if (!m || typeof m !== 'object') return false;
    const { kind, contest, tokenHash } = m as Record<string, unknown>;
    if (kind === 'changed' || kind === 'invalidated') return typeof contest === 'string';
    return kind === 'session-ended' && typeof tokenHash === 'string';
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
