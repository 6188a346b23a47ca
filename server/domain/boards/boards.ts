// Live boards of contests, kept in memory and brought up to date from the database by `seq`:
// a refresh reads only the marks and flag resolutions newer than the cached board, so one mark
// costs work proportional to the contest, never to the event's history. Because marks of one
// contest commit in seq order (the contest row is their lock), a board at seq S holds exactly the
// changes up to S, in every server process.
import type { Db } from '../../../db/create-db.ts';
import { hotQuery } from '../../../db/hot-sql.ts';
import { ContestBoard } from '../../../shared/scoring/board.ts';
import type { BoardRow, FlagResolution, ScoringMark } from '../../../shared/scoring/types.ts';
import { timesOf, type BoardTimes, type ContestState, type Leaderboard } from '../../../shared/api.ts';
import { blindHidden, blindRow } from '../../../shared/blind.ts';
import { hasResults } from '../../../shared/lifecycle.ts';
import { loadContestMeta, type ContestMeta } from './contest-meta.ts';
import { Listeners } from '../../listeners.ts';

export type Audience = 'public' | 'organiser';

export interface CachedContest {
  meta: ContestMeta;
  board: ContestBoard;
  seq: number;
  state: ContestState;
  frozenSeq: number | null;
  /** The public board while frozen: as of the freeze, with when it last changed and when it was frozen. */
  frozen: { seq: number; rows: BoardRow[]; changedAt: number | null; since: number | null } | null;
  /** When the newest mark or flag decision the board holds was made (epoch ms; null before any). */
  changedAt: number | null;
  /** When the contest last changed state (epoch ms), read when its state changes. */
  stateAt: number | null;
  /** When the latest certification was signed (epoch ms), null when never certified. */
  certifiedAt: number | null;
}

export class BoardCache {
  private readonly entries = new Map<string, CachedContest>();
  private readonly running = new Map<string, Promise<CachedContest | null>>();
  private readonly queued = new Map<string, Promise<CachedContest | null>>();
  /** Milliseconds spent bringing a board up to date, and the marks applied (for /metrics and the benchmark). */
  readonly refreshed = new Listeners<{ ms: number; marksApplied: number }>();
  /** The contest whose definition this process forgot (other processes must forget it too). */
  readonly invalidated = new Listeners<string>();

  constructor(private readonly db: Db) {}

  /**
   * The contest's board as of the newest change committed before this call; null for an unknown
   * contest. A refresh already under way may have read the database before the caller's own
   * commit, so callers then share one refresh queued after it (never more than one per contest).
   */
  get(contestId: string): Promise<CachedContest | null> {
    const queued = this.queued.get(contestId);
    if (queued) return queued;
    const running = this.running.get(contestId);
    if (!running) return this.start(contestId);
    const next = running
      .catch(() => null)
      .then(() => {
        this.queued.delete(contestId);
        return this.start(contestId);
      });
    this.queued.set(contestId, next);
    return next;
  }

  private start(contestId: string): Promise<CachedContest | null> {
    const p = this.refresh(contestId).finally(() => {
      if (this.running.get(contestId) === p) this.running.delete(contestId);
    });
    this.running.set(contestId, p);
    return p;
  }

  /** The cached board as it stands, without asking the database (undefined when none is cached). */
  peek(contestId: string): CachedContest | undefined {
    return this.entries.get(contestId);
  }

  /** The contest's definition and contestants (they change only through invalidate), without a refresh. */
  async meta(contestId: string): Promise<ContestMeta | null> {
    return this.entries.get(contestId)?.meta ?? (await this.get(contestId))?.meta ?? null;
  }

  /** Forget a contest (its definition or contestants changed), here and, through `invalidated`, elsewhere. */
  invalidate(contestId: string): void {
    this.forget(contestId);
    this.invalidated.emit(contestId);
  }

  /** Forget a contest because another process changed its definition. */
  forget(contestId: string): void {
    this.entries.delete(contestId);
  }

