/* Lastmile's service worker: serves the worklist, the visit forms and the assets from the phone when
   there is no signal. Pages are cached only when the worker downloads them for offline use (the page's
   script does that), and the cache is deleted at logout. */
'use strict';
var PAGES = 'lastmile-pages-v1';   // the worker's pages, with names: deleted at logout
var ASSETS = 'lastmile-assets-v1';  // styles and scripts, nothing personal

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  var page = url.pathname === '/worklist' || url.pathname === '/visits/new';
  var asset = url.pathname.indexOf('/css/') === 0 || url.pathname.indexOf('/js/') === 0 || url.pathname.indexOf('/webjars/') === 0;
  if (!page && !asset) {
    return;
  }
  // Network first, so that a page with signal is always fresh; the phone's copy when there is none.
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && asset) {
      var copy = response.clone();
      caches.open(ASSETS).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request).then(function (cached) {
      return cached || new Response('', { status: 503, statusText: 'offline' });
    });
  }));
});
