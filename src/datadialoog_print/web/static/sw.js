// The site's service worker: keeps every file of the site for offline use, and hands each request of the
// workspace's pages (under app/<tab>/) to the tab that shows them, over a BroadcastChannel named for that tab.
// Every answer carries the site's security headers: nothing may load from elsewhere.
"use strict";

const VERSION = "@VERSION@";
const FILES = ["@FILES@"];
const CACHE = "datadialoog-" + VERSION;
const BASE = new URL("./", self.location).pathname;
const APP = BASE + "app/";
const ANSWERED_MS = 4000; // a tab that does not take a request in this time is gone
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; " +
  "img-src 'self' data: blob:; style-src 'self'; font-src 'self' data: blob:; frame-src 'self'; " +
  "frame-ancestors 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";
const SECURITY = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};
// The tab's Python (the Pyodide runtime and the site's Python archive, 16 MB) is not fetched when this worker
// installs: on a first visit the tab's worker starts fetching it at once, before this worker is in control; once
// the tab's Python is ready, the tab asks for it to be kept ("keep-runtime"), and the browser's own cache (or a
// "not modified" from the server) answers those fetches. A later visit finds it here.
const KEPT_ONCE_READY = (file) => file.startsWith("runtime/pyodide/") || file === "runtime/python.zip";
const TYPES = { ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript" };

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(FILES.filter((file) => !KEPT_ONCE_READY(file)).map((file) => BASE + file));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("datadialoog-") && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "claim") event.waitUntil(self.clients.claim());
  if (event.data === "keep-runtime") event.waitUntil(keepRuntime());
});

async function keepRuntime() {
  const cache = await caches.open(CACHE);
  for (const file of FILES.filter(KEPT_ONCE_READY)) {
    if (!(await cache.match(BASE + file))) await cache.add(BASE + file);
  }
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(APP)) {
    event.respondWith(toTab(event.request, url));
  } else if (event.request.method === "GET") {
    event.respondWith(fromSite(event.request, url));
  }
});

function secured(body, status, headers) {
  const out = new Headers(headers);
  for (const [name, value] of Object.entries(SECURITY)) out.set(name, value);
  return new Response(body, { status, headers: out });
}

async function fromSite(request, url) {
  let name = url.pathname;
  if (name.endsWith("/")) name += "index.html";
  const cached = await caches.match(name, { cacheName: CACHE });
  const response = cached || (await fetch(request));
  if (!response.ok || response.type !== "basic") return response;
  const headers = new Headers(response.headers);
  const type = TYPES[name.slice(name.lastIndexOf("."))];
  if (type) headers.set("content-type", type); // a server that knows no .wasm or .mjs (IIS) still works
  return secured(response.body, response.status, headers);
}

async function toTab(request, url) {
  const rest = url.pathname.slice(APP.length);
  const slash = rest.indexOf("/");
  const tab = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? "/" : rest.slice(slash);
  const body = ["GET", "HEAD"].includes(request.method) ? null : new Uint8Array(await request.arrayBuffer());
  const id = crypto.randomUUID();
  const channel = new BroadcastChannel("datadialoog-tab-" + tab);
  return new Promise((resolve) => {
    let stream = null;
    // No tab took it (closed, or a page of it opened on its own later): open the workspace at that page.
    const gone = setTimeout(() => {
      channel.close();
      const reopen = Response.redirect(BASE + "workspace.html#" + path + url.search, 303);
      resolve(request.mode === "navigate" ? reopen : secured(null, 404, {}));
    }, ANSWERED_MS);
    channel.onmessage = (event) => {
      const m = event.data;
      if (m.id !== id) return;
      if (m.taken) {
        clearTimeout(gone);
      } else if (m.whole) {
        channel.close();
        resolve(secured(m.whole.body, m.whole.status, m.whole.headers));
      } else if (m.head) {
        const body = new ReadableStream({ start: (c) => (stream = c) });
        resolve(secured(body, m.head.status, m.head.headers));
      } else if (m.chunk) {
        stream.enqueue(m.chunk);
      } else if (m.end) {
        stream.close();
        channel.close();
      }
    };
    const headers = [...request.headers].filter(([name]) => name !== "cookie");
    channel.postMessage({ id, request: { method: request.method, path, query: url.search.slice(1), headers, body } });
  });
}
