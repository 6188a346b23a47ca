// Contestants and judges of a contest from a CSV or XLSX roster (organiser): a preview that lists
// every problem by row and column, and an import that stores all rows or, with any problem,
// nothing. Imports are allowed only while the contest is in setup: later, bibs and judges are
// what marks refer to.
import { and, eq } from 'drizzle-orm';
import { contests, events, judges } from '../../../db/schema/index.ts';
import { parseEventFile } from '../../../shared/event-file/parse.ts';
import type { EventFileIssue } from '../../../shared/event-file/rules.ts';
import type { Contestant, EventFile, Judge, Organisation } from '../../../shared/event-file/schema.ts';
import {
  rosterBody,
  type RosterBody,
  type RosterImportResult,
  type RosterPreview,
} from '../../../shared/roster-api.ts';
import {
  applyRoster,
  readRoster,
  rosterContext,
  type RosterProblem,
  type RosterReading,
} from '../../../shared/roster/index.ts';
import { parseInput, refuse, unknownEvent } from '../../errors.ts';
import { requireOrganiser, type Actor } from '../auth/auth.ts';
import type { DomainCtx } from '../context.ts';
import { contestRedefined, hashJudgePins, storedByCode, type StoredJudge } from '../events/event-store.ts';
import { readRosterInput } from './roster-input.ts';
import { organisationsToAdd, problemIssues } from './roster-organisations.ts';
import { counted } from '../../../shared/plural.ts';
import {
  addRosterOrganisations,
  lockRoster,
  notInSetup,
  recordRoster,
  writeRosterRows,
  type RosterWrite,
} from './roster-write.ts';

interface Target {
  eventId: string;
  file: EventFile;
  contestId: string;
  contestIndex: number;
  state: string;
}

async function loadTarget(ctx: DomainCtx, eventId: string, contestCode: string): Promise<Target> {
  const [e] = await ctx.db.select({ file: events.file }).from(events).where(eq(events.id, eventId));
  if (!e) throw unknownEvent();
  const [c] = await ctx.db
    .select({ id: contests.id, state: contests.state })
    .from(contests)
    .where(and(eq(contests.eventId, eventId), eq(contests.code, contestCode)));
  const contestIndex = e.file.contests.findIndex((k) => k.code === contestCode);
  if (!c || contestIndex < 0) {
    throw refuse('not_found:contest', `the event has no contest "${contestCode}"`, { contest: contestCode });
  }
  return { eventId, file: e.file, contestId: c.id, contestIndex, state: c.state };
}

/** The event file as it would be after the import. */
function withRoster(file: EventFile, t: Target, reading: RosterReading, mode: RosterBody['mode']): EventFile {
  const contest = file.contests[t.contestIndex]!;
  if (reading.kind === 'contestants')
    contest.contestants = applyRoster<Contestant>(contest.contestants, reading.entries, mode);
  else contest.judges = applyRoster<Judge>(contest.judges, reading.entries, mode);
  return file;
}

/**
 * The event file's own rules on the result, in case one is not covered row by row. An issue on
 * an imported entry is reported on its row; anything else on the header row.
 */
function eventRules(
  t: Target,
  reading: RosterReading,
  file: EventFile,
  mode: RosterBody['mode'],
): { problems: RosterProblem[]; warnings: EventFileIssue[] } {
  const parsed = parseEventFile(file);
  if (parsed.ok) return { problems: [], warnings: parsed.warnings };
  const before =
    mode === 'merge'
      ? reading.kind === 'contestants'
        ? t.file.contests[t.contestIndex]!.contestants.length
        : t.file.contests[t.contestIndex]!.judges.length
      : 0;
  const at = new RegExp(`^contests\\[${t.contestIndex}\\]\\.${reading.kind}\\[(\\d+)\\]\\.?([a-z]*)`);
  const problems = parsed.issues.map((issue): RosterProblem => {
    const m = at.exec(issue.path);
    const entry = m ? reading.entries[Number(m[1]) - before] : undefined;
    // The event file's own issue code, when it has one, lets a screen say which rule.
    const rule = (issue as { code?: unknown }).code;
    const params = { reason: 'event_rule' as const, path: issue.path, ...(typeof rule === 'string' ? { rule } : {}) };
    return entry
      ? { row: entry.row, column: m![2] ?? '', value: '', code: 'invalid', params, message: issue.message }
      : { row: 1, column: '', value: '', code: 'invalid', params, message: `${issue.path}: ${issue.message}` };
  });
  return { problems, warnings: [] };
}

