// camnang's service worker: the pages a resident has opened, and the home
// page, open again without signal. With signal every page comes fresh from
// the site (network first); the site works the same without this file.
const CACHE = "camnang-1";
const HOMES = {{ homes | json_encode() | safe }};

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // the home pages, and the page that is open now
    const open = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    const urls = HOMES.concat(open.map((c) => c.url));
    await Promise.all(urls.map((u) => cache.add(u).catch(() => {})));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("camnang-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    try {
      const res = await fetch(req);
      if (res.ok) {
        const copy = res.clone();
        event.waitUntil(caches.open(CACHE).then((c) => c.put(req, copy)));
      }
      return res;
    } catch (err) {
      const hit = await caches.match(req, { ignoreSearch: req.mode === "navigate" });
      if (hit) return hit;
      if (req.mode === "navigate") {
        for (const home of HOMES) {
          const h = await caches.match(home);
          if (h) return h;
        }
      }
      throw err;
    }
  })());
});
