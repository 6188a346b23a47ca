import { loadContest } from '$lib/results/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, params }) => loadContest(fetch, params.eventId, params.contestCode);
