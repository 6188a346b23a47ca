// Runtime settings (CONTRACT §1), read once from the environment.
import { resolve } from 'node:path';
import { parseTrustProxy, type ProxyTrust } from './http/proxy-trust.ts';

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  redisUrl?: string;
  /** Names the Redis streams and channels of one deployment (REDIS_STREAM): processes that share it share boards. */
  redisStream: string;
  adminPassword?: string;
  /** PUBLIC_URL; unset: worked out per request (server/site/addresses.ts). */
  publicUrl?: string;
  /** Shortest time between two board broadcasts of one contest. */
  boardIntervalMs: number;
  /** Load the demo event into an empty database. */
  demo: boolean;
  /** Minutes between snapshots of the embedded database while a contest is in 'scoring'. */
  backupIntervalMinutes: number;
  /** Scheduled snapshots kept (the newest). */
  backupKeep: number;
  /** METRICS_TOKEN: the bearer token a Prometheus scraper reads /metrics with; unset: organisers only. */
  metricsToken?: string;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For / -Proto count (hops or addresses); unset: none. */
  trustProxy?: ProxyTrust;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const host = env.HOST || '0.0.0.0';
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR || './data'),
    redisUrl: env.REDIS_URL || undefined,
    redisStream: redisName(env.REDIS_STREAM),
    adminPassword: env.ADMIN_PASSWORD || undefined,
    publicUrl: publicUrlSetting(env.PUBLIC_URL),
    boardIntervalMs: Number(env.BOARD_INTERVAL_MS ?? 20),
    demo: env.JIANGXIN_DEMO === '1',
    backupIntervalMinutes: positiveSetting(env, 'BACKUP_INTERVAL_MINUTES', 5, false),
    backupKeep: positiveSetting(env, 'BACKUP_KEEP', 24, true),
    metricsToken: metricsTokenSetting(env.METRICS_TOKEN),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}

function metricsTokenSetting(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  // Anyone who can reach the port may try tokens: a short one could be guessed.
  if (raw.length < 24 || /\s/.test(raw)) {
    throw new Error('METRICS_TOKEN must be at least 24 characters without spaces (e.g. openssl rand -hex 24)');
  }
  return raw;
}

function publicUrlSetting(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL must be an address such as http://192.168.1.20:3000, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`PUBLIC_URL must start with http:// or https://, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

function redisName(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'jiangxin';
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(raw))
    throw new Error(`REDIS_STREAM must be letters, digits and _ . : - (at most 100), got "${raw}"`);
  return raw;
}

function positiveSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, whole: boolean): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || (whole && !Number.isInteger(n))) {
    throw new Error(`${name} must be a positive ${whole ? 'whole ' : ''}number, got "${raw}"`);
  }
  return n;
}
