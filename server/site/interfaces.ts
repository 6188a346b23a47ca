// Which of this machine's addresses phones and tablets on the venue network can reach, best first.
// Pure: it ranks what os.networkInterfaces() returns, so it can be tested with any machine's list.
import type { NetworkInterfaceInfo } from 'node:os';
import type { SiteCandidate } from '../../shared/site.ts';

export type InterfaceList = NodeJS.Dict<NetworkInterfaceInfo[]>;

// Wi-Fi and Ethernet as Linux, macOS and Windows name them (Windows in English and Chinese).
const PHYSICAL = /^(en|eth|wl|wlan|wifi|wi-fi|ethernet|以太网|无线网络|本地连接)/i;
// Container, virtual-machine and VPN networks: reachable from this machine, not from a phone in the hall.
const VIRTUAL = new RegExp(
  '^(docker|br-|veth|virbr|cni|flannel|cali|vxlan|weave|podman|lxc|lxd|tun|tap|zt|tailscale|utun|wg|ham|' +
    'vmnet|vboxnet|bridge|awdl|llw|anpi|gif|stf|vethernet|vmware|virtualbox|hyper-v)',
  'i',
);

/** 0 Wi-Fi/Ethernet, 1 unknown, 2 container/VM/VPN. */
function kindRank(name: string): number {
  if (VIRTUAL.test(name)) return 2;
  return PHYSICAL.test(name) ? 0 : 1;
}

/** 0 private ranges a venue router hands out, 1 other (public) addresses, 2 carrier/VPN range, 3 link-local. */
function rangeRank(address: string): number {
  const [a = 0, b = 0] = address.split('.').map(Number);
  if (a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31)) return 0;
  if (a === 169 && b === 254) return 3;
  if (a === 100 && b >= 64 && b <= 127) return 2;
  return 1;
}

const isWildcard = (host: string | undefined) => !host || host === '0.0.0.0' || host === '::';
const isLoopbackV4 = (address: string) => address.startsWith('127.');

export function urlOf(address: string, port: number): string {
  return new URL(`http://${address.includes(':') ? `[${address}]` : address}:${port}`).origin;
}

/**
 * The non-loopback IPv4 addresses, best first: Wi-Fi/Ethernet before container and VPN bridges,
 * private venue ranges before others, link-local last; equals keep the system's order. A server
 * bound to one address (HOST) is reachable on that address alone.
 */
export function rankAddresses(list: InterfaceList, port: number, bindHost?: string): SiteCandidate[] {
  const found: { name: string; address: string; kind: number; range: number; order: number }[] = [];
  for (const [name, infos] of Object.entries(list)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal || isLoopbackV4(info.address)) continue;
      if (!isWildcard(bindHost) && info.address !== bindHost) continue;
      const ranked = { kind: kindRank(name), range: rangeRank(info.address), order: found.length };
      found.push({ name, address: info.address, ...ranked });
    }
  }
  const linkLocal = (f: { range: number }) => Number(f.range === 3);
  found.sort((x, y) => linkLocal(x) - linkLocal(y) || x.kind - y.kind || x.range - y.range || x.order - y.order);
  const seen = new Set<string>();
  return found
    .filter((f) => !seen.has(f.address) && seen.add(f.address))
    .map((f) => ({ name: f.name, url: urlOf(f.address, port) }));
}
