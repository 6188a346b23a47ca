// Live-board test kit: a screen that follows CONTRACT §8 (or asks for compact deltas) with the
// product's board follower (live-screen.ts), the GET board to compare it with, and judges marking an
// example event concurrently over HTTP. The server is the one given to useLiveServer.
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { api, exampleEvent, importAndOpen, startTestServer, uuid, type TestServer } from './harness.ts';
import { LIVE_NAMESPACE, PROTOCOL_VERSION, type BoardUpdate } from '../../shared/realtime.ts';
import { TestScreen } from './live-screen.ts';
import type { Leaderboard } from '../../shared/api.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';

let current: TestServer;
/** Every socket the kit opened (disconnect them after the tests). */
export const sockets: Socket[] = [];

export function useLiveServer(server: TestServer): void {
  current = server;
}

/** A server for the test file, started before its tests and stopped (with the kit's sockets) after them. */
export function liveSuite(started: (server: TestServer) => void): void {
  beforeAll(async () => {
    useLiveServer(await startTestServer());
    started(current);
  });
  afterAll(async () => {
    for (const so of sockets) so.disconnect();
    await current?.stop();
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function connect(token?: string, server = current): Socket {
  const auth = { protocol: PROTOCOL_VERSION, ...(token ? { token } : {}) };
  const so = io(`${server.url}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnection: false, auth });
  sockets.push(so);
  return so;
}

/** A board screen following the contest with the product's follower; `dropNext` skips updates to make gaps. */
export class Watcher extends TestScreen {
  constructor(contest: string, token?: string, server = current, compact = false) {
    super({ url: server.url, contest, token, compact });
    sockets.push(this.socket);
  }
}

export async function boardOf(contest: string, token?: string, server = current): Promise<Leaderboard> {
  const res = await api(server.url, token).get<Leaderboard>(`/contests/${contest}/leaderboard`);
  expect(res.status).toBe(200);
  return res.body;
}

/** Waits until every watcher holds exactly the GET board (its seq, and the freeze and rows with it). */
export async function expectExact(watchers: Watcher[], contest: string, token?: string, server = current) {
  await vi.waitFor(
    async () => {
      const want = await boardOf(contest, token, server);
      for (const w of watchers) expect(JSON.parse(JSON.stringify(w.board))).toEqual(want);
    },
    { timeout: 10_000, interval: 50 },
  );
}

export function expectWellFormed(u: BoardUpdate, contest: string, size: number) {
  expect(u.contest).toBe(contest);
  expect(Number.isInteger(u.seq)).toBe(true);
  if (u.full) {
    expect(u.full).toBe(true);
    expect(u.rows).toHaveLength(size);
    expect(u).not.toHaveProperty('prevSeq');
  } else {
    expect(u.full).toBe(false);
    // A watcher that did not ask for compact deltas gets CONTRACT §8's.
    expect(u).not.toHaveProperty('compact');
    if ('compact' in u) return;
    expect(u.prevSeq).toBeLessThan(u.seq);
    expect(Array.isArray(u.changed)).toBe(true);
    expect(new Set(u.order).size).toBe(size); // every bib, once
    expect(u.order).toHaveLength(size);
    for (const r of u.changed) expect(u.order).toContain(r.bib);
  }
}

export type Judge = { client: ReturnType<typeof api>; criteria: string[]; organisation?: string };

/** Judges of a contest that may mark, with what they may mark (assignments and recusal respected). */
export async function judgesOf(
  ev: Awaited<ReturnType<typeof importAndOpen>>,
  file: EventFile,
  contestCode: string,
  codes: string[],
  server = current,
) {
  const contest = file.contests.find((c) => c.code === contestCode)!;
  const all = contest.sections.flatMap((sec) => sec.criteria.map((k) => k.code));
  const out: Judge[] = [];
  for (const code of codes) {
    const j = contest.judges.find((x) => x.code === code)!;
    out.push({
      client: api(server.url, await ev.judgeToken(code)),
      criteria: j.criteria === '*' ? all : j.criteria,
      organisation: j.organisation,
    });
  }
  return { contest, judges: out };
}

/** A random acceptable value for a criterion of the example files. */
export function valueFor(
  criterion: EventFile['contests'][number]['sections'][number]['criteria'][number],
): number | boolean {
  const r = Math.random();
  if (criterion.kind === 'deduction') return Math.floor(r * 3);
  if (criterion.kind === 'judgement') {
    const step = criterion.step ?? 0.5;
    return Math.round((criterion.max * (0.5 + r / 2)) / step) * step;
  }
  const scale = criterion.scale;
  if (scale?.type === 'pass') return r < 0.8;
  if (scale?.type === 'linear')
    return Math.round(Math.min(scale.best, scale.worst) + r * Math.abs(scale.worst - scale.best));
  return Math.round(criterion.max * (0.4 + r * 0.6));
}

/** Submits `count` marks spread over the judges, `perJudge` requests in flight per judge; all must be 201. */
export async function markStorm(
  contestId: string,
  file: EventFile,
  contestCode: string,
  judges: Judge[],
  count: number,
  perJudge = 4,
) {
  const contest = file.contests.find((c) => c.code === contestCode)!;
  const criteria = new Map(contest.sections.flatMap((sec) => sec.criteria.map((k) => [k.code, k] as const)));
  const statuses: number[] = [];
  await Promise.all(
    judges.map(async (j, ji) => {
      const mine = Math.floor(count / judges.length) + (ji < count % judges.length ? 1 : 0);
      const people = contest.contestants.filter((p) => p.organisation !== j.organisation);
      let left = mine;
      await Promise.all(
        Array.from({ length: perJudge }, async () => {
          while (left > 0) {
            left--;
            const person = people[Math.floor(Math.random() * people.length)]!;
            const code = j.criteria[Math.floor(Math.random() * j.criteria.length)]!;
            const res = await j.client.post(`/contests/${contestId}/marks`, {
              contestant: person.bib,
              criterion: code,
              value: valueFor(criteria.get(code)!),
              clientId: uuid(),
            });
            if (res.status !== 201) throw new Error(`mark refused: ${res.status} ${JSON.stringify(res.body)}`);
            statuses.push(res.status);
          }
        }),
      );
    }),
  );
  return statuses;
}

export async function setup(
  name: 'new-economy-contest' | 'wire-rope-contest',
  contestCode: string,
  judgeCodes: string[],
  server = current,
) {
  const file = exampleEvent(name);
  const ev = await importAndOpen(server, file);
  const contestId = ev.contestId(contestCode);
  const { judges } = await judgesOf(ev, file, contestCode, judgeCodes, server);
  const storm = (count: number, perJudge?: number) => markStorm(contestId, file, contestCode, judges, count, perJudge);
  return { file, ev, contestId, judges, storm };
}
