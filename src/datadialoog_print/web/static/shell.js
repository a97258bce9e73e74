// The workspace's shell: a page that never navigates, so the tab's Python (worker.js) stays warm while the
// workspace's pages come and go in the frame. The service worker brings each of the frame's requests here; they
// go to the worker, except the progress of a running build (the worker is busy building: the shell answers it
// from what the build tells) and page thumbnails (pdf.js draws them here). A request the worker does not answer
// in time (a deck's pattern that runs away, say) ends the worker; a new one starts and the page says why.
import { thumbnail } from "./thumbs.js";

const root = document.documentElement;
const BASE = new URL("./", location.href).pathname;
const TAB = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, "0")).join("");
const PREFIX = BASE + "app/" + TAB;
// Work waiting (a request, or a build) and no sign of life from the worker for this long: it is stuck (45 s;
// ?hung=SECONDS sets another bound, as tests do). The worker gives a sign several times a second while it works
// (worker.js), so a long build on a slow laptop is never taken for stuck; only a worker that stopped is.
const HUNG_MS = (Number(new URLSearchParams(location.search).get("hung")) || 45) * 1000;
const frame = document.getElementById("app");
const words = document.getElementById("words").dataset;
const pending = new Map(); // request id -> {resolve, started}
const builds = new Map(); // events path -> latest state a build told
const followers = new Map(); // events path -> set of functions fed with each state
const stopped = new Map(); // page path -> the page saying its build was stopped (asked for once, by its progress)
let silence = 0; // the longest time, in ms, the worker gave no sign while work waited (the tests read it)
let worker = null;
let starting = true; // a worker loading Pyodide is not stuck, however long that takes
let lastSign = 0;
let serial = 0;

function show(id) {
  for (const el of document.querySelectorAll(".shell-status > div")) el.hidden = el.id !== id;
}

function startWorker() {
  starting = true;
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event) => {
      const m = event.data;
      lastSign = performance.now();
      if (m.type === "ready") {
        worker.onmessage = fromWorker;
        starting = false;
        resolve(m.timings);
      } else if (m.type === "failed") {
        reject(new Error(m.reason));
      }
    };
    worker.onerror = (event) => reject(new Error(event.message || "worker"));
    worker.postMessage({ type: "hello" });
  });
}

function fromWorker(event) {
  const m = event.data;
  signed();
  if (m.type === "alive") return;
  if (m.type === "stats") {
    // For the benchmark and the tests: how long reading and writing the files took, and how Python started.
    window.workspaceStats = { ...m.syncs, memory: m.memory };
    return;
  }
  if (m.progress) {
    const state = JSON.parse(m.progress);
    builds.set(state.events, state);
    for (const feed of followers.get(state.events) || []) feed(state);
    return;
  }
  const waiting = pending.get(m.id);
  if (waiting) {
    pending.delete(m.id);
    waiting.resolve(m);
  }
}

function ask(request) {
  const id = ++serial;
  return new Promise((resolve) => {
    if (!busy()) lastSign = performance.now(); // the clock starts with the first work waiting
    pending.set(id, { resolve });
    worker.postMessage({ id, ...request, prefix: PREFIX }, request.body ? [request.body.buffer] : []);
  });
}

function language() {
  return (frame.contentDocument && frame.contentDocument.documentElement.lang) || "nl";
}

function busy() {
  return pending.size > 0 || [...builds.values()].some((b) => !["done", "failed"].includes(b.state));
}

function signed() {
  const now = performance.now();
  if (busy()) silence = Math.max(silence, now - lastSign);
  window.workspaceSilence = silence;
  lastSign = now;
}

// A stuck worker: every request it holds gets a page saying so, a build it runs ends on that page, and a fresh
// worker takes over.
setInterval(() => {
  if (starting || !busy() || performance.now() - lastSign < HUNG_MS) return;
  worker.terminate();
  const code = language() === "en" ? "en" : "nl";
  const text = words[`stopped${code === "en" ? "En" : "Nl"}`].replace("{seconds}", String(Math.round(HUNG_MS / 1000)));
  const back = words[`back${code === "en" ? "En" : "Nl"}`];
  const html = `<!doctype html><html lang="${code}"><head><meta charset="utf-8"><title>${back}</title>` +
    `<link rel="stylesheet" href="${BASE}web/style.css"></head><body><main id="main">` +
    `<p class="error" role="alert"></p><p><a href="${PREFIX}/">${back}</a></p></main></body></html>`;
  const body = new TextEncoder().encode(html.replace('role="alert"></p>', `role="alert">${escape(text)}</p>`));
  const page = { status: 503, headers: [["content-type", "text/html; charset=utf-8"]], body };
  for (const [, waiting] of pending) waiting.resolve({ ...page, body: body.slice() });
  pending.clear();
  for (const [path, state] of builds) {
    if (["done", "failed"].includes(state.state)) continue;
    stopped.set(path.replace(/\/events$/, ""), page);
    const end = { ...state, state: "failed", message: text };
    for (const feed of followers.get(path) || []) feed(end);
  }
  builds.clear();
  startWorker().catch(failed);
}, 1000);

