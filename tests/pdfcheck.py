"""Reading PDFs back as a printer would: sizes, fonts, text per card, pixels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from pypdf import PdfReader

MM = 72 / 25.4


def pdfs(folder: Path, count: int) -> list[Path]:
    """The PDFs in a folder, sorted; fails unless there are exactly ``count``, so a loop over them can never pass empty."""
    found = sorted(folder.glob("*.pdf"))
    assert len(found) == count, [p.name for p in found]
    return found


def page_sizes_mm(path: Path) -> list[tuple[float, float]]:
    reader = PdfReader(path)
    return [(float(p.mediabox.width) / MM, float(p.mediabox.height) / MM) for p in reader.pages]


def fonts_not_embedded(path: Path) -> list[str]:
    """Names of fonts anywhere in the file (pages and forms) without an embedded font program."""
    reader = PdfReader(path)
    missing = []
    seen = set()

    def visit_resources(res):
        if res is None:
            return
        res = res.get_object()
        fonts = res.get("/Font")
        if fonts is not None:
            for ref in fonts.get_object().values():
                font = ref.get_object()
                key = id(font)
                if key in seen:
                    continue
                seen.add(key)
                descendants = font.get("/DescendantFonts")
                target = descendants.get_object()[0].get_object() if descendants else font
                descriptor = target.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else {}
                if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.append(str(font.get("/BaseFont")))
        xobjects = res.get("/XObject")
        if xobjects is not None:
            for _, ref in xobjects.get_object().items():
                xo = ref.get_object()
                if id(xo) not in seen:
                    seen.add(id(xo))
                    visit_resources(xo.get("/Resources"))

    for page in reader.pages:
        visit_resources(page.get("/Resources"))
    return missing


def font_names(path: Path) -> set[str]:
    reader = PdfReader(path)
    names = set()
    for page in reader.pages:
        res = page.get("/Resources").get_object()
        for _, ref in (res.get("/Font") or {}).items():
            names.add(str(ref.get_object().get("/BaseFont")))
        for _, ref in (res.get("/XObject") or {}).items():
            xr = ref.get_object().get("/Resources")
            if xr is not None:
                for _, fref in (xr.get_object().get("/Font") or {}).items():
                    names.add(str(fref.get_object().get("/BaseFont")))
    return names


def text_in_box(path: Path, page: int, box_mm: tuple[float, float, float, float]) -> str:
    """Text inside a rectangle (left, bottom, right, top in mm) of one page."""
    doc = pdfium.PdfDocument(str(path))
    textpage = doc[page].get_textpage()
    left, bottom, right, top = (v * MM for v in box_mm)
    return textpage.get_text_bounded(left, bottom, right, top)


def page_text(path: Path, page: int) -> str:
    doc = pdfium.PdfDocument(str(path))
    return doc[page].get_textpage().get_text_range()


def render(path: Path, page: int, dpi: int = 200) -> np.ndarray:
    """RGB pixels of one page; row 0 is the top of the page."""
    doc = pdfium.PdfDocument(str(path))
    image = doc[page].render(scale=dpi / 72).to_pil().convert("RGB")
    return np.asarray(image)


def runs(flags: np.ndarray, min_length: int) -> list[tuple[int, int]]:
    """Start and end (exclusive) of every run of True at least min_length long."""
    out, start = [], None
    for i, flag in enumerate(list(flags) + [False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start >= min_length:
                out.append((start, i))
            start = None
    return out


def merge(spans: list[tuple[int, int]], max_gap: int) -> list[tuple[int, int]]:
    """Join spans separated by fewer than max_gap pixels."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a - out[-1][1] < max_gap:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def colour_extents(pixels: np.ndarray, rgb: tuple[int, int, int], dpi: int, tolerance: int = 12) -> tuple[list, list]:
    """Extents in mm of the areas filled with one colour: (x runs from the left, y runs from the bottom)."""
    mask = np.all(np.abs(pixels.astype(int) - np.array(rgb)) <= tolerance, axis=2)
    height, _width = mask.shape
    px_per_mm = dpi / 25.4
    col_counts, row_counts = mask.sum(axis=0), mask.sum(axis=1)
    cols = col_counts > col_counts.max() * 0.4
    rows = row_counts > row_counts.max() * 0.4
    gap = int(3 * px_per_mm)  # a rule or a line of text across a card is not a gap between cards
    xs = [(a / px_per_mm, b / px_per_mm) for a, b in merge(runs(cols, 1), gap) if b - a >= 5 * px_per_mm]
    ys = [
        ((height - b) / px_per_mm, (height - a) / px_per_mm)
        for a, b in merge(runs(rows, 1), gap)
        if b - a >= 5 * px_per_mm
    ]
    return xs, sorted(ys)


def dominant_colour(pixels: np.ndarray) -> tuple[int, int, int]:
    """The most frequent non-white colour: a card page's fill."""
    flat = pixels.reshape(-1, 3).astype(np.int64)
    flat = flat[np.any(flat < 245, axis=1)]
    packed = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    top = int(np.bincount(packed).argmax())
    return (top >> 16, (top >> 8) & 255, top & 255)


def filled_shapes(path: Path, page: int) -> list[tuple[tuple[float, float, float, float], tuple[int, int, int]]]:
    """Every filled path on a page (forms included): its bounds in points (left, bottom, right, top,
    the outline's half width included) and its fill colour as the viewer shows it (RGB)."""
    import ctypes

    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(str(path))
    out = []
    for obj in doc[page].get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=8):
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
        if not fill.value:
            continue
        rgba = [ctypes.c_uint() for _ in range(4)]
        raw.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(v) for v in rgba))
        out.append((tuple(obj.get_bounds()), tuple(v.value for v in rgba[:3])))
    return out
