import { describe, expect, it } from 'vitest';
import { pairingLink, readPairing } from './pairing.ts';

describe('pairing links', () => {
  it('round-trips event, judge and PIN through the fragment', () => {
    const link = pairingLink('http://10.0.0.2:3000/', { event: 'e123', judge: 'c-j1', pin: '048213' });
    expect(link).toBe('http://10.0.0.2:3000/judge#pair&event=e123&judge=c-j1&pin=048213');
    expect(readPairing(new URL(link).hash)).toEqual({ event: 'e123', judge: 'c-j1', pin: '048213' });
  });

  it('ignores other fragments and incomplete pairings', () => {
    expect(readPairing('')).toBeNull();
    expect(readPairing('#top')).toBeNull();
    expect(readPairing('#pair&event=e1&judge=j1')).toBeNull();
  });
});
