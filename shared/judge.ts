// Shapes of the judges' tablet and the chief judge's desk (beyond CONTRACT; used by server and web).
import { z } from 'zod';
import type { ContestState, Mark } from './api.ts';
import type { Criterion } from './event-file/schema.ts';
import type { ContestantStatus } from './event-file/schema.ts';
import { bib, code, judgeCode } from './event-file/schema.ts';

export interface JudgeSheet {
  event: { id: string; name: string };
  contest: {
    id: string;
    code: string;
    name: string;
    state: ContestState;
    blind: boolean;
    sections: { code: string; name: string; weight: number; criteria: Criterion[] }[];
  };
  judge: { code: string; name: string; chief: boolean; shadow: boolean };
  /** In blind contests name and organisation are absent: judges see station numbers only. */
  contestants: {
    bib: string;
    station: string | null;
    status: ContestantStatus;
    name?: string;
    organisation?: string;
    organisationName?: string;
  }[];
  marks: Mark[];
  remarks: RemarkRequest[];
  seq: number;
}

export interface RemarkRequest {
  id: string;
  contestant: string;
  criterion: string;
  reason: string;
  requestedBy: string;
  at: string;
  judge?: string | null;
}

export const remarkBody = z.strictObject({
  contestant: bib,
  criterion: code,
  judge: judgeCode.optional(),
  reason: z.string().trim().min(1, 'a reason is required').max(1000),
});

export interface ProgressMark {
  judge: string;
  value: number | boolean;
  revision: number;
  at: string;
  shadow: boolean;
  note?: string;
}

export interface ProgressCell {
  have: number;
  need: number;
  points: number | null;
  flagged: boolean;
  spread: number | null;
  marks: ProgressMark[];
}

/**
 * A mark a judge still owes: the cell is incomplete, assigned to the judge, and not of its organisation
 * (on a chief judge's desk of a blind contest before certification, organisations are not considered:
 * which stations a judge may not mark would tell whose they are).
 */
export interface MissingMark {
  contestant: string;
  criterion: string;
}

export interface ContestProgress {
  /** `blind`: names and organisations are absent for judges until the contest is certified. */
  contest: {
    id: string;
    eventId: string;
    code: string;
    name: string;
    state: ContestState;
    seq: number;
    blind: boolean;
  };
  criteria: {
    code: string;
    name: string;
    kind: Criterion['kind'];
    section: string;
    sectionName: string;
    need: number;
    maxSpread: number | null;
    /** The criterion as defined (max, step, scale…), for correcting marks. */
    def: Criterion;
  }[];
  judges: {
    code: string;
    name: string;
    chief: boolean;
    shadow: boolean;
    criteria: '*' | string[];
    /** null also for a chief judge of a blind contest before certification */
    organisation: string | null;
    missing: MissingMark[];
  }[];
  rows: {
    bib: string;
    name?: string;
    organisation?: string;
    organisationName?: string;
    station: string | null;
    status: ContestantStatus;
    complete: boolean;
    total: number;
    /** The viewer (a chief judge) is of this contestant's organisation: an organiser decides on its marks. */
    recused: boolean;
    cells: Record<string, ProgressCell>;
  }[];
  remarks: RemarkRequest[];
  summary: { contestants: number; complete: number; flagged: number; openRemarks: number };
}
