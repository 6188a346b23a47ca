// Incremental leaderboard of one contest, for the server's cache. Each contestant keeps only
// the marks that count (newest revision per judge and criterion), so applying a mark costs
// work proportional to the contest (criteria × judges), never to the history of marks.
import type { ContestantStatus } from '../event-file/schema.ts';
import { criteriaByCode, groupByCriterion, isNewerRevision, judgeKey, scoreCounted } from './contestant.ts';
import { rankBoard, toRow, type RowMaker } from './rank.ts';
import type { BoardRow, ContestDef, ContestantInfo, ContestantScore, FlagResolution, ScoringMark } from './types.ts';

interface Entry {
  info: ContestantInfo;
  marks: Map<string, ScoringMark>; // judgeKey(judge, criterion) → newest revision
  resolved: Map<string, number>; // criterion → highest resolution order
  score: ContestantScore;
}

export class ContestBoard {
  readonly def: ContestDef;
  private readonly entries = new Map<string, Entry>();
  private cached: BoardRow[] | null = null;
  /** Entries in the order of the last ranking: the next one starts from it (nearly sorted). */
  private lastOrder: Entry[] | null = null;
  /** The row last built for each entry and what it was built from: unchanged rows are reused. */
  private readonly built = new WeakMap<
    Entry,
    { info: ContestantInfo; score: ContestantScore; rank: number | null; award: string | null; row: BoardRow }
  >();

  constructor(def: ContestDef, contestants: readonly ContestantInfo[]) {
    this.def = def;
    for (const info of contestants) {
      const marks = new Map<string, ScoringMark>();
      const resolved = new Map<string, number>();
      const score = this.rescore(info.bib, marks, resolved);
      this.entries.set(info.bib, { info: { ...info }, marks, resolved, score });
    }
  }

  /** Records an accepted mark revision. Marks for unknown bibs or criteria are ignored. */
  apply(mark: ScoringMark): void {
    const entry = this.entries.get(mark.contestant);
    if (entry === undefined || !criteriaByCode(this.def).has(mark.criterion)) return;
    const key = judgeKey(mark.judge, mark.criterion);
    const old = entry.marks.get(key);
    if (old !== undefined && !isNewerRevision(mark, old)) return; // an older revision: nothing counts
    entry.marks.set(key, { ...mark });
    this.update(entry);
  }

  /** Records the chief judge's acceptance of a flagged criterion's marks up to `order`. */
  resolveFlag(r: FlagResolution): void {
    const entry = this.entries.get(r.contestant);
    if (entry === undefined) return;
    const old = entry.resolved.get(r.criterion);
    if (old !== undefined && old >= r.order) return;
    entry.resolved.set(r.criterion, r.order);
    this.update(entry);
  }

  setStatus(bib: string, status: ContestantStatus): void {
    const entry = this.entries.get(bib);
    if (entry === undefined || entry.info.status === status) return;
    entry.info = { ...entry.info, status };
    this.cached = null;
  }

  /** Rows in board order; recomputed only after a change. Do not mutate the result. */
  rows(): BoardRow[] {
    if (this.cached === null) {
      const order = this.lastOrder ?? [...this.entries.values()];
      // A row is rebuilt only when its contestant, score, rank or award changed, so a watcher's
      // diff finds the others unchanged by identity. (An Entry is a BoardEntry: info and score.)
      const makeRow: RowMaker = (be, rank, award) => {
        const e = be as Entry;
        const prev = this.built.get(e);
        if (prev && prev.info === e.info && prev.score === e.score && prev.rank === rank && prev.award === award)
          return prev.row;
        const row = toRow(e, rank, award);
        this.built.set(e, { info: e.info, score: e.score, rank, award, row });
        return row;
      };
      this.cached = rankBoard(this.def, order, makeRow);
      this.lastOrder = this.cached.map((r) => this.entries.get(r.bib)!);
    }
    return this.cached;
  }

  score(bib: string): ContestantScore | undefined {
    return this.entries.get(bib)?.score;
  }

  info(bib: string): ContestantInfo | undefined {
    return this.entries.get(bib)?.info;
  }

  /** The bibs of the contest, in the order given to the constructor. */
  bibs(): string[] {
    return [...this.entries.keys()];
  }

  /** The counted marks of one contestant (newest revision per judge and criterion). */
  countedMarks(bib: string): ScoringMark[] {
    return [...(this.entries.get(bib)?.marks.values() ?? [])];
  }

  private update(entry: Entry): void {
    entry.score = this.rescore(entry.info.bib, entry.marks, entry.resolved);
    this.cached = null;
  }

  private rescore(bib: string, marks: Map<string, ScoringMark>, resolved: Map<string, number>): ContestantScore {
    return scoreCounted(this.def, bib, groupByCriterion(marks.values()), (code) => resolved.get(code));
  }
}
