// Run when the site is written (web/precompile.py): the tab's first visit in Pyodide under Node, and the modules it
// imported, compiled by Pyodide's own Python, written as one zip.
// node compile.mjs PYODIDE_FOLDER PYTHON_ZIP OUT_ZIP
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [folder, archive, out] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(folder + "/pyodide.mjs").href);
const py = await loadPyodide({
  indexURL: folder + "/",
  env: { HOME: "/home/pyodide", SOURCE_DATE_EPOCH: "", PYTHONHASHSEED: "0" }, // the same bytes at every run
  stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
});
const purelib = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
py.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: purelib });
const made = await py.pyimport("datadialoog_print.web.firstvisit").compiled_visit();
writeFileSync(out, made.toJs());
made.destroy();
