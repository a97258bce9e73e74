"""The stages lean one way: every import of every module, read from its source, against the stage order.

deck → figures → paper → render → assemble → cli, serve and web: a stage imports its own modules
and those of lower stages, never a higher one (imports inside functions and for type
checking count too). ``trainer/`` makes decks: it uses the deck and the figures and reads decks as
every command does (``assemble.decks``); only the CLI and the workspace use it. Only ``cli/`` imports click, and the stages that compute
(deck, figures, trainer) never import ReportLab.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import datadialoog_print

PACKAGE = Path(datadialoog_print.__file__).parent

ORDER = {"deck": 0, "figures": 1, "paper": 2, "render": 3, "assemble": 4, "cli": 5, "serve": 5, "web": 5}
"""Each stage's height; a module may import stages of its height or lower."""

TRAINER_USES = {"deck", "figures", "assemble", "trainer"}
"""The trainer makes decks: it reads them as every command does (``assemble.decks``) and computes their figures."""
TRAINER_USED_BY = {"cli", "serve", "trainer"}
NEUTRAL = {path.stem for path in PACKAGE.glob("*.py")}
"""The package's own top-level modules (errors, numbers, …): below every stage (``__main__`` only starts the CLI)."""


def imports(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """Every module ``path`` imports, as an absolute dotted name ("datadialoog_print.paper.fonts"), with its line."""
    module = ("datadialoog_print", *path.relative_to(root).with_suffix("").parts)
    package = module[:-1]  # a module's package; for an __init__, the package itself
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join((*base, *(node.module.split(".") if node.module else ())))
            else:
                name = node.module or ""
            found.append((node.lineno, name))
    return found


def stage_of(dotted: str) -> str | None:
    """The stage (or top-level module) of one of our modules; None for another package's."""
    parts = dotted.split(".")
    if parts[0] != "datadialoog_print":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def forbidden(source: str, target: str | None, dotted: str) -> str | None:
    """Why a module of stage ``source`` may not import ``dotted`` (of stage ``target``), or None."""
    top = dotted.split(".")[0]
    if top == "click" and source != "cli":
        return "click outside cli/"
    if top == "reportlab" and source in {"deck", "figures", "trainer"}:
        return "ReportLab in a stage that computes"
    if target is None or target == source:
        return None
    if source in NEUTRAL and target not in NEUTRAL and source != "__main__":
        return "a top-level module importing a stage"
    if target == "trainer" and source not in TRAINER_USED_BY:
        return "the trainer's tools outside cli/ and serve/"
    if source == "trainer":
        return None if target in TRAINER_USES | NEUTRAL else f"trainer/ uses {target}/"
    if target in NEUTRAL:
        return None
    if source in ORDER and target in ORDER and ORDER[target] > ORDER[source]:
        return f"{source}/ (stage {ORDER[source]}) imports {target}/ (stage {ORDER[target]})"
    return None


def violations(root: Path = PACKAGE) -> list[str]:
    out = []
    for path in sorted(root.rglob("*.py")):
        source = stage_of("datadialoog_print." + ".".join(path.relative_to(root).with_suffix("").parts))
        for line, dotted in imports(path, root):
            if why := forbidden(source, stage_of(dotted), dotted):
                out.append(f"{path.relative_to(root)}:{line} imports {dotted}: {why}")
    return out


def test_every_module_imports_only_its_own_stage_and_lower_ones():
    assert violations() == []


def test_every_stage_is_known():
    """A new folder gets a place in the order before its imports count."""
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert folders == set(ORDER) | {"trainer"}


@pytest.mark.parametrize(
    "module,line",
    [
        ("deck/checker.py", "from ..paper import fonts"),
        ("deck/deckfile.py", "from ..render.internals import set_anchor"),
        ("paper/fonts.py", "from ..render.internals import tagged_font_class"),
        ("figures/stats.py", "from ..assemble.documents import KINDS"),
        ("render/pdf.py", "from ..cli.errorpath import ErrorPath"),
        ("trainer/draft.py", "from ..paper.fonts import FAMILY"),
        ("assemble/pipeline.py", "from ..trainer.newdeck import new_deck"),
        ("assemble/options.py", "import click"),
        ("serve/app.py", "from click import echo"),
        ("figures/stats.py", "from reportlab.lib.units import mm"),
        ("errors.py", "from .deck.model import Deck"),
    ],
)
def test_a_forbidden_import_is_found(tmp_path: Path, module: str, line: str):
    """The check itself: each import that would break a rule, added to a copy of the package, is reported."""
    found = violations(copy_with(tmp_path, module, line))
    assert len(found) == 1 and found[0].startswith(module), found


def copy_with(tmp_path: Path, module: str, line: str) -> Path:
    """A copy of the package's modules with ``line`` added to ``module``, in a function of its own."""
    import shutil

    copy = tmp_path / "datadialoog_print"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "decks", "static", "templates"))
    target = copy / module
    text = target.read_text(encoding="utf-8")
    target.write_text(text + f"\n\ndef _probe(canvas, heading):\n    {line}\n", encoding="utf-8")
    return copy


