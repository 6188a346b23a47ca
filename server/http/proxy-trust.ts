// TRUST_PROXY: which proxies in front of the server (README "Load balancer") may say who the client
// is (X-Forwarded-For) and how it connected (X-Forwarded-Proto). Unset, both headers are ignored and
// the client is the address the connection comes from. Anyone can send these headers: only what a
// trusted proxy appended is believed.
//
// - A number of hops: that many proxies stand in front, each appending the address it saw; the
//   client is the address the outermost one appended (e.g. `1` for one load balancer).
// - A comma-separated list of addresses or ranges (`10.0.0.5, 192.168.1.0/24, ::1`): the proxies'
//   own addresses; the client is the nearest address in the chain that is not one of them.
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export type ProxyTrust = { hops: number } | { proxies: BlockList };

export function parseTrustProxy(raw: string | undefined): ProxyTrust | undefined {
  const text = raw?.trim() ?? '';
  if (text === '' || text === '0' || text.toLowerCase() === 'false') return undefined;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 20) throw new Error(`TRUST_PROXY must be at most 20 hops, got "${raw}"`);
    return { hops };
  }
  const proxies = new BlockList();
  for (const part of text.split(',').map((p) => p.trim())) {
    const [address, bits, extra] = part.split('/');
    const family = isIP(address ?? '');
    const prefix = Number(bits);
    const max = family === 4 ? 32 : 128;
    if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && prefix <= max))) {
      const forms = 'a number of hops or proxy addresses such as 10.0.0.5 or 10.0.0.0/24';
      throw new Error(`TRUST_PROXY must be ${forms}, got "${raw}"`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) proxies.addAddress(address!, type);
    else proxies.addSubnet(address!, prefix, type);
  }
  return { proxies };
}

/** IPv4 peers may show as IPv6-mapped (::ffff:192.0.2.1). */
const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

function isProxy(trust: { proxies: BlockList }, address: string): boolean {
  const a = plain(address);
  const family = isIP(a);
  return family !== 0 && trust.proxies.check(a, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether the connection's peer is a proxy this server trusts (so its X-Forwarded-* headers count). */
export function trustsPeer(trust: ProxyTrust | undefined, peer: string): boolean {
  if (!trust) return false;
  return 'hops' in trust ? trust.hops > 0 : isProxy(trust, peer);
}

/** The client's address: the peer's, or the one trusted proxies put in X-Forwarded-For. */
export function clientOf(trust: ProxyTrust | undefined, peer: string, forwardedFor: string | undefined): string {
  if (!trust || !forwardedFor || !trustsPeer(trust, peer)) return plain(peer);
  // Nearest last: each proxy appends the address it received the request from.
  const chain = [...forwardedFor.split(',').map((a) => plain(a.trim())), plain(peer)];
  let i = chain.length - 1;
  if ('hops' in trust) i = Math.max(0, i - trust.hops);
  else while (i > 0 && isProxy(trust, chain[i]!)) i--;
  // An entry that is no address was not written by a proxy of ours: the nearest address after it.
  while (i < chain.length - 1 && isIP(chain[i]!) === 0) i++;
  return chain[i]!;
}

/** The address the connection comes from (a proxy's, when there is one in front). */
export function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
