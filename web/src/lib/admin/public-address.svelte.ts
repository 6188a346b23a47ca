// The installation's public address as the console shows it (GET /api/v1/site as an organiser):
// the warning while it is loopback, the choice of this machine's addresses, and the certify and
// print steps that confirm it. One instance for the console, read again after every change.
import type { OrganiserSiteInfo } from '$shared/site.ts';
import { getJson, failureOf, sendJson, type Failure } from '$lib/api.ts';
import { forgetPublicSite } from '$lib/site.ts';

class PublicAddress {
  info = $state.raw<OrganiserSiteInfo | null>(null);
  error = $state.raw<Failure | null>(null);
  busy = $state(false);

  /** Nobody decided it (PUBLIC_URL or the organiser's choice): printing it needs a confirmation. */
  get unconfirmed(): boolean {
    return this.info !== null && this.info.source !== 'env' && this.info.source !== 'chosen';
  }

  async load(): Promise<void> {
    try {
      this.info = await getJson<OrganiserSiteInfo>('/site');
      this.error = null;
    } catch (cause) {
      this.error = failureOf(cause);
    }
  }

  /** Keeps `url` as the public address (null: back to the detected one); false when refused (see `error`). */
  async choose(url: string | null): Promise<boolean> {
    this.busy = true;
    try {
      this.info =
        url === null
          ? await sendJson<OrganiserSiteInfo>('DELETE', '/site/public-url', {})
          : await sendJson<OrganiserSiteInfo>('PUT', '/site/public-url', { url });
      this.error = null;
      forgetPublicSite();
      return true;
    } catch (cause) {
      this.error = failureOf(cause);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

export const publicAddress = new PublicAddress();
