// Issue 12, point 9: /verify/:code no longer rebuilds a certified contest's board on every request
// (server/domain/boards/certified-boards.ts), yet always answers the truth of the database: after a mark
// edited behind the API's back, a contestant renamed there, a flag decision added there, a reopened
// contest or a new certification, whichever server instance (or none) made the change. And public
// reads take turns (server/http/anonymous-turns.ts): beyond the queue they get 503
// `unavailable:busy` with Retry-After, while signed-in callers never wait in it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DbHandle } from '../../db/create-db.ts';
import { certifiedContest } from '../../bench/lib/public-scene.ts';
import { api, openTestDb, startTestServer, uuid, type TestServer, refusalOf } from './harness.ts';
import type { Leaderboard, MarkResponse } from '../../shared/api.ts';
import type { CertificatesResponse, VerifyResponse } from '../../shared/certification-api.ts';

let s: TestServer;
/** Another server instance on the same database: its own connections and caches on PostgreSQL;
 * on the embedded database (which one process owns) it shares this process's connection. */
let other: TestServer;
let otherDb: DbHandle | null = null;

beforeAll(async () => {
  s = await startTestServer();
  otherDb = process.env.DATABASE_URL ? await openTestDb() : null;
  other = await startTestServer({ db: otherDb ?? s.db });
}, 60_000);
afterAll(async () => {
  await other?.stop();
  await otherDb?.close();
  await s?.stop();
});

const through = (server: TestServer) => (method: string, path: string, body?: unknown, token?: string) =>
  api(server.url, token).call(method, path.replace(/^\/api\/v1/, ''), body);

