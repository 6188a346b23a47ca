// Who a phone follows (issue 14: a contestant's family follows one or more bibs). Kept in the
// browser's localStorage, no account: { eventId: { contestCode: [bib, …] } }. Pure functions over
// that record, so a damaged or foreign value in storage is read as "nobody followed", never a crash.

export type FollowRecord = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export const STORAGE_KEY = 'jiangxin.follows';
/** More would no longer be "my family": a bound on what one tap can grow. */
export const MAX_PER_CONTEST = 50;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stored text as a record, keeping only well-formed entries. */
export function parseFollows(text: string | null): FollowRecord {
  let raw: unknown;
  try {
    raw = text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
  if (!isObject(raw)) return {};
  const out: Record<string, Record<string, string[]>> = {};
  for (const [event, contests] of Object.entries(raw)) {
    if (!isObject(contests)) continue;
    for (const [contest, bibs] of Object.entries(contests)) {
      if (!Array.isArray(bibs)) continue;
      const kept = [...new Set(bibs.filter((b): b is string => typeof b === 'string' && b !== ''))];
      if (kept.length > 0) (out[event] ??= {})[contest] = kept.slice(0, MAX_PER_CONTEST);
    }
  }
  return out;
}

export function followedBibs(record: FollowRecord, event: string, contest: string): readonly string[] {
  return record[event]?.[contest] ?? [];
}

/** The record with `bib` followed, or unfollowed when it was. */
export function toggleFollow(record: FollowRecord, event: string, contest: string, bib: string): FollowRecord {
  const bibs = followedBibs(record, event, contest);
  const next = bibs.includes(bib) ? bibs.filter((b) => b !== bib) : [...bibs, bib].slice(-MAX_PER_CONTEST);
  const contests: Record<string, readonly string[]> = { ...record[event], [contest]: next };
  if (next.length === 0) delete contests[contest];
  const out: Record<string, Readonly<Record<string, readonly string[]>>> = { ...record, [event]: contests };
  if (Object.keys(contests).length === 0) delete out[event];
  return out;
}

/** Every followed contestant of an event, as contest code and bib, contest by contest. */
export function followsOfEvent(record: FollowRecord, event: string): { contest: string; bib: string }[] {
  return Object.entries(record[event] ?? {}).flatMap(([contest, bibs]) => bibs.map((bib) => ({ contest, bib })));
}
