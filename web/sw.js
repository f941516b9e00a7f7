// The service worker: keeps every file of the site in a versioned cache so the app starts
// with the network off, adds the cross-origin isolation headers (COOP/COEP) that WebAssembly
// threads need (so any plain static host works), and waits for the user before switching
// to a new version ("Update available — reload", boot.js).
// Every file it caches or serves must have the SHA-256 this build pinned below (the browser
// checks this script itself byte for byte on each update): a file changed on the server while
// the worker installs is never cached (the install fails and the old version stays), and a
// cached file changed by anything else on the origin (another page's caches.put) is never
// served: it is dropped and fetched again, and refused if the server's copy differs too.
'use strict';
const VERSION = '__AFTERGLOW_VERSION__';  // build-web.sh: a hash of the site's files
const FILES = __AFTERGLOW_FILES__;         // build-web.sh: every file of the site
const HASHES = __AFTERGLOW_HASHES__;       // build-web.sh: file name -> SHA-256 (hex)
const CACHE = 'afterglow-' + VERSION;

async function sha256(response) {
  const digest = await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
// The response is this build's `name`, byte for byte.
async function genuine(name, response) {
  return !!response && response.ok && typeof HASHES[name] === 'string' && (await sha256(response)) === HASHES[name];
}
function nameOf(req) {
  if (req.mode === 'navigate') return 'index.html';
  const path = new URL(req.url).pathname;
  return path.slice(path.lastIndexOf('/') + 1) || 'index.html';
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const name of FILES) {
      const response = await fetch(name, { cache: 'reload' });
      if (!(await genuine(name, response))) throw new Error(name + ' is not the file this version was built with');
      await cache.put(name, response.clone());
      if (name === 'index.html') await cache.put('./', response);
    }
  })());
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
  const name = nameOf(req);
  if (!(name in HASHES)) return;  // not a file of the app: the network, as without a worker
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const key = req.mode === 'navigate' ? './' : name;
    let hit = await cache.match(key, { ignoreSearch: true });
    if (hit && !(await genuine(name, hit))) {  // changed in the cache: never served
      await cache.delete(key, { ignoreSearch: true });
      hit = null;
    }
    if (!hit) {
      let fresh;
      try {
        fresh = await fetch(req.mode === 'navigate' ? 'index.html' : name, { cache: 'reload' });
      } catch (e) {
        return new Response('Afterglow is offline and this file was not cached.', { status: 503 });
      }
      if (!(await genuine(name, fresh)))
        return new Response('Afterglow refused ' + name + ': it is not the file this version was built with. ' +
                            'Reload to get the current version.', { status: 502, headers: { 'Content-Type': 'text/plain' } });
      await cache.put(key, fresh.clone());
      hit = fresh;
    }
    return isolated(hit);
  })());
});
