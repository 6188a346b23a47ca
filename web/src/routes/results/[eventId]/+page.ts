import type { TeamsResponse } from '$shared/api.ts';
import { getJson, type EventDetail } from '$lib/api.ts';
import { pageError } from '$lib/page-error.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const id = encodeURIComponent(params.eventId);
  // The team ranking is secondary: the page still shows the contests without it.
  const teams = getJson<TeamsResponse>(`/events/${id}/teams`, { fetch }).catch(() => null);
  try {
    return { event: await getJson<EventDetail>(`/events/${id}`, { fetch }), teams: await teams };
  } catch (cause) {
    pageError(cause);
  }
};
