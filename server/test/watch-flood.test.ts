// Issue 12, point 2: one anonymous phone must not be able to exhaust the server's memory. Four
// sockets each send 4,000 `watch` of a 400-row contest (each answer is the whole board) and never
// read; they connect again whenever the server cuts them. Against the server as `npm start` runs
// it, in its own process, its resident memory must grow by less than 100 MB and a judge's marks,
// sent one after the other throughout, must be answered about as fast as before the attack.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, uuid } from './harness.ts';
import { freePort, kill9, spawnServer, waitHealthy, type ServerProcess } from './faults/server-process.ts';
import { floodWatches, judgeMarks, peakOf, rssOf, summary } from './watch-flood-kit.ts';
import { syntheticEvent } from '../../bench/lib/synthetic.ts';
import type { ImportResult, Leaderboard, SessionResponse } from '../../shared/api.ts';

const MB = 1024 * 1024;
const SOCKETS = 4;
const WATCHES = 4_000;

describe('four sockets sending 4,000 watches each without reading (the server in its own process)', () => {
  let server: ServerProcess;
  let base = '';
  let dataDir = '';
  let contest = '';
  let judgeToken = '';
  let bibs: string[] = [];
  let boardBytes = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'jx-watch-flood-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawnServer({ port, dataDir, databaseUrl: '' });
    await waitHealthy(server, base, 45_000);
    const login = await api(base).post<SessionResponse>('/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const admin = api(base, login.body.token);
    const file = syntheticEvent({ contestants: 400, judges: 1 });
    const imported = await admin.post<ImportResult>('/events', file);
    expect(imported.status).toBe(201);
    contest = imported.body.contests.find((c) => c.code === 'main')!.id;
    expect((await admin.post(`/contests/${contest}/state`, { to: 'scoring' })).status).toBe(200);
    const judge = await api(base).post<SessionResponse>('/auth/judge', {
      event: imported.body.id,
      judge: 'j1',
      pin: '123456',
    });
    judgeToken = judge.body.token;
    // Every row carries scores, as on a contest day.
    bibs = file.contests[0]!.contestants.map((c) => c.bib);
    for (const criterion of ['exam', 'quiz', 'measure']) {
      const marks = bibs.map((bib, i) => ({ contestant: bib, criterion, value: 5 + (i % 15), clientId: uuid() }));
      expect((await api(base, judgeToken).post(`/contests/${contest}/marks/batch`, { marks })).status).toBe(200);
    }
    boardBytes = JSON.stringify((await api(base).get<Leaderboard>(`/contests/${contest}/leaderboard`)).body).length;
  }, 90_000);

  afterAll(async () => {
    if (server) await kill9(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the server grows by less than 100 MB and a judge’s marks are answered as fast as before', async () => {
    expect(boardBytes).toBeGreaterThan(50_000);
    const mark = judgeMarks(base, judgeToken, contest, bibs, 'exam');
    const before: number[] = [];
    for (let i = 0; i < 40; i++) before.push(await mark());
    before.splice(0, 10); // warming up

    const pid = server.child.pid!;
    const baseline = rssOf(pid);
    const peak = peakOf(pid);
    let flooding = true;
    let givenUp = false;
    const attack = Promise.all(
      Array.from({ length: SOCKETS }, () => floodWatches(base, contest, WATCHES, () => givenUp)),
    ).finally(() => (flooding = false));
    const during: number[] = [];
    const deadline = Date.now() + 30_000;
    // Marks while the attack lasts, then until the server's memory has stopped rising for 2 s (what
    // was sent is still being answered). A server far past the bound is not pushed further.
    while ((flooding || Date.now() - peak.at < 2_000) && Date.now() < deadline && peak.bytes - baseline < 400 * MB) {
      during.push(await mark());
    }
    givenUp = true;
    peak.stop();
    const sent = await attack;
    const growth = peak.bytes - baseline;
    const figures = {
      boardKb: Math.round(boardBytes / 1024),
      watchesSent: sent.reduce((n, s) => n + s.sent, 0),
      connections: sent.reduce((n, s) => n + s.connections, 0),
      baselineMb: Math.round(baseline / MB),
      growthMb: Math.round(growth / MB),
      marksBefore: summary(before),
      marksDuring: summary(during),
    };
    console.log(`[watch flood] ${JSON.stringify(figures)}`);
    expect(growth, JSON.stringify(figures)).toBeLessThan(100 * MB);
    expect(figures.watchesSent).toBe(SOCKETS * WATCHES);
    // "As fast as before": the typical mark within a margin, none waiting long (before the fix: the
    // slowest took 3 to 12 s). The margins allow for a machine busy with other work.
    const { marksBefore: calm, marksDuring: attacked } = figures;
    expect(attacked.p50, JSON.stringify(figures)).toBeLessThan(Math.max(4 * calm.p50, 50));
    expect(attacked.max, JSON.stringify(figures)).toBeLessThan(Math.max(4 * calm.max, 1_000));
  }, 60_000);
});
