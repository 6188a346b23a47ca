// The static part of a contest (definition, contestants, criteria), loaded once and shared.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { contests, contestants, organisations } from '../../../db/schema/index.ts';
import type { ContestDefinition } from '../../../db/schema/contests.ts';
import type { Criterion, Section, ContestantStatus } from '../../../shared/event-file/schema.ts';
import type { ContestantInfo } from '../../../shared/scoring/types.ts';
import { sha256 } from '../ids.ts';

export interface ContestMeta {
  id: string;
  eventId: string;
  code: string;
  name: string;
  def: ContestDefinition;
  contestants: ContestantInfo[];
  byBib: Map<string, ContestantInfo>;
  criteria: Map<string, { criterion: Criterion; section: Section }>;
  organisations: Map<string, string>;
  /** bib → what the contestant is shown as while a blind contest hides people (see shownAs). */
  shownAs: Map<string, string>;
}

export async function loadContestMeta(db: Db, contestId: string): Promise<ContestMeta | null> {
  const [c] = await db.select().from(contests).where(eq(contests.id, contestId));
  if (!c) return null;
  const people = await db
    .select()
    .from(contestants)
    .where(eq(contestants.contestId, contestId))
    .orderBy(asc(contestants.position));
  const orgs = await db.select().from(organisations).where(eq(organisations.eventId, c.eventId));
  const list: ContestantInfo[] = people.map((p) => ({
    bib: p.bib,
    name: p.name,
    organisation: p.organisation,
    status: p.status as ContestantStatus,
    ...(p.station ? { station: p.station } : {}),
  }));
  const criteria = new Map<string, { criterion: Criterion; section: Section }>();
  for (const section of c.definition.sections)
    for (const criterion of section.criteria) criteria.set(criterion.code, { criterion, section });
  return {
    id: c.id,
    eventId: c.eventId,
    code: c.code,
    name: c.name,
    def: c.definition,
    contestants: list,
    byBib: new Map(list.map((p) => [p.bib, p])),
    criteria,
    organisations: new Map(orgs.map((o) => [o.code, o.name])),
    shownAs: shownAs(c.id, list),
  };
}

/**
 * A contestant's station or, for one without a station (an event file only warns of it), a stand-in
 * "#n" that a station can never be: numbered in an order of hashes, so that neither the bib nor the
 * contestant's place in the printed list shows through; stable while the contestants stay the same.
 */
export function shownAs(
  contestId: string,
  people: readonly Pick<ContestantInfo, 'bib' | 'station'>[],
): Map<string, string> {
  const out = new Map<string, string>();
  const without = people
    .filter((p) => p.station === undefined)
    .map((p) => ({ bib: p.bib, key: sha256(`${contestId}/${p.bib}`) }));
  without.sort((a, b) => (a.key < b.key ? -1 : 1)).forEach((p, i) => out.set(p.bib, `#${i + 1}`));
  for (const p of people) if (p.station !== undefined) out.set(p.bib, p.station);
  return out;
}
