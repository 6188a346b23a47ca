// Console requests the shared client (lib/api.ts) has no verb for (PUT), and multipart-free file
// reading. Cookie-authenticated like every console call: the browser sends Origin, the server checks it.
import { API_BASE, ApiRequestError } from '$lib/api.ts';
import type { ApiError } from '$shared/api.ts';

export async function sendJson<T>(method: 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown): Promise<T> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(API_BASE + path, {
      method,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    text = await res.text();
  } catch (cause) {
    throw new ApiRequestError(0, { error: { code: 'network_error', message: String(cause) } });
  }
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (res.ok) return parsed as T;
  const err = parsed as ApiError | undefined;
  throw new ApiRequestError(res.status, err?.error?.code ? err : { error: { code: 'unknown', message: `HTTP ${res.status}` } });
}

/** Failure details a panel shows: the API's code, message and issues, with the HTTP status. */
export type Failure = ApiError['error'] & { status: number };

export function failureOf(cause: unknown): Failure {
  if (cause instanceof ApiRequestError) return { ...cause.body.error, status: cause.status };
  return { code: 'unknown', message: String(cause), status: 0 };
}
