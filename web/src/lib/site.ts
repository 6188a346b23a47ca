// The installation's public base address (PUBLIC_URL, CONTRACT §1) for addresses printed in QR
// codes: a screen PC may open the app as http://localhost:3000 while phones need the venue address.
import { getJson } from '$lib/api.ts';

let known: Promise<string> | null = null;

/** PUBLIC_URL from GET /api/v1/site, else this page's origin (asked once; a failure is asked again later). */
export function publicBaseUrl(): Promise<string> {
  const origin = typeof location === 'undefined' ? '' : location.origin;
  known ??= getJson<{ publicUrl: string }>('/site')
    .then((site) => (site.publicUrl || origin).replace(/\/+$/, ''))
    .catch(() => {
      known = null;
      return origin;
    });
  return known;
}
