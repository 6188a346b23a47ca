// A board screen on one server process of a cluster, following CONTRACT §8 with the product's
// board follower (live-screen.ts): the organiser board with a token, the public one without.
import { TestScreen } from '../live-screen.ts';

export class BoardWatcher extends TestScreen {
  constructor(
    readonly base: string,
    contest: string,
    readonly token?: string,
  ) {
    super({ url: base, contest, token });
  }
}
