// The ranking of this machine's addresses, over interface lists as Linux, macOS and Windows laptops
// report them (os.networkInterfaces()).
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { rankAddresses, urlOf, type InterfaceList } from './interfaces.ts';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '02:00:00:00:00:01',
  internal,
  cidr: `${address}/24`,
});
const v6 = (address: string): NetworkInterfaceInfo => ({
  address,
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '02:00:00:00:00:01',
  internal: false,
  cidr: `${address}/64`,
  scopeid: 0,
});
const lo: InterfaceList = { lo: [v4('127.0.0.1', true), { ...v6('::1'), internal: true }] };
const names = (list: InterfaceList, host?: string) => rankAddresses(list, 3000, host).map((c) => c.name);

describe("ranking the machine's addresses", () => {
  it('is empty with loopback alone, and never lists IPv6 or internal addresses', () => {
    expect(rankAddresses(lo, 3000)).toEqual([]);
    expect(rankAddresses({ ...lo, eth0: [v6('fe80::1'), v6('2001:db8::5')] }, 3000)).toEqual([]);
    expect(rankAddresses({}, 3000)).toEqual([]);
  });

  it('gives the URL with the port', () => {
    expect(rankAddresses({ ...lo, wlp2s0: [v4('192.168.1.23')] }, 3000)).toEqual([
      { name: 'wlp2s0', url: 'http://192.168.1.23:3000' },
    ]);
    expect(urlOf('10.0.0.5', 80)).toBe('http://10.0.0.5');
    expect(urlOf('fd00::5', 3000)).toBe('http://[fd00::5]:3000');
  });

  it('puts Wi-Fi and Ethernet before a Docker bridge listed first (Linux laptop)', () => {
    const list: InterfaceList = {
      ...lo,
      docker0: [v4('172.17.0.1')],
      'br-5f2a9c': [v4('172.18.0.1')],
      veth12ab: [v4('172.19.0.1')],
      wlp3s0: [v4('192.168.31.120'), v6('fe80::aa')],
      enp0s31f6: [v4('10.20.1.15')],
    };
    expect(names(list)).toEqual(['wlp3s0', 'enp0s31f6', 'docker0', 'br-5f2a9c', 'veth12ab']);
  });

  it('puts en0 before VPN tunnels and internet sharing (macOS)', () => {
    const list: InterfaceList = {
      lo0: [v4('127.0.0.1', true)],
      utun3: [v4('10.8.0.2')],
      bridge100: [v4('192.168.2.1')],
      en0: [v4('192.168.0.105')],
    };
    expect(names(list)[0]).toBe('en0');
  });

  it('puts the Wi-Fi adapter before Hyper-V, VMware and VirtualBox (Windows, English and Chinese)', () => {
    const list: InterfaceList = {
      'vEthernet (WSL)': [v4('172.30.64.1')],
      'VMware Network Adapter VMnet8': [v4('192.168.153.1')],
      'VirtualBox Host-Only Network': [v4('192.168.56.1')],
      WLAN: [v4('192.168.43.7')],
    };
    expect(names(list)[0]).toBe('WLAN');
    expect(names({ 'vEthernet (Default Switch)': [v4('172.25.0.1')], 以太网: [v4('10.1.1.9')] })[0]).toBe('以太网');
  });

  it('puts VPN meshes (Tailscale, ZeroTier, WireGuard) after the venue network', () => {
    const list: InterfaceList = {
      tailscale0: [v4('100.101.1.2')],
      zt7nnig26: [v4('10.147.17.3')],
      wg0: [v4('10.6.0.2')],
      eth0: [v4('192.168.8.20')],
    };
    expect(names(list)).toEqual(['eth0', 'zt7nnig26', 'wg0', 'tailscale0']);
  });

  it('prefers private venue ranges to other addresses on the same kind of interface, and link-local last', () => {
    const list: InterfaceList = { eth1: [v4('169.254.10.3')], eth0: [v4('203.0.113.9')], wlan0: [v4('192.168.1.40')] };
    expect(names(list)).toEqual(['wlan0', 'eth0', 'eth1']);
    // A server's only public interface still beats a Docker bridge in a private range.
    expect(names({ docker0: [v4('172.17.0.1')], eth0: [v4('203.0.113.9')] })).toEqual(['eth0', 'docker0']);
  });

  it("keeps the system's order between equals, and an unknown name between physical and virtual", () => {
    expect(names({ wlan0: [v4('192.168.1.2')], eth0: [v4('192.168.1.3')] })).toEqual(['wlan0', 'eth0']);
    expect(names({ docker0: [v4('172.17.0.1')], usb0: [v4('192.168.42.5')], eth0: [v4('10.0.0.2')] })).toEqual([
      'eth0',
      'usb0',
      'docker0',
    ]);
  });

  it('lists an address once even when two interfaces report it', () => {
    expect(rankAddresses({ eth0: [v4('192.168.1.2')], 'eth0:1': [v4('192.168.1.2')] }, 3000)).toHaveLength(1);
  });

  it('lists only the bound address when HOST names one, and nothing when HOST is loopback', () => {
    const list: InterfaceList = { ...lo, wlan0: [v4('192.168.1.40')], eth0: [v4('10.0.0.8')] };
    expect(names(list, '10.0.0.8')).toEqual(['eth0']);
    expect(names(list, '0.0.0.0')).toEqual(['wlan0', 'eth0']);
    expect(names(list, '::')).toEqual(['wlan0', 'eth0']);
    expect(names(list, '127.0.0.1')).toEqual([]);
  });
});
