// A batch of marks (CONTRACT §6): each entry judged alone, in order, as if sent one by one.
import { batchBody } from '../../../shared/api.ts';
import { DomainError, parseInput, unauthorized, unknownContest } from '../../errors.ts';
import { checkStorable } from '../../storable-text.ts';
import type { Actor } from '../auth/auth.ts';
import type { DomainCtx } from '../context.ts';
import { outcomeOf, prepareMark, type MarkOutcome } from './marks.ts';

/** One mark's answer: stored (created, or replayed for a retry), or refused on its own. */
export type BatchOutcome = { clientId: string | null } & ({ outcome: MarkOutcome } | { error: DomainError });

// Refusals about the whole request, not one mark: they answer for the batch.
const WHOLE_BATCH = new Set(['unauthorized', 'unavailable', 'internal']);

export async function submitBatch(
  ctx: DomainCtx,
  actor: Actor,
  contestId: string,
  input: unknown,
): Promise<BatchOutcome[]> {
  if (actor.role === 'anonymous') throw unauthorized();
  const parsed = parseInput(batchBody, input);
  // The address itself is wrong, not any one mark: answer for the whole batch.
  if (!(await ctx.boards.meta(contestId))) throw unknownContest();
  // Checked one by one in order, then stored together: the writer commits them in one transaction.
  const pending: Promise<BatchOutcome>[] = [];
  // A failure that is not about one mark (the database went away) ends the batch, but only after
  // the marks already handed to the writer have settled: none is left without an answer.
  let fatal: { error: unknown } | null = null;
  for (const entry of parsed.marks) {
    const raw = (entry as { clientId?: unknown } | null)?.clientId;
    const clientId = typeof raw === 'string' ? raw : null;
    try {
      checkStorable(entry); // the body was read with its marks unchecked: each is refused on its own
      const mark = await prepareMark(ctx, actor, contestId, entry);
      pending.push(ctx.writer.submit(mark).then((r) => resultOf(clientId, () => outcomeOf(r))));
    } catch (err) {
      try {
        pending.push(
          Promise.resolve(
            resultOf(clientId, () => {
              throw err;
            }),
          ),
        );
      } catch (error) {
        fatal = { error };
        break;
      }
    }
  }
  const settled = await Promise.allSettled(pending);
  if (fatal) throw fatal.error;
  return settled.map((s) => {
    if (s.status === 'rejected') throw s.reason;
    return s.value;
  });
}

function resultOf(clientId: string | null, outcome: () => MarkOutcome): BatchOutcome {
  try {
    return { clientId, outcome: outcome() };
  } catch (err) {
    if (!(err instanceof DomainError) || WHOLE_BATCH.has(err.code)) throw err;
    return { clientId, error: err };
  }
}