async function certified(contestants = 10) {
  const c = await certifiedContest(through(s), s.adminToken, contestants);
  const verify = async (code = c.codes[0]!, server = s) => {
    const res = await api(server.url).get<VerifyResponse>(`/verify/${code}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const failed = async (code?: string, server?: TestServer) =>
    (await verify(code, server)).checks.filter((x) => !x.ok).map((x) => x.check);
  const [winner] = (await api(s.url, s.adminToken).get<CertificatesResponse>(`/contests/${c.contestId}/certificates`))
    .body.certificates;
  return { ...c, verify, failed, winner: winner! };
}

/** The id and value of the mark that counts for one contestant's criterion. */
async function countedMark(contestId: string, bib: string, criterion: string) {
  const rows = rowsOf<{ id: string | number; value: unknown }>(
    await s.db.db.execute(sql`
    SELECT id, value FROM marks WHERE contest_id = ${contestId} AND contestant = ${bib} AND criterion = ${criterion}
    ORDER BY seq DESC LIMIT 1`),
  );
  return { id: Number(rows[0]!.id), value: JSON.stringify(rows[0]!.value) };
}

describe('the board /verify recomputes is built once per version of what it is built from', () => {
  it('serves many requests from one build, and builds again after any change in the database', async () => {
    const c = await certified();
    const boards = s.services.certifiedBoards;
    const before = boards.builds;
    const answers = await Promise.all(Array.from({ length: 8 }, () => c.verify()));
    for (let i = 0; i < 4; i++) answers.push(await c.verify(c.codes[i % c.codes.length]));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 'valid'));
    expect(boards.builds - before).toBe(1);

    // A counted mark edited behind the API's back, then put back as it was.
    const mark = await countedMark(c.contestId, c.winner.bib, 'exam');
    await s.db.db.execute(sql`UPDATE marks SET value = '1'::jsonb WHERE id = ${mark.id}`);
    expect(await c.failed()).toEqual(['marks']);
    await s.db.db.execute(sql`UPDATE marks SET value = ${mark.value}::jsonb WHERE id = ${mark.id}`);
    expect(await c.failed()).toEqual([]);
    expect(boards.builds - before).toBe(3);

    // A mark written again with the very same value is a write all the same: built again, still valid.
    await s.db.db.execute(sql`UPDATE marks SET value = value WHERE id = ${mark.id}`);
    expect((await c.verify()).status).toBe('valid');
    expect(boards.builds - before).toBe(4);

    // A contestant renamed, and a flag decision added, in the database.
    await s.db.db.execute(sql`
      UPDATE contestants SET name = '改名' WHERE contest_id = ${c.contestId} AND bib = ${c.winner.bib}`);
    expect(await c.failed(c.winner.code)).toEqual(['marks', 'audit']);
    await s.db.db.execute(sql`
      INSERT INTO flag_resolutions (contest_id, contestant, criterion, seq, reason, actor)
      SELECT ${c.contestId}, ${c.winner.bib}, 'craft-1', 1, '直接写入', 'nobody'`);
    await c.verify(c.winner.code);
    expect(boards.builds - before).toBe(6);
  });

  it('answers the new truth after changes made through another server instance', async () => {
    const c = await certified();
    expect((await c.verify()).status).toBe('valid');
    const otherAdmin = api(other.url, other.adminToken);
    // A direct edit through the other instance's own connections.
    const mark = await countedMark(c.contestId, c.winner.bib, 'exam');
    await other.db.db.execute(sql`UPDATE marks SET value = '2'::jsonb WHERE id = ${mark.id}`);
    expect(await c.failed()).toEqual(['marks']);
    await other.db.db.execute(sql`UPDATE marks SET value = ${mark.value}::jsonb WHERE id = ${mark.id}`);
    expect((await c.verify()).status).toBe('valid');

    // Reopened for an amendment there: superseded here at once.
    const reopened = await otherAdmin.post(`/contests/${c.contestId}/state`, { to: 'review', reason: '申诉复核' });
    expect(reopened.status).toBe(200);
    expect((await c.verify()).status).toBe('superseded');
    // Corrected and certified again there: the old certificates stay superseded, the new ones are valid here.
    const fix = await otherAdmin.post<MarkResponse>(`/contests/${c.contestId}/marks`, {
      contestant: c.bibs.at(-1),
      criterion: 'exam',
      value: 100,
      clientId: uuid(),
      reason: '复核后更正',
    });
    expect(fix.status, JSON.stringify(fix.body)).toBe(201);
    expect((await otherAdmin.post(`/contests/${c.contestId}/state`, { to: 'certified' })).status).toBe(200);
    const listed = await otherAdmin.get<CertificatesResponse>(`/contests/${c.contestId}/certificates`);
    const fresh = listed.body.certificates;
    expect((await c.verify()).status).toBe('superseded');
    for (const x of fresh) expect((await c.verify(x.code)).status).toBe('valid');
    // And the other way round: a change made here is seen there.
    const again = await countedMark(c.contestId, c.winner.bib, 'quiz');
    expect((await c.verify(fresh[0]!.code, other)).status).toBe('valid');
    await s.db.db.execute(sql`UPDATE marks SET value = '0'::jsonb WHERE id = ${again.id}`);
    expect(await c.failed(fresh[0]!.code, other)).toEqual(['marks']);
  });
});

describe('anonymous reads take turns', () => {
  it('turns the public away with 503 unavailable:busy and Retry-After when the queue is full', async () => {
    // No turns at all: every anonymous read is beyond the queue (the queue itself: anonymous-turns.test.ts).
    const none = { running: 0, waiting: 0, activeMs: 0, retryAfter: 3, maxPauseMs: 500 };
    const full = await startTestServer({ db: s.db, anonymousTurns: none });
    try {
      const c = await certifiedContest(through(full), full.adminToken, 10);
      const reads = [
        `/verify/${c.codes[0]}`,
        `/contests/${c.contestId}/leaderboard`,
        `/events/${c.eventId}/teams`,
        '/events',
        '/site',
      ];
      for (const path of reads) {
        const res = await api(full.url).get(path);
        expect(res.status, path).toBe(503);
        expect(res.headers.get('retry-after')).toBe('3');
        expect(refusalOf(res)).toEqual({
          code: 'unavailable',
          message: expect.any(String),
          params: { reason: 'busy', seconds: 3 },
        });
      }
      expect((await api(full.url, full.adminToken).get<VerifyResponse>(`/verify/${c.codes[0]}`)).body.status).toBe(
        'valid',
      );
      const judge = api(full.url, await c.judgeToken('j1'));
      expect((await judge.get<Leaderboard>(`/contests/${c.contestId}/leaderboard`)).status).toBe(200);
    } finally {
      await full.stop();
    }
  });
});
