"""``verify``: does an output folder hold exactly what its deck builds? Trusting neither manifest nor files.

0. The folder held: its lock taken shared for the whole run, so no build writes there while it
   is compared (a build that is running is waited for, up to :data:`WAIT_S`, then named).
1. The manifest: readable and as a build writes it, every fact it records checked
   (:mod:`.manifestcheck`).
2. The deck: found from the manifest's own folder (its relative path), else its absolute
   path; every deck file as recorded.
3. A rebuild: builds are byte-identical, so every document is rendered again into a
   temporary folder with the options the manifest recorded for it and compared byte for
   byte. A PDF changed with its hash updated to match, a PDF deleted with its entry, an
   emptied list of files: each shows as a difference from what the deck builds.
4. The folder: every entry is the build's, the tool's own bookkeeping, a leftover of an
   interrupted build, a stale file of an earlier build, or the user's. The user's files
   and leftover staging folders are listed without failing; the rest must match.

This is the one light command that imports ReportLab: a rebuild is the only proof.
"""

from __future__ import annotations

import filecmp
import json
import os
import stat
import tempfile
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..errors import DatadialoogError, short
from ..folderlock import LOCK, fingerprint, reading
from .documents import tool_names
from .manifest import PREVIEW_DIR, deck_record, safe_name, sha256
from .manifestcheck import entry_problems, fresh_facts, options_problems, shown, top_problems
from .options import BuildOptions
from .staging import COMMIT, MANIFEST, STAGING_PREFIX, read_json

WAIT_S = 30.0
"""How long verify waits for a build that is writing in the folder before it says one is."""

MAX_FILE_BYTES = 1 << 30
"""The largest file verify hashes: a build's PDFs are megabytes; a (sparse) terabyte named by a forged manifest is not one."""

CALIBRATION_DIR = "calibration"
"""Where ``calibrate`` writes by default, inside a deck's output folder; not part of the build."""


@dataclass(frozen=True)
class Verdict:
    """What verify found: every problem (the folder fails) and every note (listed, not a failure)."""

    problems: tuple[str, ...]
    checked: int
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


def _locate_deck(folder: Path, record: dict) -> Path | None:
    """The deck folder: relative to the manifest, else the absolute path, else (older manifests) the working folder."""
    candidates = []
    for key, base in (("path", folder), ("absolute_path", None), ("path", Path("."))):
        value = record.get(key)
        if isinstance(value, str) and value and "\0" not in value:
            candidates.append(base / value if base is not None else Path(value))
    return next((c for c in candidates if (c / "deck.yaml").is_file()), None)


def _read(folder: Path) -> tuple[dict | None, list[str]]:
    path = folder / MANIFEST
    if not os.path.lexists(path):  # a FIFO or a link in its place is named below, never called missing
        return None, [f"no {MANIFEST} in {folder}: not a build folder, or built before manifests existed"]
    try:
        manifest = read_json(path)
        if not isinstance(manifest, dict):
            raise ValueError("not a JSON object")
        for key, kind in (("files", dict), ("deck", dict), ("options", dict)):
            if not isinstance(manifest.get(key), kind):
                raise ValueError(f"no '{key}'")
    except (OSError, ValueError) as exc:
        return None, [f"{MANIFEST} is damaged ({exc}); build again"]
    return manifest, []


class _Busy(DatadialoogError):
    """A build held the folder for all of :data:`WAIT_S`."""


def verify(folder: Path) -> Verdict:
    """Compare an output folder with its manifest and with a fresh build of the deck the manifest names,
    holding the folder's lock (shared) for the whole run."""
    folder = Path(folder)
    if not folder.is_dir():
        return Verdict((f"{short(str(folder))}: no such folder",), 0)
    try:
        with reading(folder, wait=WAIT_S, error=_Busy) as locked:
            for _ in range(3):
                before = None if locked else fingerprint(folder, (MANIFEST, COMMIT))
                verdict = _verify(folder)
                if locked or fingerprint(folder, (MANIFEST, COMMIT)) == before:
                    return verdict
            return Verdict((f"{short(str(folder))} kept changing while it was read; verify again",), 0)
    except _Busy:
        return Verdict(
            (f"a build is writing to {folder} right now (waited {WAIT_S:g} s); verify again when it has finished",), 0
        )


