// Judge sign-in and sign-out (CONTRACT §3). Fetch is used directly for the Retry-After of a 429.
import type { JudgeSession } from './session.ts';
import { API_BASE } from '../api.ts';
import { codeForStatus } from '$shared/errors/status-code.ts';

export interface SignInFailure {
  /** An API error code (unauthorized, rate_limited…) or network_error / timeout. */
  code: string;
  message: string;
  params?: Record<string, unknown>;
  status: number;
  /** Seconds to wait (429). */
  retryAfter?: number;
}

export type SignInResult = { ok: true; session: JudgeSession } | { ok: false; error: SignInFailure };

interface JudgeLoginResponse {
  token: string;
  expiresAt: string;
  judge: JudgeSession['judge'];
}

export async function signInJudge(event: string, judge: string, pin: string, fetchFn: typeof fetch = fetch): Promise<SignInResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15_000);
  let res: Response;
  let body: unknown;
  try {
    res = await fetchFn(`${API_BASE}/auth/judge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ event: event.trim(), judge: judge.trim(), pin: pin.trim() }),
      signal: controller.signal,
      cache: 'no-store',
    });
    body = await res.json().catch(() => undefined);
  } catch (cause) {
    const code = controller.signal.aborted ? 'timeout' : 'network_error';
    return { ok: false, error: { code, message: String(cause), status: 0 } };
  } finally {
    clearTimeout(timer);
  }
  if (res.ok) {
    const r = body as JudgeLoginResponse;
    return { ok: true, session: { token: r.token, expiresAt: r.expiresAt, event: event.trim(), judge: r.judge } };
  }
  type Refusal = { code?: string; message?: string; params?: Record<string, unknown> };
  const e = (body as { error?: Refusal } | undefined)?.error;
  const retryAfter = Number(res.headers.get('retry-after')) || undefined;
  return {
    ok: false,
    error: {
      code: e?.code ?? codeForStatus(res.status),
      message: e?.message ?? `HTTP ${res.status}`,
      ...(e?.params ? { params: e.params } : {}),
      status: res.status,
      retryAfter,
    },
  };
}

/** Ends the session on the server; best effort (offline, the token simply expires). */
export async function signOutJudge(token: string): Promise<void> {
  try {
    await fetch(`${API_BASE}/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  } catch {
    // offline: nothing more to do
  }
}
