// The tab's Python: Pyodide with the workspace's application (datadialoog_print.web.runtime), in a Web Worker, so
// a build never freezes the page. The shell (shell.js) sends each request of the workspace's pages here; the
// answer goes back whole. The person's files live in the browser's origin-private file system (OPFS), mounted
// as the working folder: read in before each piece of work, written back after it, under one Web Lock that
// every tab of this site shares, so two tabs never write over each other half-way.
//
// A first visit (or one whose kept memory could not be used) starts Python afresh and answers at once; once the tab
// is idle, a second Python (this file again, as the keeper: worker.js?keeper) starts beside it, imports and builds
// what the workspace uses (runtime.warm), keeps its memory in the browser's storage and ends. A later visit starts
// from that memory.
//
// Signs of life for the shell's watchdog: a timer here, twice a second, whenever this thread is free (loading,
// or waiting for another tab's work), and while Python works, its garbage collector's callback (runtime.py):
// a build makes objects all the time; a pattern stuck backtracking in `re` makes none, and is ended.
import { loadPyodide } from "../runtime/pyodide/pyodide.mjs";
import createPyodideModule from "../runtime/pyodide/pyodide.asm.mjs";

const KEEPER = new URL(import.meta.url).searchParams.has("keeper");
const LOCK = "datadialoog-files";
const KEEPING = "datadialoog-keeping"; // one keeper at a time, whatever tab started it
const HOME = "/home/pyodide/datadialoog";
let py = null;
let runtime = null;
let chain = Promise.resolve();
const syncs = { in: [], out: [] }; // milliseconds each read and write of the files took (the benchmark reads them)
const memory = { started: "", kept: false }; // how Python started ("fresh" or "kept memory") and whether it was kept

// One piece of work at a time, in order (requests, and builds queued by a request), each between a read of the
// other tabs' changes and a write of its own. Reading every file takes long once a person keeps many builds, so
// it is done only when another tab wrote since this one last did (a mark beside the folder says who wrote last).
const WRITTEN = "datadialoog-written";
let seen = null; // the mark this tab last read or wrote

// The package's own style sheets and scripts (`files` false) touch none of the person's files: they keep their
// place in the order, without the lock or a read and write of the files (each page asks for three).
function serial(work, files = true) {
  const next = chain.then(() => (files ? withFiles(work) : work()));
  chain = next.catch(() => {});
  return next;
}

function withFiles(work) {
  return navigator.locks.request(LOCK, async () => {
    let t0 = performance.now();
    if ((await writtenMark()) !== seen) await sync(true);
    syncs.in.push(performance.now() - t0);
    try {
      return await work();
    } finally {
      t0 = performance.now();
      seen = null; // until the new mark is written, the next piece of work reads the files again
      await sync(false);
      seen = await newMark().catch(() => null);
      syncs.out.push(performance.now() - t0);
      keepSoon();
    }
  });
}

async function writtenMark() {
  try {
    const root = await navigator.storage.getDirectory();
    return await (await (await root.getFileHandle(WRITTEN)).getFile()).text();
  } catch {
    return "none"; // no tab wrote yet (or the storage was cleared): read the files
  }
}

async function newMark() {
  const mark = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");
  const root = await navigator.storage.getDirectory();
  const writable = await (await root.getFileHandle(WRITTEN, { create: true })).createWritable();
  await writable.write(mark);
  await writable.close();
  return mark;
}

function sync(populate) {
  return new Promise((resolve, reject) => py.FS.syncfs(populate, (err) => (err ? reject(err) : resolve())));
}

function tell(message) {
  postMessage({ progress: message });
}

function alive() {
  postMessage({ type: "alive" });
}

if (!KEEPER) setInterval(alive, 500);

// When each step of the start ended, in ms since the shell's page opened (performance.timeOrigin differs here).
function stamp() {
  return performance.timeOrigin + performance.now();
}

async function archiveBytes() {
  const archive = await fetch(new URL("../runtime/python.zip", import.meta.url));
  if (!archive.ok) throw new Error("runtime/python.zip: " + archive.status);
  const bytes = await archive.arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hex = Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
  compiledName = "compiled-" + hex + ".zip";
  memoryName = "memory-" + hex + ".bin";
  return bytes;
}

