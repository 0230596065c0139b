// camnang's service worker: the pages a resident has opened, and the home
// page, open again without signal. With signal every page comes fresh from
// the site (network first; a kept copy if the network takes more than four
// seconds); the site works the same without this file.
const CACHE = "camnang-1";
const HOMES = {{ homes | json_encode() | safe }};
// how long the network may take before a kept copy is shown instead
const SLOW_MS = 4000;

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
  // the network first; what it gives is kept for the next time
  const net = fetch(req).then((res) => {
    if (res.ok) {
      const copy = res.clone();
      return caches.open(CACHE).then((c) => c.put(req, copy)).then(() => res, () => res);
    }
    return res;
  });
  event.waitUntil(net.catch(() => {}));
  event.respondWith((async () => {
    try {
      // a line that hangs (weak 3G) counts as none after a while: the
      // kept copy then, and the fresh one the next time
      return await Promise.race([net, new Promise((_, no) => setTimeout(no, SLOW_MS))]);
    } catch (err) {
      const hit = await caches.match(req, { ignoreSearch: req.mode === "navigate" });
      if (hit) return hit;
      if (req.mode === "navigate") {
        for (const home of HOMES) {
          const h = await caches.match(home);
          if (h) return h;
        }
      }
      // nothing kept: the network's answer, whenever it comes
      return net;
    }
  })());
});
