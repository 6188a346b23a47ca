// The scoring engine (SCORING.md): pure functions shared by the server and the web app.
export type * from './types.ts';
export { round2, roundHalfUp } from './round.ts';
export { formatScore } from './format.ts';
export {
  aggregate,
  criterionPoints,
  mean,
  measurementPoints,
  median,
  trimmedMean,
  type CriterionResult,
} from './criterion.ts';
export {
  countedMarks,
  criteriaByCode,
  isNewerRevision,
  scoreContestant,
  scoreCounted,
  type CriterionEntry,
} from './contestant.ts';
export {
  compareStrings,
  isRanked,
  rankBoard,
  rankCompare,
  standing,
  tieBreakCompare,
  type BoardEntry,
} from './rank.ts';
export { awardFor, tierCutoffs, tierSizes } from './awards.ts';
export { contestTeamTallies, teamTables, type TeamContestInput, type TeamTally } from './teams.ts';
export { ContestBoard } from './board.ts';
export { isMultipleOf, validateMarkValue, type MarkValueError, type MarkValueErrorCode } from './validate-mark.ts';