// The modules this tab compiled, kept in the browser's storage beside the person's folder, named for the archive
// they came from (web/pycache.py): the next start imports them instead of compiling again.
let compiledName = null;
let purelib = null;
let keeping = null;

async function keepCompiled() {
  const made = py.pyimport("datadialoog_print.web.pycache").packed(purelib);
  if (!made) return;
  const bytes = made.toJs();
  made.destroy();
  await keepFile(compiledName, bytes, "compiled-");
}

// Two seconds after the last piece of work, what was compiled since is kept; after a fresh start, once the tab has
// been idle for ten seconds, a keeper makes the memory a later visit starts from (it works a core for some
// seconds: not while the person is busy, and not for a tab opened for a moment).
const KEEPER_AFTER_MS = 10000;
let keeperSoon = null;

function keepSoon() {
  clearTimeout(keeping);
  keeping = setTimeout(() => keepCompiledNow().catch((err) => console.warn(err)), 2000);
  clearTimeout(keeperSoon);
  keeperSoon = setTimeout(() => {
    if (memory.started === "fresh" && !keeper) keeper = keepMemory();
  }, KEEPER_AFTER_MS);
}

async function keepCompiledNow() {
  if (memory.started === "fresh") await keepCompiled(); // from a kept memory nothing was compiled
}

let keeper = null;

// At most one keeper per tab, and one at a time across tabs: a tab that finds another keeping, or the memory
// already kept for this archive, starts none.
function keepMemory() {
  return navigator.locks.request(KEEPING, { ifAvailable: true }, async (lock) => {
    if (!lock) {
      keeper = null; // asked again after the next piece of work
      return;
    }
    if (!(await hasFile(memoryName))) await runKeeper();
    memory.kept = await hasFile(memoryName);
  });
}

function runKeeper() {
  return new Promise((resolve) => {
    const made = new Worker(new URL("./worker.js?keeper", import.meta.url), { type: "module" });
    const end = (why) => {
      if (why) console.warn("the tab's memory was not kept:", why);
      made.terminate();
      resolve();
    };
    made.onmessage = (event) => end(event.data.type === "kept" ? null : event.data.reason);
    made.onerror = (event) => end(event.message || "keeper");
  });
}

async function hasFile(name) {
  try {
    await (await navigator.storage.getDirectory()).getFileHandle(name);
    return true;
  } catch {
    return false;
  }
}

async function filesFolder() {
  const storage = await navigator.storage.getDirectory();
  return storage.getDirectoryHandle("datadialoog", { create: true });
}

// Python's memory once the application's modules are imported, its pages compiled and a deck built (the keeper's),
// kept in the browser's storage beside the person's folder and named for the archive it came from: the next start
// puts it back in place of starting Python and importing everything again. Pyodide's memory snapshots are marked
// experimental, so anything amiss with a kept memory (another Pyodide, a damaged file) means a fresh start, and the
// memory is made again.
let memoryName = null;

async function storedFile(name) {
  try {
    const root = await navigator.storage.getDirectory();
    return new Uint8Array(await (await (await root.getFileHandle(name)).getFile()).arrayBuffer());
  } catch {
    return null;
  }
}

async function keptMemory() {
  const root = await navigator.storage.getDirectory();
  for await (const name of root.keys()) {
    if (name.startsWith("memory-")) return { name, bytes: await storedFile(name) };
  }
  return null;
}

async function keepFile(name, bytes, prefix) {
  const root = await navigator.storage.getDirectory();
  for await (const other of root.keys()) {
    if (other.startsWith(prefix) && other !== name) await root.removeEntry(other);
  }
  const writable = await (await root.getFileHandle(name, { create: true })).createWritable();
  await writable.write(bytes);
  await writable.close();
}

async function forget(name) {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(name).catch(() => {});
}

const OPTIONS = {
  indexURL: new URL("../runtime/pyodide/", import.meta.url).href,
  packages: [],
  env: { HOME: "/home/pyodide", SOURCE_DATE_EPOCH: "" },
  stdout: () => {},
  stderr: (line) => console.warn(line),
};

