// `npm run restore -- <snapshot>` restores a snapshot of the embedded database into DATA_DIR/db;
// `npm run restore` lists the snapshots in DATA_DIR/backups.
import { join } from 'node:path';
import { readConfig } from '../config.ts';
import { listSnapshots } from './snapshots.ts';
import { RestoreRefused, resolveSnapshot, restoreSnapshot } from './restore.ts';

async function main(args: string[]): Promise<number> {
  const config = readConfig();
  const dir = join(config.dataDir, 'backups');
  if (config.databaseUrl) {
    console.error(
      'DATABASE_URL is set: snapshots are of the embedded database only. Restore PostgreSQL with pg_restore/psql,',
    );
    console.error(
      'or import single events from their archives (POST /api/v1/events/archive). Unset DATABASE_URL to restore a snapshot.',
    );
    return 1;
  }
  if (args.length === 0) {
    const snapshots = await listSnapshots(dir);
    if (snapshots.length === 0) {
      console.log(`No snapshots in ${dir}.`);
      return 0;
    }
    console.log(`Snapshots in ${dir} (newest first):`);
    for (const s of snapshots)
      console.log(`  ${s.file}  ${s.reason.padEnd(9)}  ${(s.bytes / 1024 / 1024).toFixed(1)} MB`);
    console.log('\nRestore one with: npm run restore -- <file>');
    return 0;
  }
  const file = resolveSnapshot(config.dataDir, args[0]!);
  console.log(`Restoring ${file} into ${join(config.dataDir, 'db')}…`);
  const out = await restoreSnapshot({ dataDir: config.dataDir, file, port: config.port });
  if (out.movedAside) console.log(`The database that was there is kept in ${out.movedAside}.`);
  console.log(`Restored. The database now holds:`);
  if (out.summary.events.length === 0) console.log('  no events');
  for (const e of out.summary.events) {
    console.log(`  ${e.name} (${e.id})`);
    for (const c of e.contests)
      console.log(`    ${c.code.padEnd(16)} ${c.state.padEnd(10)} ${c.marks} mark revision(s)  ${c.name}`);
  }
  console.log('Start the server again (npm start) to use it.');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof RestoreRefused ? `Not restored: ${err.message}` : err);
    process.exit(1);
  },
);
