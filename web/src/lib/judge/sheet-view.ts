// What the judge sees, derived from the server's sheet and the tablet's outbox: each mark once
// (by clientId), the newest value per criterion, done/missing counts, open re-mark requests.
import type { JudgeSheet, RemarkRequest } from '$shared/judge.ts';
import type { Criterion } from '$shared/event-file/schema.ts';
import type { OutboxEntry } from '$shared/judge-outbox/store.ts';

export type MarkState = 'server' | 'waiting' | 'sending' | 'received' | 'refused';

export interface HistoryItem {
  clientId: string;
  value: number | boolean;
  note?: string;
  reason?: string;
  /** When the server received it, or when it was saved on this tablet. */
  at: string;
  revision?: number;
  state: MarkState;
  error?: { code: string; message: string };
  /** Newest first: server revisions, then what is still on the tablet in creation order (clocks may differ). */
  order: number;
}

export type SheetContestant = JudgeSheet['contestants'][number];

export interface Progress {
  done: number;
  total: number;
  waiting: number;
  refused: number;
}

const UNSENT = 1e9;
const key = (contestant: string, criterion: string) => `${contestant}\u0000${criterion}`;

export function criteriaOf(sheet: JudgeSheet): Criterion[] {
  return sheet.contest.sections.flatMap((s) => s.criteria);
}

/** Every mark of this judge, grouped by (contestant, criterion), newest first. */
export class MarkIndex {
  readonly #items = new Map<string, HistoryItem[]>();

  constructor(sheet: JudgeSheet | null, entries: readonly OutboxEntry[]) {
    const onServer = new Set<string>();
    for (const m of sheet?.marks ?? []) {
      onServer.add(m.clientId);
      this.#push(m.contestant, m.criterion, {
        clientId: m.clientId,
        value: m.value,
        note: m.note,
        reason: m.reason,
        at: m.receivedAt,
        revision: m.revision,
        state: 'server',
        order: m.revision,
      });
    }
    const judge = sheet?.judge.code;
    for (const e of entries) {
      if (onServer.has(e.clientId) || (judge && e.judge !== judge) || (sheet && e.contestId !== sheet.contest.id))
        continue;
      const b = e.body;
      this.#push(b.contestant, b.criterion, {
        clientId: e.clientId,
        value: b.value,
        note: b.note,
        reason: b.reason,
        at: e.response?.mark.receivedAt ?? e.createdAt,
        revision: e.response?.mark.revision,
        state: e.status,
        error: e.error,
        order: e.response ? e.response.mark.revision : UNSENT + e.n,
      });
    }
    for (const list of this.#items.values()) list.sort((a, b) => b.order - a.order);
  }

  #push(contestant: string, criterion: string, item: HistoryItem) {
    const k = key(contestant, criterion);
    const list = this.#items.get(k);
    if (list) list.push(item);
    else this.#items.set(k, [item]);
  }

  history(contestant: string, criterion: string): readonly HistoryItem[] {
    return this.#items.get(key(contestant, criterion)) ?? [];
  }

  /** The value that stands: the newest mark that was not refused. */
  current(contestant: string, criterion: string): HistoryItem | undefined {
    return this.history(contestant, criterion).find((h) => h.state !== 'refused');
  }

  /** A refusal newer than anything that stands: the judge still has to act on it. */
  refusal(contestant: string, criterion: string): HistoryItem | undefined {
    const newest = this.history(contestant, criterion)[0];
    return newest?.state === 'refused' ? newest : undefined;
  }

  progress(contestant: string, criteria: readonly Criterion[]): Progress {
    const p: Progress = { done: 0, total: criteria.length, waiting: 0, refused: 0 };
    for (const c of criteria) {
      const list = this.history(contestant, c.code);
      if (list.some((h) => h.state !== 'refused')) p.done++;
      if (list.some((h) => h.state === 'waiting' || h.state === 'sending')) p.waiting++;
      if (list[0]?.state === 'refused') p.refused++;
    }
    return p;
  }
}

/** The chief's open requests, less those this judge has already answered on the tablet. */
export function openRemarks(sheet: JudgeSheet | null, entries: readonly OutboxEntry[]): RemarkRequest[] {
  if (!sheet) return [];
  return sheet.remarks.filter(
    (r) =>
      !entries.some(
        (e) =>
          e.status !== 'refused' &&
          e.body.contestant === r.contestant &&
          e.body.criterion === r.criterion &&
          e.createdAt > r.at,
      ),
  );
}

/** The number judges use for a contestant: the station in blind contests, else the bib. */
export function label(p: SheetContestant, blind: boolean): string {
  return blind ? (p.station ?? p.bib) : p.bib;
}

export function matches(p: SheetContestant, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [p.bib, p.station, p.name].some((s) => !!s && s.toLowerCase().includes(q));
}

/** Time criteria get a stopwatch: a measurement in seconds (秒, 用时, "time", "seconds"). */
export function isTimeCriterion(c: Criterion): boolean {
  if (c.kind !== 'measurement' || c.scale?.type === 'pass') return false;
  return /秒|用时|时间|second|\btime\b|\(s\)/i.test(c.name);
}
