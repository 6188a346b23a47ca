// A batch of marks (CONTRACT §6): each entry judged alone, in order, as if sent one by one.
import { batchBody, type BatchResult } from '../../shared/api.ts';
import { DomainError, fromZod, notFound, unauthorized } from '../errors.ts';
import { checkEntry } from '../http/body.ts';
import type { Actor } from './auth.ts';
import type { DomainCtx } from './context.ts';
import { outcomeOf, prepareMark, type MarkOutcome } from './marks.ts';

export async function submitBatch(ctx: DomainCtx, actor: Actor, contestId: string, input: unknown): Promise<BatchResult[]> {
  if (actor.role === 'anonymous') throw unauthorized();
  const parsed = batchBody.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  // The address itself is wrong, not any one mark: answer for the whole batch.
  if (!(await ctx.boards.meta(contestId))) throw notFound('unknown contest');
  // Checked one by one in order, then stored together: the writer commits them in one transaction.
  const pending: Promise<BatchResult>[] = [];
  // A failure that is not about one mark (the database went away) ends the batch, but only after
  // the marks already handed to the writer have settled: none is left without an answer.
  let fatal: { error: unknown } | null = null;
  for (const entry of parsed.data.marks) {
    const raw = (entry as { clientId?: unknown } | null)?.clientId;
    const clientId = typeof raw === 'string' ? raw : null;
    try {
      checkEntry(entry); // the body was read with its marks unchecked: each is refused on its own
      const mark = await prepareMark(ctx, actor, contestId, entry);
      pending.push(ctx.writer.submit(mark).then((r) => resultOf(clientId, () => outcomeOf(r))));
    } catch (err) {
      try {
        pending.push(Promise.resolve(resultOf(clientId, () => { throw err; })));
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

function resultOf(clientId: string | null, outcome: () => MarkOutcome): BatchResult {
  try {
    const out = outcome();
    return { clientId, status: out.status, mark: out.body.mark, seq: out.body.seq };
  } catch (err) {
    if (!(err instanceof DomainError) || err.status >= 500 || err.status === 401) throw err;
    return { clientId, status: err.status, error: err.body().error };
  }
}