def _verify(folder: Path) -> Verdict:
    problems: list[str] = []
    notes: list[str] = []
    if (folder / COMMIT).is_dir():
        problems.append(
            f"{COMMIT}/: a build was interrupted while putting its files in place; build again to finish it"
        )
    manifest, trouble = _read(folder)
    if manifest is None:
        return Verdict(tuple(problems + trouble), 0)
    files: dict = manifest["files"]
    previews = manifest.get("previews") if isinstance(manifest.get("previews"), dict) else {}
    for name in [*files, *previews]:
        if not safe_name(name):
            problems.append(f"{MANIFEST} names '{short(name, 60)}', which is no file a build writes; build again")
    files = {n: f for n, f in files.items() if safe_name(n)}
    previews = {n: f for n, f in previews.items() if safe_name(n)}

    rebuild = True
    if manifest.get("version") != __version__:
        problems.append(
            f"built with datadialoog-print {shown(manifest.get('version'))}, this is {__version__}; build again"
        )
        rebuild = False
    deck, deck_problems = _check_deck(folder, manifest["deck"])
    problems += deck_problems
    rebuild = rebuild and deck is not None and not deck_problems

    reported: set[str] = set()
    for name, facts in sorted({**files, **previews}.items()):
        path = folder / name
        if not _plain_file(path):
            problems.append(f"{name}: missing" if not path.exists() else f"{name}: not a plain file of a build")
        elif not isinstance(facts, dict) or sha256(path) != facts.get("sha256"):
            problems.append(f"{name}: changed since the build (edited, damaged, or rebuilt without its manifest)")
        else:
            continue
        reported.add(name)
    checked = 0
    if deck is not None:
        problems += top_problems(manifest, deck, None if deck_problems else deck_record(deck, folder))
    if rebuild:
        checked, found = _compare_with_rebuild(folder, manifest, files, deck, reported)
        problems += found
    if deck is not None:
        problems_, notes_ = _scan(folder, set(files) | set(previews), tool_names(deck))
        problems += problems_
        notes += notes_
    return Verdict(tuple(dict.fromkeys(problems)), checked, tuple(notes))


def _check_deck(folder: Path, record: dict):
    """The deck loaded from where the manifest says, and every way it differs from the one built."""
    from .decks import load_deck

    deck_dir = _locate_deck(folder, record)
    if deck_dir is None:
        where = record.get("absolute_path") or record.get("path")
        return None, [f"the deck is not where the manifest says ({where}), seen from {folder}"]
    problems = []
    recorded = record.get("files") if isinstance(record.get("files"), dict) else {}
    if not recorded:
        problems.append(f"{MANIFEST} lists no deck files; build again")
    try:
        deck = load_deck(deck_dir)
    except DatadialoogError:
        return None, [*problems, f"the deck {deck_dir} no longer passes check: datadialoog-print check {deck_dir}"]
    # Only files of the deck found are read (the loader bounds their size): a manifest naming
    # ../../etc/hostname or a huge file gets a problem, never a read.
    own = {
        Path(os.path.relpath(p, deck.path)).as_posix(): (p, h) for p, h in zip(deck.files, deck.digests, strict=True)
    }
    for name, digest in sorted(recorded.items()):
        source, read = own.get(str(name), (None, None))
        if source is None:
            shown = short(name)
            problems.append(f"{MANIFEST} names the deck file '{shown}', which is not a file of the deck {deck_dir}")
        elif read != digest:
            problems.append(f"deck file {source}: edited since the build; build again")
    return deck, problems


