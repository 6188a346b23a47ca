import type { TeamsResponse } from '$shared/api.ts';
import { getJson } from '$lib/api.ts';
import { loadEvent } from '$lib/results/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  // The team ranking is secondary: the page paints with the contests and fills it in when it comes.
  const teams = getJson<TeamsResponse>(`/events/${encodeURIComponent(params.eventId)}/teams`, { fetch }).catch(
    () => null,
  );
  return { event: await loadEvent(fetch, params.eventId), teams };
};
