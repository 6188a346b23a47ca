import { describe, expect, it } from 'vitest';
import { isPostgresClosedSocketRace } from './errors.ts';

describe('isPostgresClosedSocketRace', () => {
  const message = "Cannot read properties of null (reading 'write')";
  it('recognises the postgres.js write-after-close race, live or serialised', () => {
    const live = new TypeError(message);
    live.stack = `TypeError: ${message}\n    at Immediate.nextWrite (/app/node_modules/postgres/src/connection.js:255:22)`;
    expect(isPostgresClosedSocketRace(live)).toBe(true);
    expect(
      isPostgresClosedSocketRace({ message, stacks: [{ file: '/app/node_modules/postgres/src/connection.js' }] }),
    ).toBe(true);
  });
  it('leaves every other error alone', () => {
    expect(isPostgresClosedSocketRace(new TypeError(message))).toBe(false);
    expect(isPostgresClosedSocketRace(new Error('boom'))).toBe(false);
    expect(isPostgresClosedSocketRace(null)).toBe(false);
  });
});
