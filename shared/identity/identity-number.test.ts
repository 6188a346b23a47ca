import { describe, expect, it } from 'vitest';
import {
  identityCheckCharacter,
  isIdentityNumber,
  maskIdentityNumber,
  maskIdentityNumbersDeep,
  maskIdentityNumbersIn,
} from './identity-number.ts';

// GB 11643's own example, and one whose check character is X.
const VALID = '11010519491231002X';
const VALID_DIGIT = '110105194912310029'.slice(0, 17) + identityCheckCharacter('11010519491231002');

describe('identity numbers', () => {
  it('checks the ISO 7064 MOD 11-2 character', () => {
    expect(identityCheckCharacter('11010519491231002')).toBe('X');
    expect(isIdentityNumber(VALID)).toBe(true);
    expect(isIdentityNumber(VALID.toLowerCase())).toBe(true);
    expect(isIdentityNumber('110105194912310021')).toBe(false); // wrong check character
    expect(isIdentityNumber('11010519491231002')).toBe(false); // 17 characters
    expect(isIdentityNumber('1101051949123100XX')).toBe(false);
  });

  it('masks to the first 3 and last 4 characters, 18 in all', () => {
    const masked = maskIdentityNumber(VALID);
    expect(masked).toBe('110***********002X');
    expect(masked).toHaveLength(18);
    expect(maskIdentityNumber('short')).toBe('*'.repeat(18));
  });

  it('masks numbers written into text, and nothing that merely looks long', () => {
    const line = `contestant C001 idNumber=${VALID} order 1234567890123456789012 phone 13800138000`;
    const out = maskIdentityNumbersIn(line);
    expect(out).not.toContain(VALID);
    expect(out).toContain('110***********002X');
    expect(out).toContain('1234567890123456789012');
    expect(maskIdentityNumbersIn('110105194912310021')).toBe('110105194912310021'); // not a valid number
  });

  it('masks every string of a JSON value, deep', () => {
    const data = { rows: [{ bib: 'C001', idNumber: VALID_DIGIT }], note: `from ${VALID}`, n: 3, ok: true, none: null };
    const out = maskIdentityNumbersDeep(data);
    expect(JSON.stringify(out)).not.toContain(VALID_DIGIT);
    expect(JSON.stringify(out)).not.toContain(VALID);
    expect(out.rows[0]!.bib).toBe('C001');
    expect(out.n).toBe(3);
    expect(out.none).toBeNull();
  });
});
