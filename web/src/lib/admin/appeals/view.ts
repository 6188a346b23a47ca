// Pure helpers of the appeals panel: whose marks count on a cell, who recorded an appeal, what the
// appeal window means right now, and the contestant search. Kept apart from the components so
// they can be tested without a browser.
import type { AppealWindow } from '$shared/appeals-api.ts';
import type { Mark } from '$shared/api.ts';

export type StoredMark = Mark & { seq: number; shadow: boolean };

/** The newest revision of each judge's mark on one contestant and criterion (shadow judges left out). */
export function currentMarks(marks: readonly StoredMark[], bib: string, criterion: string): StoredMark[] {
  const newest = new Map<string, StoredMark>();
  for (const m of marks) {
    if (m.shadow || m.contestant !== bib || m.criterion !== criterion) continue;
    const prev = newest.get(m.judge);
    if (!prev || m.revision > prev.revision) newest.set(m.judge, m);
  }
  return [...newest.values()].sort((a, b) => (a.judge < b.judge ? -1 : a.judge > b.judge ? 1 : 0));
}

/** "organiser:admin" → organiser "admin"; "judge:J01" → judge "J01" (the audit's actor names). */
export function actorOf(name: string): { kind: 'organiser' | 'judge' | 'other'; name: string } {
  const at = name.indexOf(':');
  const kind = at > 0 ? name.slice(0, at) : '';
  if (kind === 'organiser' || kind === 'judge') return { kind, name: name.slice(at + 1) };
  return { kind: 'other', name };
}

export type WindowView =
  | { kind: 'notOut' }
  | { kind: 'review'; minutes: number }
  | { kind: 'open' | 'closed'; minutes: number; deadline: string };

/** What the panel says about the appeal window; `now` decides whether a deadline has passed since loading. */
export function windowView(w: AppealWindow, state: string, now = Date.now()): WindowView {
  if (state === 'setup' || state === 'scoring') return { kind: 'notOut' };
  if (!w.deadline) return w.open ? { kind: 'review', minutes: w.minutes } : { kind: 'notOut' };
  const open = w.open && now <= Date.parse(w.deadline);
  return { kind: open ? 'open' : 'closed', minutes: w.minutes, deadline: w.deadline };
}

/** Contestants whose bib or name contains the query (case-insensitive); all for an empty query. */
export function searchContestants<T extends { bib: string; name: string }>(list: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...list];
  return list.filter((c) => c.bib.toLowerCase().includes(q) || c.name.toLowerCase().includes(q));
}

/** A typed value: a number ("7,5" reads as 7.5), or null when empty or not a number. */
export function parseNumber(raw: string): number | null {
  const text = raw.trim().replace(',', '.');
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
