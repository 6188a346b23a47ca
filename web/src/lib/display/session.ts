// Who is signed in on this browser (the HttpOnly session cookie), and the organiser's sign-in.
import { ApiRequestError, getJson, postJson } from '$lib/api.ts';

export type SessionRole = 'organiser' | 'judge' | 'anonymous' | 'offline';

export async function currentRole(signal?: AbortSignal): Promise<SessionRole> {
  try {
    const me = await getJson<{ role: string }>('/auth/me', { signal });
    return me.role === 'organiser' ? 'organiser' : me.role === 'judge' ? 'judge' : 'anonymous';
  } catch (cause) {
    if (cause instanceof ApiRequestError && cause.status === 401) return 'anonymous';
    return 'offline';
  }
}

/** Signs the organiser in; the server sets the session cookie that the socket handshake carries. */
export async function signInOrganiser(username: string, password: string): Promise<void> {
  await postJson('/auth/login', { username, password });
}