  async leaderboard(contestId: string, audience: Audience): Promise<Leaderboard | null> {
    const c = await this.get(contestId);
    return c ? boardFor(c, audience) : null;
  }

  private async refresh(contestId: string): Promise<CachedContest | null> {
    const started = performance.now();
    const cached = this.entries.get(contestId);
    const after = cached?.seq ?? 0;
    const [found] = await hotQuery<ChangesRow>(this.db, CHANGES_SINCE, [contestId, after]);
    const row = found?.contest;
    if (!row) {
      this.entries.delete(contestId);
      return null;
    }
    let entry = this.entries.get(contestId);
    let applied = 0;
    if (!entry || entry !== cached) {
      // New here, or forgotten while the query ran: start from the definition and every mark.
      const meta = await loadContestMeta(this.db, contestId);
      if (!meta) return null;
      const board = new ContestBoard(meta.def, meta.contestants);
      const caught = await this.catchUp(board, contestId, 0, row.seq);
      applied = caught.applied;
      const state = row.state as ContestState;
      const times = { changedAt: caught.changedAt, stateAt: null, certifiedAt: null };
      entry = { meta, board, seq: row.seq, state, frozenSeq: null, frozen: null, ...times };
      this.entries.set(contestId, entry);
      await this.readStateTimes(entry);
    } else if (row.seq > entry.seq) {
      const changes = applyChanges(entry.board, found!.marks, found!.resolutions);
      applied = changes.applied;
      entry.changedAt = latest(entry.changedAt, changes.at);
      entry.seq = row.seq;
    }
    if (entry.state !== row.state) {
      entry.state = row.state as ContestState;
      await this.readStateTimes(entry);
    }
    entry.frozenSeq = row.frozen_seq;
    if (row.frozen_seq === null) entry.frozen = null;
    else if (entry.frozen?.seq !== row.frozen_seq) {
      const board = new ContestBoard(entry.meta.def, entry.meta.contestants);
      const { changedAt } = await this.catchUp(board, contestId, 0, row.frozen_seq);
      const args = [entry.meta.eventId, contestId, row.frozen_seq];
      const [freeze] = await hotQuery<{ since: number | null; state_at: number | null }>(this.db, FROZEN_SINCE, args);
      const frozenChangedAt = latest(changedAt, freeze?.state_at ?? null);
      entry.frozen = {
        seq: row.frozen_seq,
        rows: board.rows(),
        changedAt: frozenChangedAt,
        since: freeze?.since ?? null,
      };
    }
    this.refreshed.emit({ ms: performance.now() - started, marksApplied: applied });
    return entry;
  }

  /** Applies the changes with seq in (after, upTo] to a board built from the definition; and when the newest was made. */
  private async catchUp(board: ContestBoard, contestId: string, after: number, upTo: number) {
    if (upTo <= after) return { applied: 0, changedAt: null };
    const [found] = await hotQuery<ChangesRow>(this.db, CHANGES_BETWEEN, [contestId, after, upTo]);
    const changes = applyChanges(board, found?.marks ?? [], found?.resolutions ?? []);
    return { applied: changes.applied, changedAt: changes.at };
  }

  /** When the contest last changed state and was last certified: read only when its state changes. */
  private async readStateTimes(entry: CachedContest): Promise<void> {
    const [t] = await hotQuery<{ state_at: number | null; certified_at: number | null }>(this.db, STATE_TIMES, [
      entry.meta.id,
    ]);
    entry.stateAt = t?.state_at ?? null;
    entry.certifiedAt = t?.certified_at ?? null;
  }
}

interface ChangesRow {
  contest: { seq: number; state: string; frozen_seq: number | null } | null;
  // `at`: when the mark was received or the flag decided (epoch ms).
  marks: (ScoringMark & { at: number })[];
  resolutions: (FlagResolution & { at: number })[];
}

const latest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

function applyChanges(
  board: ContestBoard,
  newMarks: ChangesRow['marks'],
  resolutions: ChangesRow['resolutions'],
): { applied: number; at: number | null } {
  let at: number | null = null;
  for (const m of newMarks) {
    board.apply(m);
    at = latest(at, m.at);
  }
  for (const r of resolutions) {
    board.resolveFlag(r);
    at = latest(at, r.at);
  }
  return { applied: newMarks.length, at };
}

