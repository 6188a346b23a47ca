// The mark writer's promises (mark-writer.ts), on a real embedded database: marks handed over
// together are written in one transaction, numbered in the order given, each with its own audit
// entry; each caller gets its own answer (stored, replayed, refused); a batch that fails whole is
// written again mark by mark, so one bad mark does not take the others down with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../../db/create-db.ts';
import { DomainError } from '../../errors.ts';
import { verifyAudit } from '../audit/audit.ts';
import type { PendingMark } from './mark-writer.ts';
import {
  contestSeq,
  openEvent,
  outcome,
  pendingMark,
  rowOf,
  setState,
  writerWithLog,
  type MarkSpec,
  type OpenEvent,
} from '../../test/mark-writer-kit.ts';

let handle: DbHandle;
let ev: OpenEvent;

beforeAll(async () => {
  handle = await createDb({ dataDir: 'memory://' });
  ev = await openEvent(handle.db);
});

afterAll(async () => {
  await handle?.close();
});

const mark = (o: MarkSpec): PendingMark => pendingMark(ev, o);

let nextBib = 0;
/** A contestant of the first contest no other test marks (C001…C024). */
const freshBib = () => `C${String(++nextBib).padStart(3, '0')}`;

describe('MarkWriter', () => {
  it('commits marks handed over together in one batch, numbered in order, each caller getting its row', async () => {
    const { writer, commits } = writerWithLog(handle.db);
    const contestId = ev.contestIds[0]!;
    const seqBefore = await contestSeq(handle.db, contestId);
    const marks = Array.from({ length: 12 }, (_, i) => mark({ contestant: freshBib(), value: 50 + i }));
    const results = await Promise.all(marks.map((m) => writer.submit(m)));

    expect(commits).toEqual([[contestId, 12]]);
    results.forEach((r, i) => {
      expect(outcome(r)).toBe('created');
      const row = rowOf(r);
      expect(row).toMatchObject({ clientId: marks[i]!.body.clientId, contestant: marks[i]!.body.contestant });
      expect(row.value).toBe(50 + i);
      expect(row).toMatchObject({ seq: seqBefore + i + 1, revision: 1 });
    });
    expect(await contestSeq(handle.db, contestId)).toBe(seqBefore + 12);
    // Each mark has its own audit entry, chained after the others, and each matches its stored row.
    expect(await verifyAudit(handle.db, ev.eventId)).toMatchObject({ ok: true });
  });

  it('writes at most 200 marks per batch and keeps taking the rest', async () => {
    const { writer, commits } = writerWithLog(handle.db);
    const contestId = ev.contestIds[1]!;
    const seqBefore = await contestSeq(handle.db, contestId);
    const bibs = Array.from({ length: 15 }, (_, i) => `R${String(i + 1).padStart(3, '0')}`);
    // 450 marks: 15 contestants × 30 revisions by one judge (a revision per mark of the same cell).
    const marks = Array.from({ length: 450 }, (_, i) => mark({ contestId, contestant: bibs[i % 15]!, value: i % 100 }));
    const results = await Promise.all(marks.map((m) => writer.submit(m)));

    expect(commits).toEqual([
      [contestId, 200],
      [contestId, 200],
      [contestId, 50],
    ]);
    expect(results.map((r) => rowOf(r).seq)).toEqual(marks.map((_, i) => seqBefore + i + 1));
    expect(results.map((r) => rowOf(r).revision)).toEqual(marks.map((_, i) => Math.floor(i / 15) + 1));
  });

  it('keeps each contest in its own batch, numbered by that contest', async () => {
    const { writer, commits } = writerWithLog(handle.db);
    const [first, second] = ev.contestIds as [string, string];
    const before = [await contestSeq(handle.db, first), await contestSeq(handle.db, second)];
    const marks = [
      mark({ contestId: first, contestant: freshBib() }),
      mark({ contestId: second, contestant: 'R016' }),
      mark({ contestId: first, contestant: freshBib() }),
      mark({ contestId: second, contestant: 'R017' }),
    ];
    const results = await Promise.all(marks.map((m) => writer.submit(m)));

    expect(commits.sort()).toEqual(
      [
        [first, 2],
        [second, 2],
      ].sort(),
    );
    expect(results.map((r) => rowOf(r).seq)).toEqual([before[0]! + 1, before[1]! + 1, before[0]! + 2, before[1]! + 2]);
  });

  it('numbers revisions per judge and cell, across batches and within one', async () => {
    const { writer } = writerWithLog(handle.db);
    const bib = freshBib();
    const together = await Promise.all([
      writer.submit(mark({ contestant: bib, value: 10 })),
      writer.submit(mark({ contestant: bib, judge: 'c-j2', value: 11 })),
      writer.submit(mark({ contestant: bib, value: 12 })),
    ]);
    expect(together.map((r) => rowOf(r).revision)).toEqual([1, 1, 2]);
    const later = await writer.submit(mark({ contestant: bib, value: 13 }));
    expect(rowOf(later).revision).toBe(3);
  });

  it('answers a replayed clientId with the stored mark, or a conflict for another body', async () => {
    const { writer, commits } = writerWithLog(handle.db);
    const contestId = ev.contestIds[0]!;
    const stored = mark({ contestant: freshBib(), value: 70 });
    const first = rowOf(await writer.submit(stored));

    const fresh = mark({ contestant: freshBib(), value: 71 });
    const batch = [
      stored, // stored before: replayed as it was
      // the same id in capitals
      { ...stored, body: { ...stored.body, clientId: stored.body.clientId.toUpperCase() } },
      // stored before, another body
      mark({ contestant: stored.body.contestant, value: 99, clientId: stored.body.clientId }),
      fresh,
      fresh, // its copy in the same batch: a replay of what the first stored
      mark({ contestant: fresh.body.contestant, value: 1, clientId: fresh.body.clientId }), // same batch, another body
    ];
    const results = await Promise.all(batch.map((m) => writer.submit(m)));

    expect(results.map(outcome)).toEqual([
      'replayed',
      'replayed',
      'idempotency_conflict',
      'created',
      'replayed',
      'idempotency_conflict',
    ]);
    expect(rowOf(results[0]!)).toEqual(first);
    expect(rowOf(results[1]!)).toEqual(first);
    expect(rowOf(results[4]!)).toEqual(rowOf(results[3]!));
    // Only the new mark was stored (and announced).
    expect(commits).toEqual([
      [contestId, 1],
      [contestId, 1],
    ]);
    expect(await verifyAudit(handle.db, ev.eventId)).toMatchObject({ ok: true });
  });

  it('refuses each mark the state does not allow, stores the others, replays whatever the state', async () => {
    const { writer } = writerWithLog(handle.db);
    const contestId = ev.contestIds[1]!;
    const earlier = mark({ contestId, contestant: 'R018' });
    await writer.submit(earlier);
    await setState(handle.db, contestId, 'review');
    try {
      const chief = { contestId, contestant: 'R019', judge: 'c-chief', mayCorrect: true };
      const results = await Promise.all([
        writer.submit(mark({ contestId, contestant: 'R019' })),
        writer.submit(mark(chief)),
        writer.submit(mark({ ...chief, reason: 'misread sheet' })),
        writer.submit(earlier),
      ]);
      expect(results.map(outcome)).toEqual([
        'contest_closed:review',
        'validation_failed:reason_required',
        'created',
        'replayed',
      ]);

      await setState(handle.db, contestId, 'certified');
      const closed = await Promise.all([
        writer.submit(mark({ contestId, contestant: 'R020' })),
        writer.submit(earlier),
      ]);
      expect(closed.map(outcome)).toEqual(['contest_closed', 'replayed']);
      expect((closed[0] as { error: DomainError }).error.params).toEqual({ state: 'certified' });
    } finally {
      await setState(handle.db, contestId, 'scoring');
    }
  });

  it('writes the marks of a failed batch one by one: only the mark that cannot be stored is refused', async () => {
    const { writer, commits } = writerWithLog(handle.db);
    const contestId = ev.contestIds[0]!;
    const seqBefore = await contestSeq(handle.db, contestId);
    const good = [mark({ contestant: freshBib() }), mark({ contestant: freshBib() })];
    // PostgreSQL cannot store U+0000 in text: this mark fails the whole transaction it is in.
    const bad = mark({ contestant: freshBib() });
    bad.body = { ...bad.body, note: 'a\u0000b' };
    const settled = await Promise.allSettled([writer.submit(good[0]!), writer.submit(bad), writer.submit(good[1]!)]);

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const stored = settled.flatMap((s) => (s.status === 'fulfilled' ? [rowOf(s.value)] : []));
    expect(stored.map((r) => r.clientId)).toEqual(good.map((m) => m.body.clientId));
    expect(stored.map((r) => r.seq)).toEqual([seqBefore + 1, seqBefore + 2]);
    // Alone, each good mark was its own batch.
    expect(commits).toEqual([
      [contestId, 1],
      [contestId, 1],
    ]);
    expect(await contestSeq(handle.db, contestId)).toBe(seqBefore + 2);
    expect(await verifyAudit(handle.db, ev.eventId)).toMatchObject({ ok: true });
  });

  it('rejects every mark of an unknown contest, each caller on its own, announcing nothing', async () => {
    const { writer, commits } = writerWithLog(handle.db);
    const contestId = 'c_no_such_contest';
    const settled = await Promise.allSettled([
      writer.submit(mark({ contestId, contestant: 'C001' })),
      writer.submit(mark({ contestId, contestant: 'C002' })),
    ]);
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      expect((s as PromiseRejectedResult).reason).toMatchObject({ key: 'not_found:contest' });
    }
    expect(commits).toEqual([]);
  });
});
