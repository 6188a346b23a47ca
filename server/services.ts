// Everything one server instance holds: database, caches, auth, metrics. Built once at start.
import type { DbHandle } from '../db/create-db.ts';
import { AuthService } from './domain/auth/auth.ts';
import { SignInGuard, type SignInStore } from './domain/auth/sign-in-guard.ts';
import { BoardCache } from './domain/boards/boards.ts';
import { MarkWriter } from './domain/marks/mark-writer.ts';
import type { Committed, DomainCtx } from './domain/context.ts';
import { CertifiedBoards } from './domain/boards/certified-boards.ts';
import { JudgePresence, type ScreenCounter } from './domain/boards/overview.ts';
import { BackupService } from './backup/service.ts';
import { DbGate } from './http/db-gate.ts';
import { Listeners } from './listeners.ts';
import { Metrics } from './metrics.ts';
import type { Config } from './config.ts';
import { SiteAddresses, type SiteOptions } from './site/addresses.ts';
import type { ScreenHub } from './realtime/screens-server.ts';

export const VERSION = '0.1.0';

export interface AppServices extends DomainCtx {
  dbKind: DbHandle['kind'];
  auth: AuthService;
  metrics: Metrics;
  config: Pick<Config, 'boardIntervalMs'>;
  /** The public address printed in QR codes and on certificates, and where it comes from. */
  site: SiteAddresses;
  version: string;
  /** When each judge last made a request here (the overview's "online"); app.ts notes them. */
  presence: JudgePresence;
  /** The public screens watching contests, counted by the realtime layer. */
  screens: ScreenCounter;
  /** Refuses requests at once while the database is out of reach (http/db-gate.ts). */
  dbGate: DbGate;
  /** The boards /verify recomputes, kept while their inputs stay the same. */
  certifiedBoards: CertifiedBoards;
  /** Snapshots of the embedded database: idle until started (main.ts). */
  backups: BackupService;
  /** Reaches the venue's big screens and the public pages of an event (/screens). */
  screenHub: ScreenHub;
}

export function createServices(
  handle: DbHandle,
  config: AppServices['config'],
  site: SiteOptions,
  screens: ScreenCounter,
  screenHub: ScreenHub,
  metrics = new Metrics(),
  signIn: SignInStore = { db: handle.db, prefix: 'jiangxin' },
): AppServices {
  const committed = new Listeners<Committed>();
  committed.on(({ marks }) => metrics.marksAccepted.inc(marks));
  const boards = new BoardCache(handle.db);
  boards.refreshed.on(({ ms }) => metrics.boardRefresh.observe(ms / 1000));
  return {
    db: handle.db,
    dbKind: handle.kind,
    boards,
    auth: new AuthService(handle.db, new SignInGuard(signIn)),
    metrics,
    config,
    site: new SiteAddresses(handle.db, site),
    version: VERSION,
    committed,
    writer: new MarkWriter(handle.db, committed),
    presence: new JudgePresence(),
    screens,
    dbGate: new DbGate(handle.db),
    certifiedBoards: new CertifiedBoards(handle.db),
    backups: new BackupService(handle, committed),
    screenHub,
  };
}
