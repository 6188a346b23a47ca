// Live boards of contests, kept in memory and brought up to date from the database by `seq`:
// a refresh reads only the marks and flag resolutions newer than the cached board, so one mark
// costs work proportional to the contest, never to the event's history. Because marks of one
// contest commit in seq order (the contest row is their lock), a board at seq S holds exactly the
// changes up to S, in every server process.
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { contests, marks, flagResolutions } from '../../db/schema/index.ts';
import { ContestBoard } from '../../shared/scoring/board.ts';
import type { BoardRow, ScoringMark } from '../../shared/scoring/types.ts';
import type { ContestState, Leaderboard } from '../../shared/api.ts';
import { loadContestMeta, type ContestMeta } from './contest-meta.ts';

export type Audience = 'public' | 'organiser';

export interface CachedContest {
  meta: ContestMeta;
  board: ContestBoard;
  seq: number;
  state: ContestState;
  frozenSeq: number | null;
  frozen: { seq: number; rows: BoardRow[] } | null;
}

export class BoardCache {
  private readonly entries = new Map<string, CachedContest>();
  private readonly running = new Map<string, Promise<CachedContest | null>>();
  private readonly queued = new Map<string, Promise<CachedContest | null>>();
  /** Milliseconds spent bringing boards up to date (for /metrics and the benchmark). */
  onRefresh?: (ms: number, marksApplied: number) => void;
  /** Called when this process forgets a contest's definition (other processes must forget it too). */
  onInvalidated?: (contestId: string) => void;

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

  /** The contest's definition and contestants (they change only through invalidate), without a refresh. */
  async meta(contestId: string): Promise<ContestMeta | null> {
    return this.entries.get(contestId)?.meta ?? (await this.get(contestId))?.meta ?? null;
  }

  /** Forget a contest (its definition or contestants changed), here and, through onInvalidated, elsewhere. */
  invalidate(contestId: string): void {
    this.forget(contestId);
    this.onInvalidated?.(contestId);
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
    const [row] = await this.db
      .select({ seq: contests.seq, state: contests.state, frozenSeq: contests.frozenSeq })
      .from(contests)
      .where(eq(contests.id, contestId));
    if (!row) {
      this.entries.delete(contestId);
      return null;
    }
    let entry = this.entries.get(contestId);
    let applied = 0;
    if (!entry) {
      const meta = await loadContestMeta(this.db, contestId);
      if (!meta) return null;
      const board = new ContestBoard(meta.def, meta.contestants);
      applied = await this.catchUp(board, contestId, 0, row.seq);
      entry = { meta, board, seq: row.seq, state: row.state as ContestState, frozenSeq: null, frozen: null };
      this.entries.set(contestId, entry);
    } else if (row.seq > entry.seq) {
      applied = await this.catchUp(entry.board, contestId, entry.seq, row.seq);
      entry.seq = row.seq;
    }
    entry.state = row.state as ContestState;
    entry.frozenSeq = row.frozenSeq;
    if (row.frozenSeq === null) entry.frozen = null;
    else if (entry.frozen?.seq !== row.frozenSeq) {
      const board = new ContestBoard(entry.meta.def, entry.meta.contestants);
      await this.catchUp(board, contestId, 0, row.frozenSeq);
      entry.frozen = { seq: row.frozenSeq, rows: board.rows() };
    }
    this.onRefresh?.(performance.now() - started, applied);
    return entry;
  }

  private async catchUp(board: ContestBoard, contestId: string, after: number, upTo: number): Promise<number> {
    if (upTo <= after) return 0;
    const newMarks = await this.db
      .select({
        contestant: marks.contestant, criterion: marks.criterion, judge: marks.judge,
        value: marks.value, revision: marks.revision, order: marks.seq,
      })
      .from(marks)
      .where(and(eq(marks.contestId, contestId), gt(marks.seq, after), lte(marks.seq, upTo), eq(marks.shadow, false)))
      .orderBy(marks.seq);
    for (const m of newMarks) board.apply(m as ScoringMark);
    const resolutions = await this.db
      .select({ contestant: flagResolutions.contestant, criterion: flagResolutions.criterion, order: flagResolutions.seq })
      .from(flagResolutions)
      .where(and(eq(flagResolutions.contestId, contestId), sql`${flagResolutions.seq} > ${after}`, lte(flagResolutions.seq, upTo)));
    for (const r of resolutions) board.resolveFlag(r);
    return newMarks.length;
  }
}

/** What one audience may see of a contest's board (CONTRACT §5 freeze, §7 blind). */
export function boardFor(c: CachedContest, audience: Audience): Leaderboard {
  const frozen = c.frozen !== null;
  if (audience === 'organiser') return { contest: c.meta.id, seq: c.seq, state: c.state, frozen, rows: c.board.rows() };
  const base = c.frozen ?? { seq: c.seq, rows: c.board.rows() };
  const hidden = c.meta.def.blind === true && c.state !== 'certified' && c.state !== 'published';
  return { contest: c.meta.id, seq: base.seq, state: c.state, frozen, rows: hidden ? base.rows.map(blindRow) : base.rows };
}

function blindRow(r: BoardRow): BoardRow {
  const station = r.station ?? r.bib;
  return { ...r, name: station, organisation: station, station };
}
