import { describe, expect, it } from 'vitest';
import { isCodeShape, normaliseCode } from '$shared/certification-api.ts';
import { certifierLabel, failedChecks, groupCode, shortDigest } from './verify.ts';

describe('verify helpers', () => {
  it('reads a code however it was typed from paper', () => {
    expect(normaliseCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
    expect(normaliseCode('0ol1i 23456')).toBe('0011123456');
    expect(isCodeShape(normaliseCode('abcde – 12345'))).toBe(true);
    expect(isCodeShape(normaliseCode('ABCDE1234'))).toBe(false);
    expect(isCodeShape('ABCDEFGHJU')).toBe(false); // U is not in Crockford's alphabet
  });

  it('groups the code and shortens the digest', () => {
    expect(groupCode('ABCDE12345')).toBe('ABCDE-12345');
    expect(shortDigest('0123456789abcdef0123456789abcdef')).toBe('0123 4567 89ab cdef');
  });

  it('names the certifier and the failed checks', () => {
    expect(certifierLabel('organiser:admin')).toEqual({ key: 'verify.by.organiser', name: 'admin' });
    expect(certifierLabel('judge:chief')).toEqual({ key: 'verify.by.judge', name: 'chief' });
    expect(
      failedChecks({
        checks: [
          { check: 'current', ok: true },
          { check: 'marks', ok: false },
          { check: 'certificate', ok: false },
        ],
      }),
    ).toEqual(['marks', 'certificate']);
  });
});
