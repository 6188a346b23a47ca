// The installation's public address (PUBLIC_URL, CONTRACT §1) for addresses printed in QR codes: a
// screen PC may open the app as http://localhost:3000 while phones need the venue address.
import { getJson } from '$lib/api.ts';
import { isLoopbackUrl, type SiteInfo, type SiteSource } from '$shared/site.ts';

export interface PublicSite {
  url: string;
  source: SiteSource;
  /** Only this computer can open `url`: nothing should be printed with it unnoticed. */
  loopback: boolean;
}

let known: Promise<PublicSite> | null = null;

/**
 * The server's answer (GET /api/v1/site), except that a page opened at an address phones can reach
 * keeps it over one the server only detected; asked once (a failure is asked again later).
 */
export function publicSite(): Promise<PublicSite> {
  const origin = typeof location === 'undefined' ? '' : location.origin;
  known ??= getJson<SiteInfo>('/site')
    .then((site) => pick(site, origin))
    .catch(() => {
      known = null;
      return { url: origin, source: 'request' as const, loopback: isLoopbackUrl(origin) };
    });
  return known;
}

export function pick(site: Pick<SiteInfo, 'publicUrl' | 'source' | 'loopback'>, origin: string): PublicSite {
  const fromServer = { url: site.publicUrl.replace(/\/+$/, ''), source: site.source, loopback: site.loopback };
  const weak = site.source === 'detected' || site.source === 'loopback';
  if (weak && origin && !isLoopbackUrl(origin)) return { url: origin, source: 'request', loopback: false };
  return fromServer;
}

export const publicBaseUrl = (): Promise<string> => publicSite().then((s) => s.url);

/** After the organiser changed the address: the next question gets the new one. */
export function forgetPublicSite(): void {
  known = null;
}
