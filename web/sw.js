// The service worker: keeps every file of the site in a versioned cache so the app starts
// with the network off, adds the cross-origin isolation headers (COOP/COEP) that WebAssembly
// threads need (so any plain static host works), and waits for the user before switching
// to a new version ("Update available — reload", boot.js).
'use strict';
const VERSION = '__AFTERGLOW_VERSION__';  // build-web.sh: a hash of the site's files
const FILES = __AFTERGLOW_FILES__;         // build-web.sh: every file of the site
const CACHE = 'afterglow-' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES.concat(['./']))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const k of await caches.keys()) if (k.startsWith('afterglow-') && k !== CACHE) await caches.delete(k);
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

function isolated(response) {
  if (!response || response.status === 0 || response.type === 'opaque') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const key = req.mode === 'navigate' ? './' : req;
    let hit = await cache.match(key, { ignoreSearch: true });
    if (!hit) {
      try {
        hit = await fetch(req);
      } catch (e) {
        return new Response('Afterglow is offline and this file was not cached.', { status: 503 });
      }
    }
    return isolated(hit);
  })());
});