def test_every_deck_a_command_reads_gets_the_checks_of_the_documents():
    """The deck stage checks a deck's letters against the font and its ``see:`` against the booklet only when
    handed :func:`~datadialoog_print.assemble.decks.printing`; its own reader, ``deck.load.read_deck``, is read
    only by ``assemble/decks.py``, whose ``load_deck`` (the one ``load_deck``) always hands them over."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and (node.module or "").endswith("deck.load")
                and any(a.name == "read_deck" for a in node.names)
                and str(where) != "assemble/decks.py"
            ):
                found.append(f"{where}:{node.lineno} reads a deck without the documents' checks")
            name = getattr(node, "func", None) and getattr(node.func, "id", getattr(node.func, "attr", ""))
            if isinstance(node, ast.Call) and name == "check_value" and len(node.args) + len(node.keywords) < 3:
                found.append(f"{where}:{node.lineno} check_value without the font's check")
            if isinstance(node, ast.FunctionDef) and node.name == "load_deck" and str(where) != "assemble/decks.py":
                found.append(f"{where}:{node.lineno} a second load_deck")
    assert found == []


def adapter_violations(root: Path = PACKAGE) -> list[str]:
    """Private attributes read or set on another object, and ReportLab settings changed, outside render/internals/."""
    found = []
    for path in sorted(root.rglob("*.py")):
        where = path.relative_to(root)
        if where.parts[:2] == ("render", "internals"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        ours = set()  # names this module binds to ReportLab's modules, classes and functions
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
                ours |= {a.asname or a.name for a in node.names}
            elif isinstance(node, ast.Import):
                ours |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name.startswith("reportlab")}
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                if getattr(node.value, "id", None) not in {"self", "cls"} and ast.unparse(node) != "os._exit":
                    found.append(f"{where}:{node.lineno} {ast.unparse(node)}")
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"getattr", "setattr", "hasattr"}:
                name = node.args[1] if len(node.args) > 1 else None
                if isinstance(name, ast.Constant) and str(name.value).startswith("_"):
                    found.append(f"{where}:{node.lineno} {ast.unparse(node)}")
            elif isinstance(node, (ast.Assign, ast.AugAssign)):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    base = target
                    while isinstance(base, (ast.Attribute, ast.Subscript)):
                        base = base.value
                    if target is not base and getattr(base, "id", None) in ours:
                        found.append(f"{where}:{node.lineno} sets {ast.unparse(target)}")
    return found


def test_reportlab_private_parts_and_settings_are_touched_only_in_the_adapter():
    """``render/internals/`` is the one adapter (checked by its ``problems()``): nowhere else is a private
    attribute read or set on another object, or a ReportLab setting changed."""
    assert adapter_violations() == []


@pytest.mark.parametrize(
    "module,line",
    [
        ("render/cards.py", "canvas._code.append('q')"),
        ("render/booklet/book.py", "setattr(heading, '_contents_key', 'x')"),
        ("paper/fonts.py", "from reportlab import rl_config; rl_config.shapeChecking = 0"),
        ("render/styles.py", "from reportlab.lib.styles import ParagraphStyle; ParagraphStyle.defaults['x'] = 1"),
    ],
)
def test_a_private_part_outside_the_adapter_is_found(tmp_path: Path, module: str, line: str):
    found = adapter_violations(copy_with(tmp_path, module, line))
    assert len(found) == 1 and found[0].startswith(module), found
