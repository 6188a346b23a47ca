// What every answer to hostile input must be: never a 500, a refusal in the CONTRACT §2 shape,
// and within a time limit (a hang fails the test instead of blocking the suite).
import { request } from 'node:http';
import { expect } from 'vitest';
import {
  ERROR_CODES,
  ERRORS,
  ISSUES,
  errorKeyOf,
  fitsParams,
  isErrorKey,
  isIssueCode,
} from '../../../shared/errors/index.ts';
import type { ApiError } from '../../../shared/api.ts';

export interface Reply {
  status: number;
  body: unknown;
  contentType: string;
}

/**
 * A refusal: 4xx with {error:{code,message}} and, v1.1, `params` and issues' `code`/`params` that
 * the shared catalogue knows, with the values its params say (so every screen can word it).
 */
export function expectRefusal(r: { status: number; body: unknown }, status?: number) {
  const shown = JSON.stringify(r.body)?.slice(0, 500);
  if (status !== undefined) expect(r.status, shown).toBe(status);
  expect(r.status, shown).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  expectErrorShape(r.body);
}

/** The CONTRACT §2 error shape with codes and params from shared/errors. */
export function expectErrorShape(body: unknown) {
  const shown = JSON.stringify(body)?.slice(0, 500);
  expect(body).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
  const error = (body as ApiError).error;
  const { code, params = {}, issues = [] } = error;
  const fields = ['code', 'message', 'params', 'issues', 'reasons', 'blockers'];
  expect(
    Object.keys(error).every((k) => fields.includes(k)),
    shown,
  ).toBe(true);
  expect(ERROR_CODES, shown).toContain(code);
  const key = errorKeyOf(code, params);
  expect(isErrorKey(key), `${key} in ${shown}`).toBe(true);
  if (isErrorKey(key)) expect(fitsParams(ERRORS[key], params), shown).toBe(true);
  for (const i of issues as { path: string; code: string; params?: Record<string, unknown> }[]) {
    const params = i.params ? { params: expect.any(Object) } : {};
    const shape = { path: expect.any(String), code: expect.any(String), message: expect.any(String), ...params };
    expect(i, shown).toEqual(shape);
    // A roster's problems carry the roster's own codes (shared/roster); every other issue is ours.
    if (/^(row \d+|addOrganisations\[)/.test(i.path)) continue;
    expect(isIssueCode(i.code) && fitsParams(ISSUES[i.code], i.params ?? {}), JSON.stringify(i)).toBe(true);
  }
}

/** Anything but a server error; a refusal has the error shape. */
export function expectSafe(r: { status: number; body: unknown }) {
  expect(r.status, JSON.stringify(r.body)?.slice(0, 500)).toBeLessThan(500);
  if (r.status >= 400) expectRefusal(r);
}

export const REQUEST_TIMEOUT_MS = 15_000;

/**
 * One raw request on a fresh connection (node:http: the path goes out exactly as given, no URL
 * normalisation of ".." or "%2e", and no keep-alive race with the server closing idle sockets).
 */
export function send(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = typeof opts.body === 'string' ? Buffer.from(opts.body, 'utf8') : opts.body;
    const req = request(
      `${base}/`,
      {
        method,
        path,
        agent: false,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(body ? { 'content-length': String(body.length) } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res
          .on('data', (c: Buffer) => chunks.push(c))
          .on('error', reject)
          .on('end', () => {
            const contentType = String(res.headers['content-type'] ?? '');
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = null;
            if (contentType.includes('json')) parsed = JSON.parse(text);
            else if ((res.statusCode ?? 0) >= 400) parsed = text.slice(0, 500); // not the error shape: expectRefusal fails on it
            resolve({ status: res.statusCode ?? 0, body: parsed, contentType });
          });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', (err) => reject(new Error(`${method} ${path.slice(0, 200)}: ${err.message}`)));
    req.end(body);
  });
}

/**
 * A body larger than the server takes, declared with its Content-Length and written in pieces
 * (node:http); the server reads and drops the rest before it answers 413 (oversized-bodies.test.ts).
 */
export function sendOversized(
  base: string,
  method: string,
  path: string,
  bytes: number,
  token?: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        headers: {
          'content-type': 'application/json',
          'content-length': String(bytes),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res
          .on('data', (c: Buffer) => chunks.push(c))
          .on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          })
          .on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    // An error after the answer (a settled promise) is ignored.
    req.on('error', (err) => reject(new Error(`${method} ${path}: no answer (${err.message})`)));
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}
