"""Patterns for code attributes, matched by an engine that cannot backtrack.

Python's ``re`` backtracks: ``(a+)+b`` against forty a's runs for hours, and nothing can
interrupt it. A ``pattern`` in deck.yaml is therefore parsed here into a small
nondeterministic automaton (Thompson's construction) and matched by following every
state at once, so the time grows with the pattern's size times the value's length and
never more. The syntax is the part of regular expressions a code needs: literal
characters, ``.``, classes ``[A-Z0-9]`` and ``[^…]``, ``\\d \\w \\s`` (and ``\\D \\W \\S``),
an escaped punctuation mark (``\\.``), groups ``(…)`` and ``(?:…)``, alternatives ``|``,
and ``* + ? {n} {n,} {n,m}``. The whole value must match, so ``^`` and ``$`` at the ends
are allowed and change nothing. Anything else (back-references, look-arounds, flags) is
refused with a message; so are patterns over :data:`MAX_PATTERN` characters or
:data:`MAX_STATES` states.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

MAX_PATTERN = 200
"""Characters a pattern may have."""

MAX_REPEAT = 100
"""Largest count in ``{n,m}``."""

MAX_STATES = 5_000
"""Automaton states a pattern may expand to (``{n,m}`` copies what it repeats)."""


class PatternError(ValueError):
    """A pattern this engine does not accept; the message says why."""


Pred = Callable[[str], bool]

_CLASSES: dict[str, Pred] = {
    "d": str.isdecimal,
    "w": lambda ch: ch.isalnum() or ch == "_",
    "s": str.isspace,
}


def _class_escape(letter: str) -> Pred | None:
    if letter in _CLASSES:
        return _CLASSES[letter]
    if letter.lower() in _CLASSES and letter.isupper():
        inner = _CLASSES[letter.lower()]
        return lambda ch: not inner(ch)
    return None


class _Parser:
    """Recursive descent over the pattern text into a tree of tuples."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def take(self) -> str:
        ch = self.peek()
        self.pos += bool(ch)
        return ch

    def fail(self, message: str) -> PatternError:
        return PatternError(f"{message} (at character {max(1, self.pos)})")

    def alternatives(self) -> tuple:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.take()
            branches.append(self.sequence())
        return ("alt", branches) if len(branches) > 1 else branches[0]

    def sequence(self) -> tuple:
        items = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.repeat(self.atom()))
        return ("cat", items)

    def atom(self) -> tuple:
        ch = self.take()
        if ch == "(":
            if self.peek() == "?":
                self.take()
                if self.take() != ":":
                    raise self.fail("only plain groups (…) and (?:…) are supported")
            inner = self.alternatives()
            if self.take() != ")":
                raise self.fail("a group is not closed with )")
            return inner
        if ch == "[":
            return ("char", self.char_class())
        if ch == ".":
            return ("char", lambda c: c != "\n")
        if ch == "\\":
            return ("char", self.escape(in_class=False))
        if ch in "*+?{":
            raise self.fail(f"'{ch}' has nothing to repeat")
        if ch in "^$":
            if (ch == "^" and self.pos == 1) or (ch == "$" and self.pos == len(self.text)):
                return ("cat", [])
            raise self.fail(f"'{ch}' only at the very start or end (the whole value must match anyway)")
        return ("char", lambda c, ch=ch: c == ch)

    def escape(self, *, in_class: bool) -> Pred:
        letter = self.take()
        if not letter:
            raise self.fail("a pattern may not end in \\")
        if (pred := _class_escape(letter)) is not None:
            return pred
        if letter.isalnum():
            raise self.fail(f"\\{letter} is not supported; use \\d, \\w, \\s or a class like [0-9]")
        return lambda c: c == letter

    def char_class(self) -> Pred:
        negate = self.peek() == "^"
        if negate:
            self.take()
        parts: list[Pred] = []
        first = True
        while True:
            ch = self.take()
            if not ch:
                raise self.fail("a class [… is not closed with ]")
            if ch == "]" and not first:
                break
            first = False
            if ch == "\\":
                low = self.escape(in_class=True)
                lone = self.text[self.pos - 1]
                if _class_escape(lone) is not None:
                    parts.append(low)
                    continue
                ch = lone
            if self.peek() == "-" and self.pos + 1 < len(self.text) and self.text[self.pos + 1] != "]":
                self.take()
                high = self.take()
                if high == "\\":
                    high = self.take()
                if high < ch:
                    raise self.fail(f"the range {ch}-{high} runs backwards")
                parts.append(lambda c, lo=ch, hi=high: lo <= c <= hi)
            else:
                parts.append(lambda c, ch=ch: c == ch)
        if negate:
            return lambda c: not any(p(c) for p in parts)
        return lambda c: any(p(c) for p in parts)

    def repeat(self, node: tuple) -> tuple:
        while self.peek() in ("*", "+", "?", "{"):
            ch = self.take()
            if ch == "{":
                low, high = self.counts()
            else:
                low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[ch]
            if self.peek() == "?":  # lazy: the same for a match of the whole value
                self.take()
            node = ("rep", node, low, high)
        return node

    def counts(self) -> tuple[int, int | None]:
        end = self.text.find("}", self.pos)
        body = self.text[self.pos : end] if end >= 0 else ""
        low, comma, high = body.partition(",")
        if end < 0 or not _digits(low) or (high and not _digits(high)):
            raise self.fail("expected {n}, {n,} or {n,m} with whole numbers")
        self.pos = end + 1
        lo = int(low)
        hi = lo if not comma else (int(high) if high else None)
        if max(lo, hi or 0) > MAX_REPEAT:
            raise self.fail(f"a count above {MAX_REPEAT}")
        if hi is not None and hi < lo:
            raise self.fail(f"{{{lo},{hi}}} counts backwards")
        return lo, hi


