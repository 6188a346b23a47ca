// Blind contests (CONTRACT §7, v1.1) as a phone on the venue Wi-Fi sees them: until certified, nothing
// public links a station to a person or an organisation (boards, contest, teams, socket acks and
// both kinds of deltas), and the chief judge's desk does not either. After certification it all shows.
import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { sql } from 'drizzle-orm';
import type { EventFile } from '../../shared/event-file/schema.ts';
import type { ContestProgress } from '../../shared/judge.ts';
import type { BatchResponse, Leaderboard, TeamsResponse, ContestDetail } from '../../shared/api.ts';
import { api, exampleEvent, importAndOpen, uuid, type TestServer } from './harness.ts';
import { Watcher, connect, expectExact, liveSuite } from './live-kit.ts';
import { certifyContest } from './backup-fixture.ts';
import { planFor, seededRng, simulated, valueFor } from '../demo/marks.ts';

let s: TestServer;
liveSuite((server) => (s = server));

type Ev = Awaited<ReturnType<typeof importAndOpen>>;

/** Every simulated judge of the contest marks everything it may, in one batch each. */
async function markAll(ev: Ev, contest: EventFile['contests'][number]) {
  const rng = seededRng(11);
  for (const judge of contest.judges.filter(simulated)) {
    const marks = planFor(contest, judge).map((task) => ({
      contestant: task.contestant,
      criterion: task.criterion.code,
      value: valueFor(task, { judge: judge.code, rng }),
      clientId: uuid(),
    }));
    const judgeApi = api(s.url, await ev.judgeToken(judge.code));
    const res = await judgeApi.post<BatchResponse>(`/contests/${ev.contestId(contest.code)}/marks/batch`, { marks });
    expect(res.body.results.filter((r) => r.status !== 201)).toEqual([]);
  }
}

/** What in a serialised answer would tie a station to a person or an organisation of the contest. */
function secretsOf(file: EventFile, contest: EventFile['contests'][number]): string[] {
  const orgs = new Set(contest.contestants.map((p) => p.organisation));
  const orgNames = file.organisations.filter((o) => orgs.has(o.code)).map((o) => o.name);
  // Codes are short: look for them as whole JSON strings; bibs and names are distinctive anywhere.
  const people = contest.contestants.flatMap((p) => [p.bib, p.name]);
  return [...people, ...[...orgs].map((o) => JSON.stringify(o)), ...orgNames];
}

const leaks = (json: string, secrets: string[]) => secrets.filter((x) => json.includes(x));

async function ackOf(socket: Socket, contest: string, compact: boolean) {
  return socket.timeout(5000).emitWithAck('watch', { contest, ...(compact ? { compact: true } : {}) });
}

describe('an uncertified blind contest in public', () => {
  it('names no contestant or organisation in public (GET, teams, acks, deltas) until certified; then all', async () => {
    const file = exampleEvent('wire-rope-contest');
    file.contests[1]!.blind = false; // stranding: a contest the public may count in the team table
    const [wet, stranding] = file.contests as [EventFile['contests'][number], EventFile['contests'][number]];
    const ev = await importAndOpen(s, file);
    const id = ev.contestId('wet-drawing');
    const secrets = secretsOf(file, wet);
    const contract = new Watcher(id);
    const compact = new Watcher(id, undefined, s, true);
    await Promise.all([contract.watch(), compact.watch()]);

    await markAll(ev, wet);
    await markAll(ev, stranding);
    // Single corrections, so both kinds of deltas carry rows and the contract's `order`.
    const j3 = api(s.url, await ev.judgeToken('w-j3'));
    for (const [bib, value] of [
      ['W003', 19],
      ['W009', 12],
      ['W014', 15],
    ] as const) {
      const body = { contestant: bib, criterion: 'surface', value, clientId: uuid() };
      const res = await j3.post(`/contests/${id}/marks`, body);
      expect(res.status).toBe(201);
    }
    await expectExact([contract, compact], id);
    expect(contract.updates.some((u) => !u.full)).toBe(true);
    expect(compact.updates.some((u) => 'compact' in u)).toBe(true);

    const pub = api(s.url);
    const board = (await pub.get<Leaderboard>(`/contests/${id}/leaderboard`)).body;
    const detail = (await pub.get<ContestDetail>(`/contests/${id}`)).body;
    const teams = (await pub.get<TeamsResponse>(`/events/${ev.id}/teams`)).body;
    const raw = connect();
    const acks = [await ackOf(raw, id, false), await ackOf(raw, id, true)];
    const said = JSON.stringify({ board, detail, teams, acks, updates: [contract.updates, compact.updates] });
    expect(leaks(said, secrets)).toEqual([]);

    const stations = new Set(wet.contestants.map((p) => p.station));
    expect(board.rows).toHaveLength(wet.contestants.length);
    for (const r of board.rows) {
      expect(stations.has(r.bib), r.bib).toBe(true);
      expect(r).toMatchObject({ bib: r.station, name: r.station, organisation: r.station });
    }
    // The blind contest counts for nobody in public; the open one does. Organisers see both.
    expect(Object.keys(teams.contests)).toEqual(['stranding']);
    expect(teams.overall.map((t) => t.organisation).sort()).toEqual(['nt1', 'nt2']);
    const organiserTeams = (await ev.admin.get<TeamsResponse>(`/events/${ev.id}/teams`)).body;
    expect(Object.keys(organiserTeams.contests).sort()).toEqual(['stranding', 'wet-drawing']);

    // Certified: the public sees people, the watchers converge on it, and the contest counts.
    await certifyContest(ev, id);
    await expectExact([contract, compact], id);
    const after = (await pub.get<Leaderboard>(`/contests/${id}/leaderboard`)).body;
    const people = new Map(wet.contestants.map((p) => [p.bib, p]));
    for (const r of after.rows) {
      expect(r).toMatchObject({ name: people.get(r.bib)!.name, organisation: people.get(r.bib)!.organisation });
    }
    const teamsAfter = (await pub.get<TeamsResponse>(`/events/${ev.id}/teams`)).body;
    expect(teamsAfter.contests['wet-drawing']!.map((t) => t.organisation).sort()).toEqual(['ws1', 'ws2']);
    expect(teamsAfter).toEqual((await ev.admin.get<TeamsResponse>(`/events/${ev.id}/teams`)).body);
    const chief = api(s.url, await ev.judgeToken('w-chief'));
    const desk = (await chief.get<ContestProgress>(`/contests/${id}/progress`)).body;
    expect(desk.judges.find((j) => j.code === 'w-j1')!.organisation).toBe('ws1');
  }, 120_000);

  it('finds a contestant by station only: the real bib is not a public address of the row', async () => {
    const file = exampleEvent('wire-rope-contest');
    const ev = await importAndOpen(s, file);
    const id = ev.contestId('wet-drawing');
    const board = (await api(s.url).get<Leaderboard>(`/contests/${id}/leaderboard`)).body;
    expect(board.rows.find((r) => r.bib === 'W-07')).toMatchObject({ station: 'W-07', name: 'W-07' });
    expect(board.rows.find((r) => r.bib === 'W007')).toBeUndefined();
  });
});

