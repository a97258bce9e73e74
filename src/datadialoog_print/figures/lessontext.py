"""The lesson's verdicts in words a trainer reads, in the deck's language: for ``check``, ``import``, ``build``
and ``generate`` alike ("Leeftijd: Reeks 1 is nu hoger dan Reeks 2 (gemiddeld 49,3 tegen gemiddeld 37,8); de les
vraagt: Reeks 1 lager."), each with where the intention is stated, and the short note ``stats`` prints per row."""

from __future__ import annotations

from ..deck.finding import Finding
from ..deck.language import Language, language
from ..deck.model import Deck, Margin, Measure
from ..errors import DatadialoogError
from .lesson import CORRELATION, SINGLES_OUT, Verdict, verdicts


def broken(deck: Deck) -> tuple[Verdict, ...]:
    """The intentions the figures no longer keep."""
    return tuple(v for v in verdicts(deck) if not v.kept)


def lesson_findings(deck: Deck, found: tuple[Verdict, ...] | None = None) -> list[Finding]:
    """A finding in the deck's language for every intention the figures no longer keep."""
    found = broken(deck) if found is None else tuple(v for v in found if not v.kept)
    file = str(deck.path / "answers.yaml")
    return [Finding(verdict_text(deck, v), file, v.line or None, v.field) for v in found]


def verdict_text(deck: Deck, v: Verdict, *, short: bool = False) -> str:
    """One broken intention as a sentence: what the figures show now, and what the lesson asks. ``short``: without
    the row's title and figures, for the answer sheet, where both stand beside it."""
    lang = language(deck.language)
    first, second = (s.label for s in deck.series[:2])
    title = "" if short else lang.t("title_lead", title=v.title)
    if v.intended == SINGLES_OUT:
        found, wanted = _singles_found(lang, v), _singles_wanted(lang, v)
        return title + lang.t("verdict_singles_out", found=found, wanted=wanted)
    if v.intended.startswith(CORRELATION):
        remark = "" if short else lang.t("verdict_remark_now", remark=v.remark)
        return title + remark + lang.t("verdict_correlation", r=v.value, wanted=v.wanted)
    figures = lang.t("versus", a=v.figures[0], b=v.figures[1]) if len(v.figures) >= 2 and not short else ""
    figures = f" ({figures})" if figures else ""
    if v.found == "weak":
        if v.intended == "different" and _measure(deck, v) is Measure.MODE:
            shared, most = margin_text(lang, v.margin, v.gap), margin_text(lang, v.margin)
            return title + lang.t("verdict_shared", figures=figures, shared=shared, margin=most)
        state = lang.t(f"state_{v.intended}", first=first, second=second)
        size = abs(v.gap) if v.intended in ("higher", "lower") else v.gap
        gap = margin_text(lang, v.margin, size)
        return title + lang.t("verdict_weak", state=state, figures=figures, gap=gap, margin=margin_text(lang, v.margin))
    state = lang.t(f"state_{v.found}_now", first=first, second=second)
    wanted = lang.t(f"lesson_{v.intended}", first=first)
    return title + lang.t("verdict_direction", state=state, figures=figures, wanted=wanted)


def margin_text(lang: Language, margin: Margin | None, share: float | None = None) -> str:
    """A margin (or a gap measured in its terms) as the deck states it: "3 van 10" or "15 %"."""
    share = (margin.share if margin else 0.0) if share is None else share
    if margin is not None and margin.of:
        return lang.t("persons_of", count=lang.number(share * margin.of, 1), of=margin.of)
    return lang.t("percent", value=lang.number(share * 100, 0))


def _measure(deck: Deck, v: Verdict) -> Measure | None:
    return deck.comparisons[v.row].measure if v.row is not None else None


def _singles_wanted(lang: Language, v: Verdict) -> str:
    named = lang.t("lesson_value_named", attribute=v.title, value=v.value) if v.value else ""
    return lang.t("lesson_singles_out", value=named or lang.t("lesson_value_any", attribute=v.title))