function escape(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

// The service worker's requests for this tab.
function listen() {
  const channel = new BroadcastChannel("datadialoog-tab-" + TAB);
  channel.onmessage = async (event) => {
    const { id, request } = event.data;
    if (!request) return;
    channel.postMessage({ id, taken: true });
    if (request.method === "GET" && stopped.has(request.path)) {
      const page = stopped.get(request.path);
      stopped.delete(request.path);
      return channel.postMessage({ id, whole: { ...page, body: page.body.slice() } });
    }
    if (builds.has(request.path) && !["done", "failed"].includes(builds.get(request.path).state)) {
      return progress(channel, id, request.path);
    }
    let answer;
    const thumb = request.method === "GET" && request.path.match(/^(.*)\/pages\/([^/]+)\/(\d+)\.png$/);
    if (thumb) {
      answer = await thumbnail(ask, request, thumb);
    } else {
      answer = await ask(request);
    }
    channel.postMessage({ id, whole: { status: answer.status, headers: answer.headers, body: answer.body } });
  };
}

// Server-sent events for a build the worker is busy with, as the workspace's own route sends them.
function progress(channel, id, path) {
  channel.postMessage({ id, head: { status: 200, headers: [["content-type", "text/event-stream"]] } });
  const encoder = new TextEncoder();
  const feeds = followers.get(path) || new Set();
  followers.set(path, feeds);
  const send = (state) => {
    const data = { state: state.state, done: state.done, total: state.total };
    let text = `event: progress\ndata: ${JSON.stringify(data)}\n\n`;
    const finished = ["done", "failed"].includes(state.state);
    if (finished) {
      const url = PREFIX + path.replace(/\/events$/, "");
      text += `event: ${state.state}\ndata: ${JSON.stringify({ url, message: state.message })}\n\n`;
    }
    channel.postMessage({ id, chunk: encoder.encode(text) });
    if (finished) {
      feeds.delete(send);
      channel.postMessage({ id, end: true });
    }
  };
  feeds.add(send);
  send(builds.get(path));
}

// The frame's page in the shell's address (a reload opens the same page) and title.
function mirror() {
  let path;
  try {
    path = frame.contentWindow.location.pathname + frame.contentWindow.location.search;
  } catch {
    return;
  }
  if (!path.startsWith(PREFIX)) return;
  const inner = path.slice(PREFIX.length) || "/";
  history.replaceState(null, "", "#" + inner);
  document.title = frame.contentDocument.title;
  root.lang = language();
}

async function claimed() {
  const registration = await navigator.serviceWorker.register(BASE + "sw.js", { scope: BASE });
  if (navigator.serviceWorker.controller) return;
  await new Promise((resolve) => {
    navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true });
    navigator.serviceWorker.ready.then((ready) => ready.active.postMessage("claim"));
  });
  return registration;
}

function keepRuntime() {
  navigator.serviceWorker.ready.then((ready) => ready.active.postMessage("keep-runtime"));
}

function failed(err) {
  console.error(err);
  root.dataset.workspace = "failed";
  show("failed");
}

async function main() {
  if (typeof WebAssembly !== "object" || !("serviceWorker" in navigator)) {
    root.dataset.workspace = "unavailable";
    show("unavailable");
    return;
  }
  // Python starts loading at once, while the service worker takes control; what the worker fetched before that
  // control is kept for offline use once it is ready (keepRuntime).
  const python = startWorker();
  await claimed();
  listen();
  const claimedAt = performance.now();
  const timings = await python;
  keepRuntime();
  // For the benchmark: ms from opening to the service worker's control, the worker's start, Pyodide loaded, Python
  // unpacked, files mounted, the application made (and, below, the first page shown).
  window.workspaceTimings = { claimed: claimedAt };
  for (const [step, at] of Object.entries(timings)) window.workspaceTimings[step] = at - performance.timeOrigin;
  window.addEventListener("message", (event) => {
    if (event.data === "workspace-stats" && event.source === window) worker.postMessage({ type: "stats" });
  });
  const start = decodeURI(location.hash.slice(1)) || "/";
  frame.addEventListener("load", () => {
    mirror();
    if (root.dataset.workspace !== "ready") {
      document.getElementById("main").hidden = true;
      frame.hidden = false;
      root.dataset.workspace = "ready";
      window.workspaceTimings.shown = performance.now();
    }
  });
  frame.src = PREFIX + (start.startsWith("/") ? start : "/");
}

main().catch(failed);
