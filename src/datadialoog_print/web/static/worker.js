// The tab's Python: Pyodide with the workspace's application (datadialoog_print.web.runtime), in a Web Worker, so
// a build never freezes the page. The shell (shell.js) sends each request of the workspace's pages here; the
// answer goes back whole. The person's files live in the browser's origin-private file system (OPFS), mounted
// as the working folder: read in before each piece of work, written back after it, under one Web Lock that
// every tab of this site shares, so two tabs never write over each other half-way.
import { loadPyodide } from "../runtime/pyodide/pyodide.mjs";

const LOCK = "datadialoog-files";
const HOME = "/home/pyodide/datadialoog";
let py = null;
let runtime = null;
let chain = Promise.resolve();
const syncs = { in: [], out: [] }; // milliseconds each read and write of the files took (the benchmark reads them)

// One piece of work at a time, in order (requests, and builds queued by a request), each between a read of the
// other tabs' changes and a write of its own.
function serial(work) {
  const next = chain.then(() =>
    navigator.locks.request(LOCK, async () => {
      let t0 = performance.now();
      await sync(true);
      syncs.in.push(performance.now() - t0);
      try {
        return await work();
      } finally {
        t0 = performance.now();
        await sync(false);
        syncs.out.push(performance.now() - t0);
      }
    }),
  );
  chain = next.catch(() => {});
  return next;
}

function sync(populate) {
  return new Promise((resolve, reject) => py.FS.syncfs(populate, (err) => (err ? reject(err) : resolve())));
}

function tell(message) {
  postMessage({ progress: message });
}

async function start() {
  const timings = { start: performance.now() };
  py = await loadPyodide({
    indexURL: new URL("../runtime/pyodide/", import.meta.url).href,
    packages: [],
    env: { HOME: "/home/pyodide", SOURCE_DATE_EPOCH: "" },
    stdout: () => {},
    stderr: (line) => console.warn(line),
  });
  timings.pyodide = performance.now();
  const archive = await fetch(new URL("../runtime/python.zip", import.meta.url));
  if (!archive.ok) throw new Error("runtime/python.zip: " + archive.status);
  const purelib = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  py.unpackArchive(await archive.arrayBuffer(), "zip", { extractDir: purelib });
  timings.unpacked = performance.now();
  const storage = await navigator.storage.getDirectory();
  const folder = await storage.getDirectoryHandle("datadialoog", { create: true });
  await py.mountNativeFS(HOME, folder);
  timings.mounted = performance.now();
  runtime = py.pyimport("datadialoog_print.web.runtime");
  runtime.start(HOME, tell, (run) => {
    serial(async () => run()).catch((err) => console.error(err));
  });
  timings.imported = performance.now();
  return timings;
}

const ready = start();

async function answer(m) {
  await ready;
  return serial(async () => {
    const sent = m.body || new Uint8Array(0);
    const result = await runtime.answer(m.method, m.path, m.query, JSON.stringify(m.headers), sent, m.prefix);
    const [status, headers, body] = result.toJs();
    result.destroy();
    return { status, headers: JSON.parse(headers), body };
  });
}

onmessage = async (event) => {
  const m = event.data;
  if (m.type === "stats") {
    postMessage({ type: "stats", syncs });
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
    console.error(err);
    const body = new TextEncoder().encode(String(err));
    postMessage({ id: m.id, status: 500, headers: [["content-type", "text/plain; charset=utf-8"]], body }, [
      body.buffer,
    ]);
  }
};
