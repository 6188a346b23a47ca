// Import an event file: validate every rule, then store the whole event in one transaction.
import type { Db } from '../../../db/create-db.ts';
import { events, organisations, contests } from '../../../db/schema/index.ts';
import { parseEventFile, stripPins } from '../../../shared/event-file/parse.ts';
import type { EventFile } from '../../../shared/event-file/schema.ts';
import type { ImportResult } from '../../../shared/api.ts';
import { invalid } from '../../errors.ts';
import type { Issue } from '../../../shared/errors/index.ts';
import { actorName, hashSecret, requireOrganiser, type Actor } from '../auth/auth.ts';
import type { DomainCtx } from '../context.ts';
import { newId, newPin } from '../ids.ts';
import { appendAudit } from '../audit/audit.ts';
import { chunks, contestDefinition, insertContestParts, insertJudges, organisationRows } from './event-store.ts';
import { counted } from '../../../shared/plural.ts';

/** The 400 for an event file: every problem (CONTRACT §4), nothing stored. */
export function invalidEventFile(issues: Issue[]) {
  const first = issues[0];
  const count = counted(issues.length, 'problem', 'problems');
  const firstly = first ? `; first: ${first.path}: ${first.message}` : '';
  const message = `the event file has ${count}, nothing was stored${firstly}`;
  return invalid(message, issues, 'validation_failed:event_file');
}

/** POST /events: an organiser imports an event file. */
export async function importEvent(ctx: DomainCtx, actor: Actor, input: unknown): Promise<ImportResult> {
  requireOrganiser(actor);
  return storeEventFile(ctx.db, input, actorName(actor));
}

/** Checks an event file and stores it, audited as `actor`'s (an organiser, or the system's demo). */
export async function storeEventFile(db: Db, input: unknown, actor: string): Promise<ImportResult> {
  const parsed = parseEventFile(input);
  if (!parsed.ok) throw invalidEventFile(parsed.issues);
  const file = parsed.file;
  const eventId = newId('e');
  const generated: { code: string; pin: string }[] = [];
  const judgeRows = await hashJudges(file, eventId, generated);
  const contestIds = file.contests.map((c) => ({ id: newId('c'), code: c.code }));

  await db.transaction(async (tx) => {
    await tx.insert(events).values({ id: eventId, name: file.name, file: stripPins(file) });
    if (file.organisations.length) await tx.insert(organisations).values(organisationRows(eventId, file));
    for (const [ci, c] of file.contests.entries()) {
      const contestId = contestIds[ci]!.id;
      await tx
        .insert(contests)
        .values({ id: contestId, eventId, code: c.code, name: c.name, position: ci, definition: contestDefinition(c) });
      await insertContestParts(tx, contestId, c);
      await insertJudges(
        tx,
        judgeRows.filter((j) => j.contestCode === c.code).map(({ contestCode: _, ...j }) => ({ ...j, contestId })),
      );
    }
    await appendAudit(tx, {
      eventId,
      kind: 'event.imported',
      actor,
      data: { name: file.name, contests: contestIds, judges: judgeRows.length },
    });
  });
  return { id: eventId, contests: contestIds, judges: generated };
}

async function hashJudges(file: EventFile, eventId: string, generated: { code: string; pin: string }[]) {
  const list = file.contests.flatMap((c) => c.judges.map((j) => ({ c, j })));
  const rows = [];
  // Hash a few at a time: argon2 runs on libuv's thread pool.
  for (const part of chunks(list, 4)) {
    rows.push(
      ...(await Promise.all(
        part.map(async ({ c, j }) => {
          let pin = j.pin;
          if (!pin) {
            pin = newPin();
            generated.push({ code: j.code, pin });
          }
          return {
            id: newId('j'),
            eventId,
            contestCode: c.code,
            code: j.code,
            name: j.name,
            pinHash: await hashSecret(pin),
            criteria: j.criteria,
            organisation: j.organisation ?? null,
            chief: j.chief ?? false,
            shadow: j.shadow ?? false,
          };
        }),
      )),
    );
  }
  return rows;
}
