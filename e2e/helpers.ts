// API helpers for end-to-end tests: the test drives the product only through its public contract.
import { readFileSync } from 'node:fs';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN_PASSWORD } from './playwright.config.ts';

export function exampleEvent(name: string) {
  return JSON.parse(readFileSync(new URL(`../examples/${name}.json`, import.meta.url), 'utf8'));
}

export async function signIn(request: APIRequestContext): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: ADMIN_PASSWORD } });
  if (!res.ok()) throw new Error(`login failed: ${res.status()} ${await res.text()}`);
  return (await res.json()).token;
}

/** Signs the organiser in through the console's form, in `lang`. */
export async function signInUi(page: Page, lang = 'zh-CN') {
  await page.goto(`/admin?lang=${lang}`);
  await page.getByTestId('admin-signin').locator('input[name="password"]').fill(ADMIN_PASSWORD);
  await page.getByTestId('admin-signin').locator('button[type="submit"]').click();
  await expect(page.locator('nav.admin-nav')).toBeVisible();
}

export async function importEvent(request: APIRequestContext, token: string, file: unknown) {
  const res = await request.post('/api/v1/events', { data: file, headers: { authorization: `Bearer ${token}` } });
  if (res.status() !== 201) throw new Error(`import failed: ${res.status()} ${await res.text()}`);
  return (await res.json()) as { id: string; contests: { id: string; code: string }[] };
}

export async function setState(request: APIRequestContext, token: string, contestId: string, to: string) {
  const res = await request.post(`/api/v1/contests/${contestId}/state`, {
    data: { to },
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok()) throw new Error(`state ${to} failed: ${res.status()} ${await res.text()}`);
}

export async function judgeToken(request: APIRequestContext, event: string, judge: string, pin: string) {
  const res = await request.post('/api/v1/auth/judge', { data: { event, judge, pin } });
  if (!res.ok()) throw new Error(`judge login failed: ${res.status()} ${await res.text()}`);
  return (await res.json()).token as string;
}

export async function mark(
  request: APIRequestContext,
  token: string,
  contestId: string,
  body: Record<string, unknown>,
) {
  const res = await request.post(`/api/v1/contests/${contestId}/marks`, {
    data: { clientId: crypto.randomUUID(), ...body },
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status() !== 201) throw new Error(`mark failed: ${res.status()} ${await res.text()}`);
  return res.json();
}

/** Signs the chief judge in through the API and puts the session where the judge app keeps it. */
export async function chiefSession(page: Page, request: APIRequestContext, event: string, code: string, pin: string) {
  const res = await request.post('/api/v1/auth/judge', { data: { event, judge: code, pin } });
  expect(res.status()).toBe(200);
  const s = await res.json();
  const session = { token: s.token, expiresAt: s.expiresAt, event, judge: s.judge };
  await page.addInitScript((value) => localStorage.setItem('jiangxin.judge.session', value), JSON.stringify(session));
}
