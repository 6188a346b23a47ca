// Reading an uploaded archive: the gzipped file as downloaded, or its JSON unpacked.
import type { Context } from 'hono';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { refuse } from '../errors.ts';
import { checkStorable } from '../storable-text.ts';

const gunzipAsync = promisify(gunzip);
/** Unpacked size allowed: a large event's archive is about ten times its gzipped size. */
export const MAX_ARCHIVE_JSON = 256 * 1024 * 1024;

export async function readArchiveBody(c: Context): Promise<unknown> {
  let bytes: Uint8Array = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) {
    throw refuse('invalid_json:empty', 'the request body is empty; send an event archive (.json.gz)');
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = await gunzipAsync(bytes, { maxOutputLength: MAX_ARCHIVE_JSON });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        const limitMb = MAX_ARCHIVE_JSON / 1024 / 1024;
        throw refuse('payload_too_large:archive', `the archive unpacks to more than ${limitMb} MB`, { limitMb });
      }
      throw refuse('invalid_json:not_gzip', `the archive is not a readable gzip file (${(err as Error).message})`);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse('invalid_json:not_utf8', 'the archive is not UTF-8 JSON');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw refuse('invalid_json:syntax', `the archive is not valid JSON (${(err as Error).message})`);
  }
  checkStorable(value);
  return value;
}
