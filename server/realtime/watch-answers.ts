// The board a `watch` is answered with, made and encoded once per contest, audience and version of
// the cached board, and shared by every socket that asks meanwhile (see shared-encoding.ts).
import { boardFor, type Audience, type CachedContest } from '../domain/boards/boards.ts';
import type { Leaderboard } from '../../shared/api.ts';
import { PreEncoded } from './shared-encoding.ts';

interface Answer {
  version: string;
  board: PreEncoded<Leaderboard>;
}

export class WatchAnswers {
  // Keyed by the cache entry: one forgotten (its definition changed) takes its answers with it.
  private readonly answers = new WeakMap<CachedContest, Map<Audience, Answer>>();

  of(c: CachedContest, audience: Audience): PreEncoded<Leaderboard> {
    // An entry changes in place only through these (marks and flag decisions raise seq); a refresh
    // sets frozenSeq before it has rebuilt the frozen rows, so the rows' own seq counts too.
    const version = `${c.seq}:${c.state}:${c.frozenSeq}:${c.frozen?.seq}`;
    let byAudience = this.answers.get(c);
    if (!byAudience) this.answers.set(c, (byAudience = new Map()));
    const held = byAudience.get(audience);
    if (held?.version === version) return held.board;
    const board = new PreEncoded(boardFor(c, audience));
    byAudience.set(audience, { version, board });
    return board;
  }
}
