// Organiser and judge sign-in, bearer sessions (only token hashes are stored), the first admin account.
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { and, eq, isNull, gt } from 'drizzle-orm';
import type { Db } from '../../../db/create-db.ts';
import { users, sessions, judges, contests } from '../../../db/schema/index.ts';
import { newToken, sha256, newPin } from '../ids.ts';
import { refuse, unauthorized, type DomainError } from '../../errors.ts';
import { SignInGuard } from './sign-in-guard.ts';
import { deviceCookieName, newDeviceCookie, trustedDevice } from './trusted-device.ts';

export const ORGANISER_TTL_MS = 12 * 3600_000;
export const JUDGE_TTL_MS = 24 * 3600_000;

// Argon2id, OWASP's minimum profile: ~20 ms per hash here, so imports of many judges stay quick.
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
export const hashSecret = (secret: string) => argonHash(secret, ARGON);
export const verifySecret = async (hash: string, secret: string) => {
  try {
    return await argonVerify(hash, secret);
  } catch {
    return false;
  }
};

// Unknown accounts are checked against this, so an unknown judge code or user name takes as long to
// refuse as a wrong PIN or password (nothing tells by timing which codes exist).
let dummyHash: Promise<string> | undefined;
const hashOfNobody = () => (dummyHash ??= hashSecret(newToken()));

/** Where a sign-in comes from: the client's address and the cookies it sent (a trusted device's). */
export interface SignInSource {
  client: string;
  cookie(name: string): string | undefined;
}

/** The device cookie to set after a sign-in: the device is trusted by that account from now on. */
export interface DeviceCookie {
  name: string;
  value: string;
}

export type Actor =
  | { role: 'anonymous' }
  | { role: 'organiser'; username: string; tokenHash: string }
  | {
      role: 'judge';
      tokenHash: string;
      judgeId: string;
      code: string;
      name: string;
      eventId: string;
      contestId: string;
      chief: boolean;
      shadow: boolean;
      organisation: string | null;
      criteria: '*' | string[];
    };
export type JudgeActor = Extract<Actor, { role: 'judge' }>;

export const actorName = (a: Actor) =>
  a.role === 'organiser' ? `organiser:${a.username}` : a.role === 'judge' ? `judge:${a.code}` : 'anonymous';

export class AuthService {
  /** Secrets verified (argon2 runs) since start: what the sign-in limits keep down under attack. */
  secretChecks = 0;
  private readonly cache = new Map<string, { actor: Actor; expiresAt: number; cachedAt: number }>();
  private readonly endedListeners = new Set<(tokenHash: string) => void>();

  constructor(
    private readonly db: Db,
    private readonly guard: SignInGuard,
  ) {}

  /** Creates the organiser account in an empty database; returns the password when it generated one. */
  async ensureAdmin(password: string | undefined, log: (msg: string) => void): Promise<string | undefined> {
    const existing = await this.db.select({ id: users.id }).from(users).limit(1);
    if (existing.length > 0) return undefined;
    const pw = password ?? `${newPin()}-${newToken().slice(0, 10)}`;
    const [made] = await this.db
      .insert(users)
      .values({ username: 'admin', passwordHash: await hashSecret(pw) })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (password || !made) return undefined;
    log(`Organiser account created: username "admin", password "${pw}" (shown once; set ADMIN_PASSWORD to choose it)`);
    return pw;
  }

  async loginOrganiser(username: string, password: string, from: SignInSource) {
    const find = async () => (await this.db.select().from(users).where(eq(users.username, username)))[0];
    const wrong = refuse('unauthorized:wrong_password', 'wrong username or password');
    const account = `user:${username.toLowerCase()}`;
    const { row: u, device } = await this.checkSecret(account, password, from, wrong, find, (r) => r.passwordHash);
    return { session: await this.createSession('organiser', u.username, ORGANISER_TTL_MS), device };
  }

  async loginJudge(eventId: string, code: string, pin: string, from: SignInSource) {
    const find = async () =>
      (
        await this.db
          .select()
          .from(judges)
          .where(and(eq(judges.eventId, eventId), eq(judges.code, code)))
      )[0];
    const wrong = refuse('unauthorized:wrong_pin', 'wrong event, judge code or PIN');
    const account = `judge:${eventId}:${code}`;
    const { row: j, device } = await this.checkSecret(account, pin, from, wrong, find, (r) => r.pinHash);
    const session = await this.createSession('judge', j.id, JUDGE_TTL_MS);
    const judge = { code: j.code, name: j.name, chief: j.chief, contest: j.contestId };
    return { session: { ...session, judge }, device };
  }

