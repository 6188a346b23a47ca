// The phone's follows as reactive state, mirrored to localStorage (follows.ts) and kept in step
// with the site's other tabs through the storage event.
import { followedBibs, followsOfEvent, parseFollows, STORAGE_KEY, toggleFollow, type FollowRecord } from './follows.ts';

function load(): FollowRecord {
  try {
    return parseFollows(localStorage.getItem(STORAGE_KEY));
  } catch {
    return {}; // storage blocked (private mode, policy): follows last as long as the page
  }
}

class Follows {
  #record = $state.raw<FollowRecord>(typeof localStorage === 'undefined' ? {} : load());

  constructor() {
    if (typeof window === 'undefined') return;
    window.addEventListener('storage', (e) => {
      if (e.key === STORAGE_KEY || e.key === null) this.#record = load();
    });
  }

  bibs(event: string, contest: string): ReadonlySet<string> {
    return new Set(followedBibs(this.#record, event, contest));
  }

  has(event: string, contest: string, bib: string): boolean {
    return followedBibs(this.#record, event, contest).includes(bib);
  }

  ofEvent(event: string): { contest: string; bib: string }[] {
    return followsOfEvent(this.#record, event);
  }

  toggle(event: string, contest: string, bib: string): void {
    this.#record = toggleFollow(this.#record, event, contest, bib);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(this.#record));
    } catch {
      // not stored (quota, policy): the follow holds for this page
    }
  }
}

/** One per page load: the phone's follows are the same on every public page. */
export const follows = new Follows();
