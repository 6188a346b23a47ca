// The rules between an archive's rows, the same the API applies when it records them: every row
// belongs to the archive's event, states follow the contest lifecycle, marks name a contestant,
// criterion and judge of their contest with a value the criterion accepts, seqs never run ahead
// of their contest, and the audit log's numbering is what later writes will continue. Anything
// else would be stored and then fail later, as a 500 in the middle of a contest.
import type { Criterion } from '../../shared/event-file/schema.ts';
import { issue, type Issue } from '../../shared/errors/index.ts';
import { validateMarkValue } from '../../shared/scoring/index.ts';
import { canonicalJson, sha256 } from '../domain/ids.ts';
import type { ArchiveRow, EventArchive } from './archive-format.ts';
import { definitionIssues, type DefinedContest } from './archive-definition.ts';
import { historyIssues, seqAhead, type Add } from './archive-history.ts';
import { TABLES } from './archive-tables.ts';

export const MAX_ISSUES = 100;

/** Every rule the archive breaks, up to MAX_ISSUES. */
export function archiveIssues(a: EventArchive): Issue[] {
  const issues: Issue[] = [];
  const add: Add = (found) => {
    if (issues.length < MAX_ISSUES) issues.push(found);
  };
  referenceIssues(a, add);
  if (issues.length > 0) return issues;
  const contests = definitionIssues(a, add);
  if (contests) factIssues(a, contests, add);
  return issues;
}

/** Rows that would point outside the archive's event, or appear twice. */
function referenceIssues(a: EventArchive, add: Add): void {
  const wrongEvent = (path: string) =>
    issue(path, 'archive_wrong_event', `must be the archive's event "${a.event}"`, { event: a.event });
  const eventRows = a.tables.events!;
  if (eventRows.length !== 1) add(issue('tables.events', 'archive_event_count', 'must hold exactly one event'));
  else if (eventRows[0]!.id !== a.event) add(wrongEvent('tables.events[0].id'));
  const contestIds = new Set(a.tables.contests!.map((c) => c.id));
  const certificationIds = new Set(a.tables.certifications!.map((c) => c.id));
  for (const t of TABLES) {
    const seen = new Set<string>();
    a.tables[t.name]!.forEach((row: ArchiveRow, i) => {
      const at = `tables.${t.name}[${i}]`;
      if (t.columns.includes('event_id') && row.event_id !== a.event) add(wrongEvent(`${at}.event_id`));
      if (t.columns.includes('contest_id') && row.contest_id !== null && !contestIds.has(row.contest_id)) {
        add(issue(`${at}.contest_id`, 'archive_dangling', 'names no contest of the archive', { what: 'contest' }));
      }
      if (t.name === 'certificates' && !certificationIds.has(row.certification_id)) {
        const message = 'names no certification of the archive';
        add(issue(`${at}.certification_id`, 'archive_dangling', message, { what: 'certification' }));
      }
      const key = JSON.stringify(t.key.map((c) => row[c]));
      if (seen.has(key)) add(issue(`${at}.${t.key.join('+')}`, 'archive_duplicate_row', 'appears twice'));
      seen.add(key);
    });
  }
}

/** A contest of the archive with what its rows may name. */
interface Named extends DefinedContest {
  bibs: Set<string>;
  criteria: Map<string, Criterion>;
  judges: Set<string>;
}

function named(c: DefinedContest): Named {
  const criteria = c.contest.sections.flatMap((s) => s.criteria);
  return {
    ...c,
    bibs: new Set(c.contest.contestants.map((p) => p.bib)),
    judges: new Set(c.contest.judges.map((j) => j.code)),
    criteria: new Map(criteria.map((k) => [k.code, k])),
  };
}