const epochMs = (at: string) => `(extract(epoch FROM ${at}) * 1000)::float8`;

// One statement, so one snapshot: the contest's seq and every change up to it. Marks and flag
// resolutions of a contest commit with the seq they raise, so nothing at or below it is missing.
// Each carries its time (`at`), so the board knows when it last changed without another query.
const CHANGES = (upTo: string) => `
  WITH c AS (SELECT seq, state, frozen_seq FROM contests WHERE id = $1)
  SELECT (SELECT row_to_json(c) FROM c) AS contest,
    (SELECT coalesce(json_agg(m ORDER BY m."order"), '[]') FROM (
      SELECT contestant, criterion, judge, value, revision, seq AS "order", ${epochMs('received_at')} AS at FROM marks
      WHERE contest_id = $1 AND seq > $2 AND seq <= ${upTo} AND NOT shadow) m) AS marks,
    (SELECT coalesce(json_agg(r ORDER BY r."order"), '[]') FROM (
      SELECT contestant, criterion, seq AS "order", ${epochMs('at')} AS at FROM flag_resolutions
      WHERE contest_id = $1 AND seq > $2 AND seq <= ${upTo}) r) AS resolutions`;
const CHANGES_SINCE = CHANGES('(SELECT seq FROM c)');
const CHANGES_BETWEEN = CHANGES('$3');
const STATE_TIMES = `SELECT
  (SELECT ${epochMs('max(at)')} FROM contest_states WHERE contest_id = $1) AS state_at,
  (SELECT ${epochMs('certified_at')} FROM certifications WHERE contest_id = $1 ORDER BY id DESC LIMIT 1) AS certified_at`;
// When the organiser froze the board (the audit log's newest freeze of the contest), and when the
// contest last changed state before it (the frozen board's last change may be one).
const FROZEN_SINCE = `SELECT
  (SELECT ${epochMs('at')} FROM audit_log WHERE event_id = $1 AND contest_id = $2 AND kind = 'freeze'
    ORDER BY n DESC LIMIT 1) AS since,
  (SELECT ${epochMs('max(at)')} FROM contest_states WHERE contest_id = $2 AND seq <= $3) AS state_at`;

/** What one audience may see of a contest's board (CONTRACT §5 freeze, §7 blind). */
export function boardFor(c: CachedContest, audience: Audience): Leaderboard {
  const head = {
    contest: c.meta.id,
    seq: seqFor(c, audience),
    state: c.state,
    frozen: c.frozen !== null,
    ...timesFor(c, audience),
  };
  if (audience === 'organiser') return { ...head, rows: c.board.rows() };
  const rows = c.frozen?.rows ?? c.board.rows();
  if (!blindHidden(c.meta.def.blind, c.state)) return { ...head, rows };
  return { ...head, rows: rows.map((r) => blindRow(r, c.meta.shownAs.get(r.bib)!)) };
}

/**
 * The contest's seq as one audience knows it: while frozen, the public's stays at the freeze, so
 * that no public answer tells whether (or how many) marks arrive meanwhile.
 */
export function seqFor(c: CachedContest, audience: Audience): number {
  return audience === 'public' && c.frozen ? c.frozen.seq : c.seq;
}

const iso = (ms: number | null | undefined) => (ms == null ? undefined : new Date(ms).toISOString());

/** Beyond CONTRACT §7: when the board an audience sees last changed, since when it is frozen, when certified. */
function timesFor(c: CachedContest, audience: Audience): BoardTimes {
  return timesOf({
    updatedAt: iso(audience === 'public' && c.frozen ? c.frozen.changedAt : latest(c.changedAt, c.stateAt)),
    frozenAt: iso(c.frozen?.since),
    certifiedAt: hasResults(c.state) ? iso(c.certifiedAt) : undefined,
  });
}
