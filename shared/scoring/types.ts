// Inputs and outputs of the scoring engine (SCORING.md). Pure data, no I/O.
import type { Contest, ContestantStatus } from '../event-file/schema.ts';

/** The parts of a contest definition that scoring needs (an event file contest fits). */
export type ContestDef = Pick<Contest, 'sections' | 'tieBreak' | 'awards' | 'teamSize'>;

/** One accepted mark revision that counts (shadow judges' marks are never given to the engine). */
export interface ScoringMark {
  contestant: string; // bib
  criterion: string; // criterion code
  judge: string; // judge code
  value: number | boolean;
  revision: number; // per (judge, contestant, criterion), newest is highest
  order: number; // server acceptance order (the contest seq); newest is highest
}

/** A chief judge accepted the marks of a flagged criterion as they stood at `order`. */
export interface FlagResolution {
  contestant: string;
  criterion: string;
  order: number; // marks with order <= this were accepted; a later mark can raise the flag again
}

export interface ContestantInfo {
  bib: string;
  name: string;
  organisation: string;
  station?: string;
  status: ContestantStatus;
}

export interface ContestantScore {
  bib: string;
  total: number; // round2, 0..100
  sections: Record<string, number>; // section code -> round2(S)
  criteria: Record<string, number>; // criterion code -> round2(points); deductions as the deducted amount
  raw: Record<string, number | boolean | undefined>; // measurement code -> newest raw value
  complete: boolean;
  /** At least one counted mark of any criterion, deductions included (SCORING §5 point 4): ranked. */
  marked: boolean;
  /** Codes of the sections in which no criterion has a counted mark yet, in the contest's order. */
  unmarkedSections: string[];
  flagged: boolean;
  flags: string[]; // criterion codes currently flagged
  marksCount?: Record<string, number>; // criterion code -> distinct judges whose marks count (always set by the engine)
}

/** A leaderboard row, CONTRACT §7. `station` is present only where the contestant has one. */
export interface BoardRow {
  bib: string;
  name: string;
  organisation: string;
  station?: string;
  rank: number | null;
  total: number;
  sections: Record<string, number>;
  complete: boolean;
  flagged: boolean;
  award: string | null;
  status: ContestantStatus;
  /**
   * Beyond CONTRACT §7: the sections of a ranked contestant that have no counted mark yet, so that
   * screens show "—" there rather than a 0 that reads as a result. Absent when every section has a
   * mark, and on rows without any mark (rank null: every section is unmarked).
   */
  unmarked?: string[];
}

export interface TeamRow {
  organisation: string;
  rank: number;
  score: number;
}

export interface TeamTables {
  contests: Record<string, TeamRow[]>; // contest code -> rows in rank order
  overall: TeamRow[];
}
