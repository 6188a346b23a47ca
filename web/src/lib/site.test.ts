import { describe, expect, it } from 'vitest';
import { pick } from './site.ts';

describe('the public address a page uses', () => {
  const detected = { publicUrl: 'http://192.168.1.20:3000/', source: 'detected' as const, loopback: false };

  it("is the server's detected address for a page opened at localhost", () => {
    expect(pick(detected, 'http://localhost:3000')).toEqual({
      url: 'http://192.168.1.20:3000',
      source: 'detected',
      loopback: false,
    });
  });

  it("is the page's own address when phones can open it and the server only detected one", () => {
    expect(pick(detected, 'http://10.0.0.7:3000')).toEqual({
      url: 'http://10.0.0.7:3000',
      source: 'request',
      loopback: false,
    });
    const loopback = { publicUrl: 'http://127.0.0.1:3000', source: 'loopback' as const, loopback: true };
    expect(pick(loopback, 'http://jiangxin.lan')).toMatchObject({ url: 'http://jiangxin.lan', loopback: false });
    expect(pick(loopback, 'http://127.0.0.1:3000')).toMatchObject({ url: 'http://127.0.0.1:3000', loopback: true });
  });

  it("is PUBLIC_URL or the organiser's choice whatever the page was opened at", () => {
    for (const source of ['env', 'chosen'] as const) {
      expect(
        pick({ publicUrl: 'https://scores.example.org', source, loopback: false }, 'http://10.0.0.7:3000').url,
      ).toBe('https://scores.example.org');
    }
  });
});
