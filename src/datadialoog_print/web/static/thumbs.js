// Page thumbnails of built PDFs, drawn by pdf.js in the tab (the installed workspace draws them with PDFium):
// a PNG 180 pixels wide of one page, as the workspace's thumbnail route answers it.
const WIDTH_PX = 180;
let pdfjs = null;
const open = new Map(); // PDF path -> {bytes, document}

async function library() {
  if (!pdfjs) {
    pdfjs = await import("../runtime/pdfjs/pdf.min.mjs");
    pdfjs.GlobalWorkerOptions.workerSrc = new URL("../runtime/pdfjs/pdf.worker.min.mjs", import.meta.url).href;
  }
  return pdfjs;
}

function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function documentOf(path, bytes) {
  const known = open.get(path);
  if (known && same(known.bytes, bytes)) return known.document;
  if (known) known.document.destroy();
  const lib = await library();
  const document = await lib.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: false })
    .promise;
  open.set(path, { bytes, document });
  return document;
}

function notFound() {
  return { status: 404, headers: [["content-type", "text/plain; charset=utf-8"]], body: new Uint8Array() };
}

// ask: the shell's way to the worker; request: the thumbnail's; match: [_, deck path, file, page number].
export async function thumbnail(ask, request, match) {
  const pdfPath = `${match[1]}/files/${match[2]}`;
  const pdf = await ask({ method: "GET", path: pdfPath, query: request.query, headers: request.headers, body: null });
  if (pdf.status !== 200 || !match[2].endsWith(".pdf")) return notFound();
  const document = await documentOf(pdfPath, pdf.body);
  const number = Number(match[3]);
  if (!(number >= 1 && number <= document.numPages)) return notFound();
  const page = await document.getPage(number);
  const unscaled = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: WIDTH_PX / unscaled.width });
  const canvas = new OffscreenCanvas(Math.round(viewport.width), Math.round(viewport.height));
  await page.render({ canvas, viewport }).promise;
  const png = new Uint8Array(await (await canvas.convertToBlob({ type: "image/png" })).arrayBuffer());
  return { status: 200, headers: [["content-type", "image/png"]], body: png };
}
