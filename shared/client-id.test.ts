import { afterEach, describe, expect, it, vi } from 'vitest';
import { newClientId } from './client-id.ts';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newClientId', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes version 4 UUIDs', () => {
    expect(newClientId()).toMatch(V4);
  });

  it('makes them without randomUUID too (plain http on a venue network is not a secure context)', () => {
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    const ids = new Set(Array.from({ length: 50 }, () => newClientId()));
    expect([...ids].every((id) => V4.test(id))).toBe(true);
    expect(ids.size).toBe(50);
  });
});
