import { loadContest } from '$lib/results/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
  ...(await loadContest(fetch, params.eventId, params.contestCode)),
  bib: params.bib,
});
