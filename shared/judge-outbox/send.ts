// Sending marks over HTTP (CONTRACT §6) and sorting every possible answer into what the outbox
// does next. Only a 200/201 that carries the very mark we sent counts as an acknowledgement: a
// captive portal or proxy answering 200 with a web page must not make a mark look delivered.
import type { BatchResult, Mark, MarkBody } from '../api.ts';
import type { WireIssue } from '../errors/index.ts';
import { codeForStatus } from '../errors/status-code.ts';

/** The API's path on the server (CONTRACT §1). */
export const API_PATH = '/api/v1';

/** A refusal as the server gave it (CONTRACT §2): kept in the outbox, worded when shown. */
export interface SendError {
  code: string;
  message: string;
  params?: Record<string, unknown>;
  issues?: WireIssue[];
}

export type Outcome =
  /** The server holds the mark (201 new, 200 replay of the same clientId). */
  | { kind: 'ack'; status: 200 | 201; mark: Mark; seq: number }
  /** The server refused this mark for good (400, 403, 404, 409…): keep it visible with the reason. */
  | { kind: 'refused'; status: number; error: SendError }
  /** Not known to be stored: try again later (network down, timeout, 5xx, 429). */
  | { kind: 'retry'; status: number; error: SendError; retryAfterMs?: number }
  /** The session ended (401): keep the mark and ask the judge to sign in again. */
  | { kind: 'auth'; error: SendError };

export interface Transport {
  /** The API's address; API_PATH (on the page's origin) when absent. */
  base?: string;
  fetch: typeof fetch;
  token: string;
  timeoutMs?: number;
}

interface Answer {
  status: number;
  body: unknown;
  retryAfterMs?: number;
}

async function post(t: Transport, path: string, body: unknown): Promise<Answer | Outcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, t.timeoutMs ?? 15_000);
  try {
    const res = await t.fetch((t.base ?? API_PATH) + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${t.token}` },
      body: JSON.stringify(body),
      signal: controller.signal,
      cache: 'no-store',
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const retryAfter = Number(res.headers.get('retry-after'));
    return { status: res.status, body: parsed, retryAfterMs: retryAfter > 0 ? retryAfter * 1000 : undefined };
  } catch (cause) {
    const code = timedOut ? 'timeout' : 'network_error';
    return { kind: 'retry', status: 0, error: { code, message: String(cause) } };
  } finally {
    clearTimeout(timer);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function errorOf(body: unknown, status: number): SendError {
  const e = (body as { error?: Record<string, unknown> } | undefined)?.error;
  if (!e || typeof e.code !== 'string') return { code: codeForStatus(status), message: `HTTP ${status}` };
  return {
    code: e.code,
    message: typeof e.message === 'string' ? e.message : '',
    ...(isRecord(e.params) ? { params: e.params } : {}),
    ...(Array.isArray(e.issues) ? { issues: e.issues as WireIssue[] } : {}),
  };
}

function isMarkOf(value: unknown, clientId: string): value is Mark {
  const m = value as Partial<Mark> | null | undefined;
  return !!m && typeof m === 'object' && m.clientId === clientId && typeof m.id === 'string';
}

/** What to do after an HTTP status for one mark (or a whole batch that was answered as one). */
export function classify(clientId: string, status: number, body: unknown, retryAfterMs?: number): Outcome {
  if (status === 200 || status === 201) {
    const b = body as { mark?: unknown; seq?: unknown } | undefined;
    if (isMarkOf(b?.mark, clientId)) return { kind: 'ack', status, mark: b.mark, seq: Number(b.seq) || 0 };
    return { kind: 'retry', status, error: { code: 'unknown', message: 'the answer did not confirm the mark' } };
  }
  if (status === 401) return { kind: 'auth', error: errorOf(body, status) };
  const refused = status >= 400 && status < 500 && status !== 408 && status !== 425 && status !== 429;
  if (refused) return { kind: 'refused', status, error: errorOf(body, status) };
  // 0 (no answer), 408, 425, 429, 5xx, and anything unexpected (a 3xx from a portal): not stored as far as we know.
  return { kind: 'retry', status, error: errorOf(body, status), retryAfterMs };
}

export async function sendOne(t: Transport, contestId: string, body: MarkBody): Promise<Outcome> {
  const answer = await post(t, `/contests/${encodeURIComponent(contestId)}/marks`, body);
  if ('kind' in answer) return answer;
  return classify(body.clientId, answer.status, answer.body, answer.retryAfterMs);
}

/**
 * POST /marks/batch: one outcome per mark, in the order given. A whole-batch answer (401, 503,
 * network) applies to every mark; a mark missing from the results stays waiting.
 */
export async function sendBatch(t: Transport, contestId: string, bodies: MarkBody[]): Promise<Outcome[] | Outcome> {
  const answer = await post(t, `/contests/${encodeURIComponent(contestId)}/marks/batch`, { marks: bodies });
  if ('kind' in answer) return answer;
  if (answer.status !== 200) return classify('', answer.status, answer.body, answer.retryAfterMs);
  const results = (answer.body as { results?: unknown } | undefined)?.results;
  if (!Array.isArray(results))
    return { kind: 'retry', status: 200, error: { code: 'unknown', message: 'no results in the answer' } };
  const byId = new Map<string, BatchResult>();
  for (const r of results as BatchResult[]) if (r && typeof r.clientId === 'string') byId.set(r.clientId, r);
  return bodies.map((b) => {
    const r = byId.get(b.clientId);
    if (!r)
      return { kind: 'retry', status: 0, error: { code: 'unknown', message: 'the mark was missing from the answer' } };
    return classify(b.clientId, r.status, r.error ? { error: r.error } : { mark: r.mark, seq: r.seq });
  });
}
