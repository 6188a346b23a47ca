import { loadVerification } from '$lib/verify/verify.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => loadVerification(fetch, params.code);