def _compare_with_rebuild(folder: Path, manifest: dict, files: dict, deck, reported: set[str]) -> tuple[int, list[str]]:
    """Render every recorded kind again with its recorded options and compare each file byte for byte."""
    from ..render.pdf import dated
    from .pipeline import prepare, render_documents

    kinds = manifest.get("kinds")
    if not isinstance(kinds, dict) or not kinds:
        only = manifest["options"].get("only")
        kinds = dict.fromkeys(only, manifest["options"]) if isinstance(only, list) else {}
    groups: dict[str, list[str]] = {}
    for kind, options in kinds.items():
        groups.setdefault(json.dumps(options, sort_keys=True), []).append(kind)
    problems: list[str] = []
    expected: dict[str, Path] = {}
    facts: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="datadialoog-verify-") as tmp:
        for i, (options_text, group) in enumerate(sorted(groups.items())):
            recorded = json.loads(options_text)
            try:
                only = recorded.get("only") if isinstance(recorded, dict) else None
                if not isinstance(only, list) or not set(group) <= set(only):
                    raise ValueError(f"the kinds {', '.join(group)} were not built with these options")
                options = BuildOptions.from_description(recorded, tuple(only))
            except (ValueError, TypeError) as exc:
                problems.append(f"{MANIFEST} is damaged: {exc}; build again")
                continue
            target = Path(tmp) / str(i)
            target.mkdir()
            epoch = recorded.get("source_date_epoch")  # absent in older manifests: today's SOURCE_DATE_EPOCH
            try:
                when = dated(epoch) if epoch is not None else nullcontext()
            except ValueError as exc:
                problems.append(f"{MANIFEST} is damaged: {exc}; build again")
                continue
            with when:
                problems += options_problems(group, recorded, options, deck)
                for written in render_documents(prepare(deck, options), lambda name, target=target: target / name):
                    if written.kind in group:
                        expected[written.path.name] = written.path
                        facts[written.path.name] = fresh_facts(written)
        for name, fresh in sorted(expected.items()):
            path = folder / name
            if name not in files:
                where = "missing, and" if not path.is_file() else "on disk, but"
                problems.append(f"{name}: {where} missing from the manifest, though its options build it")
                continue
            if name in reported:
                continue
            if not _plain_file(path):
                problems.append(f"{name}: missing")
            elif not filecmp.cmp(path, fresh, shallow=False):
                problems.append(f"{name}: not what the deck builds with the recorded options (edited or damaged)")
            else:  # the file is what the deck builds: every fact the manifest records of it must be its own
                problems += entry_problems(name, files.get(name), facts[name])
    for name in sorted(set(files) - set(expected)):
        problems.append(f"{name}: in the manifest, but not a file its options build (stale)")
    return len(expected), problems


def _plain_file(path: Path) -> bool:
    """A regular file, not a link, within :data:`MAX_FILE_BYTES`: the only kind verify reads."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size <= MAX_FILE_BYTES


def _scan(folder: Path, listed: set[str], ours: set[str]) -> tuple[list[str], list[str]]:
    """Every entry of the folder that the manifest does not list: stale (a failure), leftover or the user's (notes)."""
    problems, notes = [], []
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name in (MANIFEST, LOCK, COMMIT) or name in listed:
            continue
        if name.startswith(STAGING_PREFIX):
            notes.append(f"{name}/: left over from an interrupted build; the next build removes it")
        elif name == PREVIEW_DIR and entry.is_dir() and not entry.is_symlink():
            for png in sorted(entry.iterdir()):
                if f"{PREVIEW_DIR}/{png.name}" in listed:
                    continue
                if png.suffix == ".png" and png.stem.removesuffix("-contact") + ".pdf" in ours:
                    notes.append(f"{PREVIEW_DIR}/{png.name}: a preview no manifest lists; left alone")
                else:
                    notes.append(f"{PREVIEW_DIR}/{png.name}: not from a build; left alone")
        elif entry.is_dir() and name == CALIBRATION_DIR:
            sheets = sum(1 for p in entry.glob("*.pdf"))
            notes.append(f"{name}/: {sheets} calibration sheet{'s' if sheets != 1 else ''}, not part of the build")
        elif name in ours:
            notes.append(f"{name}: named like a file a build writes, but no manifest lists it; left alone")
        else:
            notes.append(f"{name}{'/' if entry.is_dir() else ''}: not from a build; left alone")
    return problems, notes
