// `npm start`: read the settings, open (and migrate) the database, create the organiser account,
// load the demo event into an empty database, and serve everything on one port.
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from './config.ts';
import { createDb } from '../db/create-db.ts';
import { isPostgresClosedSocketRace } from '../db/errors.ts';
import { startServer } from './start.ts';
import { listEvents } from './domain/boards/queries.ts';
import { storeEventFile } from './domain/events/import-event.ts';
import { startupBanner, type BannerJudge } from './startup-banner.ts';
import { healthAddress, healthy, localAddress } from './local-address.ts';
import type { EventFile } from '../shared/event-file/schema.ts';

// A database reset can make postgres.js throw from one of its timers (see db/errors.ts); that one
// is logged and survived. Anything else uncaught still ends the process, as Node does by default.
process.on('uncaughtException', (err) => {
  if (isPostgresClosedSocketRace(err)) return console.warn('[db] a connection closed while writing; it reconnects');
  console.error(err);
  process.exit(1);
});

const config = readConfig();
const webRoot = fileURLToPath(new URL(`../web/${process.env.WEB_BUILD_DIR || 'build'}`, import.meta.url));
const demoFile = fileURLToPath(new URL('../examples/new-economy-contest.json', import.meta.url));

const db = await createDb({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'db') });
let adminPassword: string | undefined;
const server = await startServer({
  db,
  port: config.port,
  host: config.host,
  publicUrl: config.publicUrl,
  webRoot,
  boardIntervalMs: config.boardIntervalMs,
  defaultMetrics: true,
  redisUrl: config.redisUrl,
  redisStream: config.redisStream,
  metricsToken: config.metricsToken,
  trustProxy: config.trustProxy,
  prepare: async (services) => {
    adminPassword = await services.auth.ensureAdmin(config.adminPassword, () => {});
  },
}).catch((err: unknown) => {
  // The account exists from here on: a password nobody saw would lock the organiser out.
  if (adminPassword) console.log(`Organiser account created: username "admin", password "${adminPassword}"`);
  throw err;
});

let demoJudges: BannerJudge[] | undefined;
if (config.demo && (await listEvents(server.services)).length === 0) {
  const file = JSON.parse(readFileSync(demoFile, 'utf8')) as EventFile;
  const out = await storeEventFile(db.db, file, 'system:demo');
  const generated = new Map(out.judges.map((j) => [j.code, j.pin]));
  demoJudges = file.contests.flatMap((c) =>
    c.judges.map((j) => ({
      contest: c.code,
      code: j.code,
      name: j.name,
      pin: j.pin ?? generated.get(j.code) ?? '',
      chief: j.chief ?? false,
    })),
  );
}
if (!existsSync(join(webRoot, 'index.html')))
  console.warn('The web app is not built; run "npm run build" (npm start does it).');
const backups = await server.services.backups.start({
  dataDir: config.dataDir,
  intervalMs: config.backupIntervalMinutes * 60_000,
  keep: config.backupKeep,
  port: server.port,
});
if (config.redisUrl && db.kind === 'embedded')
  console.warn(
    'REDIS_URL is set but DATABASE_URL is not: each process has its own embedded database, so processes share no boards; give them all one PostgreSQL.',
  );
console.log(`realtime: ${server.realtime}`);

const localUrl = localAddress(config.host, server.port);
await healthy(healthAddress(config.host, server.port));
console.log(
  startupBanner({
    version: server.services.version,
    database: db.kind === 'embedded' ? `embedded, in ${config.dataDir}` : 'PostgreSQL',
    localUrl,
    site: await server.services.site.resolve(),
    events: await listEvents(server.services),
    adminPassword,
    demoJudges,
  }),
);

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await backups.stop();
    await db.close();
    process.exit(0);
  });
}
