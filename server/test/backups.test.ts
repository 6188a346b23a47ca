// Snapshots of the embedded database: taken after state changes, on a schedule while scoring and on
// demand; pruned; downloadable; and restored (with the restore command's code) into a database
// that serves the same boards and the same audit chain.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../../db/create-db.ts';
import type { BackupService } from '../backup/service.ts';
import { listSnapshots, pruneSnapshots } from '../backup/snapshots.ts';
import { snapshotName } from '../backup/names.ts';
import { RestoreRefused, restoreSnapshot } from '../backup/restore.ts';
import { api, exampleEvent, importAndOpen, refusalOf, startTestServer, type TestServer } from './harness.ts';
import type { EventDetail, MarksResponse } from '../../shared/api.ts';
import type { AuditVerification } from '../../shared/admin-api.ts';
import type { BackupsResponse, Snapshot } from '../../shared/backups-api.ts';
import { boardsOf, contestDay } from './backup-fixture.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `jx-${label}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A server on an embedded database in `dataDir`/db, with snapshots running. */
async function serverWithBackups(
  dataDir: string,
  opts: { intervalMs?: number; keep?: number; settleMs?: number } = {},
) {
  const handle = await createDb({ dataDir: join(dataDir, 'db') });
  const s = await startTestServer({ db: handle });
  const logs: string[] = [];
  const backups = await s.services.backups.start({
    dataDir,
    intervalMs: opts.intervalMs ?? 3_600_000,
    keep: opts.keep ?? 24,
    settleMs: opts.settleMs ?? 50,
    log: (m) => logs.push(m),
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await s.stop();
    await backups.stop();
    await handle.close();
  };
  cleanups.push(stop);
  return { s, handle, backups, logs, stop, admin: api(s.url, s.adminToken) };
}

async function waitFor(what: string, check: () => boolean, timeout = 60_000): Promise<void> {
  await vi.waitFor(() => expect(check(), what).toBe(true), { timeout, interval: 50 });
}

const logged = (logs: string[], reason: string) => logs.filter((l) => new RegExp(`-${reason}\\.tar\\.gz`).test(l));

describe('snapshots of the embedded database', () => {
  it('snapshots after a state change and on demand, and a restored snapshot serves the same boards and audit chain', async () => {
    const dirA = tempDir('backup-a');
    const { s, backups, logs, admin } = await serverWithBackups(dirA);
    const day = await contestDay(s);
    await waitFor('a state-change snapshot', () => logged(logs, 'state').length > 0);
    await backups.idle();

    const taken = await admin.post<Snapshot>('/backups');
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({
      reason: 'manual',
      file: expect.stringMatching(/^jiangxin-.*-manual\.tar\.gz$/),
    });
    expect(taken.body.bytes).toBeGreaterThan(0);
    const listed = await admin.get<BackupsResponse>('/backups');
    expect(listed.body.enabled).toBe(true);
    expect(listed.body.dir).toBe(join(dirA, 'backups'));
    expect(listed.body.snapshots[0]).toEqual(taken.body);
    expect(listed.body.snapshots.some((x) => x.reason === 'state')).toBe(true);

    const file = join(dirA, 'backups', taken.body.file);
    const download = await fetch(`${s.url}/api/v1/backups/${taken.body.file}`, {
      headers: { authorization: `Bearer ${s.adminToken}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/gzip');
    expect(Buffer.from(await download.arrayBuffer()).equals(readFileSync(file))).toBe(true);
    for (const name of [
      '..%2Fdb%2FPG_VERSION',
      '..%2F..%2Fetc%2Fpasswd',
      'PG_VERSION',
      snapshotName(new Date(0), 'manual'),
    ]) {
      expect((await admin.get(`/backups/${name}`)).status).toBe(404);
    }
    expect((await api(s.url).get('/backups')).status).toBe(401);
    expect((await api(s.url, await day.judgeToken('s-qa')).post('/backups')).status).toBe(403);

    // The restore command refuses while this server holds the data directory.
    await expect(restoreSnapshot({ dataDir: dirA, file })).rejects.toBeInstanceOf(RestoreRefused);

    const contestIds = day.contests.map((c) => c.id);
    const boards = await boardsOf(s, contestIds);
    const audit = (await admin.get<AuditVerification>(`/events/${day.id}/audit/verify`)).body;
    const event = (await admin.get<EventDetail>(`/events/${day.id}`)).body;

    const dirB = tempDir('backup-b');
    const restored = await restoreSnapshot({ dataDir: dirB, file });
    expect(restored.movedAside).toBeNull();
    const summary = restored.summary.events.find((e) => e.id === day.id)!;
    for (const c of event.contests) {
      const marks = await admin.get<MarksResponse>(`/contests/${c.id}/marks`);
      const count = marks.body.marks.length;
      expect(summary.contests.find((x) => x.id === c.id)).toMatchObject({ state: c.state, marks: count });
    }

    const handleB = await createDb({ dataDir: join(dirB, 'db') });
    const b = await startTestServer({ db: handleB });
    try {
      expect(await boardsOf(b, contestIds)).toEqual(boards);
      const auditB = (await api(b.url, b.adminToken).get<AuditVerification>(`/events/${day.id}/audit/verify`)).body;
      expect(auditB).toEqual(audit);
      expect(auditB.ok).toBe(true);
    } finally {
      await b.stop();
      await handleB.close();
    }

    // Restoring again keeps the database that was there.
    const again = await restoreSnapshot({ dataDir: dirB, file });
    expect(again.movedAside).toMatch(/db-before-restore-/);
    expect(existsSync(join(again.movedAside!, 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dirB, 'db', 'PG_VERSION'))).toBe(true);
  }, 180_000);

  it('takes scheduled snapshots only while a contest is scoring, and keeps the newest BACKUP_KEEP', async () => {
    const dir = tempDir('backup-sched');
    const { s, logs, stop, backups } = await serverWithBackups(dir, { intervalMs: 150, keep: 1, settleMs: 60_000 });
    // Several scheduled checks with nothing scoring: none of them takes a snapshot.
    await vi.waitFor(() => expect(backups.scheduleChecks).toBeGreaterThanOrEqual(4), { timeout: 10_000 });
    expect(logged(logs, 'scheduled')).toHaveLength(0);

    await importAndOpen(s, exampleEvent('new-economy-contest'));
    // Each snapshot copies the whole database (tens of MB): two are enough to see the older one pruned.
    await waitFor('two scheduled snapshots', () => logged(logs, 'scheduled').length >= 2, 240_000);
    await stop(); // waits for the snapshot under way
    const kept = (await listSnapshots(join(dir, 'backups'))).filter((x) => x.reason === 'scheduled');
    expect(kept).toHaveLength(1);
    const newestLogged = logged(logs, 'scheduled')
      .slice(-1)
      .map((l) => /(jiangxin-\S+\.tar\.gz)/.exec(l)![1]);
    expect(kept.map((k) => k.file)).toEqual(newestLogged);
  }, 300_000);

  it('prunes scheduled snapshots beyond the newest ones and state-change snapshots older than a day, keeping manual ones', async () => {
    const dir = tempDir('backup-prune');
    mkdirSync(dir, { recursive: true });
    const now = Date.parse('2025-06-01T12:00:00.000Z');
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
    const names = {
      scheduled: [1, 2, 3, 4].map((m) => snapshotName(at(m), 'scheduled')),
      stateRecent: snapshotName(at(60), 'state'),
      stateOld: snapshotName(at(25 * 60), 'state'),
      manualOld: snapshotName(at(30 * 24 * 60), 'manual'),
    };
    for (const n of [...names.scheduled, names.stateRecent, names.stateOld, names.manualOld])
      writeFileSync(join(dir, n), 'x');
    const removed = await pruneSnapshots(dir, 2, now);
    expect(removed.sort()).toEqual([names.scheduled[2], names.scheduled[3], names.stateOld].sort());
    expect((await listSnapshots(dir)).map((x) => x.file).sort()).toEqual(
      [names.scheduled[0], names.scheduled[1], names.stateRecent, names.manualOld].sort(),
    );
  });

  it('logs a failed snapshot, keeps serving, and succeeds once the disk can take it again', async () => {
    const dir = tempDir('backup-fail');
    // A file where the snapshot folder should be: every write fails, as on a full disk.
    writeFileSync(join(dir, 'backups'), 'not a folder');
    const { s, backups, logs, admin } = await serverWithBackups(dir);
    const refused = await admin.post('/backups');
    expect(refused.status).toBe(503);
    expect(refusalOf(refused).message).toMatch(/could not write the snapshot/);
    backups.request('scheduled');
    await backups.idle();
    expect(logs.some((l) => /scheduled snapshot failed/.test(l))).toBe(true);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);

    rmSync(join(dir, 'backups'));
    const taken = await admin.post<Snapshot>('/backups');
    expect(taken.status).toBe(201);
    expect(existsSync(join(dir, 'backups', taken.body.file))).toBe(true);
  }, 120_000);

  it('reports snapshots off, and refuses to take one, where they do not run (PostgreSQL)', async () => {
    const s: TestServer = await startTestServer();
    cleanups.push(() => s.stop());
    const logs: string[] = [];
    let backups: BackupService | undefined;
    if (s.db.kind === 'postgres') {
      const opts = { dataDir: tempDir('backup-pg'), intervalMs: 1000, keep: 2, log: (m: string) => logs.push(m) };
      backups = await s.services.backups.start(opts);
    }
    const admin = api(s.url, s.adminToken);
    const listed = await admin.get<BackupsResponse>('/backups');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ enabled: false, dir: null, snapshots: [] });
    const take = await admin.post<Snapshot>('/backups');
    expect(take.status).toBe(409);
    if (backups) {
      expect(refusalOf(take).message).toMatch(/pg_dump/);
      expect(listed.body.note).toMatch(/pg_dump/);
      expect(logs.filter((l) => /pg_dump/.test(l))).toHaveLength(1);
      await backups.stop();
    }
  });
});
