"""The guides hold together: the README links every guide, every link and every repository file a doc names
exists, and the contributors' module map names every module of the package and no other."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "src" / "datadialoog_print"
DOCS = [ROOT / "README.md", ROOT / "decks" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
GUIDES = [p for p in sorted((ROOT / "docs").glob("*.md")) if p.name != "package.md"]
"""docs/package.md is the package index's page, not a guide: it is shown there, not linked."""
STAGES = ("deck", "figures", "paper", "render", "assemble", "trainer", "cli", "serve", "web")
ROOTS = ("src/", "tests/", "bench/", "tools/", "docs/", ".ci/", "decks/default/", "decks/default-en/", "decks/README")
"""Where a path a doc names must exist: the repository's own folders (a path under output/ or a deck of yours is
the reader's, made later), and the package's stage folders, which the docs name without src/datadialoog_print/."""
TO_BE_WRITTEN = {
    "render/doorsign.py",  # the contributors' recipes: files a reader adds
    "serve/welcome_page.py",
    "serve/templates/welcome.html",
    "src/datadialoog_print/deck/words_xx.py",
    "deck/words_session_xx.py",
    "serve/page_words_xx.py",
}

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
CODE = re.compile(r"`([^`\n]+)`")
FENCE = re.compile(r"^```.*?^```", flags=re.M | re.S)


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def anchors(path: Path) -> set[str]:
    """The anchors GitHub makes of a file's headings: lower case, punctuation gone, spaces as hyphens."""
    headings = re.findall(r"^#+ (.+)$", FENCE.sub("", text(path)), flags=re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


def test_every_relative_link_leads_to_a_file_and_heading_that_exist():
    """A link in the README, the deck format or a guide leads to a file of the repository, and its #part to one
    of that file's headings."""
    dead = []
    for path in DOCS:
        for target in LINK.findall(FENCE.sub("", text(path))):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            name, _, part = target.partition("#")
            linked = (path.parent / name).resolve() if name else path
            if not linked.exists() or (part and linked.suffix == ".md" and part not in anchors(linked)):
                dead.append(f"{path.relative_to(ROOT)}: {target}")
    assert dead == [], dead


def named_paths(path: Path) -> set[str]:
    """The repository paths a doc names: in `code` and in its shell blocks, without placeholders."""
    body = text(path)
    found = set(CODE.findall(FENCE.sub("", body)))
    for block in re.findall(r"^```sh\n(.*?)^```", body, flags=re.M | re.S):
        found.update(block.split())
    return {
        name
        for name in found
        if re.fullmatch(r"[\w.][\w./-]*", name)
        and "/" in name
        and (name.startswith(ROOTS) or name.split("/")[0] in STAGES)
    }


def test_every_repository_file_a_doc_names_exists():
    """A path like `src/…`, `tests/…`, `bench/…` or `serve/security.py` names a file or folder that is there
    (under src/datadialoog_print/ for the package's own folders); only the recipes' new files are not yet."""
    missing = []
    for path in DOCS:
        for name in sorted(named_paths(path) - TO_BE_WRITTEN):
            where = PACKAGE / name if name.split("/")[0] in STAGES else ROOT / name
            if not where.exists():
                missing.append(f"{path.relative_to(ROOT)}: {name}")
    assert missing == [], missing


def test_the_readme_links_every_guide_and_only_guides_that_exist():
    """The README leads to every guide in docs/; a guide it does not link is one nobody finds."""
    linked = {(ROOT / target.partition("#")[0]).resolve() for target in LINK.findall(text(ROOT / "README.md"))}
    assert GUIDES and [g.name for g in GUIDES if g.resolve() not in linked] == []


def map_rows() -> list[tuple[str, str]]:
    """The module map in docs/contributing.md as (folder, what it holds) per row."""
    section = text(ROOT / "docs" / "contributing.md").split("\n## Module map\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (`[\w/]+/`|top level) \| (.+) \|$", section, flags=re.M)
    return [(folder.strip("`").rstrip("/") if folder != "top level" else "", cell) for folder, cell in rows]


def resolve(folder: str, name: str) -> Path | None:
    """A module or folder the map names in a row: under the row's folder (at any depth), else from the top."""
    base = PACKAGE / folder
    for candidate in (base / name, PACKAGE / name):
        if candidate.exists():
            return candidate
    nested = sorted(p for p in base.rglob(name.rstrip("/")) if p.is_file() == name.endswith(".py"))
    return nested[0] if len(nested) == 1 else None


def package_contents() -> set[Path]:
    """Every module (a subpackage's __init__.py apart: its folder stands for it) and every subpackage."""
    modules = {p for p in PACKAGE.rglob("*.py") if not (p.name == "__init__.py" and p.parent != PACKAGE)}
    packages = {p.parent for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE}
    return {p for p in modules | packages if "decks" not in p.relative_to(PACKAGE).parts}


def test_the_module_map_names_every_module_and_no_other():
    """Each row names its folder's modules and subpackages (the tree walked); a name that is no file fails."""
    rows = map_rows()
    assert {folder for folder, _ in rows} >= {"", *STAGES}, rows
    named, unknown = {PACKAGE / folder for folder, _ in rows}, []
    for folder, cell in rows:
        for name in CODE.findall(cell):
            if not re.fullmatch(r"[\w./]+(\.py|/)", name):
                continue
            found = resolve(folder, name)
            if found is None:
                unknown.append(f"{folder or 'top level'}: {name}")
            else:
                named.add(found)
    assert unknown == [], unknown
    missing = sorted(str(p.relative_to(PACKAGE)) for p in package_contents() - named)
    assert missing == [], missing
