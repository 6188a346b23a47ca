// The organiser's session in the console: the HttpOnly cookie set by POST /auth/login, checked
// with GET /auth/me. Every page under /admin renders only once `role` is 'organiser'.
import { currentRole, signInOrganiser, type SessionRole } from '$lib/display/session.ts';
import { postJson } from '$lib/api.ts';

class OrganiserSession {
  role = $state<SessionRole | 'checking'>('checking');

  async check(): Promise<void> {
    this.role = await currentRole();
  }

  async signIn(username: string, password: string): Promise<void> {
    await signInOrganiser(username, password);
    await this.check();
  }

  async signOut(): Promise<void> {
    try {
      await postJson('/auth/logout', {});
    } finally {
      this.role = 'anonymous';
    }
  }
}

export const organiser = new OrganiserSession();
