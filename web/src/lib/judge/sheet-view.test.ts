// The judge's view of their marks: server marks and outbox entries merged once each.
import { describe, expect, it } from 'vitest';
import type { JudgeSheet } from '$shared/judge.ts';
import type { Mark } from '$shared/api.ts';
import type { OutboxEntry } from '$shared/judge-outbox/store.ts';
import { MarkIndex, isTimeCriterion, label, matches, openRemarks } from './sheet-view.ts';

const mark = (
  clientId: string,
  contestant: string,
  criterion: string,
  value: number,
  revision: number,
  at: string,
): Mark => ({
  id: clientId,
  clientId,
  contestant,
  criterion,
  judge: 'j1',
  value,
  revision,
  receivedAt: at,
});
const entry = (
  clientId: string,
  contestant: string,
  criterion: string,
  value: number,
  n: number,
  status: OutboxEntry['status'],
  extra: Partial<OutboxEntry> = {},
): OutboxEntry => ({
  clientId,
  contestId: 'c1',
  judge: 'j1',
  event: 'e1',
  body: { clientId, contestant, criterion, value },
  createdAt: `2026-01-01T10:0${n}:00.000Z`,
  n,
  status,
  attempts: 0,
  ...extra,
});

function sheet(marks: Mark[], remarks: JudgeSheet['remarks'] = []): JudgeSheet {
  return {
    event: { id: 'e1', name: 'E' },
    contest: {
      id: 'c1',
      code: 'courier',
      name: '快递员',
      state: 'scoring',
      blind: false,
      sections: [
        {
          code: 'p',
          name: 'P',
          weight: 1,
          criteria: [
            { code: 'packing', name: '包装规范', kind: 'judgement', max: 25, step: 0.5 },
            { code: 'service', name: '服务', kind: 'judgement', max: 25, step: 0.5 },
          ],
        },
      ],
    },
    judge: { code: 'j1', name: 'J', chief: false, shadow: false },
    contestants: [{ bib: 'C001', station: 'A-01', status: 'active', name: '王磊' }],
    marks,
    remarks,
    seq: 1,
  };
}

describe('MarkIndex', () => {
  it('lists each mark once, newest first, whether on the server, received or still on the tablet', () => {
    const s = sheet([mark('a', 'C001', 'packing', 10, 1, '2026-01-01T09:00:00Z')]);
    const entries = [
      entry('a', 'C001', 'packing', 10, 1, 'received'), // also in the sheet: shown once
      entry('b', 'C001', 'packing', 11, 2, 'waiting'),
      entry('x', 'C001', 'packing', 99, 3, 'waiting', { judge: 'j2' }), // another judge's
    ];
    const index = new MarkIndex(s, entries);
    expect(index.history('C001', 'packing').map((h) => [h.clientId, h.state])).toEqual([
      ['b', 'waiting'],
      ['a', 'server'],
    ]);
    expect(index.current('C001', 'packing')?.value).toBe(11);
    expect(index.progress('C001', s.contest.sections[0]!.criteria)).toEqual({
      done: 1,
      total: 2,
      waiting: 1,
      refused: 0,
    });
  });

  it('a refusal does not count as done and stands out until something newer stands', () => {
    const s = sheet([mark('a', 'C001', 'packing', 10, 1, '2026-01-01T09:00:00Z')]);
    const index = new MarkIndex(s, [
      entry('r', 'C001', 'service', 3, 1, 'refused', { error: { code: 'contest_closed', message: 'closed' } }),
    ]);
    expect(index.refusal('C001', 'service')?.error?.code).toBe('contest_closed');
    expect(index.current('C001', 'service')).toBeUndefined();
    expect(index.progress('C001', s.contest.sections[0]!.criteria)).toEqual({
      done: 1,
      total: 2,
      waiting: 0,
      refused: 1,
    });
  });

  it('hides a re-mark request once the judge has marked again on the tablet', () => {
    const request = {
      id: '1',
      contestant: 'C001',
      criterion: 'packing',
      reason: '分差过大',
      requestedBy: 'chief',
      at: '2026-01-01T10:00:30.000Z',
    };
    const s = sheet([], [request]);
    expect(openRemarks(s, [entry('b', 'C001', 'packing', 11, 0, 'waiting')])).toHaveLength(1); // older than the request
    expect(openRemarks(s, [entry('b', 'C001', 'packing', 11, 2, 'waiting')])).toHaveLength(0);
    expect(openRemarks(s, [entry('b', 'C001', 'packing', 11, 2, 'refused')])).toHaveLength(1);
  });
});

describe('finding contestants', () => {
  it('shows stations in blind contests and searches bib, station and name', () => {
    const p = { bib: 'C001', station: 'A-07', status: 'active' as const, name: '王磊' };
    expect(label(p, true)).toBe('A-07');
    expect(label(p, false)).toBe('C001');
    expect(matches(p, 'c00')).toBe(true);
    expect(matches(p, 'a-07')).toBe(true);
    expect(matches(p, '王')).toBe(true);
    expect(matches(p, 'B-')).toBe(false);
  });

  it('gives a stopwatch to time criteria', () => {
    const m = (name: string) => ({ code: 'k', name, kind: 'measurement' as const, max: 10 });
    expect(isTimeCriterion(m('快件分拣用时(秒)'))).toBe(true);
    expect(isTimeCriterion(m('Sorting time (s)'))).toBe(true);
    expect(isTimeCriterion(m('Seconds to load'))).toBe(true);
    expect(isTimeCriterion(m('分拣准确(错分件数)'))).toBe(false);
    expect(isTimeCriterion({ ...m('用时'), scale: { type: 'pass' } })).toBe(false);
  });
});
