import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPath, parseEventFile, stripPins } from './parse.ts';
import { EXAMPLES, CONTRACT_EXAMPLE, example, type Json } from './test-fixtures.ts';

/** Where and what in English (codes and params: codes.test.ts). */
function issuesOf(input: unknown) {
  const r = parseEventFile(input);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.issues.map(({ path, message }) => ({ path, message }));
}

describe('formatPath', () => {
  it('joins names with dots and indexes with brackets', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['format'])).toBe('format');
    expect(formatPath(['contests', 0, 'sections', 1, 'criteria', 2, 'max'])).toBe(
      'contests[0].sections[1].criteria[2].max',
    );
    expect(formatPath([3])).toBe('[3]');
  });

  it('quotes names that are not identifiers', () => {
    expect(formatPath(['contests', 0, 'odd key'])).toBe('contests[0]["odd key"]');
    expect(formatPath(['a"b'])).toBe('["a\\"b"]');
    expect(formatPath(['0'])).toBe('["0"]');
  });
});

describe('parseEventFile', () => {
  it.each(EXAMPLES)('accepts %s', (name) => {
    const r = parseEventFile(example(name));
    expect(r).toMatchObject({ ok: true, warnings: [] });
    if (r.ok) expect(r.file).toEqual(example(name));
  });

  it('accepts the CONTRACT §4 example', () => {
    expect(parseEventFile(structuredClone(CONTRACT_EXAMPLE)).ok).toBe(true);
  });

  it.each([
    [null, 'null'],
    [[], 'a list'],
    ['{"format":"jiangxin/event@1"}', 'text'],
    [42, '42'],
    [true, 'true'],
  ])('refuses %j as a whole with one issue', (input, got) => {
    expect(issuesOf(input)).toEqual([{ path: '', message: `the event file must be an object (got ${got})` }]);
  });

  it('refuses undefined and an empty object without throwing', () => {
    expect(issuesOf(undefined)).toEqual([{ path: '', message: 'the event file is required' }]);
    expect(issuesOf({})).toEqual([
      { path: 'format', message: 'is required and must be "jiangxin/event@1"' },
      { path: 'name', message: 'is required' },
      { path: 'organisations', message: 'is required' },
      { path: 'contests', message: 'is required' },
    ]);
  });

  it.each([
    ['', (f: Json) => f],
    ['organisations[1]', (f: Json) => f.organisations[1]],
    ['contests[1]', (f: Json) => f.contests[1]],
    ['contests[0].sections[1]', (f: Json) => f.contests[0].sections[1]],
    ['contests[0].sections[1].criteria[0]', (f: Json) => f.contests[0].sections[1].criteria[0]],
    ['contests[0].sections[1].criteria[0].scale', (f: Json) => f.contests[0].sections[1].criteria[0].scale],
    ['contests[0].sections[1].criteria[3]', (f: Json) => f.contests[0].sections[1].criteria[3]],
    ['contests[0].sections[1].criteria[5]', (f: Json) => f.contests[0].sections[1].criteria[5]],
    ['contests[0].awards[3]', (f: Json) => f.contests[0].awards[3]],
    ['contests[0].contestants[7]', (f: Json) => f.contests[0].contestants[7]],
    ['contests[1].judges[2]', (f: Json) => f.contests[1].judges[2]],
  ])('reports an unknown field at %s', (at, pick) => {
    const f = example();
    pick(f).colour = 'red';
    const path = at === '' ? 'colour' : `${at}.colour`;
    expect(issuesOf(f)).toEqual([{ path, message: 'unknown field "colour"' }]);
  });

  it('reports each unknown key of one object separately', () => {
    const f = example();
    f.contests[0].sections[0].criteria[0].judges = 3; // only judgement criteria have a panel
    f.contests[0].sections[0].criteria[0]['max points'] = 3;
    expect(issuesOf(f)).toEqual([
      { path: 'contests[0].sections[0].criteria[0].judges', message: 'unknown field "judges"' },
      { path: 'contests[0].sections[0].criteria[0]["max points"]', message: 'unknown field "max points"' },
    ]);
  });

  it('maxSpread on a measurement is an unknown field', () => {
    const f = example();
    f.contests[0].sections[0].criteria[0].maxSpread = 2;
    expect(issuesOf(f)).toEqual([
      { path: 'contests[0].sections[0].criteria[0].maxSpread', message: 'unknown field "maxSpread"' },
    ]);
  });

  it('reports wrong types, formats and ranges with the value found', () => {
    const f = example();
    f.format = 'jiangxin/event@2';
    f.contests[0].teamSize = 1.5;
    f.contests[0].blind = 'yes';
    f.contests[0].sections[0].weight = 0;
    f.contests[0].sections[0].criteria[0].kind = 'exam';
    delete f.contests[0].sections[1].criteria[1].kind;
    f.contests[0].sections[1].criteria[0].scale = { type: 'log' };
    f.contests[0].contestants[0].bib = 'W 001';
    delete f.contests[0].contestants[1].name;
    f.contests[0].contestants[2].name = '   ';
    f.contests[0].contestants[3].status = 'gone';
    f.contests[0].judges[0].criteria = 'all';
    f.contests[0].judges[1].pin = '12';
    f.contests[0].awards[0].ratio = 0.1; // as well as count
    expect(issuesOf(f)).toEqual([
      { path: 'format', message: 'must be "jiangxin/event@1" (got "jiangxin/event@2")' },
      { path: 'contests[0].teamSize', message: 'must be a whole number (got 1.5)' },
      { path: 'contests[0].blind', message: 'must be true or false (got text)' },
      { path: 'contests[0].awards[0]', message: 'an award tier needs exactly one of "ratio" or "count"' },
      { path: 'contests[0].sections[0].weight', message: 'must be > 0 (got 0)' },
      {
        path: 'contests[0].sections[0].criteria[0].kind',
        message: 'must be one of "measurement", "judgement", "deduction" (got "exam")',
      },
      {
        path: 'contests[0].sections[1].criteria[0].scale.type',
        message: 'must be one of "direct", "linear", "pass" (got "log")',
      },
      {
        path: 'contests[0].sections[1].criteria[1].kind',
        message: 'is required and must be one of "measurement", "judgement", "deduction"',
      },
      { path: 'contests[0].contestants[0].bib', message: 'must be 1–16 characters of A-Z a-z 0-9 - _ (got "W 001")' },
      { path: 'contests[0].contestants[1].name', message: 'is required' },
      { path: 'contests[0].contestants[2].name', message: 'must not be empty (got "   ")' },
      {
        path: 'contests[0].contestants[3].status',
        message: 'must be one of "active", "withdrawn", "disqualified" (got "gone")',
      },
      { path: 'contests[0].judges[0].criteria', message: 'must be "*" or a list of criterion codes (got "all")' },
      { path: 'contests[0].judges[1].pin', message: 'must be 4–8 digits (got "12")' },
    ]);
  });

  it('rejects non-finite numbers', () => {
    const f = example();
    f.contests[0].sections[0].criteria[0].max = Infinity;
    f.contests[0].sections[1].criteria[0].scale.best = NaN;
    expect(issuesOf(f)).toEqual([
      { path: 'contests[0].sections[0].criteria[0].max', message: 'must be a finite number (got Infinity)' },
      { path: 'contests[0].sections[1].criteria[0].scale.best', message: 'must be a finite number (got NaN)' },
    ]);
  });

  it('reports every rule problem at once', () => {
    const f = example('new-economy-contest.json');
    f.organisations.push({ code: 'sd', name: '顺达' });
    f.contests[0].contestants[1].bib = 'C001';
    f.contests[0].contestants[2].organisation = 'xx';
    f.contests[0].sections[0].weight = 0.4;
    f.contests[0].sections[1].criteria[0].scale.worst = 60;
    f.contests[0].tieBreak.push('raw-asc:packing');
    f.contests[1].judges[0].code = f.contests[0].judges[0].code;
    const issues = issuesOf(f);
    expect(issues.map((i) => i.path).sort()).toEqual(
      [
        'organisations[6].code',
        'contests[0].contestants[1].bib',
        'contests[0].contestants[2].organisation',
        'contests[0].sections',
        'contests[0].sections[1].criteria[0].scale',
        'contests[0].tieBreak[2]',
        'contests[1].judges[0].code',
      ].sort(),
    );
  });

  it('reports shape problems and rule problems in one answer, shapes first', () => {
    const f = example();
    f.contests[0].contestants[1].bib = 'W001'; // a rule problem
    f.contests[0].contestants[2].bib = 'W 003'; // a shape problem
    expect(issuesOf(f).map((i) => i.path)).toEqual([
      'contests[0].contestants[2].bib',
      'contests[0].contestants[1].bib',
    ]);
  });

  it('returns names trimmed', () => {
    const f = example();
    f.name = '  钢丝绳  ';
    const r = parseEventFile(f);
    expect(r.ok && r.file.name).toBe('钢丝绳');
  });
});

