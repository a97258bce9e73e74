"""What the command line prints, on any console: never an encoding failure, and never a lost line taken for a lost command.

A console or a redirected file may not hold every character the tool prints: a Dutch
Windows writes redirected output in cp1252, an old server's locale may be ISO-8859-1 or
ASCII. :func:`prepare` makes both streams replace what their encoding cannot hold by the
nearest ASCII (``—`` becomes ``-``, ``ş`` becomes ``s``, ``→`` becomes ``->``), so ``check``
or ``stats > figures.txt`` never stops on a dash. Files the tool writes are UTF-8 whatever
the console is.

:func:`echo` is click's ``echo``, except that a stream that can no longer be written (a full
disk behind ``> file``, a closed terminal) raises :class:`ConsoleLost`: the error path then
says what was written before it, instead of calling the command failed.
"""

from __future__ import annotations

import codecs
import unicodedata

import click

ERRORS = "datadialoog-ascii"
"""The name of the encoding error handler :func:`prepare` gives both streams."""

NEAREST = {
    "\u2014": "-", "\u2013": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2026": "...", "\u2022": "*", "\u00b7": ".", "\u00d7": "x", "\u00f7": "/",
    "\u2192": "->", "\u2190": "<-", "\u2194": "<->", "\u21d2": "=>", "\u2265": ">=", "\u2264": "<=", "\u2260": "!=",
    "\u00b1": "+/-", "\u2248": "~", "\u00b0": " degrees", "\u20ac": "EUR", "\u00a3": "GBP", "\u00bd": "1/2",
    "\u00bc": "1/4", "\u00be": "3/4", "\u2153": "1/3", "\u215b": "1/8", "\u2032": "'", "\u2033": '"',
    "\u0131": "i", "\u0142": "l", "\u0141": "L", "\u00f8": "o", "\u00d8": "O", "\u0111": "d", "\u0110": "D",
    "\u00df": "ss", "\u00e6": "ae", "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE", "\u00fe": "th", "\u00f0": "d",
    "\u2713": "v", "\u2717": "x", "\u2610": "[ ]", "\u2611": "[x]", "\u2116": "No.", "\u00a7": "S.",
}  # fmt: skip
"""Characters whose nearest ASCII is not what their decomposition leaves."""


def nearest_ascii(text: str) -> str:
    """``text`` in ASCII, each character as near as it goes: a letter without its accent, a dash as ``-``.

    A space of another width is a space; a byte of a file name that is not UTF-8 (a lone surrogate)
    is shown as ``\\xNN``; anything else without an ASCII likeness as ``?``.
    """
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif ch in NEAREST:
            out.append(NEAREST[ch])
        elif 0xDC80 <= ord(ch) <= 0xDCFF:
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif unicodedata.category(ch) == "Zs":
            out.append(" ")
        else:
            bare = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            out.append(bare if bare and bare.isascii() else "?")
    return "".join(out)


def _nearest(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return nearest_ascii(error.object[error.start : error.end]), error.end


codecs.register_error(ERRORS, _nearest)


def prepare() -> None:
    """Both standard streams replace what their encoding cannot hold (see the module's docstring)."""
    import contextlib
    import sys

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # not a text file (closed, or a test's buffer)
            stream.reconfigure(errors=ERRORS)


class ConsoleLost(Exception):
    """The standard output or error could not be written; ``error`` says why (a full disk, a closed terminal)."""

    def __init__(self, error: OSError, *, err: bool):
        super().__init__(str(error))
        self.error = error
        self.stream = "the standard error" if err else "the standard output"


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """``click.echo``; a stream that cannot be written raises :class:`ConsoleLost`."""
    try:
        click.echo(message, err=err, nl=nl)
    except OSError as exc:
        raise ConsoleLost(exc, err=err) from None
