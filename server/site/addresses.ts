// The public address printed in QR codes, on judge cards and on certificates, and where it comes
// from, strongest first: PUBLIC_URL; the organiser's choice (kept in the database, so it survives a
// restart and every process of a deployment agrees); the address a request came to, when that is
// not loopback; this machine's best network address; loopback, flagged as such.
import { networkInterfaces } from 'node:os';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { settings } from '../../db/schema/index.ts';
import { isLoopbackUrl, type SiteCandidate, type SiteSource } from '../../shared/site.ts';
import { refuse } from '../errors.ts';
import { rankAddresses, urlOf, type InterfaceList } from './interfaces.ts';

const CHOSEN = 'public_url';

export interface SiteOptions {
  /** PUBLIC_URL, when set. */
  envUrl?: string;
  /** The port the server listens on (known once it listens). */
  port: () => number;
  /** HOST: a server bound to one address is reachable there alone. */
  bindHost?: string;
  /** The machine's network interfaces, read each time (laptops change networks); tests pass a list. */
  interfaces?: () => InterfaceList;
}

export interface ResolvedAddress {
  publicUrl: string;
  source: SiteSource;
  loopback: boolean;
}

export class SiteAddresses {
  constructor(
    private readonly db: Db,
    private readonly opts: SiteOptions,
  ) {}

  get editable(): boolean {
    return !this.opts.envUrl;
  }

  /** This machine's addresses that phones may reach, best first. */
  candidates(): SiteCandidate[] {
    let list: InterfaceList = {};
    try {
      list = (this.opts.interfaces ?? networkInterfaces)();
    } catch {
      // Some sandboxes refuse to list interfaces: then only loopback is known.
    }
    return rankAddresses(list, this.opts.port(), this.opts.bindHost);
  }

  async chosen(): Promise<string | null> {
    const [row] = await this.db.select({ value: settings.value }).from(settings).where(eq(settings.key, CHOSEN));
    return row?.value ?? null;
  }

  /** The address for a caller that reached this server at `requestOrigin` (omitted: for no request in particular). */
  async resolve(requestOrigin?: string): Promise<ResolvedAddress> {
    const found = await this.find(requestOrigin);
    return { ...found, loopback: isLoopbackUrl(found.publicUrl) };
  }

  /**
   * The address to print on certificates: refused while it is loopback and nobody chose it, so no
   * certificate silently carries an address phones cannot open.
   */
  async forPrinting(requestOrigin?: string): Promise<string> {
    const found = await this.resolve(requestOrigin);
    if (found.source === 'loopback') {
      const message =
        `certificates would carry ${found.publicUrl}, which only this computer can open: ` +
        'choose the public address in the organiser console (or set PUBLIC_URL) first';
      throw refuse('public_url_unconfirmed', message);
    }
    return found.publicUrl;
  }

  /** Keeps the organiser's choice (an origin, already validated), or forgets it (null). */
  async choose(url: string | null, by: string): Promise<void> {
    if (!this.editable) {
      throw refuse('public_url_fixed', "PUBLIC_URL is set in the server's environment: change it there");
    }
    if (url === null) {
      await this.db.delete(settings).where(eq(settings.key, CHOSEN));
      return;
    }
    const at = new Date();
    await this.db
      .insert(settings)
      .values({ key: CHOSEN, value: url, updatedBy: by, updatedAt: at })
      .onConflictDoUpdate({ target: settings.key, set: { value: url, updatedBy: by, updatedAt: at } });
  }

  private async find(requestOrigin?: string): Promise<Omit<ResolvedAddress, 'loopback'>> {
    if (this.opts.envUrl) return { publicUrl: this.opts.envUrl, source: 'env' };
    const chosen = await this.chosen();
    if (chosen) return { publicUrl: chosen, source: 'chosen' };
    if (requestOrigin && !isLoopbackUrl(requestOrigin)) return { publicUrl: requestOrigin, source: 'request' };
    const best = this.candidates()[0];
    if (best) return { publicUrl: best.url, source: 'detected' };
    return { publicUrl: requestOrigin ?? this.loopbackUrl(), source: 'loopback' };
  }

  private loopbackUrl(): string {
    const host = this.opts.bindHost;
    const port = this.opts.port();
    return host && host !== '0.0.0.0' && host !== '::' ? urlOf(host, port) : `http://localhost:${port}`;
  }
}