describe('a blind contest stored before every contestant needed a station', () => {
  it('shows a stand-in "#n" for one without a station, never its bib, and keeps boards exact', async () => {
    const file = exampleEvent('wire-rope-contest');
    const ev = await importAndOpen(s, file);
    const id = ev.contestId('wet-drawing');
    const legacy = sql`UPDATE contestants SET station = NULL WHERE contest_id = ${id} AND bib IN ('W002', 'W011')`;
    await s.db.db.execute(legacy);
    s.services.boards.invalidate(id);
    const watcher = new Watcher(id, undefined, s, true);
    await watcher.watch();
    await markAll(ev, file.contests[0]!);
    await expectExact([watcher], id);
    const board = (await api(s.url).get<Leaderboard>(`/contests/${id}/leaderboard`)).body;
    expect(
      board.rows
        .map((r) => r.bib)
        .filter((b) => b.startsWith('#'))
        .sort(),
    ).toEqual(['#1', '#2']);
    expect(new Set(board.rows.map((r) => r.bib)).size).toBe(board.rows.length);
    expect(leaks(JSON.stringify(board), secretsOf(file, file.contests[0]!))).toEqual([]);
  });
});

describe("the chief judge's desk of an uncertified blind contest", () => {
  it('does not pair judges with organisations, nor show whom a judge may not mark', async () => {
    const file = exampleEvent('wire-rope-contest');
    const wet = file.contests[0]!;
    const ev = await importAndOpen(s, file);
    const id = ev.contestId('wet-drawing');
    const chief = api(s.url, await ev.judgeToken('w-chief'));
    const p = (await chief.get<ContestProgress>(`/contests/${id}/progress`)).body;
    const judgeOrgs = ['ws1', 'ws2', 'qa'].map((o) => JSON.stringify(o));
    expect(leaks(JSON.stringify(p), [...judgeOrgs, ...wet.contestants.map((c) => c.name)])).toEqual([]);
    expect(p.judges.every((j) => j.organisation === null)).toBe(true);
    // w-j1 (ws1), w-j2 (ws2) and w-j3 (none) mark the same criteria: as far as the desk says, they owe the same.
    const owed = (code: string) => p.judges.find((j) => j.code === code)!.missing;
    expect(owed('w-j1').length).toBeGreaterThan(0);
    expect(owed('w-j1')).toEqual(owed('w-j3'));
    expect(owed('w-j2')).toEqual(owed('w-j3'));

    // Organisers see everything: the organisations, and that w-j1 owes nothing of a ws1 contestant.
    const o = (await ev.admin.get<ContestProgress>(`/contests/${id}/progress`)).body;
    expect(o.judges.find((j) => j.code === 'w-j1')!.organisation).toBe('ws1');
    const wsOne = new Set(wet.contestants.filter((c) => c.organisation === 'ws1').map((c) => c.bib));
    const organiserOwed = o.judges.find((j) => j.code === 'w-j1')!.missing;
    expect(organiserOwed.length).toBeGreaterThan(0);
    expect(organiserOwed.some((m) => wsOne.has(m.contestant))).toBe(false);
  });
});
