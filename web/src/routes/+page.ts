import type { EventSummary } from '$shared/api.ts';
import { getJson } from '$lib/api.ts';
import { pageError } from '$lib/page-error.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  try {
    return { events: await getJson<EventSummary[]>('/events', { fetch }) };
  } catch (cause) {
    pageError(cause);
  }
};
