"""The package's own YAML (the shipped decks, the name lists and rules), parsed when the site is written and handed
to the tab's YAML reader when it starts.

Without libyaml (the browser tab), PyYAML parses the default deck in about a second, and the name lists a check
reads in half of one, all before a first visit's first page shows. The site's archive carries each such file's
parse as a tree (:mod:`..deck.yamltree`), made with the tab's own loader, beside the SHA-256 of the text it came
from; at its start the tab gives the reader each tree whose file still holds that text. Any other text (a deck of
the person's own) is parsed as always.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import yaml

import datadialoog_print

from ..deck.locate import list_decks
from ..deck.yamlfile import PythonLoader, given_parse
from ..deck.yamltree import Recursive, from_tree, to_tree

NAME = "parsed-decks.json"
"""The file in the site's archive, beside this module."""


ROOT = Path(datadialoog_print.__file__).parent


def package_yaml() -> list[Path]:
    """The YAML files the package reads as they are: each shipped deck's, and the data the checks and ``generate``
    read."""
    decks = [path for folder in list_decks()[1] for path in sorted(folder.glob("*.yaml"))]
    return decks + sorted(ROOT.glob("*/data/*.yaml"))


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")  # as the deck reader decodes it


def shipped_parses() -> bytes:
    """Each of :func:`package_yaml`'s parses, by its path in the package, as JSON (the same bytes each time)."""
    parses = {}
    for path in package_yaml():
        text = _text(path)
        try:
            node = yaml.compose(text, Loader=PythonLoader)
            tree = None if node is None else to_tree(node)
        except (yaml.YAMLError, Recursive, RecursionError):
            tree = None
        if tree is None:
            continue  # read where it is used, and said there what is wrong
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        parses[path.relative_to(ROOT).as_posix()] = {"sha256": digest, "tree": tree}
    return json.dumps(parses, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@cache
def give(kept: Path = Path(__file__).parent / NAME) -> int:
    """Hand the archive's parses (``kept``) to the YAML reader, each only while its file holds the text it came from;
    how many. Once: a start from a kept memory finds them given."""
    try:
        parses = json.loads(kept.read_bytes())
    except (OSError, ValueError):  # a package run outside the site's archive, or a damaged one: parse as always
        return 0
    given = 0
    for name, parse in parses.items() if isinstance(parses, dict) else ():
        try:
            text = _text(ROOT / name)
            if hashlib.sha256(text.encode("utf-8")).hexdigest() == parse["sha256"]:
                given_parse(text, from_tree(parse["tree"]))
                given += 1
        except (OSError, ValueError, LookupError, TypeError, RecursionError):
            continue  # this file is parsed where it is read
    return given
