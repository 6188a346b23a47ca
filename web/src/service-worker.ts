// The offline shell (SvelteKit service worker): the app's code and static files are cached at
// install, so a judge's tablet reloads /judge with no network and finds its marks in IndexedDB.
// The API and Socket.IO are never cached: marks go through the outbox, boards must be live.
/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `jiangxin-${version}`;
const SHELL = '/index.html';
const NAVIGATION_TIMEOUT_MS = 4_000;

// The Chinese web font is ~100 subset files (4 MB); each is cached the first time a page uses it
// rather than held up at install on venue Wi-Fi (tablets have Chinese fonts of their own anyway).
const isFont = (path: string) => /\.(woff2?|ttf|otf)$/.test(path);
const PRECACHE = [
  SHELL,
  ...build.filter((p) => !isFont(p)),
  ...files.filter((p) => !isFont(p) && !p.endsWith('.DS_Store')),
];
const CACHED = new Set([...build, ...files]);
const NEVER = /^\/(api|socket\.io|healthz|metrics)(\/|$)/;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

async function cacheFirst(request: Request, path: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(path);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(path, response.clone());
  return response;
}

/** Every page is the same SPA shell: the network's when it answers soon, else the cached one. */
async function navigate(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), NAVIGATION_TIMEOUT_MS);
  try {
    const response = await fetch(request, { signal: controller.signal });
    if (response.ok || response.status === 404) return response;
    return (await cache.match(SHELL)) ?? response; // 5xx while the server restarts: the shell still works
  } catch {
    const shell = await cache.match(SHELL);
    if (shell) return shell;
    throw new Error('offline and no cached app shell');
  } finally {
    clearTimeout(timer);
  }
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin || NEVER.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
  } else if (CACHED.has(url.pathname)) {
    event.respondWith(cacheFirst(request, url.pathname));
  }
});
