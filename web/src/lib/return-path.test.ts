import { describe, expect, it } from 'vitest';
import { judgeSignInPath, returnPath } from './return-path.ts';

const origin = 'https://contest.example.cn';

describe('returnPath', () => {
  it('takes a path of this site, with its query and fragment', () => {
    expect(returnPath('/judge/chief', origin)).toBe('/judge/chief');
    expect(returnPath('/judge/chief?lang=en', origin)).toBe('/judge/chief?lang=en');
    expect(returnPath('/results/e1#top', origin)).toBe('/results/e1#top');
  });

  it('ignores anything that would lead to another site or run script', () => {
    for (const raw of [
      'https://evil.example/judge/chief',
      `${origin.replace('contest', 'evil')}/judge/chief`,
      '//evil.example/judge/chief',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
      'judge/chief',
      '',
      null,
    ]) {
      expect(returnPath(raw, origin), String(raw)).toBeNull();
    }
  });
});

describe('judgeSignInPath', () => {
  it('comes back to the page, keeping the language the visitor chose in the address', () => {
    expect(judgeSignInPath(new URL(`${origin}/judge/chief?lang=en`))).toBe(
      '/judge?lang=en&next=%2Fjudge%2Fchief%3Flang%3Den',
    );
    expect(judgeSignInPath(new URL(`${origin}/judge/chief`))).toBe('/judge?next=%2Fjudge%2Fchief');
  });
});
