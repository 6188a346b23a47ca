// Judge sign-in and sign-out (CONTRACT §3). A refused sign-in keeps the Retry-After of a 429.
import type { JudgeSession } from './session.ts';
import { failureOf, postJson, type Failure } from '../api.ts';

export type SignInResult = { ok: true; session: JudgeSession } | { ok: false; error: Failure };

interface JudgeLoginResponse {
  token: string;
  expiresAt: string;
  judge: JudgeSession['judge'];
}

export async function signInJudge(event: string, judge: string, pin: string): Promise<SignInResult> {
  try {
    const body = { event: event.trim(), judge: judge.trim(), pin: pin.trim() };
    const r = await postJson<JudgeLoginResponse>('/auth/judge', body);
    return { ok: true, session: { token: r.token, expiresAt: r.expiresAt, event: event.trim(), judge: r.judge } };
  } catch (cause) {
    return { ok: false, error: failureOf(cause) };
  }
}

/** Ends the session on the server; best effort (offline, the token simply expires). */
export async function signOutJudge(token: string): Promise<void> {
  try {
    await postJson('/auth/logout', undefined, { token });
  } catch {
    // offline or already ended: nothing more to do
  }
}
