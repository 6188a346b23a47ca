// What every answer to hostile input must be: never a 500, a refusal in the CONTRACT §2 shape,
// and within a time limit (a hang fails the test instead of blocking the suite).
import { request } from 'node:http';
import { expect } from 'vitest';

export interface Reply {
  status: number;
  body: any;
  contentType: string;
}

/** A refusal: 4xx with {error:{code,message}} (and well-formed issues when there are any). */
export function expectRefusal(r: { status: number; body: any }, status?: number) {
  if (status !== undefined) expect(r.status, JSON.stringify(r.body)?.slice(0, 500)).toBe(status);
  expect(r.status, JSON.stringify(r.body)?.slice(0, 500)).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  expect(r.body).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
  expect(Object.keys(r.body.error).every((k) => ['code', 'message', 'issues', 'reasons'].includes(k))).toBe(true);
  // CONTRACT §2 v1.1: an issue may also carry a stable code and its params.
  for (const i of r.body.error.issues ?? []) {
    expect(i).toEqual(expect.objectContaining({ path: expect.any(String), message: expect.any(String) }));
    expect(Object.keys(i).every((k) => ['path', 'message', 'code', 'params'].includes(k))).toBe(true);
  }
}

/** Anything but a server error; a refusal has the error shape. */
export function expectSafe(r: { status: number; body: any }) {
  expect(r.status, JSON.stringify(r.body)?.slice(0, 500)).toBeLessThan(500);
  if (r.status >= 400) expectRefusal(r);
}

export const REQUEST_TIMEOUT_MS = 15_000;

/**
 * One raw request on a fresh connection (node:http: the path goes out exactly as given, no URL
 * normalisation of ".." or "%2e", and no keep-alive race with the server closing idle sockets).
 */
export function send(base: string, method: string, path: string, opts: { token?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = typeof opts.body === 'string' ? Buffer.from(opts.body, 'utf8') : opts.body;
    const req = request(`${base}/`, {
      method, path, agent: false, timeout: REQUEST_TIMEOUT_MS,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(body ? { 'content-length': String(body.length) } : {}), ...opts.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('error', reject).on('end', () => {
        const contentType = String(res.headers['content-type'] ?? '');
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: any = null;
        if (contentType.includes('json')) parsed = JSON.parse(text);
        else if ((res.statusCode ?? 0) >= 400) parsed = text.slice(0, 500); // not the error shape: expectRefusal fails on it
        resolve({ status: res.statusCode ?? 0, body: parsed, contentType });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', (err) => reject(new Error(`${method} ${path.slice(0, 200)}: ${err.message}`)));
    req.end(body);
  });
}

/**
 * A body larger than the server takes, declared with its Content-Length and written in pieces
 * (node:http); the server reads and drops the rest before it answers 413 (oversized-bodies.test.ts).
 */
export function sendOversized(base: string, method: string, path: string, bytes: number, token?: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'content-length': String(bytes), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      timeout: REQUEST_TIMEOUT_MS,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      }).on('error', reject);
    });
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
