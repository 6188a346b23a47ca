// Hostile values for fuzzing: strings no database can hold, unicode tricks, prototype keys,
// numbers JSON can spell but JavaScript turns odd, huge and deeply nested values.
import fc from 'fast-check';

/** Strings that have broken servers: NUL, lone surrogates, RTL and zero-width marks, control characters. */
export const NASTY_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '\udc00',
  'x\ud83d',
  '\u202e\u2066abc',
  '\u200b\ufeff',
  '\u0001\u001b[31m\u007f',
  '裁判👩‍🔧',
  '𠜎𠜱',
  '\r\n\t',
  '=HYPERLINK("http://evil")',
  "'; drop table events; --",
  '../../etc/passwd',
  '%00',
  '${7*7}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'C001',
  'exam',
  'packing',
  'x'.repeat(70_000),
];

export const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 32 }),
);

/** JSON texts of numbers that are legal JSON but odd in JavaScript: -0, 1e309 (Infinity), tiny, huge. */
export const ODD_NUMBERS = [
  '-0',
  '1e309',
  '-1e309',
  '1e-400',
  '123456789012345678901234567890',
  '0.1e1',
  '1E2',
  '-0.0',
  '9007199254740993',
];

/** A JSON text: random values with hostile strings, prototype keys and odd numbers spliced in. */
export function jsonText(keys: string[]): fc.Arbitrary<string> {
  const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyString, fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 53));
  const key = fc.constantFrom(...keys, '__proto__', 'constructor', 'prototype', 'extra', '\u0000', '\ud800');
  const obj = fc.dictionary(
    key,
    fc.oneof(leaf, fc.array(leaf, { maxLength: 4 }), fc.dictionary(key, leaf, { maxKeys: 3 })),
    { maxKeys: 6 },
  );
  const oddNumber = fc
    .tuple(fc.constantFrom(...keys, 'x'), fc.constantFrom(...ODD_NUMBERS))
    .map(([k, n]) => `{${JSON.stringify(k)}: ${n}}`);
  const protoText = fc.constantFrom(
    '{"__proto__": {"role": "organiser"}}',
    '{"constructor": {"prototype": {"admin": true}}}',
    '{"__proto__": null}',
    '{"a": 1, "a": 2}',
    '{"\\u0000": 1}',
    '"\\ud800"',
    '[' + '{"__proto__":1},'.repeat(1000) + '1]',
  );
  const deep = fc
    .integer({ min: 1_000, max: 60_000 })
    .chain((n) => fc.constantFrom('['.repeat(n) + ']'.repeat(n), '{"a":'.repeat(n) + '1' + '}'.repeat(n)));
  const big = fc
    .integer({ min: 10_000, max: 200_000 })
    .map((n) => JSON.stringify({ [keys[0] ?? 'a']: Array.from({ length: n / 10 }, () => 1) }));
  return fc.oneof(
    { weight: 6, arbitrary: obj.map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: oddNumber },
    { weight: 1, arbitrary: protoText },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: big },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
}

/** A path segment as sent on the wire (already percent-encoded or deliberately malformed). */
export const pathSegment = fc.oneof(
  fc.constantFrom(
    '%00',
    'a%00b',
    '..',
    '%2e%2e',
    '..%2F..%2Fetc',
    '%2F',
    '%',
    '%zz',
    '%ED%A0%80',
    '%FF%FE',
    '%E2%80%AE',
    '%F0%9F%91%8D',
    'x'.repeat(5000),
    '%20',
    '-',
    '_',
    'null',
    'undefined',
    '0',
    '-1',
    '1e309',
    'NaN',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(s)),
);

/** A query string (without the "?"), random keys and values, some malformed. */
export const queryString = fc.oneof(
  fc
    .dictionary(
      fc.constantFrom('after', 'limit', 'lang', 'kind', 'contest', 'q', 'x', '__proto__'),
      fc.oneof(nastyString, fc.integer().map(String)),
      { maxKeys: 4 },
    )
    .map((d) =>
      Object.entries(d)
        .map(([k, v]) => `${k}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '\ufffd'))}`)
        .join('&'),
    ),
  fc.constantFrom(
    'after=-1',
    'after=1e400',
    'limit=%00',
    'lang=%ED%A0%80',
    'a=%',
    '&&&',
    '=',
    'lang=en&lang=zh-CN',
    'x'.repeat(8000),
  ),
);
