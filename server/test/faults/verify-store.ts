// What must hold after any fault, checked through the public API only: every mark of every judge's
// queue is stored exactly once under its clientId with the id the judge was given, nothing else is
// stored, each judge's revisions follow the judge's own order without gaps, the audit chain verifies
// and names each mark once, and the leaderboard equals the shared engine's recomputation.
import { expect } from 'vitest';
import type { EventFile } from '../../../shared/event-file/schema.ts';
import type { Leaderboard, Mark } from '../../../shared/api.ts';
import { ContestBoard } from '../../../shared/scoring/board.ts';
import { api } from '../harness.ts';
import type { JudgeOutbox } from './judge-outbox.ts';
import type { AuditVerification } from '../../../shared/admin-api.ts';

type StoredMark = Mark & { seq: number; shadow: boolean };

export async function proveNothingLost(o: {
  base: string;
  adminToken: string;
  eventId: string;
  contestId: string;
  file: EventFile;
  clients: JudgeOutbox[];
}) {
  const admin = api(o.base, o.adminToken);
  for (const c of o.clients) {
    expect([...c.refused.values()], 'no mark was refused').toEqual([]);
    expect(c.waiting, 'every queue is empty').toEqual([]);
  }
  const res = await admin.get<{ marks: StoredMark[] }>(`/contests/${o.contestId}/marks`);
  expect(res.status).toBe(200);
  const stored = res.body.marks;
  const byClient = new Map(stored.map((m) => [m.clientId, m] as const));
  expect(byClient.size, 'each clientId stored once').toBe(stored.length);
  expect(new Set(stored.map((m) => m.seq)).size, 'each seq used once').toBe(stored.length);

  let planned = 0;
  const expectedRevision = new Map<string, number>();
  for (const c of o.clients) {
    const judge = c.judge;
    for (const body of c.marks) {
      planned++;
      const row = byClient.get(body.clientId);
      expect(row, `mark ${body.clientId} of ${judge} is stored`).toBeDefined();
      const key = `${judge}|${body.contestant}|${body.criterion}`;
      const revision = (expectedRevision.get(key) ?? 0) + 1;
      expectedRevision.set(key, revision);
      // Revisions follow the judge's own order: a retried mark never overtakes or duplicates another.
      expect({
        judge: row!.judge,
        contestant: row!.contestant,
        criterion: row!.criterion,
        value: row!.value,
        revision: row!.revision,
      }).toEqual({ judge, contestant: body.contestant, criterion: body.criterion, value: body.value, revision });
      const ack = c.acks.get(body.clientId);
      expect(ack, `mark ${body.clientId} was acknowledged`).toBeDefined();
      expect({ id: ack!.mark.id, revision: ack!.mark.revision }).toEqual({ id: row!.id, revision: row!.revision });
    }
  }
  expect(stored.length, "nothing stored beyond the judges' queues").toBe(planned);

  const verify = await admin.get<AuditVerification>(`/events/${o.eventId}/audit/verify`);
  expect(verify.status).toBe(200);
  expect(verify.body.ok, JSON.stringify(verify.body)).toBe(true);
  const audit = await admin.get<{ entries: { data: { clientId?: string } }[] }>(
    `/events/${o.eventId}/audit?kind=mark&contest=${o.contestId}&limit=5000`,
  );
  expect(audit.status).toBe(200);
  const audited = audit.body.entries.map((e) => e.data.clientId!).sort();
  expect(audited, 'one audit entry per stored mark').toEqual([...byClient.keys()].sort());

  const def = o.file.contests[0]!;
  const engine = new ContestBoard(
    def,
    def.contestants.map((p) => ({ ...p, status: p.status ?? 'active' })),
  );
  for (const m of stored) {
    if (!m.shadow)
      engine.apply({
        contestant: m.contestant,
        criterion: m.criterion,
        judge: m.judge,
        value: m.value,
        revision: m.revision,
        order: m.seq,
      });
  }
  const board = await admin.get<Leaderboard>(`/contests/${o.contestId}/leaderboard`);
  expect(board.status).toBe(200);
  expect(board.body.rows).toEqual(engine.rows());
  return { stored: stored.length, board: board.body };
}
