import { describe, expect, it } from 'vitest';
import { actorOf, currentMarks, parseNumber, searchContestants, windowView, type StoredMark } from './view.ts';

const mark = (judge: string, revision: number, value: number, extra: Partial<StoredMark> = {}): StoredMark => ({
  id: `${judge}-${revision}`,
  contestant: 'W1',
  criterion: 'form',
  judge,
  value,
  revision,
  clientId: 'x',
  receivedAt: '2024-01-01T00:00:00.000Z',
  seq: revision,
  shadow: false,
  ...extra,
});

describe('currentMarks', () => {
  it('keeps the newest revision per judge of the cell, without shadow judges or other cells', () => {
    const marks = [
      mark('j2', 1, 8),
      mark('j1', 1, 7),
      mark('j2', 2, 9),
      mark('t', 1, 5, { shadow: true }),
      mark('j1', 1, 3, { contestant: 'W2' }),
    ];
    expect(currentMarks(marks, 'W1', 'form').map((m) => [m.judge, m.value])).toEqual([
      ['j1', 7],
      ['j2', 9],
    ]);
    expect(currentMarks(marks, 'W1', 'exam')).toEqual([]);
  });
});

describe('actorOf', () => {
  it('reads the audit actor names', () => {
    expect(actorOf('organiser:admin')).toEqual({ kind: 'organiser', name: 'admin' });
    expect(actorOf('judge:J01')).toEqual({ kind: 'judge', name: 'J01' });
    expect(actorOf('system')).toEqual({ kind: 'other', name: 'system' });
  });
});

describe('windowView', () => {
  const deadline = '2024-05-01T10:00:00.000Z';
  const w = { minutes: 60, certifiedAt: '2024-05-01T09:00:00.000Z', deadline, open: true };
  it('is not out before review, runs no deadline in review, and closes after the deadline', () => {
    expect(windowView({ ...w, deadline: null, certifiedAt: null, open: false }, 'scoring')).toEqual({ kind: 'notOut' });
    expect(windowView({ ...w, deadline: null, certifiedAt: null }, 'review')).toEqual({ kind: 'review', minutes: 60 });
    expect(windowView(w, 'certified', Date.parse(deadline))).toEqual({ kind: 'open', minutes: 60, deadline });
    expect(windowView(w, 'certified', Date.parse(deadline) + 1)).toEqual({ kind: 'closed', minutes: 60, deadline });
    expect(windowView({ ...w, open: false }, 'published', 0).kind).toBe('closed');
  });
});

describe('searchContestants and parseNumber', () => {
  it('finds by bib or name and reads decimal commas', () => {
    const list = [
      { bib: 'C001', name: '王磊' },
      { bib: 'C002', name: 'Li Na' },
    ];
    expect(searchContestants(list, ' c002 ')).toEqual([list[1]]);
    expect(searchContestants(list, '王')).toEqual([list[0]]);
    expect(searchContestants(list, '')).toEqual(list);
    expect(parseNumber('7,5')).toBe(7.5);
    expect(parseNumber(' ')).toBeNull();
    expect(parseNumber('abc')).toBeNull();
  });
});
