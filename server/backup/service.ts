// Snapshots of the embedded database while a contest runs: every few minutes while any contest is
// in 'scoring', shortly after every change of a contest's state, and on demand. One snapshot at a
// time, taken off the request path; a failure (a full disk) is logged and tried again later.
import { join } from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import type { DbHandle } from '../../db/create-db.ts';
import { contests, contestStates } from '../../db/schema/index.ts';
import { refuse } from '../errors.ts';
import type { Listeners } from '../listeners.ts';
import type { Committed } from '../domain/context.ts';
import { takeLock } from './lock.ts';
import type { SnapshotInfo, SnapshotReason } from './names.ts';
import { dumpDataDirGzip, pgliteOf } from './pglite.ts';
import { listSnapshots, pruneSnapshots, removeLeftovers, writeSnapshot } from './snapshots.ts';
import { counted } from '../../shared/plural.ts';

export interface BackupOptions {
  dataDir: string;
  intervalMs: number;
  /** Scheduled snapshots kept (state-change ones are kept for a day, manual ones until deleted). */
  keep: number;
  /** Wait after a state change before its snapshot; changes within it share one snapshot. */
  settleMs?: number;
  /** Written into the lock file, for the restore command's message. */
  port?: number;
  log?: (msg: string) => void;
}

export const POSTGRES_NOTE =
  'snapshots are off: the database is PostgreSQL (DATABASE_URL). Back it up with pg_dump, ' +
  'and move single events with their archives (GET /api/v1/events/:id/archive).';

export const OFF_NOTE = 'snapshots are not running on this server';

export class BackupService {
  private readonly client: PGlite | null;
  private opts: BackupOptions | null = null;
  private log: (msg: string) => void = () => {};
  private tail: Promise<void> = Promise.resolve();
  private queued: SnapshotReason | null = null;
  private retryState = false;
  private lastStateId = -1;
  private interval: NodeJS.Timeout | null = null;
  private settleTimer: NodeJS.Timeout | null = null;
  private unwatch: (() => void) | null = null;
  private releaseLock: (() => void) | null = null;
  private stopped = false;
  private checks = 0;

  /** Built with the services, idle until `start` (main.ts starts it; test servers mostly do not). */
  constructor(
    private readonly handle: Pick<DbHandle, 'db' | 'kind'>,
    private readonly committed: Listeners<Committed>,
  ) {
    this.client = pgliteOf(handle);
  }

  /** Whether snapshots are running: started, on the embedded database. */
  get enabled(): boolean {
    return this.opts !== null && this.client !== null;
  }

  /** DATA_DIR/backups while snapshots run, else null (PostgreSQL, or not started). */
  get dir(): string | null {
    return this.enabled ? join(this.opts!.dataDir, 'backups') : null;
  }

  /** Starts snapshots in `opts.dataDir` (once); with PostgreSQL it only says that they are off. */
  async start(opts: BackupOptions): Promise<this> {
    if (this.opts) throw new Error('backups are already started');
    this.opts = opts;
    this.log = opts.log ?? ((m) => console.log(m));
    if (!this.client) {
      this.log(`[backup] ${POSTGRES_NOTE}`);
      return this;
    }
    this.releaseLock = takeLock(opts.dataDir, opts.port);
    await removeLeftovers(this.dir!);
    this.lastStateId = await this.latestStateChange().catch(() => -1);
    // setInterval takes at most 2^31-1 ms (about 24 days); a longer wait would fire at once.
    this.interval = setInterval(() => void this.tick(), Math.min(opts.intervalMs, 2 ** 31 - 1));
    this.interval.unref();
    this.unwatch = this.committed.on(() => this.contestChanged());
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.interval) clearInterval(this.interval);
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.unwatch?.();
    await this.tail;
    this.releaseLock?.();
  }

  async list(): Promise<SnapshotInfo[]> {
    return this.dir ? listSnapshots(this.dir) : [];
  }

  /** A snapshot now (after the one running, if any). */
  takeNow(): Promise<SnapshotInfo> {
    if (!this.client) throw refuse('conflict:snapshots_postgres', `cannot take a snapshot: ${POSTGRES_NOTE}`);
    if (!this.enabled) throw refuse('conflict:snapshots_off', OFF_NOTE);
    if (this.stopped) throw refuse('unavailable:shutting_down', 'the server is shutting down');
    const run = this.tail.then(() => this.take('manual'));
    this.tail = run.then(
      () => {},
      () => {},
    );
    return run.catch((err: unknown) => {
      const message = `could not write the snapshot (${(err as Error).message}); free some disk space and try again`;
      throw refuse('unavailable:snapshot_failed', message);
    });
  }

  /** Resolves once the snapshots running or waiting now are done (later requests are not waited for). */
  async idle(): Promise<void> {
    await this.tail;
  }

  /** Queues a snapshot; requests that arrive while one waits are folded into it. */
  request(reason: 'scheduled' | 'state'): void {
    if (!this.enabled || this.stopped) return;
    if (this.queued) {
      if (reason === 'state') this.queued = 'state';
      return;
    }
    this.queued = reason;
    this.tail = this.tail.then(async () => {
      const r = this.queued;
      this.queued = null;
      if (!r || this.stopped) return;
      try {
        await this.take(r);
        if (r === 'state') this.retryState = false;
      } catch (err) {
        if (r === 'state') this.retryState = true;
        this.log(`[backup] the ${r} snapshot failed (${(err as Error).message}); trying again at the next one`);
      }
    });
  }

  private async take(reason: SnapshotReason): Promise<SnapshotInfo> {
    const started = performance.now();
    const bytes = await dumpDataDirGzip(this.client!);
    const info = await writeSnapshot(this.dir!, reason, bytes);
    const pruned = await pruneSnapshots(this.dir!, this.opts!.keep).catch(() => []);
    const took = Math.round(performance.now() - started);
    const removed = pruned.length ? `, ${counted(pruned.length, 'older one', 'older ones')} removed` : '';
    this.log(`[backup] ${info.file} (${Math.round(info.bytes / 1024)} KB, ${took} ms)${removed}`);
    return info;
  }

  /** How many scheduled checks have run (whether or not they asked for a snapshot). */
  get scheduleChecks(): number {
    return this.checks;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      if (this.retryState) this.request('state');
      const [row] = await this.handle.db.select({ n: count() }).from(contests).where(eq(contests.state, 'scoring'));
      if (Number(row?.n ?? 0) > 0) this.request('scheduled');
    } catch (err) {
      this.log(`[backup] could not check the contests (${(err as Error).message})`);
    } finally {
      this.checks++;
    }
  }

  // Called after every committed change (most are marks): looks at the state history at most once
  // per settle period, so a burst of state changes gives one snapshot and marks cost one query.
  private contestChanged(): void {
    if (this.stopped || this.settleTimer) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      void this.checkStates();
    }, this.opts!.settleMs ?? 2000);
    this.settleTimer.unref();
  }

  private async checkStates(): Promise<void> {
    if (this.stopped) return;
    try {
      const latest = await this.latestStateChange();
      if (latest > this.lastStateId) {
        this.lastStateId = latest;
        this.request('state');
      }
    } catch (err) {
      this.log(`[backup] could not check the contest states (${(err as Error).message})`);
    }
  }

  private async latestStateChange(): Promise<number> {
    const [row] = await this.handle.db
      .select({ id: sql<number>`coalesce(max(${contestStates.id}), 0)`.mapWith(Number) })
      .from(contestStates);
    return row?.id ?? 0;
  }
}
