// Reading a JSON body: malformed JSON is a 400 with a clear message, never a 500.
import type { Context } from 'hono';
import { refuse } from '../errors.ts';
import { checkStorable } from '../storable-text.ts';

// V8 quotes a piece of the body in its message (`Unexpected token 'h', ..."password":hunter2"... is
// not valid JSON`): a mistyped PIN or password must not come back in an error, so the quote goes.
const parserFinding = (err: unknown) =>
  String((err as Error)?.message).replace(/,\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '');

/**
 * `perEntry`: a top-level list (the marks of a batch) whose entries are judged one by one, so an
 * unstorable string in one of them is that entry's refusal (checkStorable), not the whole body's.
 */
export async function readJson(c: Context, opts: { perEntry?: string } = {}): Promise<unknown> {
  if (!isJsonType(c.req.header('content-type'))) {
    const message = 'send the body as UTF-8 JSON with Content-Type: application/json';
    throw refuse('invalid_json:content_type', message);
  }
  const text = await c.req.text();
  if (text.trim() === '') throw refuse('invalid_json:empty', 'the request body is empty; send JSON');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw refuse('invalid_json:syntax', `the request body is not valid JSON (${parserFinding(err)})`);
  }
  const list = opts.perEntry;
  const outer = list !== undefined && isRecord(value) && Array.isArray(value[list]) ? { ...value, [list]: [] } : value;
  checkStorable(outer);
  return value;
}

/**
 * `application/json`, with no charset or UTF-8 (RFC 8259 §8.1). Requiring it also keeps cross-site
 * forms out: a browser sends JSON cross-site only after a CORS preflight, which this server never grants.
 */
function isJsonType(header: string | undefined): boolean {
  const [type, ...params] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"(.*)"$/, '$1');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
