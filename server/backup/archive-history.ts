// The rules for an archive's history: each contest's state changes, oldest first, follow the
// lifecycle (shared/lifecycle.ts) and end in the contest's state; a certified contest has its
// certification; no seq runs ahead of its contest; the audit log holds entries 1…N and the event's
// head is entry N, so the next entry this server appends is N+1 (not a clash on every write).
import type { ContestState } from '../../shared/api.ts';
import { issue, type Issue } from '../../shared/errors/index.ts';
import { hasResults, moveBetween } from '../../shared/lifecycle.ts';
import type { EventArchive } from './archive-format.ts';
import type { DefinedContest } from './archive-definition.ts';

export type Add = (found: Issue) => void;

export function seqAhead(path: string, seq: number, max: number, add: Add): void {
  if (seq > max) add(issue(path, 'archive_seq_ahead', `is beyond its contest's seq ${max}`, { seq, max }));
}

export function historyIssues(a: EventArchive, contests: Map<string, DefinedContest>, add: Add): void {
  const changes = a.tables.contest_states!.map((row, i) => ({ row, i }));
  changes.sort((x, y) => Number(x.row.id) - Number(y.row.id));
  const reached = new Map<string, ContestState>();
  for (const { row, i } of changes) {
    const c = contests.get(String(row.contest_id));
    if (!c) continue;
    const at = `tables.contest_states[${i}]`;
    const from = row.from_state as ContestState;
    const to = row.to_state as ContestState;
    const before = reached.get(c.id) ?? 'setup';
    if (from !== before || !moveBetween(from, to)) {
      add(issue(at, 'archive_bad_transition', `a contest cannot go from "${before}" to "${to}"`, { from: before, to }));
    }
    seqAhead(`${at}.seq`, Number(row.seq), Number(c.row.seq), add);
    reached.set(c.id, to);
  }
  a.tables.contests!.forEach((row, i) => {
    const c = contests.get(String(row.id));
    if (!c) return;
    const at = `tables.contests[${i}]`;
    const state = row.state as ContestState;
    const last = reached.get(c.id) ?? 'setup';
    if (state !== last) {
      add(issue(`${at}.state`, 'archive_state_history', `its state changes end in "${last}"`, { state, last }));
    }
    if (row.frozen_seq !== null) seqAhead(`${at}.frozen_seq`, Number(row.frozen_seq), Number(row.seq), add);
    const certified = hasResults(state);
    if (certified && !a.tables.certifications!.some((x) => x.contest_id === c.id)) {
      const message = 'a certified contest needs its certification';
      add(issue(`${at}.state`, 'archive_dangling', message, { what: 'certification' }));
    }
  });
  auditIssues(a, add);
}

function auditIssues(a: EventArchive, add: Add): void {
  const entries = a.tables.audit_log!.slice().sort((x, y) => Number(x.n) - Number(y.n));
  const event = a.tables.events![0]!;
  const gap = entries.findIndex((e, i) => Number(e.n) !== i + 1);
  const count = entries.length;
  if (gap >= 0) {
    add(issue('tables.audit_log', 'archive_audit_chain', `entry ${gap + 1} is missing`, { n: gap + 1 }));
  } else if (Number(event.audit_seq) !== count || event.audit_head !== (entries[count - 1]?.hash ?? '')) {
    const message = `the event's head is not entry ${count}`;
    add(issue('tables.events[0].audit_seq', 'archive_audit_chain', message, { n: count }));
  }
}
