// The installation's public address: the base of every address printed in QR codes, on judge cards
// and on certificates (CONTRACT §1 PUBLIC_URL). Shared by the server (which works it out) and the
// web app (which shows it and lets the organiser choose it).
import { z } from 'zod';

/**
 * Where the address came from, strongest first: PUBLIC_URL, the organiser's choice, the address
 * this request (or page) was opened from, the machine's best network address, or loopback only.
 */
export const SITE_SOURCES = ['env', 'chosen', 'request', 'detected', 'loopback'] as const;
export type SiteSource = (typeof SITE_SOURCES)[number];

/** One address of this machine that the organiser may choose: the network interface and its URL. */
export interface SiteCandidate {
  name: string;
  url: string;
}

/** GET /api/v1/site: what anyone gets. */
export interface SiteInfo {
  publicUrl: string;
  source: SiteSource;
  /** Only this computer can open the address (phones and tablets cannot). */
  loopback: boolean;
  version: string;
}

/** GET /api/v1/site as an organiser: also the addresses to choose from and the current choice. */
export interface OrganiserSiteInfo extends SiteInfo {
  candidates: SiteCandidate[];
  /** The organiser's choice, kept in the database; null when none. */
  chosen: string | null;
  /** False while PUBLIC_URL is set: the environment decides, the console only shows it. */
  editable: boolean;
}

/** The address names only this machine: localhost, 127.0.0.0/8, ::1 (or the unspecified address). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '::' || h === '0.0.0.0') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return /^127(\.\d{1,3}){3}$/.test(v4);
}

export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

const MAX_URL = 200;

/**
 * An address the organiser may choose: http or https, a host, an optional port, nothing else (the
 * app is served from the root of its host). Returns the origin, or a reason in English.
 */
export function parsePublicOrigin(raw: string): { ok: true; origin: string } | { ok: false; message: string } {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'must be an address such as http://192.168.1.20:3000' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'must start with http:// or https://' };
  }
  if (url.username || url.password) return { ok: false, message: 'must not carry a user name or password' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return { ok: false, message: 'must be the address of the server alone, without a path' };
  }
  return { ok: true, origin: url.origin };
}

/** PUT /api/v1/site/public-url: `url` comes out as the origin. */
export const publicUrlBody = z.strictObject({
  url: z
    .string()
    .max(MAX_URL)
    .transform((raw, ctx) => {
      const parsed = parsePublicOrigin(raw);
      if (parsed.ok) return parsed.origin;
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }),
});