describe('stripPins', () => {
  it('removes every pin and leaves the original alone', () => {
    const r = parseEventFile(example());
    if (!r.ok) throw new Error('example refused');
    const stripped = stripPins(r.file);
    expect(stripped.contests.flatMap((c) => c.judges).some((j) => 'pin' in j)).toBe(false);
    expect(r.file.contests[0]?.judges[0]?.pin).toBe('819983');
  });

  it.each(EXAMPLES)('re-parses %s to the original minus pins', (name) => {
    const r = parseEventFile(example(name));
    if (!r.ok) throw new Error('example refused');
    const again = parseEventFile(JSON.parse(JSON.stringify(stripPins(r.file))));
    const expected = example(name);
    for (const contest of expected.contests) for (const judge of contest.judges) delete judge.pin;
    expect(again).toEqual({ ok: true, file: expected, warnings: [] });
  });
});

describe('hostile input never throws', () => {
  function check(input: unknown): void {
    const r = parseEventFile(input);
    if (r.ok) return;
    expect(r.issues.length).toBeGreaterThan(0);
    for (const issue of r.issues) {
      expect(typeof issue.path).toBe('string');
      expect(issue.message.length).toBeGreaterThan(0);
    }
  }

  it('anything at all', () => {
    const anything = fc.anything({
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withBoxedValues: true,
    });
    fc.assert(fc.property(anything, check), { numRuns: 1000 });
    // The same, one level down, where the event file's own fields are.
    const objects = fc.dictionary(fc.constantFrom('format', 'name', 'organisations', 'contests', 'x'), anything);
    fc.assert(fc.property(objects, check), { numRuns: 1000 });
  });

  // Every (path to a value) of the file, so mutations can reach any depth.
  function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
    out.push(at);
    if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
    return out;
  }

  function mutate(file: Json, path: (string | number)[], replacement: { value: unknown } | 'delete'): Json {
    if (path.length === 0) return replacement === 'delete' ? undefined : replacement.value;
    let parent = file;
    for (const key of path.slice(0, -1)) parent = parent[key];
    const last = path[path.length - 1]!;
    if (replacement === 'delete') {
      if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
      else delete parent[last];
    } else parent[last] = replacement.value;
    return file;
  }

  for (const name of EXAMPLES) {
    const base = example(name);
    const allPaths = paths(base);
    const leaves = allPaths.map((p) => p.reduce((v: Json, k) => v[k], base)).filter((v) => typeof v !== 'object');
    // Replace with anything, delete, or move a value from elsewhere in the file (keeps types
    // plausible, so the rules get exercised as well as the shape).
    const replacement = fc.oneof(
      fc.anything().map((value) => ({ value })),
      fc.constantFrom(...leaves).map((value) => ({ value })),
      fc.constant('delete' as const),
    );
    const mutation = fc.tuple(fc.constantFrom(...allPaths), replacement);

    it(`mutated ${name}`, () => {
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
          let file = example(name);
          for (const [path, r] of mutations) {
            try {
              file = mutate(file, path, r);
            } catch {
              // an earlier mutation removed this path's parent; skip it
            }
          }
          check(file);
        }),
        { numRuns: 1500 },
      );
    });
  }
});
