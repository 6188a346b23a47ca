// The Jiangxin server under test, in a process of its own so that its memory, event-loop lag and
// CPU time are its own (the viewers and judges run elsewhere). Started by bench/fanout.ts with
//   JX_BENCH_DATABASE_URL (PostgreSQL) or JX_BENCH_PGLITE_DIR (embedded), JX_BENCH_ADMIN_PASSWORD
// and answers requests over IPC: memory, phases (lag, CPU, board refresh timings), stored marks.
import { sql } from 'drizzle-orm';
import { createDb, rowsOf, type DbHandle } from '../../db/create-db.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { LIVE_NAMESPACE } from '../../shared/realtime.ts';
import { serveParent } from './child-rpc.ts';
import { guardMemory, processProbes } from './process-probes.ts';
import { percentile } from './stats.ts';

export interface ServerChildReady {
  url: string;
  dbVersion: string;
  synchronousCommit: string;
}

export interface BoardTimings {
  refreshes: number;
  marksApplied: number;
  /** Refresh time ÷ marks applied: what bringing the board up to date costs per mark. */
  msPerMark: number;
  refreshP50Ms: number;
  refreshP99Ms: number;
}

let handle: DbHandle | undefined;
let server: RunningServer | undefined;
const probes = processProbes();
guardMemory('jiangxin server');
let refreshes: [ms: number, marks: number][] = [];

async function start(): Promise<ServerChildReady> {
  const databaseUrl = process.env.JX_BENCH_DATABASE_URL;
  const dataDir = process.env.JX_BENCH_PGLITE_DIR;
  if (!databaseUrl && !dataDir) throw new Error('set JX_BENCH_DATABASE_URL or JX_BENCH_PGLITE_DIR');
  handle = await createDb(databaseUrl ? { databaseUrl } : { dataDir });
  server = await startServer({ db: handle, port: 0, host: '127.0.0.1', log: (m) => console.error(`[server] ${m}`) });
  await server.services.auth.ensureAdmin(process.env.JX_BENCH_ADMIN_PASSWORD ?? 'bench-admin-password', () => {});
  server.services.boards.refreshed.on(({ ms, marksApplied }) => void refreshes.push([ms, marksApplied]));
  const [row] = rowsOf<{ v: string; sc: string }>(
    await handle.db.execute(
      sql`SELECT current_setting('server_version') AS v, current_setting('synchronous_commit') AS sc`,
    ),
  );
  return { url: server.url, dbVersion: row!.v, synchronousCommit: row!.sc };
}

serveParent(start, {
  memory: () => probes.memory(),
  /** Sockets connected to /live right now. */
  viewers: () => server!.io.of(LIVE_NAMESPACE).sockets.size,
  phaseStart: () => {
    refreshes = [];
    probes.phaseStart();
  },
  phaseRead: () => {
    const ms = refreshes.map(([t]) => t).sort((a, b) => a - b);
    const marks = refreshes.reduce((n, [, m]) => n + m, 0);
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    const board: BoardTimings = {
      refreshes: ms.length,
      marksApplied: marks,
      msPerMark: r3(ms.reduce((a, b) => a + b, 0) / Math.max(1, marks)),
      refreshP50Ms: r3(percentile(ms, 50)),
      refreshP99Ms: r3(percentile(ms, 99)),
    };
    return { ...probes.phaseRead(), board };
  },
  stored: async (contest: string) => {
    const [row] = rowsOf<{ rows: number | string; ids: number | string }>(
      await handle!.db.execute(
        sql`SELECT count(*) AS rows, count(DISTINCT client_id) AS ids FROM marks WHERE contest_id = ${contest}`,
      ),
    );
    return { rows: Number(row!.rows), distinctClientIds: Number(row!.ids) };
  },
  close: async () => {
    await server?.close();
    await handle?.close();
  },
});