def _singles_found(lang: Language, v: Verdict) -> str:
    problems = []
    if v.found != "one" and v.value:
        problems.append(
            lang.t("lesson_held_by", value=v.value, count=v.holders)
            if v.holders
            else lang.t("lesson_held_by_none", value=v.value)
        )
    elif v.found != "one":
        key = "lesson_values_many" if v.holders else "lesson_values_none"
        problems.append(lang.t(key, count=v.holders, attribute=v.title))
    if v.others:
        values = lang["list_separator"].join(lang.t("lesson_value_named", attribute=a, value=x) for a, x in v.others)
        problems.append(lang.t("lesson_also", values=values))
    return "; ".join(problems)


def lesson_text(deck: Deck, v: Verdict) -> str:
    """The verdict in the deck's language, for the ``stats`` table: what was intended, and what the figures show."""
    lang = language(deck.language)
    first = deck.series[0].label
    if v.intended == SINGLES_OUT:
        intended, found = _singles_wanted(lang, v), _singles_found(lang, v)
    elif v.intended.startswith(CORRELATION):
        intended = lang.t(f"lesson_corr_{v.intended[len(CORRELATION) :]}", other=v.other)
        found = lang.t(f"lesson_corr_{v.found[len(CORRELATION) :]}", other=v.other) + f" (r = {v.value})"
    else:
        intended = lang.t(f"lesson_{v.intended}", first=first)
        if v.margin is not None and v.intended != "equal":
            intended += " " + lang.t("lesson_margin", margin=margin_text(lang, v.margin))
        if v.found == "weak":
            found = lang.t("lesson_weak", gap=margin_text(lang, v.margin, abs(v.gap)))
        else:
            found = lang.t(f"lesson_{v.found}", first=first)
    return (
        lang.t("lesson_kept", intended=intended) if v.kept else lang.t("lesson_broken", intended=intended, found=found)
    )


def deck_findings(deck: Deck) -> list[Finding]:
    """Every warning ``check`` gives: the lesson's broken intentions, implausible persons and well-known names,
    then answer-sheet texts that state a general claim as a fact."""
    from ..deck.claims import claim_findings
    from ..deck.plausible import person_findings

    return lesson_findings(deck) + person_findings(deck) + claim_findings(deck)


def check_summary(deck: Deck, findings: list[Finding]) -> str:
    """``check``'s first line: "in orde" only when no warning follows, else how many follow."""
    lang = language(deck.language)
    facts = lang.t(
        "check_facts",
        persons=len(deck.persons),
        series=len(deck.series),
        attributes=len(deck.attributes),
        sources=len(deck.sources),
        cards=deck.card_count,
        rows=len(deck.comparisons),
        language=deck.language,
    )
    if not findings:
        return lang.t("check_ok", deck=deck.name, facts=facts)
    key = "check_warned_one" if len(findings) == 1 else "check_warned_many"
    return lang.t(key, deck=deck.name, count=len(findings), facts=facts)


def warning_lines(deck: Deck, findings: list[Finding]) -> list[str]:
    """Each finding as a line a trainer reads, in the deck's language, with its location after it."""
    lang = language(deck.language)
    return [lang.t("warning_line", text=str(f)) for f in findings]


def lesson_summary(deck: Deck) -> list[str]:
    """The lesson's verdict for ``import``, ``build`` and ``generate``: one line when it holds, else a line per
    broken intention under a heading."""
    lang = language(deck.language)
    found = lesson_findings(deck)
    if not found:
        return [lang["lesson_holds"]]
    key = "lesson_broken_one" if len(found) == 1 else "lesson_broken_many"
    return [lang.t(key, deck=deck.name, count=len(found)), *(f"  {f}" for f in found)]


class BrokenLesson(DatadialoogError):
    """A build refused because the deck's figures no longer show its lesson (``--allow-broken-lesson`` builds it)."""


def refuse_broken_lesson(deck: Deck) -> None:
    """Raise :class:`BrokenLesson` with the verdict, in the deck's language, when the lesson no longer holds."""
    if not lesson_findings(deck):
        return
    lang = language(deck.language)
    raise BrokenLesson("\n".join([*lesson_summary(deck), lang.t("build_refused", deck=deck.name)]))