// Pyodide sizes the memory a kept one goes into at its own start size; a kept memory is larger, so it grows first.
async function fromKept(kept) {
  return loadPyodide({
    ...OPTIONS,
    _loadSnapshot: kept,
    createPyodideModule: async (settings) => {
      const made = await createPyodideModule(settings);
      if (made.HEAP8.length < kept.length) made.growMemory(kept.length);
      return made;
    },
  });
}

async function start() {
  const timings = { start: stamp() };
  // The archive and the folder come while Pyodide compiles and starts (each waits on the network or the disk).
  const bytes = archiveBytes();
  const folder = filesFolder();
  const keptFile = keptMemory(); // read while the archive comes; used only if it is named for that archive
  await bytes;
  const found = await keptFile;
  const kept = found && found.name === memoryName ? found.bytes : null;
  if (kept) {
    try {
      py = await fromKept(kept);
      memory.started = "kept memory";
    } catch (err) {
      console.warn("the kept memory could not be used; starting afresh", err);
      await forget(memoryName);
    }
  }
  if (!py) {
    py = await loadPyodide(OPTIONS);
    memory.started = "fresh";
  }
  timings.pyodide = stamp();
  if (memory.started === "fresh") await unpackFresh(await bytes);
  else py.pyimport("datadialoog_print.web.archive").unpack(await bytes, purelibOf()); // less what the memory holds
  timings.unpacked = stamp();
  runtime = py.pyimport("datadialoog_print.web.runtime");
  timings.warm = stamp();
  const mark = await writtenMark(); // read before the folder: a write after it is read again by the first work
  await py.mountNativeFS(HOME, await folder);
  seen = mark;
  timings.mounted = stamp();
  runtime.start(
    HOME,
    tell,
    (run) => {
      serial(async () => run()).catch((err) => console.error(err));
    },
    alive,
  );
  timings.imported = stamp();
  return timings;
}

function purelibOf() {
  purelib = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  return purelib;
}

// Every file of the archive, and over them the modules an earlier start compiled (none on a first visit).
async function unpackFresh(bytes) {
  py.unpackArchive(bytes, "zip", { extractDir: purelibOf() });
  py.pyimport("datadialoog_print.web.pycache").prepare(purelib);
  const compiled = await storedFile(compiledName);
  if (compiled) py.unpackArchive(compiled, "zip", { extractDir: purelib }); // whole: it is packed again from what is there
}

// The keeper: Python afresh, warmed, its memory kept; the tab's own Python never waits on it.
async function keep() {
  const bytes = await archiveBytes();
  py = await loadPyodide({ ...OPTIONS, _makeSnapshot: true });
  await unpackFresh(bytes);
  py.pyimport("datadialoog_print.web.runtime").warm();
  await keepFile(memoryName, py.makeMemorySnapshot(), "memory-");
}

if (KEEPER) {
  keep().then(
    () => postMessage({ type: "kept" }),
    (err) => postMessage({ type: "failed", reason: String(err && err.stack ? err.stack : err) }),
  );
}

const ready = KEEPER ? null : start();

async function answer(m) {
  await ready;
  return serial(async () => {
    const sent = m.body || new Uint8Array(0);
    const result = await runtime.answer(m.method, m.path, m.query, JSON.stringify(m.headers), sent, m.prefix);
    const [status, headers, body] = result.toJs();
    result.destroy();
    return { status, headers: JSON.parse(headers), body };
  }, !runtime.package_only(m.method, m.path));
}

onmessage = async (event) => {
  const m = event.data;
  if (m.type === "stats") {
    postMessage({ type: "stats", syncs, memory });
    return;
  }
  if (m.type === "hello") {
    try {
      postMessage({ type: "ready", timings: await ready });
    } catch (err) {
      postMessage({ type: "failed", reason: String(err && err.stack ? err.stack : err) });
    }
    return;
  }
  try {
    const a = await answer(m);
    postMessage({ id: m.id, status: a.status, headers: a.headers, body: a.body }, [a.body.buffer]);
  } catch (err) {
    console.error(String(err)); // as text: the console would shorten the object's preview of a Python traceback
    const body = new TextEncoder().encode(String(err));
    postMessage({ id: m.id, status: 500, headers: [["content-type", "text/plain; charset=utf-8"]], body }, [
      body.buffer,
    ]);
  }
};
