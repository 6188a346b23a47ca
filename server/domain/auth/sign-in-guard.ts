// Who may have a secret checked now. Every attempt is counted BEFORE its PIN or password is verified,
// in a store that every server process shares (Redis with REDIS_URL, else the database's
// sign_in_limits table), so simultaneous guesses and guesses spread over processes are limited alike.
//
// - Per client address: ADDRESS_FAILURES failed attempts per window; a success gives its point back.
// - Per account: FREE_ATTEMPTS per window, then one attempt at a time with a growing wait between
//   them (BACKOFF_SECONDS, doubling up to the cap): an attacker is slowed, never given a lock-out to
//   aim at someone, and whoever has the right secret gets in once the wait has passed (which clears
//   the account's count: the next sign-in is free again).
// - A trusted device (one that signed in to this account before: trusted-device.ts) is counted on
//   its own (DEVICE_ATTEMPTS per window), not by address or account, so it keeps signing in while
//   the account is under attack (OWASP's device cookies).
import {
  RateLimiterDrizzle,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Db } from '../../../db/create-db.ts';
import { signInLimits } from '../../../db/schema/index.ts';
import type { Redis } from '../../realtime/redis-client.ts';
import { refuse } from '../../errors.ts';

export interface SignInPolicy {
  windowSeconds: number;
  addressFailures: number;
  freeAttempts: number;
  /** The wait after the free attempts, doubled at each further attempt up to `maxBackoffSeconds`. */
  backoffSeconds: number;
  maxBackoffSeconds: number;
  deviceAttempts: number;
}

export const SIGN_IN_POLICY: SignInPolicy = {
  windowSeconds: 15 * 60,
  addressFailures: 20,
  freeAttempts: 5,
  backoffSeconds: 5,
  maxBackoffSeconds: 60,
  deviceAttempts: 5,
};

/** Where attempts are counted: Redis (scale-out), or the database every process shares. */
export type SignInStore = { redis: Redis; prefix: string } | { db: Db; prefix: string };

type Bucket = [RateLimiterAbstract, string];

/** The buckets one admitted attempt was counted in: a success gives these points back, clears those. */
export interface Admission {
  refunds: Bucket[];
  clears: Bucket[];
}

export class SignInGuard {
  private readonly address: RateLimiterAbstract;
  private readonly free: RateLimiterAbstract;
  private readonly slot: RateLimiterAbstract;
  private readonly slotsTaken: RateLimiterAbstract;
  private readonly device: RateLimiterAbstract;

  constructor(
    store: SignInStore,
    private readonly policy: SignInPolicy = SIGN_IN_POLICY,
  ) {
    const window = policy.windowSeconds;
    this.address = limiter(store, 'address', policy.addressFailures, window);
    this.free = limiter(store, 'free', policy.freeAttempts, window);
    // One attempt per wait: the first to take the slot has its secret checked; the slot's own
    // duration is the wait, set when it is taken.
    this.slot = limiter(store, 'slot', 1, policy.maxBackoffSeconds);
    this.slotsTaken = limiter(store, 'slots', 1, window);
    this.device = limiter(store, 'device', policy.deviceAttempts, window);
  }

  /**
   * Counts an attempt on `account` from `client` (or from a trusted device of the account) before
   * its secret is checked. Throws 429 with the seconds to wait when it may not be checked now.
   */
  async admit(account: string, client: string, trustedDevice?: string): Promise<Admission> {
    if (trustedDevice) {
      const key = `${account}|${trustedDevice}`;
      await take(this.device, key);
      return { refunds: [[this.device, key]], clears: [] };
    }
    await take(this.address, client);
    try {
      await this.accountTurn(account);
      const clears: Bucket[] = [
        [this.free, account],
        [this.slot, account],
        [this.slotsTaken, account],
      ];
      return { refunds: [[this.address, client]], clears };
    } catch (err) {
      // Refused before its secret was checked: no guess was made from this address.
      await this.address.reward(client);
      throw err;
    }
  }

  /**
   * The right secret: the attempt's points are given back (a holder's sign-ins never use up a limit),
   * and a sign-in from outside a trusted device ends the account's backoff.
   */
  async succeeded(admission: Admission): Promise<void> {
    await Promise.all([
      ...admission.refunds.map(([l, key]) => l.reward(key)),
      ...admission.clears.map(([l, key]) => l.delete(key)),
    ]);
  }

  private async accountTurn(account: string): Promise<void> {
    try {
      await this.free.consume(account);
      return;
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
    }
    const taken = (await this.slotsTaken.get(account))?.consumedPoints ?? 0;
    const wait = Math.min(this.policy.backoffSeconds * 2 ** Math.min(taken, 30), this.policy.maxBackoffSeconds);
    const slot = await this.slot.penalty(account, 1, { customDuration: wait });
    if (slot.consumedPoints !== 1) throw tooMany(slot.msBeforeNext);
    await this.slotsTaken.penalty(account);
  }
}

function limiter(store: SignInStore, name: string, points: number, duration: number): RateLimiterAbstract {
  const keyPrefix = `${store.prefix}:signin:${name}`;
  if ('db' in store) {
    return new RateLimiterDrizzle({ storeClient: store.db, schema: signInLimits, keyPrefix, points, duration });
  }
  // While Redis is away, each process counts on its own rather than refusing every sign-in.
  const insuranceLimiter = new RateLimiterMemory({ keyPrefix, points, duration });
  return new RateLimiterRedis({
    storeClient: store.redis,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    keyPrefix,
    points,
    duration,
    insuranceLimiter,
  });
}

async function take(l: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await l.consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw tooMany(err.msBeforeNext);
    throw err;
  }
}

function tooMany(msBeforeNext: number) {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const message = `too many sign-in attempts; try again in ${retryAfter} s`;
  return refuse('rate_limited', message, { seconds: retryAfter }, { retryAfter });
}
