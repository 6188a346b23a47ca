// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser that
// signed in to an account gets a cookie naming that account and a random nonce, signed with a key
// derived from the account's secret hash. Presented again, it marks the device as one the holder
// used, whose attempts are counted on their own (sign-in-guard.ts), so an attack on the account
// does not keep the holder out. A new PIN or password ends every device cookie of the account.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEVICE_COOKIE_DAYS = 90;

/** One cookie per account, so a shared tablet can be trusted by several judges. */
export const deviceCookieName = (account: string) =>
  `jx_device_${createHash('sha256').update(account).digest('hex').slice(0, 16)}`;

const mac = (secretHash: string, account: string, nonce: string) =>
  createHmac('sha256', `jiangxin-device:${secretHash}`).update(`${account}\n${nonce}`).digest('base64url');

/** A new cookie value for a device that has just signed in to `account`. */
export function newDeviceCookie(secretHash: string, account: string): string {
  const nonce = randomBytes(16).toString('base64url');
  return `${nonce}.${mac(secretHash, account, nonce)}`;
}

/** The device's nonce when `value` is a cookie this account's secret signed; otherwise undefined. */
export function trustedDevice(secretHash: string, account: string, value: string | undefined): string | undefined {
  const m = value ? /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
  if (!m) return undefined;
  const expected = Buffer.from(mac(secretHash, account, m[1]!));
  return timingSafeEqual(expected, Buffer.from(m[2]!)) ? m[1] : undefined;
}
