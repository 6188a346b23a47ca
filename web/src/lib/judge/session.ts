// The signed-in judge on this tablet, kept in localStorage so it survives a reload (and works
// offline). Sign-out removes it. Shared by the judge app and the chief judge's desk.
const KEY = 'jiangxin.judge.session';

export interface JudgeSession {
  token: string;
  expiresAt: string;
  event: string;
  judge: { code: string; name: string; chief: boolean; contest: string };
}

export function loadSession(): JudgeSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as JudgeSession;
    if (!s.token || Date.parse(s.expiresAt) <= Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

export function saveSession(s: JudgeSession): void {
  localStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}
