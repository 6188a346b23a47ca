// How this computer itself reaches the server, and waiting until it answers /healthz there.
import { isLoopbackHost } from '../shared/site.ts';
import { urlOf } from './site/interfaces.ts';

/** localhost for a server on every address or on loopback; the address itself when HOST names one. */
export function localAddress(host: string, port: number): string {
  const wildcard = host === '0.0.0.0' || host === '::';
  return wildcard || isLoopbackHost(host) ? `http://localhost:${port}` : urlOf(host, port);
}

/** Where this computer checks the server's health (an address it listens on, IPv4 for a wildcard). */
export function healthAddress(host: string, port: number): string {
  return host === '0.0.0.0' || host === '::' ? `http://127.0.0.1:${port}` : urlOf(host, port);
}

/** Resolves once GET /healthz answers 200 (the server answers at once: it listens only when ready). */
export async function healthy(base: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > until) throw new Error(`the server did not answer ${base}/healthz within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
