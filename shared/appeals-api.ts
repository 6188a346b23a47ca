// Appeals (申诉) and their arbitration: request bodies (zod, validated by the server) and the
// response types the organiser console reads.
import { z } from 'zod';
import { bib, code } from './event-file/schema.ts';

export const APPEAL_DECISIONS = ['upheld', 'rejected'] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];
export type AppealStatus = 'pending' | AppealDecision;

/** A week: the longest window an organiser may give contestants to appeal. */
export const MAX_APPEAL_WINDOW_MINUTES = 10_080;

export const appealBody = z.strictObject({
  contestant: bib,
  // Absent or null: the appeal is about the result as a whole.
  criterion: code.nullable().optional(),
  text: z.string().trim().min(1, 'describe what is appealed').max(2000, 'at most 2000 characters'),
});
export type AppealBody = z.infer<typeof appealBody>;

export const correctionBody = z.strictObject({
  criterion: code,
  // The judge whose mark the correction replaces (the next revision of that judge's mark).
  judge: code,
  value: z.union([z.number().finite(), z.boolean()]),
  note: z.string().max(500, 'at most 500 characters').optional(),
});
export type CorrectionBody = z.infer<typeof correctionBody>;

export const decisionBody = z
  .strictObject({
    decision: z.enum(APPEAL_DECISIONS),
    // 900: each correction's mark carries "申诉 <appeal id>: <reason>" within the marks' 1000.
    reason: z.string().trim().min(1, 'a reason is required').max(900, 'at most 900 characters'),
    corrections: z.array(correctionBody).max(50, 'at most 50 corrections').optional(),
  })
  .superRefine((b, ctx) => {
    if (b.decision === 'rejected' && b.corrections && b.corrections.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['corrections'],
        message: 'a rejected appeal changes no marks',
        params: { code: 'rejected_with_corrections' },
      });
    }
  });
export type DecisionBody = z.infer<typeof decisionBody>;

export const eventSettingsBody = z.strictObject({
  appealWindowMinutes: z
    .number()
    .int('must be a whole number of minutes')
    .min(0, 'at least 0')
    .max(MAX_APPEAL_WINDOW_MINUTES, `at most ${MAX_APPEAL_WINDOW_MINUTES} (a week)`),
});

export interface Appeal {
  id: string;
  contest: string;
  contestant: string;
  criterion: string | null;
  text: string;
  submittedBy: string;
  submittedAt: string;
  status: AppealStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /** What an upheld appeal changed: the ids of the marks its corrections made. */
  amendment: { marks: string[]; note?: string } | null;
}

/** When appeals are accepted for one contest. */
export interface AppealWindow {
  minutes: number;
  /** The latest certification, while the contest is certified or published. */
  certifiedAt: string | null;
  /** certifiedAt + minutes; null while no deadline runs (in review). */
  deadline: string | null;
  open: boolean;
}

/** GET /api/v1/contests/:id/appeals */
export interface ContestAppeals {
  contest: string;
  state: string;
  window: AppealWindow;
  appeals: Appeal[];
}

/** GET /api/v1/events/:id/appeals */
export interface EventAppeals {
  event: string;
  appeals: Appeal[];
}

/** GET/PUT /api/v1/events/:id/settings */
export interface EventSettings {
  event: string;
  appealWindowMinutes: number;
}
