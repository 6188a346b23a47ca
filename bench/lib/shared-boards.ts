// Boards held by thousands of viewers in one process, without thousands of copies. Each viewer's
// board follower applies every update with applyBoardUpdate (CONTRACT §8); because that function is
// pure and viewers at the same board receive the same (shared, see shared-packets.ts) update object, the
// result of applying an update to a board is computed once and shared by every viewer that holds
// that board. Boards from watch replies are shared by seq and state: the public board at a seq is
// one board. Nothing here is kept alive by the cache itself (weak maps, a short list of replies).
import { applyBoardUpdate, type BoardUpdate } from '../../shared/realtime.ts';
import type { Leaderboard } from '../../shared/api.ts';

type Applied = Leaderboard | 'resync';

export class SharedBoards {
  private readonly applied = new WeakMap<Leaderboard, WeakMap<BoardUpdate, Applied>>();
  private readonly replies = new Map<string, Leaderboard>();

  apply(board: Leaderboard, update: BoardUpdate): Applied {
    let byUpdate = this.applied.get(board);
    if (!byUpdate) this.applied.set(board, (byUpdate = new WeakMap()));
    let next = byUpdate.get(update);
    if (next === undefined) byUpdate.set(update, (next = applyBoardUpdate(board, update)));
    return next;
  }

  /** The one board object for a watch reply equal to this one. */
  adopt(reply: Leaderboard): Leaderboard {
    const key = `${reply.seq}/${reply.state}/${reply.frozen ?? false}`;
    const known = this.replies.get(key);
    if (known) return known;
    this.replies.set(key, reply);
    if (this.replies.size > 8) this.replies.delete(this.replies.keys().next().value!);
    return reply;
  }
}
