// The demo's HTTP client: only the public API (CONTRACT §3–§6), as an organiser's script would use it.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface EventSummary {
  id: string;
  name: string;
  contests: { id: string; code: string; name: string; state: string }[];
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly signal?: AbortSignal,
  ) {}

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: this.signal,
    });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: reported below with the status
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new HttpError(res.status, err?.code ?? 'http_error', err?.message ?? `HTTP ${res.status}`);
    }
    return json as T;
  }

  async organiserToken(password: string): Promise<string> {
    const out = await this.call<{ token: string }>('POST', '/auth/login', { username: 'admin', password });
    return out.token;
  }

  async judgeToken(event: string, judge: string, pin: string): Promise<string> {
    const out = await this.call<{ token: string }>('POST', '/auth/judge', { event, judge, pin });
    return out.token;
  }

  events(): Promise<EventSummary[]> {
    return this.call('GET', '/events');
  }

  event(id: string): Promise<EventSummary> {
    return this.call('GET', `/events/${encodeURIComponent(id)}`);
  }
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
