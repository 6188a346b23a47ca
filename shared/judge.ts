// Shapes of the judges' tablet and the chief judge's desk (beyond CONTRACT; used by server and web).
import { z } from 'zod';
import type { ContestState, Mark } from './api.ts';
import type { Criterion } from './event-file/schema.ts';
import type { ContestantStatus } from './event-file/schema.ts';
import { bib, code } from './event-file/schema.ts';

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
  judge: z.string().min(1).max(32).optional(),
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

export interface ContestProgress {
  contest: { id: string; code: string; name: string; state: ContestState; seq: number };
  criteria: { code: string; name: string; kind: Criterion['kind']; section: string; need: number; maxSpread: number | null }[];
  judges: { code: string; name: string; chief: boolean; shadow: boolean; criteria: '*' | string[]; organisation: string | null }[];
  rows: {
    bib: string;
    name: string;
    organisation: string;
    station: string | null;
    status: ContestantStatus;
    complete: boolean;
    total: number;
    cells: Record<string, ProgressCell>;
  }[];
  remarks: RemarkRequest[];
  summary: { contestants: number; complete: number; flagged: number; openRemarks: number };
}
