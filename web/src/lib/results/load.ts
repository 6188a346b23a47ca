// Load functions of the public pages. The event and the contest come first (the page's heading,
// sections and notices need them); the board is requested at the same time as the contest and
// handed to the page as a promise, so the page paints with skeleton rows while it arrives.
import { error } from '@sveltejs/kit';
import type { Leaderboard } from '$shared/api.ts';
import { getJson, type ContestDetail, type EventDetail } from '$lib/api.ts';
import { pageError } from '$lib/page-error.ts';

type Fetch = typeof fetch;

export async function loadEvent(fetch: Fetch, eventId: string): Promise<EventDetail> {
  try {
    return await getJson<EventDetail>(`/events/${encodeURIComponent(eventId)}`, { fetch });
  } catch (cause) {
    pageError(cause);
  }
}

export async function loadContest(fetch: Fetch, eventId: string, contestCode: string) {
  const event = await loadEvent(fetch, eventId);
  const summary = event.contests.find((c) => c.code === contestCode);
  if (!summary) error(404, { message: 'unknown contest', code: 'not_found' });
  const id = encodeURIComponent(summary.id);
  const board = getJson<Leaderboard>(`/contests/${id}/leaderboard`, { fetch });
  board.catch(() => {}); // the page shows the refusal; not an unhandled rejection
  try {
    const contest = await getJson<ContestDetail>(`/contests/${id}`, { fetch });
    return { event, contest, board };
  } catch (cause) {
    pageError(cause);
  }
}
