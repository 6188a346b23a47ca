// Test servers on a real database: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise.
// Each test file gets one server; each test imports its own event, so tests never share data.
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { createDb, type DbHandle } from '../../db/create-db.ts';
import { startServer, type RunningServer } from '../start.ts';
import type { DrainBounds } from '../http/incoming-body.ts';
import type { LiveLimits } from '../realtime/socket-limits.ts';
import type { TurnLimits } from '../http/anonymous-turns.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';
import type { NetworkInterfaceInfo } from 'node:os';
import type { InterfaceList } from '../site/interfaces.ts';
import type { ProxyTrust } from '../http/proxy-trust.ts';
import type { ApiError, ImportResult, SessionResponse } from '../../shared/api.ts';
import type { WireIssue } from '../../shared/errors/issues.ts';
import type { AuditVerification } from '../../shared/admin-api.ts';

export const ADMIN_PASSWORD = 'test-admin-password';

export async function openTestDb(): Promise<DbHandle> {
  return createDb(
    process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, maxConnections: 4 } : { dataDir: 'memory://' },
  );
}

/**
 * A new, empty database of the run's kind, apart from the one the test files share: embedded, or a
 * PostgreSQL database made for it (named after `tag`) that `drop` removes once it is closed.
 */
export async function freshTestDb(tag: string): Promise<{ db: DbHandle; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { db: await createDb({ dataDir: 'memory://' }), drop: async () => {} };
  const name = `${tag}_${Date.now()}_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const drop = async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  return { db: await createDb({ databaseUrl: target.toString(), maxConnections: 2 }), drop };
}

export interface TestServer extends RunningServer {
  db: DbHandle;
  adminToken: string;
  stop(): Promise<void>;
}

/**
 * What test servers see as this machine's network: one Wi-Fi address (a documentation range, never
 * contacted), so printed addresses do not depend on the machine the tests run on.
 */
export const TEST_LAN: InterfaceList = { wlan0: [ipv4('192.0.2.80')] };

/** One IPv4 address of a network interface, as os.networkInterfaces() lists it. */
export function ipv4(address: string, internal = false): NetworkInterfaceInfo {
  return {
    address,
    netmask: '255.255.255.0',
    family: 'IPv4',
    mac: '02:00:00:00:00:01',
    internal,
    cidr: `${address}/24`,
  };
}

export interface TestServerOptions {
  boardIntervalMs?: number;
  db?: DbHandle;
  publicUrl?: string;
  /** The machine's network as the server sees it (default TEST_LAN). */
  interfaces?: () => InterfaceList;
  /** HOST as the address resolver sees it (the server itself always listens on 127.0.0.1). */
  bindHost?: string;
  /** Bounds for reading and dropping an oversized body (server/http/incoming-body.ts). */
  drain?: DrainBounds;
  /** What one realtime socket may ask (server/realtime/socket-limits.ts). */
  liveLimits?: LiveLimits;
  /** METRICS_TOKEN of the server. */
  metricsToken?: string;
  /** TRUST_PROXY of the server (server/http/proxy-trust.ts). */
  trustProxy?: ProxyTrust;
  /** Servers given one name share sign-in counters; by default each test server counts on its own. */
  signInNamespace?: string;
  /** Several servers as processes of one deployment: through this Redis. */
  redisUrl?: string;
  /** How many anonymous reads run and wait at once (server/http/anonymous-turns.ts). */
  anonymousTurns?: TurnLimits;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const db = opts.db ?? (await openTestDb());
  const namespace = opts.signInNamespace ?? `test-${uuid()}`;
  const server = await startServer({
    db,
    port: 0,
    host: '127.0.0.1',
    publicUrl: opts.publicUrl,
    boardIntervalMs: opts.boardIntervalMs ?? 20,
    drain: opts.drain,
    liveLimits: opts.liveLimits,
    metricsToken: opts.metricsToken,
    trustProxy: opts.trustProxy,
    signInNamespace: namespace,
    redisUrl: opts.redisUrl,
    redisStream: opts.redisUrl ? namespace : undefined,
    anonymousTurns: opts.anonymousTurns,
    log: () => {},
    interfaces: opts.interfaces ?? (() => TEST_LAN),
    siteHost: opts.bindHost ?? '0.0.0.0',
  });
  await server.services.auth.ensureAdmin(ADMIN_PASSWORD, () => {});
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { token } = (await res.json()) as SessionResponse;
  return {
    ...server,
    db,
    adminToken: token,
    async stop() {
      await server.close();
      if (!opts.db) await db.close();
    },
  };
}

export function exampleEvent(name: 'new-economy-contest' | 'wire-rope-contest'): EventFile {
  return JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')) as EventFile;
}

/** An answer of the JSON API: status, headers and the parsed body (JSON, else the text; null when empty). */
export interface Reply<T> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A small client for the JSON API: never throws on 4xx. Name the body's type from shared/ (`get<Leaderboard>`);
 * read a refusal with `refusalOf`. A call that names no type gets the body as `unknown` (read its status).
 */
export function api(base: string, token?: string) {
  const call = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, body: json as T, headers: res.headers };
  };
  return {
    get: <T = unknown>(path: string) => call<T>('GET', path),
    post: <T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, body, headers),
    call,
  };
}

/** The refusal an answer carries (CONTRACT §2); throws, failing the test, when the body is not one. */
export function refusalOf(r: { status: number; body: unknown }): ApiError['error'] {
  const error = (r.body as Partial<ApiError> | null)?.error;
  if (typeof error?.code !== 'string') throw new Error(`not a refusal: ${r.status} ${JSON.stringify(r.body)}`);
  return error;
}

/** The issues of a refused body (400 invalid), each with its path. */
export function issuesOf(r: { status: number; body: unknown }): WireIssue[] {
  return refusalOf(r).issues ?? [];
}

export const uuid = () => crypto.randomUUID();

/** The event's audit chain as GET /events/:id/audit/verify reports it (asked as the event's organiser). */
export async function auditVerify(ev: { admin: ReturnType<typeof api>; id: string }): Promise<AuditVerification> {
  return (await ev.admin.get<AuditVerification>(`/events/${ev.id}/audit/verify`)).body;
}

/** Imports an event (unique per call) and returns its ids and judge tokens. */
export async function importAndOpen(s: TestServer, file: EventFile, opts: { open?: boolean } = {}) {
  const admin = api(s.url, s.adminToken);
  const res = await admin.post<ImportResult>('/events', file);
  if (res.status !== 201) throw new Error(`import failed: ${JSON.stringify(res.body)}`);
  const ids = res.body;
  if (opts.open !== false) for (const c of ids.contests) await admin.post(`/contests/${c.id}/state`, { to: 'scoring' });
  const pins = new Map<string, string>();
  for (const c of file.contests) for (const j of c.judges) if (j.pin) pins.set(j.code, j.pin);
  for (const j of ids.judges) pins.set(j.code, j.pin);
  const judgeToken = async (code: string) => {
    const signIn = { event: ids.id, judge: code, pin: pins.get(code) };
    const r = await api(s.url).post<SessionResponse>('/auth/judge', signIn);
    if (r.status !== 200) throw new Error(`judge login ${code}: ${JSON.stringify(r.body)}`);
    return r.body.token;
  };
  const contestId = (code: string) => ids.contests.find((c) => c.code === code)!.id;
  return { ...ids, admin, judgeToken, contestId, pins };
}
