// The event file (CONTRACT §4, "format": "jiangxin/event@1") as zod schemas.
// Shapes only live here; cross-field rules (uniqueness, references, weights) are in ./rules.ts.
import { z } from 'zod';

export const CODE_RE = /^[a-z0-9_-]{1,32}$/;
export const BIB_RE = /^[A-Za-z0-9_-]{1,16}$/;

export const code = z.string().regex(CODE_RE, 'must be 1–32 characters of a-z 0-9 - _');
export const bib = z.string().regex(BIB_RE, 'must be 1–16 characters of A-Z a-z 0-9 - _');
// CONTRACT §4 says judge codes are a-z 0-9 - _, but its own example uses "J01"; accept upper case
// for judges only so the contract's example imports (rules.ts keeps them unique ignoring case).
export const JUDGE_CODE_RE = /^[A-Za-z0-9_-]{1,32}$/;
export const judgeCode = z.string().regex(JUDGE_CODE_RE, 'must be 1–32 characters of A-Z a-z 0-9 - _');
const name = z.string().trim().min(1, 'must not be empty').max(200);
const positive = z.number().finite().positive();

export const directScale = z.strictObject({ type: z.literal('direct') });
export const linearScale = z.strictObject({
  type: z.literal('linear'),
  best: z.number().finite(),
  worst: z.number().finite(),
});
export const passScale = z.strictObject({ type: z.literal('pass') });
export const scale = z.discriminatedUnion('type', [directScale, linearScale, passScale]);
export type Scale = z.infer<typeof scale>;

const criterionBase = { code, name, max: positive };

export const measurementCriterion = z.strictObject({
  ...criterionBase,
  kind: z.literal('measurement'),
  scale: scale.optional(),
  step: positive.optional(),
});
export const judgementCriterion = z.strictObject({
  ...criterionBase,
  kind: z.literal('judgement'),
  judges: z.number().int().min(1).optional(),
  aggregate: z.enum(['mean', 'median', 'trimmed']).optional(),
  maxSpread: z.number().finite().min(0).optional(),
  step: positive.optional(),
});
export const deductionCriterion = z.strictObject({
  ...criterionBase,
  kind: z.literal('deduction'),
  perUnit: positive,
});
export const criterion = z.discriminatedUnion('kind', [measurementCriterion, judgementCriterion, deductionCriterion]);
export type Criterion = z.infer<typeof criterion>;
export type JudgementCriterion = z.infer<typeof judgementCriterion>;

export const section = z.strictObject({
  code,
  name,
  weight: z.number().finite().gt(0, 'must be > 0').lte(1, 'must be ≤ 1'),
  criteria: z.array(criterion).min(1, 'a section needs at least one criterion').max(200),
});
export type Section = z.infer<typeof section>;

export const awardTier = z
  .strictObject({
    name,
    ratio: z.number().finite().gt(0).lte(1).optional(),
    count: z.number().int().min(1).optional(),
    minTotal: z.number().finite().min(0).max(100).optional(),
  })
  .refine((t) => (t.ratio === undefined) !== (t.count === undefined), {
    message: 'an award tier needs exactly one of "ratio" or "count"',
    params: { code: 'award_ratio_or_count' },
  });
export type AwardTier = z.infer<typeof awardTier>;

export const TIE_BREAK_RE = /^(section|criterion|raw-asc|raw-desc):[a-z0-9_-]{1,32}$/;
export const tieBreakKey = z
  .string()
  .regex(TIE_BREAK_RE, 'must be section:<code>, criterion:<code>, raw-asc:<code> or raw-desc:<code>');

export const contestantStatus = z.enum(['active', 'withdrawn', 'disqualified']);
export type ContestantStatus = z.infer<typeof contestantStatus>;

export const contestant = z.strictObject({
  bib,
  name,
  organisation: code,
  station: bib.optional(),
  status: contestantStatus.optional(),
});
export type Contestant = z.infer<typeof contestant>;

export const PIN_RE = /^[0-9]{4,8}$/;
export const judge = z.strictObject({
  code: judgeCode,
  name,
  criteria: z.union([z.literal('*'), z.array(code).max(500)], {
    error: 'must be "*" or a list of criterion codes',
  }),
  pin: z.string().regex(PIN_RE, 'must be 4–8 digits').optional(),
  organisation: code.optional(),
  chief: z.boolean().optional(),
  shadow: z.boolean().optional(),
});
export type Judge = z.infer<typeof judge>;

export const contest = z.strictObject({
  code,
  name,
  teamSize: z.number().int().min(1).max(100).optional(),
  blind: z.boolean().optional(),
  tieBreak: z.array(tieBreakKey).max(20).optional(),
  awards: z.array(awardTier).max(20).optional(),
  sections: z.array(section).min(1, 'a contest needs at least one section').max(50),
  contestants: z.array(contestant).max(20000),
  judges: z.array(judge).max(2000),
});
export type Contest = z.infer<typeof contest>;

export const organisation = z.strictObject({ code, name });
export type Organisation = z.infer<typeof organisation>;

export const EVENT_FORMAT = 'jiangxin/event@1';
export const eventFileShape = z.strictObject({
  format: z.literal(EVENT_FORMAT),
  name,
  organisations: z.array(organisation).max(5000),
  contests: z.array(contest).min(1, 'an event needs at least one contest').max(200),
});
export type EventFile = z.infer<typeof eventFileShape>;
