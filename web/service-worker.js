// Roadbook's service worker (a template: build_dist.mjs fills in the cache version and the precache list).
// The app shell and every content-hashed asset come from a versioned cache, so Roadbook starts with no
// network; /api/ always goes to the network. A new worker waits until the page asks it to take over (after
// saving), so new code never runs under a tab that is typing or against data an old tab still writes.
'use strict';

const VERSION = '{{VERSION}}';
const CACHE = 'roadbook-{{CACHE_VERSION}}';
const PRECACHE = {{PRECACHE}};

self.addEventListener('install', (event) => {
  // Every file or none: a half-filled cache would start offline with missing code.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('roadbook-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
  if (event.data && event.data.type === 'version' && event.ports[0]) event.ports[0].postMessage({ version: VERSION, cache: CACHE });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return;  // never from a cache: the network answers or fails
  if (request.mode === 'navigate') {
    // The app shell of this version, whatever the path or query; the network only if it is missing.
    event.respondWith(caches.open(CACHE).then((cache) => cache.match('./')).then((shell) => shell || fetch(request)));
    return;
  }
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const cached = await cache.match(request, { ignoreSearch: true });
    return cached || fetch(request);
  }));
});
