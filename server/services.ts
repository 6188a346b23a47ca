// Everything one server instance holds: database, caches, auth, metrics. Built once at start.
import type { DbHandle } from '../db/create-db.ts';
import { AuthService } from './domain/auth/auth.ts';
import { SignInGuard, type SignInStore } from './domain/auth/sign-in-guard.ts';
import { BoardCache } from './domain/boards/boards.ts';
import { MarkWriter } from './domain/marks/mark-writer.ts';
import type { ChangeSink, DomainCtx } from './domain/context.ts';
import { Metrics } from './metrics.ts';
import type { Config } from './config.ts';
import { SiteAddresses, type SiteOptions } from './site/addresses.ts';

export const VERSION = '0.1.0';

export interface AppServices extends DomainCtx {
  dbKind: DbHandle['kind'];
  auth: AuthService;
  metrics: Metrics;
  config: Pick<Config, 'boardIntervalMs'>;
  /** The public address printed in QR codes and on certificates, and where it comes from. */
  site: SiteAddresses;
  version: string;
  /** Set once the realtime layer is attached; until then changes are only stored. */
  setChangeSink(sink: ChangeSink): void;
  /** Also called after every committed change of a contest (e.g. to take a snapshot after a state change). */
  onContestChanged(listener: (contestId: string) => void): () => void;
}

export function createServices(
  handle: DbHandle,
  config: AppServices['config'],
  site: SiteOptions,
  metrics = new Metrics(),
  signIn: SignInStore = { db: handle.db, prefix: 'jiangxin' },
): AppServices {
  const boards = new BoardCache(handle.db);
  boards.onRefresh = (ms) => metrics.boardRefresh.observe(ms / 1000);
  let sink: ChangeSink | null = null;
  const listeners = new Set<(contestId: string) => void>();
  const changes: ChangeSink = {
    contestChanged: (id) => {
      sink?.contestChanged(id);
      for (const l of listeners) l(id);
    },
  };
  const writer = new MarkWriter(handle.db);
  writer.onCommitted = (id, stored) => {
    metrics.marksAccepted.inc(stored);
    changes.contestChanged(id);
  };
  return {
    db: handle.db,
    dbKind: handle.kind,
    boards,
    auth: new AuthService(handle.db, new SignInGuard(signIn)),
    metrics,
    config,
    site: new SiteAddresses(handle.db, site),
    version: VERSION,
    changes,
    writer,
    setChangeSink(s) {
      sink = s;
    },
    onContestChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