/** The rules for rows that record what happened in a contest (marks, flags, certifications …). */
function factIssues(a: EventArchive, defined: Map<string, DefinedContest>, add: Add): void {
  const t = a.tables;
  const contests = new Map([...defined].map(([id, c]) => [id, named(c)]));
  const each = (table: string, check: (row: ArchiveRow, at: string, c: Named) => void) =>
    t[table]!.forEach((row, i) => {
      const c = contests.get(String(row.contest_id));
      if (c) check(row, `tables.${table}[${i}]`, c);
    });
  const ahead = (at: string, seq: unknown, c: Named) => seqAhead(`${at}.seq`, Number(seq), Number(c.row.seq), add);
  const unknown = (at: string, code: 'unknown_contestant' | 'unknown_criterion' | 'unknown_judge', value: unknown) =>
    add(issue(at, code, `names no ${code.slice(8)} of its contest`, { value: String(value) }));
  const knows = (row: ArchiveRow, at: string, c: Named) => {
    if (!c.bibs.has(String(row.contestant))) unknown(`${at}.contestant`, 'unknown_contestant', row.contestant);
    if (row.criterion !== null && !c.criteria.has(String(row.criterion))) {
      unknown(`${at}.criterion`, 'unknown_criterion', row.criterion);
    }
  };
  const judgeKnown = (c: Named, judge: unknown) =>
    typeof judge === 'string' && (judge.startsWith('@') || c.judges.has(judge));

  historyIssues(a, defined, add);
  const revisions = new Set<string>();
  const clientIds = new Set<string>();
  const markIds = new Set<string>();
  each('marks', (m, at, c) => {
    knows(m, at, c);
    ahead(at, m.seq, c);
    markIds.add(String(m.origin_id ?? m.id));
    if (!judgeKnown(c, m.judge)) unknown(`${at}.judge`, 'unknown_judge', m.judge);
    const spec = c.criteria.get(String(m.criterion));
    const bad = spec ? validateMarkValue(spec, m.value) : null;
    if (bad) add({ ...bad, path: `${at}.value` });
    const revision = JSON.stringify([m.contest_id, m.contestant, m.criterion, m.judge, m.revision]);
    const client = String(m.client_id).toLowerCase();
    if (revisions.has(revision)) add(issue(`${at}.revision`, 'archive_duplicate_row', 'appears twice'));
    if (clientIds.has(client)) add(issue(`${at}.client_id`, 'archive_duplicate_row', 'appears twice'));
    revisions.add(revision);
    clientIds.add(client);
  });
  each('flag_resolutions', (f, at, c) => {
    knows(f, at, c);
    ahead(at, f.seq, c);
  });
  each('remark_requests', (r, at, c) => {
    knows(r, at, c);
    ahead(at, r.seq, c);
    if (r.judge !== null && !judgeKnown(c, r.judge)) unknown(`${at}.judge`, 'unknown_judge', r.judge);
  });
  const certifications = new Map(t.certifications!.map((row) => [row.id, row]));
  each('certifications', (row, at, c) => {
    ahead(at, row.seq, c);
    if (sha256(canonicalJson(row.results)) !== row.digest) {
      add(issue(`${at}.digest`, 'archive_digest', 'is not the digest of the certified results'));
    }
  });
  each('certificates', (row, at, c) => {
    if (certifications.get(row.certification_id)?.contest_id !== c.id) {
      const message = 'names no certification of its contest';
      add(issue(`${at}.certification_id`, 'archive_dangling', message, { what: 'certification' }));
    }
    if (!c.bibs.has(String(row.bib))) unknown(`${at}.bib`, 'unknown_contestant', row.bib);
  });
  each('appeals', (row, at, c) => {
    knows(row, at, c);
    const decided = row.status !== 'pending';
    const recorded = row.decided_at !== null && row.decided_by !== null;
    if (decided !== recorded || (!decided && row.amendment !== null)) {
      add(issue(`${at}.status`, 'invalid', 'a decision needs its time and author, a pending appeal has neither'));
    }
    const amended = (row.amendment as { marks?: string[] } | null)?.marks ?? [];
    if (amended.some((id) => !markIds.has(id))) {
      add(issue(`${at}.amendment`, 'archive_dangling', 'names no mark of the archive', { what: 'mark' }));
    }
  });
}