interface Prepared {
  body: RosterBody;
  target: Target;
  /** organisations the import adds to the event (confirmed by the organiser) */
  adding: Organisation[];
  reading: RosterReading;
  problems: RosterProblem[];
  file: EventFile;
  preview: RosterPreview;
}

async function prepare(
  ctx: DomainCtx,
  actor: Actor,
  eventId: string,
  input: unknown,
  forImport: boolean,
): Promise<Prepared> {
  requireOrganiser(actor);
  const body = parseInput(rosterBody, input);
  const target = await loadTarget(ctx, eventId, body.contest);
  if (forImport) notInSetup(body.contest, target.state);
  const adding = organisationsToAdd(target.file.organisations, body.addOrganisations);
  const { records, problems: fileProblems, encoding } = await readRosterInput(body);
  const file = structuredClone(target.file);
  file.organisations.push(...adding);
  const reading = readRoster(body.kind, records, rosterContext(file, target.contestIndex, body.mode));
  withRoster(file, target, reading, body.mode);
  const rules =
    reading.problems.length === 0 && fileProblems.length === 0
      ? eventRules(target, reading, file, body.mode)
      : { problems: [], warnings: [] };
  const problems = [...fileProblems, ...reading.problems, ...rules.problems];
  const preview: RosterPreview = {
    kind: body.kind,
    contest: body.contest,
    rows: reading.rows,
    problems,
    ok: problems.length === 0,
    counts: { ...reading.counts, problems: problems.length },
    ignored: reading.ignored,
    warnings: rules.warnings,
    ...(encoding ? { encoding } : {}),
    namedOrganisations: reading.namedOrganisations,
    unknownOrganisations: reading.unknownOrganisations,
  };
  return { body, target, adding, reading, problems, file, preview };
}

export async function previewRoster(
  ctx: DomainCtx,
  actor: Actor,
  eventId: string,
  input: unknown,
): Promise<RosterPreview> {
  return (await prepare(ctx, actor, eventId, input, false)).preview;
}

export async function importRoster(
  ctx: DomainCtx,
  actor: Actor,
  eventId: string,
  input: unknown,
): Promise<RosterImportResult> {
  const { body, target, adding, reading, problems, file } = await prepare(ctx, actor, eventId, input, true);
  if (problems.length > 0) {
    const issues = problemIssues(problems);
    const first = `${issues[0]!.path}: ${issues[0]!.message}`;
    const count = counted(problems.length, 'problem', 'problems');
    const message = `the ${body.kind} file has ${count}, nothing was imported; first: ${first}`;
    throw refuse('validation_failed:roster', message, { kind: body.kind }, { issues });
  }
  const { contestId } = target;
  const storedNow = () =>
    ctx.db
      .select({ id: judges.id, code: judges.code, pinHash: judges.pinHash })
      .from(judges)
      .where(eq(judges.contestId, contestId));
  const stored: StoredJudge[] = reading.kind === 'judges' ? await storedNow() : [];
  const hashed =
    reading.kind === 'judges'
      ? await hashJudgePins(
          reading.entries.map((e) => e.value),
          storedByCode(stored),
        )
      : [];

  const w: RosterWrite = {
    actor,
    eventId,
    contestId,
    body,
    before: target.file,
    contestIndex: target.contestIndex,
    file,
    adding,
    reading,
    stored,
    hashed,
  };
  await ctx.db.transaction(async (tx) => {
    await lockRoster(tx, w);
    await writeRosterRows(tx, w);
    await addRosterOrganisations(tx, w);
    await recordRoster(tx, w);
  });
  await contestRedefined(ctx, contestId);
  const generated = hashed.flatMap((h) => (h.generated ? [{ code: h.judge.code, pin: h.generated }] : []));
  return { imported: reading.entries.length, ...(reading.kind === 'judges' ? { judges: generated } : {}) };
}
