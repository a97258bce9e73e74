"""Subset tags made from the subset: ``XXXXXX+FiraSans-Bold`` names exactly one font program, in any file.

ISO 32000-1 §9.6.4: a subset's PostScript name starts with a tag of six capital letters, and
"different subsets in the same PDF file shall have different tags". ReportLab tags a font's
subsets by their number alone (``AAAAAA+``, ``AAAAAB+``), the same in every file whatever
glyphs they hold; so do tags made from the font's name and that number. Interleave two card
files (as a shop's upload form may) and two different programs carry one name, which a RIP
that merges fonts by name gets wrong. Here the tag is a hash of the font program and the
subset's glyphs in their order (which fixes the subset's program): different subsets never
share a tag (within a file it is made certain; across files a clash is one in 26^6), the same
subset always gets the same one, and a rebuild gives the same bytes.

Part of the one adapter that touches ReportLab's private parts (see the package): the
module-level ``ttfonts.SUBSETN`` that ``TTFont.addObjects`` names each subset with, the
font's per-document ``state`` with its ``subsets``, and the face's ``_ttf_data``.
"""

from __future__ import annotations

import hashlib
from functools import cache

TAG_LETTERS = 6
SEEN = "_datadialoog_subset_tags"
"""Attribute on ReportLab's document: the tags given in it so far, each with the subset it names."""


def subset_tag(font: bytes, codes: list[int], salt: int = 0) -> bytes:
    """Six capital letters from a hash of the font program's digest and the subset's code points in order."""
    digest = hashlib.sha256(font + b"/" + ",".join(map(str, codes)).encode("ascii") + b"/" + str(salt).encode())
    number = int.from_bytes(digest.digest()[:8], "big")
    letters = []
    for _ in range(TAG_LETTERS):
        number, letter = divmod(number, 26)
        letters.append(65 + letter)
    return bytes(letters)


@cache
def _font_digest(data: bytes, subfont: bytes) -> bytes:
    return hashlib.sha256(data + b"/" + subfont).digest()


@cache
def tagged_font_class():
    """ReportLab's TTFont whose subsets are tagged by :func:`subset_tag`; installs the hook into ReportLab once."""
    import contextvars

    from reportlab.pdfbase import ttfonts

    current: contextvars.ContextVar[dict[int, bytes] | None] = contextvars.ContextVar("subset_tags", default=None)
    numbered = ttfonts.SUBSETN

    def tag(n, *args, **kwargs):
        tags = current.get()
        return numbered(n, *args, **kwargs) if tags is None else tags[n]

    ttfonts.SUBSETN = tag

    class TaggedTTFont(ttfonts.TTFont):
        def addObjects(self, doc):
            face = self.face
            font = _font_digest(bytes(face._ttf_data), bytes(getattr(face, "subfontNameX", b"") or b""))
            state = self.state.get(doc)
            subsets = state.subsets if state is not None else []
            seen: dict[bytes, tuple] = doc.__dict__.setdefault(SEEN, {})
            tags = {}
            for n, codes in enumerate(subsets):
                identity = (font, tuple(codes))
                salt = 0
                while (found := subset_tag(font, codes, salt)) in seen and seen[found] != identity:
                    salt += 1  # another subset has it in this file: the next hash, the same on every rebuild
                seen[found] = identity
                tags[n] = found
            token = current.set(tags)
            try:
                super().addObjects(doc)
            finally:
                current.reset(token)

    return TaggedTTFont


def problems() -> list[str]:
    """The hook still names the subsets: a probe file's tags follow its glyphs, not ReportLab's numbering."""
    import io
    import re

    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfgen.canvas import Canvas

    from ...paper.fonts import font_path

    if not callable(getattr(ttfonts, "SUBSETN", None)):
        return ["reportlab.pdfbase.ttfonts.SUBSETN (the subset tag) is gone"]
    if not isinstance(getattr(ttfonts.TTFont("internals-tag-face", str(font_path())).face, "_ttf_data", None), bytes):
        return ["TTFontFace._ttf_data (the font program) is gone"]
    font = tagged_font_class()("internals-tag-probe", str(font_path()))
    pdfmetrics.registerFont(font)

    def tags(text: str) -> list[bytes]:
        out = io.BytesIO()
        canvas = Canvas(out, invariant=1)
        canvas.setFont("internals-tag-probe", 10)
        canvas.drawString(10, 10, text)
        canvas.save()
        return re.findall(rb"/BaseFont /([A-Z]{6})\+", out.getvalue())

    try:
        # Beyond ASCII, which ReportLab puts in every first subset whole: "ë" and "ş" make two subsets.
        probe, same, other = tags("probe ë"), tags("probe ë"), tags("probe ş")
    except Exception as exc:  # any failure here is what this check exists to report
        return [f"a file with a tagged font can no longer be written: {exc!r}"]
    if len(probe) != 1 or probe[0] == b"AAAAAA":  # ReportLab's own tag of a first subset
        return ["TTFont.addObjects no longer names its subsets through ttfonts.SUBSETN"]
    if probe != same or probe == other:
        return ["subset tags no longer follow the subset's glyphs (TTFont.state's subsets)"]
    return []
