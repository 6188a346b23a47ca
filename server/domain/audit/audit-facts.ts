// The facts that decide or state a result, as the audit chain covers them beside the marks
// (audit-marks.ts): each fact is a table's rows of the event or of one contest, reduced to a digest.
// Every audited change other than a mark records, in its entry's payload, the digests of the facts
// of its scope (the event's, and its contest's or else every contest's) as they stand after the
// change; verifying the chain checks that between two entries no fact changed that the later entry
// does not change itself, and that the rows now give the digests the chain recorded last. So a row
// changed, added or deleted behind the API's back is found and named: which fact, which contest.
//
// A new table of facts joins by one entry in FACTS (and, if an audited kind changes it, in CHANGES).
// Rows are digested as canonical JSON, sorted as text, so neither the database's collation nor the
// ids a sequence gave (an archive imported elsewhere gets new ones) changes a digest.
import { and, asc, desc, eq, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../../db/create-db.ts';
import {
  appeals,
  auditLog,
  certificates,
  certifications,
  contestStates,
  contestants,
  contests,
  criteria,
  events,
  flagResolutions,
  judges,
  organisations,
  remarkRequests,
  sections,
} from '../../../db/schema/index.ts';
import { canonicalJson, sha256 } from '../ids.ts';

type Reader = Db | Tx;
type Row = Record<string, unknown>;

interface Fact {
  /** What a digest's key and a problem call it. */
  name: string;
  /** The rows of the event (event facts) or of the given contests, each with its contest as `contest`. */
  read(db: Reader, eventId: string, contestIds: readonly string[]): Promise<Row[]>;
  event?: true;
}

/** The digests of facts by key: "organisations" (of the event), or "contestants/<contest id>". */
export type FactDigests = Record<string, string>;

// Values as text made by PostgreSQL, so that neither the driver (PGlite or postgres.js: bigint,
// microseconds) nor the size of a JSON document (an event file, certified results) weighs on a digest.
const certificationOrigin = sql<string>`coalesce(${certifications.originId}, ${certifications.id})::text`;
const utc = (col: AnyPgColumn) => sql<string>`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
const jsonDigest = (col: AnyPgColumn) => sql<string>`encode(sha256(convert_to(${col}::text, 'UTF8')), 'hex')`;

type Columns = Record<string, AnyPgColumn | SQL>;

const eventFact = (name: string, table: PgTable, eventIdOf: AnyPgColumn, columns: Columns): Fact => ({
  name,
  event: true,
  read: (db, eventId) => db.select(columns).from(table).where(eq(eventIdOf, eventId)) as Promise<Row[]>,
});

/** A table of rows that belong to a contest (its `contest_id`). */
const contestFact = (name: string, table: PgTable, contestIdOf: AnyPgColumn, columns: Columns): Fact => ({
  name,
  read: async (db, _eventId, ids) => {
    if (ids.length === 0) return [];
    const rows = db
      .select({ contest: contestIdOf, ...columns })
      .from(table)
      .where(inArray(contestIdOf, ids));
    return rows as Promise<Row[]>;
  },
});

export const FACTS: readonly Fact[] = [
  eventFact('file', events, events.id, { name: events.name, file: jsonDigest(events.file) }),
  eventFact('settings', events, events.id, { appealWindowMinutes: events.appealWindowMinutes }),
  eventFact('organisations', organisations, organisations.eventId, {
    code: organisations.code,
    name: organisations.name,
    position: organisations.position,
  }),
  contestFact('definition', contests, contests.id, {
    code: contests.code,
    name: contests.name,
    position: contests.position,
    definition: jsonDigest(contests.definition),
  }),
  contestFact('sections', sections, sections.contestId, {
    code: sections.code,
    name: sections.name,
    weight: sections.weight,
    position: sections.position,
  }),
  contestFact('criteria', criteria, criteria.contestId, {
    code: criteria.code,
    section: criteria.sectionCode,
    name: criteria.name,
    kind: criteria.kind,
    max: criteria.max,
    spec: jsonDigest(criteria.spec),
    position: criteria.position,
  }),
  contestFact('contestants', contestants, contestants.contestId, {
    bib: contestants.bib,
    name: contestants.name,
    organisation: contestants.organisation,
    station: contestants.station,
    status: contestants.status,
    position: contestants.position,
  }),
  // PIN hashes are no fact of a result (and change when PINs are issued again).
  contestFact('judges', judges, judges.contestId, {
    id: judges.id,
    code: judges.code,
    name: judges.name,
    criteria: jsonDigest(judges.criteria),
    organisation: judges.organisation,
    chief: judges.chief,
    shadow: judges.shadow,
  }),
  {
    // The contest's state and freeze now, and every change of state that led there.
    name: 'states',
    read: async (db, eventId, ids) => [
      ...(await contestFact('', contests, contests.id, { state: contests.state, frozenSeq: contests.frozenSeq }).read(
        db,
        eventId,
        ids,
      )),
      ...(await contestFact('', contestStates, contestStates.contestId, {
        from: contestStates.from,
        to: contestStates.to,
        reason: contestStates.reason,
        actor: contestStates.actor,
        seq: contestStates.seq,
        at: utc(contestStates.at),
      }).read(db, eventId, ids)),
    ],
  },
  contestFact('flags', flagResolutions, flagResolutions.contestId, {
    contestant: flagResolutions.contestant,
    criterion: flagResolutions.criterion,
    reason: flagResolutions.reason,
    actor: flagResolutions.actor,
    seq: flagResolutions.seq,
    at: utc(flagResolutions.at),
  }),
  contestFact('remarks', remarkRequests, remarkRequests.contestId, {
    contestant: remarkRequests.contestant,
    criterion: remarkRequests.criterion,
    judge: remarkRequests.judge,
    reason: remarkRequests.reason,
    requestedBy: remarkRequests.requestedBy,
    seq: remarkRequests.seq,
    at: utc(remarkRequests.at),
  }),
  contestFact('certifications', certifications, certifications.contestId, {
    id: certificationOrigin,
    seq: certifications.seq,
    digest: certifications.digest,
    results: jsonDigest(certifications.results),
    certifiedBy: certifications.certifiedBy,
    certifiedAt: utc(certifications.certifiedAt),
  }),
  {
    // A certificate names its certification by the id the certification's audit entry names.
    name: 'certificates',
    read: async (db, _eventId, ids) => {
      if (ids.length === 0) return [];
      return db
        .select({
          contest: certificates.contestId,
          code: certificates.code,
          certification: certificationOrigin,
          bib: certificates.bib,
          name: certificates.name,
          organisation: certificates.organisation,
          award: certificates.award,
          rank: certificates.rank,
          total: certificates.total,
          issuedAt: utc(certificates.issuedAt),
        })
        .from(certificates)
        .innerJoin(certifications, eq(certifications.id, certificates.certificationId))
        .where(inArray(certificates.contestId, ids));
    },
  },
  contestFact('appeals', appeals, appeals.contestId, {
    id: appeals.id,
    contestant: appeals.contestant,
    criterion: appeals.criterion,
    text: appeals.text,
    submittedBy: appeals.submittedBy,
    submittedAt: utc(appeals.submittedAt),
    status: appeals.status,
    decisionReason: appeals.decisionReason,
    decidedBy: appeals.decidedBy,
    decidedAt: utc(appeals.decidedAt),
    amendment: jsonDigest(appeals.amendment),
  }),
];

/**
 * The facts each audited kind changes; the others must stay as the chain last recorded them. A kind
 * not listed (an event imported or edited, a kind added later) may change every fact.
 */
const ROSTER = ['file', 'organisations', 'contestants', 'judges'];
const CHANGES: Readonly<Record<string, readonly string[]>> = {
  state: ['states', 'certifications', 'certificates'],
  freeze: ['states'],
  unfreeze: ['states'],
  'flag.resolved': ['flags'],
  'remark.requested': ['remarks'],
  appeal: ['appeals'],
  appeal_decision: ['appeals'],
  settings: ['settings'],
  pins_reset: [],
  // The venue's screens and announcements are no facts of the results.
  'screen.mode': [],
  announcement: [],
  'announcement.withdrawn': [],
  roster: ROSTER,
  // Appended by a roster import after its rows are written, before the import's own entry.
  organisations_added: ROSTER,
};

const mayChange = (kind: string, fact: string) => CHANGES[kind]?.includes(fact) ?? true;

const keyOf = (fact: string, contest?: string) => (contest ? `${fact}/${contest}` : fact);
const parseKey = (key: string) => {
  const at = key.indexOf('/');
  return at < 0 ? { fact: key, contest: null } : { fact: key.slice(0, at), contest: key.slice(at + 1) };
};

/** The digests of the event's facts and of the given contests' facts, as the rows stand now. */
export async function factDigests(db: Reader, eventId: string, contestIds: readonly string[]): Promise<FactDigests> {
  const out: FactDigests = {};
  for (const fact of FACTS) {
    const rows = await fact.read(db, eventId, contestIds);
    const owners = fact.event ? [undefined] : contestIds;
    const lines = new Map<string | undefined, string[]>(owners.map((owner) => [owner, []]));
    for (const { contest, ...row } of rows) lines.get(contest as string | undefined)?.push(canonicalJson(row));
    for (const [contest, list] of lines) out[keyOf(fact.name, contest)] = sha256(list.sort().join('\n'));
  }
  return out;
}

export async function contestIdsOf(db: Reader, eventId: string): Promise<string[]> {
  const rows = await db
    .select({ id: contests.id })
    .from(contests)
    .where(eq(contests.eventId, eventId))
    .orderBy(asc(contests.id));
  return rows.map((r) => r.id);
}

/** What an audited change records: its event's facts and its contest's, or every contest's. */
export async function factsOfChange(
  tx: Tx,
  eventId: string,
  contestId: string | null | undefined,
): Promise<FactDigests> {
  return factDigests(tx, eventId, contestId ? [contestId] : await contestIdsOf(tx, eventId));
}

const factsOf = (payload: string) => (JSON.parse(payload) as { facts?: FactDigests }).facts;

type EntryRow = Pick<typeof auditLog.$inferSelect, 'n' | 'kind' | 'contestId' | 'payload'>;

/** Part of verifying an event's audit chain: handed every entry but marks in chain order, then finish(). */
export class FactAuditCheck {
  private readonly latest = new Map<string, { digest: string; n: number }>();
  /** The chain recorded facts from its first entry on: every fact must have been recorded. */
  private fromStart = false;
  private contests: { id: string; code: string }[] = [];

  constructor(
    private readonly db: Db,
    private readonly eventId: string,
  ) {}

  /** Before the first entry: the event's contests, to name them by code. */
  async start(): Promise<void> {
    this.contests = await this.db
      .select({ id: contests.id, code: contests.code })
      .from(contests)
      .where(eq(contests.eventId, this.eventId));
  }

  entry(e: EntryRow): string | null {
    const facts = factsOf(e.payload);
    if (e.n === 1) this.fromStart = !!facts;
    if (!facts) return null; // written before entries recorded facts
    for (const [key, digest] of Object.entries(facts)) {
      const before = this.latest.get(key);
      if (before && before.digest !== digest && !mayChange(e.kind, parseKey(key).fact)) {
        return `${this.named(key)} changed outside the API between audit entries ${before.n} and ${e.n}`;
      }
    }
    // An entry of the whole event records every contest it has: the others were removed.
    if (!e.contestId) this.latest.clear();
    for (const [key, digest] of Object.entries(facts)) this.latest.set(key, { digest, n: e.n });
    return null;
  }

  /**
   * After the last entry: the rows must give the digests the chain recorded last. A digest the chain
   * never recorded is a contest added behind the API's back when no entry names the contest at all
   * (and the chain recorded facts from its start); for a contest it names, a fact that joined FACTS
   * after those entries were written.
   */
  async finish(): Promise<string | null> {
    const now = await factDigests(
      this.db,
      this.eventId,
      this.contests.map((c) => c.id),
    );
    const recorded = new Set([...this.latest.keys()].map((k) => parseKey(k).contest));
    for (const [key, digest] of Object.entries(now)) {
      const was = this.latest.get(key);
      if (was && was.digest !== digest) return `${this.named(key)} changed outside the API since audit entry ${was.n}`;
      const { contest } = parseKey(key);
      if (!was && this.fromStart && contest && !recorded.has(contest)) {
        return `${this.named(key)} has no audit entry: added outside the API`;
      }
    }
    for (const [key, was] of this.latest) {
      if (!(key in now)) return `${this.named(key)} was deleted outside the API (audit entry ${was.n})`;
    }
    return null;
  }

  /** "the contestants of contest "paint" (c…)", "the organisations of the event". */
  private named(key: string): string {
    const { fact, contest } = parseKey(key);
    if (!contest) return `the ${fact} of the event`;
    const code = this.contests.find((c) => c.id === contest)?.code;
    return `the ${fact} of contest ${code ? `"${code}" (${contest})` : contest}`;
  }
}

/**
 * For the public check of a certificate: do the event's and the contest's facts still give the
 * digests the chain recorded last? Reads only the entries other than marks, newest first, until
 * every digest is found (or the chain starts without facts: an event from before they were recorded).
 */
export async function contestFactsUnchanged(db: Db, eventId: string, contestId: string): Promise<boolean> {
  const now = await factDigests(db, eventId, [contestId]);
  const missing = new Set(Object.keys(now));
  // As on verify (FactAuditCheck.finish): a fact never recorded for a contest the chain names joined later.
  let named = false;
  let fromStart = false;
  const PAGE = 100;
  for (let before: number | null = null; missing.size > 0;) {
    const page = await db
      .select({ n: auditLog.n, payload: auditLog.payload })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.eventId, eventId),
          ne(auditLog.kind, 'mark'),
          before === null ? undefined : lt(auditLog.n, before),
        ),
      )
      .orderBy(desc(auditLog.n))
      .limit(PAGE);
    for (const e of page) {
      const facts = factsOf(e.payload);
      if (e.n === 1) fromStart = !!facts;
      for (const [key, digest] of Object.entries(facts ?? {})) {
        if (!missing.has(key)) continue;
        if (digest !== now[key]) return false;
        missing.delete(key);
        named ||= parseKey(key).contest === contestId;
      }
    }
    if (page.length < PAGE) break;
    before = page.at(-1)!.n;
  }
  return missing.size === 0 || named || !fromStart;
}