  /**
   * Counts the attempt (sign-in-guard.ts), then verifies the secret: against the account's hash, or
   * a stand-in's when there is no such account. Throws `wrong` unless it matches; returns the account
   * and the cookie that makes (or keeps) this device trusted by it. The account is looked up after
   * the attempt is counted (a refused attempt costs no query) unless a device cookie must be checked.
   */
  private async checkSecret<Row>(
    account: string,
    secret: string,
    from: SignInSource,
    wrong: DomainError,
    find: () => Promise<Row | undefined>,
    hashOf: (row: Row) => string,
  ): Promise<{ row: Row; device: DeviceCookie }> {
    const name = deviceCookieName(account);
    const cookie = from.cookie(name);
    // A judge without a PIN yet (an archive left it out) has an empty hash: it is no account to sign in to.
    const hashIn = (r: Row | undefined) => (r ? hashOf(r) || undefined : undefined);
    let row = cookie ? await find() : undefined;
    const known = hashIn(row);
    const device = known ? trustedDevice(known, account, cookie) : undefined;
    const admission = await this.guard.admit(account, from.client, device);
    if (!cookie) row = await find();
    this.secretChecks++;
    const hash = hashIn(row);
    const matches = await verifySecret(hash ?? (await hashOfNobody()), secret);
    if (!row || !hash || !matches) throw wrong;
    await this.guard.succeeded(admission);
    return { row, device: { name, value: device ? cookie! : newDeviceCookie(hash, account) } };
  }

  private async createSession(role: 'organiser' | 'judge', subject: string, ttl: number) {
    const token = newToken();
    const expiresAt = new Date(Date.now() + ttl);
    await this.db.insert(sessions).values({ tokenHash: sha256(token), role, subject, expiresAt });
    return { token, role, expiresAt: expiresAt.toISOString() };
  }

  /** After sessions were revoked in the database (new PINs, an edited event): nothing cached outlives them. */
  forgetCachedSessions(): void {
    this.cache.clear();
  }

  async logout(tokenHash: string): Promise<void> {
    await this.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
    this.cache.delete(tokenHash);
    for (const listener of this.endedListeners) listener(tokenHash);
  }

  /** Called with the token hash of every session signed out here (realtime connections end with it). */
  onSessionEnded(listener: (tokenHash: string) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  /** The actor behind a bearer token; anonymous when there is none, 401 when it is not valid. */
  async resolve(token: string | undefined): Promise<Actor> {
    if (!token) return { role: 'anonymous' };
    const tokenHash = sha256(token);
    const now = Date.now();
    const hit = this.cache.get(tokenHash);
    if (hit && hit.expiresAt > now && now - hit.cachedAt < 5_000) return hit.actor;
    const [s] = await this.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date(now))));
    if (!s) {
      this.cache.delete(tokenHash);
      throw refuse('unauthorized:session_ended', 'your session has ended; sign in again');
    }
    const actor = await this.actorOf(s.role, s.subject, tokenHash);
    if (!actor) throw refuse('unauthorized:account_gone', 'your account no longer exists; sign in again');
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(tokenHash, { actor, expiresAt: s.expiresAt.getTime(), cachedAt: now });
    return actor;
  }

  private async actorOf(role: string, subject: string, tokenHash: string): Promise<Actor | null> {
    if (role === 'organiser') return { role: 'organiser', username: subject, tokenHash };
    const [j] = await this.db
      .select({ j: judges, eventId: contests.eventId })
      .from(judges)
      .innerJoin(contests, eq(contests.id, judges.contestId))
      .where(eq(judges.id, subject));
    if (!j) return null;
    return {
      role: 'judge',
      tokenHash,
      judgeId: j.j.id,
      code: j.j.code,
      name: j.j.name,
      eventId: j.eventId,
      contestId: j.j.contestId,
      chief: j.j.chief,
      shadow: j.j.shadow,
      organisation: j.j.organisation,
      criteria: j.j.criteria,
    };
  }
}

export function requireOrganiser(a: Actor): asserts a is Extract<Actor, { role: 'organiser' }> {
  if (a.role === 'anonymous') throw unauthorized();
  if (a.role !== 'organiser') throw refuse('forbidden:organiser_only', 'only an organiser may do this');
}
