// Nothing acknowledged is lost and nothing is stored twice when the server dies mid-stream: twelve
// judge outboxes (single and batch requests) mark concurrently, the server process is killed with
// SIGKILL while many requests are in flight, started again on the same database (and DATA_DIR),
// and the outboxes deliver the rest by retrying exactly as the judge app does.
// FAULT_SEED=<n> replays a run (the plan of marks, batch sizes and the moment of the kill).
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, api, uuid } from './harness.ts';
import { JUDGES, faultEvent, pinOf, planMarks, seeded } from './faults/fault-event.ts';
import { JudgeOutbox } from './faults/judge-outbox.ts';
import { freePort, kill9, spawnServer, waitHealthy, type ServerProcess } from './faults/server-process.ts';
import { proveNothingLost } from './faults/verify-store.ts';
import { until } from './faults/wait.ts';
import type { ImportResult, SessionResponse } from '../../shared/api.ts';

const SEED = Number(process.env.FAULT_SEED ?? 61_2025);
const PER_JUDGE = 40;

async function signIn(base: string, path: string, body: unknown): Promise<string> {
  const res = await api(base).post<SessionResponse>(path, body);
  if (res.status !== 200) throw new Error(`sign-in ${res.status}`);
  return res.body.token;
}

async function crashRun(databaseUrl: string) {
  const rand = seeded(SEED);
  const dataDir = mkdtempSync(join(tmpdir(), 'jx-crash-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ServerProcess = spawnServer({ port, dataDir, databaseUrl });
  try {
    await waitHealthy(server, base);
    const adminToken = await signIn(base, '/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const admin = api(base, adminToken);
    const file = faultEvent(uuid().slice(0, 8));
    const imported = await admin.post<ImportResult>('/events', file);
    expect(imported.status).toBe(201);
    const eventId = imported.body.id;
    const contestId = imported.body.contests[0]!.id;
    expect((await admin.post(`/contests/${contestId}/state`, { to: 'scoring' })).status).toBe(200);

    const progress = new EventEmitter();
    const clients = JUDGES.map(
      (judge, i) =>
        new JudgeOutbox({
          base,
          judge,
          contestId,
          marks: planMarks(rand, PER_JUDGE),
          random: rand,
          // A third of the tablets send one mark at a time (the single endpoint), the rest batches.
          batchSize: i % 3 === 0 ? 1 : 2 + Math.floor(rand() * 12),
          login: () => signIn(base, '/auth/judge', { event: eventId, judge, pin: pinOf(judge) }),
          onProgress: () => progress.emit('progress'),
        }),
    );
    const total = clients.length * PER_JUDGE;
    const acked = () => clients.reduce((n, c) => n + c.acks.size, 0);
    const requestsInFlight = () => clients.filter((c) => c.inFlight).length;
    const runs = clients.map((c) => c.run());

    // A moment between a fifth and half of the way, with most tablets waiting for an answer.
    const killAt = Math.floor(total * (0.2 + 0.3 * rand()));
    await until(
      progress,
      'progress',
      () => acked() >= killAt && (requestsInFlight() >= 8 || acked() >= killAt + total * 0.1),
      'the moment of the kill',
    );
    const inFlight = clients.flatMap((c) =>
      c.inFlight ? c.inFlight.clientIds.map((id) => ({ c, id, request: c.inFlight!.request })) : [],
    );
    const ackedBefore = new Map(clients.flatMap((c) => [...c.acks].map(([id, a]) => [id, a.mark.id] as const)));
    const requestsAtKill = requestsInFlight();
    await kill9(server);

    server = spawnServer({ port, dataDir, databaseUrl });
    await waitHealthy(server, base);
    for (const c of clients) c.kick();
    await Promise.all(runs);

    const proof = await proveNothingLost({ base, adminToken, eventId, contestId, file, clients });
    // Every acknowledgement given before the kill still names the stored mark.
    for (const c of clients)
      for (const [id, markId] of ackedBefore) if (c.acks.has(id)) expect(c.acks.get(id)!.mark.id).toBe(markId);
    // In flight at the kill: stored before it if its own request was answered or a retry replayed it (200).
    const survived = inFlight.filter(({ c, id, request }) => {
      const a = c.acks.get(id)!;
      return a.request === request || a.status === 200;
    }).length;
    const answers = clients.flatMap((c) => c.answers);
    expect(
      answers.filter((a) => a.status >= 500 && a.status !== 503),
      'no 5xx other than 503',
    ).toEqual([]);
    return {
      total,
      stored: proof.stored,
      ackedBefore: ackedBefore.size,
      requestsAtKill,
      inFlight: inFlight.length,
      survived,
    };
  } catch (err) {
    (err as Error).message = `[FAULT_SEED=${SEED}] ${(err as Error).message}`;
    throw err;
  } finally {
    await kill9(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('a server killed mid-stream (SIGKILL) and started again on the same database', () => {
  const cases: [string, string][] = [['embedded PGlite', '']];
  if (process.env.DATABASE_URL) cases.push(['PostgreSQL', process.env.DATABASE_URL]);
  for (const [name, url] of cases) {
    it(`loses no acknowledged mark and stores none twice (${name})`, async () => {
      const r = await crashRun(url);
      console.log(
        `[crash ${name}] seed ${SEED}: ${r.total} marks by ${JUDGES.length} judges; ${r.ackedBefore} acknowledged before the kill; ` +
          `${r.requestsAtKill} requests carrying ${r.inFlight} marks in flight at the kill, ${r.survived} of them stored before it, ` +
          `${r.inFlight - r.survived} stored by their retry; ${r.stored} stored in all, each once`,
      );
      expect(r.stored).toBe(r.total);
      expect(r.inFlight).toBeGreaterThan(0);
    }, 120_000);
  }
});
