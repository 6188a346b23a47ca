import { error } from '@sveltejs/kit';
import { getJson, type ContestDetail, type EventDetail } from '$lib/api.ts';
import { pageError } from '$lib/page-error.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  let event: EventDetail;
  try {
    event = await getJson<EventDetail>(`/events/${encodeURIComponent(params.eventId)}`, { fetch });
  } catch (cause) {
    pageError(cause);
  }
  const summary = event.contests.find((c) => c.code === params.contestCode);
  if (!summary) error(404, { message: 'unknown contest', code: 'not_found' });
  try {
    const contest = await getJson<ContestDetail>(`/contests/${encodeURIComponent(summary.id)}`, { fetch });
    return { event, contest };
  } catch (cause) {
    pageError(cause);
  }
};
