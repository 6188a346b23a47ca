// The pairing link printed as a QR code on a judge's card: it signs a tablet in without typing.
// The credentials travel in the URL fragment (after #), which browsers never send to a server,
// so they appear in no access log or Referer.
export interface Pairing {
  event: string;
  judge: string;
  pin: string;
}

export function pairingLink(baseUrl: string, p: Pairing): string {
  const params = new URLSearchParams({ event: p.event, judge: p.judge, pin: p.pin });
  return `${baseUrl.replace(/\/+$/, '')}/judge#pair&${params.toString()}`;
}

/** The pairing in a location hash such as "#pair&event=…&judge=…&pin=…", or null. */
export function readPairing(hash: string): Pairing | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h.startsWith('pair&')) return null;
  const params = new URLSearchParams(h.slice(5));
  const event = params.get('event');
  const judge = params.get('judge');
  const pin = params.get('pin');
  if (!event || !judge || !pin) return null;
  return { event, judge, pin };
}
