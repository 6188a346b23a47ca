// A batch of marks (CONTRACT §6): each entry judged alone, in order, as if sent one by one.
import { batchBody, type BatchResult } from '../../shared/api.ts';
import { DomainError, fromZod, notFound, unauthorized } from '../errors.ts';
import type { Actor } from './auth.ts';
import type { DomainCtx } from './context.ts';
import { submitMark } from './marks.ts';

export async function submitBatch(ctx: DomainCtx, actor: Actor, contestId: string, input: unknown): Promise<BatchResult[]> {
  if (actor.role === 'anonymous') throw unauthorized();
  const parsed = batchBody.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  // The address itself is wrong, not any one mark: answer for the whole batch.
  if (!(await ctx.boards.get(contestId))) throw notFound('unknown contest');
  const results: BatchResult[] = [];
  for (const entry of parsed.data.marks) {
    const raw = (entry as { clientId?: unknown } | null)?.clientId;
    const clientId = typeof raw === 'string' ? raw : null;
    try {
      const out = await submitMark(ctx, actor, contestId, entry);
      results.push({ clientId, status: out.status, mark: out.body.mark, seq: out.body.seq });
    } catch (err) {
      if (!(err instanceof DomainError) || err.status >= 500 || err.status === 401) throw err;
      results.push({ clientId, status: err.status, error: err.body().error });
    }
  }
  return results;
}