def _digits(text: str) -> bool:
    return bool(text) and all("0" <= ch <= "9" for ch in text)


class _Automaton:
    """States as lists: ('char', pred, next), ('split', [next, …]) or ('match',)."""

    def __init__(self, tree: tuple):
        self.states: list = [("match",)]
        self.start = self.build(tree, 0)

    def add(self, state) -> int:
        if len(self.states) >= MAX_STATES:
            raise PatternError(f"the pattern expands to more than {MAX_STATES} states; simplify its counts")
        self.states.append(state)
        return len(self.states) - 1

    def build(self, node: tuple, after: int) -> int:
        kind = node[0]
        if kind == "char":
            return self.add(("char", node[1], after))
        if kind == "cat":
            for item in reversed(node[1]):
                after = self.build(item, after)
            return after
        if kind == "alt":
            return self.add(("split", [self.build(b, after) for b in node[1]]))
        _, body, low, high = node
        if high is None:
            loop = self.add(("split", []))
            self.states[loop][1].extend([self.build(body, loop), after])
            tail = loop
        else:
            tail = after
            for _ in range(high - low):
                tail = self.add(("split", [self.build(body, tail), after]))
        for _ in range(low):
            tail = self.build(body, tail)
        return tail

    def closure(self, starts) -> set[int]:
        seen: set[int] = set()
        stack = list(starts)
        while stack:
            s = stack.pop()
            if s in seen:
                continue
            seen.add(s)
            if self.states[s][0] == "split":
                stack.extend(self.states[s][1])
        return seen

    def fullmatch(self, text: str) -> bool:
        current = self.closure([self.start])
        for ch in text:
            moved = [self.states[s][2] for s in current if self.states[s][0] == "char" and self.states[s][1](ch)]
            if not moved:
                return False
            current = self.closure(moved)
        return 0 in current


@lru_cache(maxsize=256)
def compile_pattern(text: str) -> _Automaton:
    """The automaton for a pattern; PatternError says what is not accepted."""
    if len(text) > MAX_PATTERN:
        raise PatternError(f"a pattern may have at most {MAX_PATTERN} characters; this one has {len(text)}")
    parser = _Parser(text)
    tree = parser.alternatives()
    if parser.pos < len(text):
        parser.take()
        raise parser.fail("a ) without its (")
    return _Automaton(tree)


def fullmatch(pattern: str, text: str) -> bool:
    """Does the whole of ``text`` match ``pattern``? (The pattern was accepted by ``compile_pattern``.)"""
    return compile_pattern(pattern).fullmatch(text)
