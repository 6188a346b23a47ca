// Reading a JSON body: malformed JSON is a 400 with a clear message, never a 500.
import type { Context } from 'hono';
import { DomainError } from '../errors.ts';

export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw new DomainError(400, 'invalid_json', 'the request body is empty; send JSON');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DomainError(400, 'invalid_json', `the request body is not valid JSON (${(err as Error).message})`);
  }
}
