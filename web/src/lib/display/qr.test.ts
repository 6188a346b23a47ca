import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { qrPath } from './qr.ts';

describe('qrPath', () => {
  it('draws exactly the dark modules of the code', () => {
    const text = 'http://192.168.1.20:3000/results/eaquepjuxaa6q/courier';
    const { size, d } = qrPath(text);
    const { data } = encode(text, { ecc: 'M', border: 0 });
    expect(size).toBe(data.length);
    let dark = 0;
    for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)/g)) dark += Number(m[3]);
    expect(dark).toBe(data.flat().filter(Boolean).length);
  });
});
