"""The print form and the build: the organiser's three choices first, every other option of the CLI's ``build``
folded below, a line that says what will be made, the build queued in the worker thread into a set of its own
(:mod:`.history`); its progress and result (the print plan) are :mod:`.builds_page`'s.

Every wrong value is answered at its field, in the page's language, with a list at the top that
links to the fields; nothing is built until all is well.
"""

from __future__ import annotations

import contextlib

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from ..assemble.documents import KINDS
from .forms import ASKED, MAIN, MORE, OFFSET_AXES, TABLE, FormErrors, read_form
from .offload import INLINE, off_loop
from .pages import deck_folder, output_folder, page, words


def _load(name: str):
    from ..assemble.decks import load_deck

    return load_deck(deck_folder(name).path)


def _printers() -> tuple[tuple, bool]:
    """The saved printers, and whether their file could be read (a damaged one is said at the field)."""
    from ..assemble.printers import load_printers
    from ..errors import DatadialoogError

    try:
        return load_printers(), True
    except DatadialoogError:
        return (), False


def _choices(deck, w, printers) -> dict[str, list[tuple[str, str]]]:
    """What each select and each set of radios offers, in the page's words."""
    from ..paper.shops import SHOPS
    from .print_summary import offset_words

    out = {f.name: [(v, w[f"{f.name}_{v}"]) for v in f.choices] for f in TABLE if f.control == "radios"}
    out["printer"] = [
        ("", w.printer_none),
        *(
            (
                p.name,
                w.t(
                    "printer_choice",
                    name=p.name,
                    flip=w["flip_" + p.duplex.value],
                    offset=offset_words(w, p.back_offset),
                ),
            )
            for p in printers
        ),
    ]
    here = [name for name, shop in SHOPS.items() if not _needs_installed_tool(shop)]
    out["shop"] = [("", w.shop_none), *((name, w.shop(name)) for name in here)]
    dpis = sorted({d for s in SHOPS.values() for d in s.dpis})
    out["dpi"] = [("", w.dpi_default), *((str(d), str(d)) for d in dpis)]
    out["only_kinds"] = [(kind, w.document(kind)) for kind in KINDS]
    return out


def _helps(deck, w) -> dict[str, str]:
    """Each field's line of help, with its bounds and the deck's own default filled in."""
    from ..paper.ink import DEFAULT_MAX_INK
    from ..paper.shops import SHOPS

    sheet = deck.texts.run_sheet
    shops = [f"{s.title} {s.max_ink}" for s in SHOPS.values() if s.max_ink not in (None, DEFAULT_MAX_INK)]
    defaults = {
        "sets": deck.sets,
        "table_size": _table_size(deck),
        "card_size": deck.card_size.name,
        "max_ink": DEFAULT_MAX_INK,
        "start": sheet.start if sheet is not None and sheet.start else w.none_default,
    }
    helps = {
        f.name: w.t(
            f"opt_{f.name}_help",
            low=w.number(f.low),
            high=w.number(f.high),
            default=defaults.get(f.name, ""),
            shops=w.list_separator.join(shops),
        )
        for f in TABLE
    }
    if any(_needs_installed_tool(shop) for shop in SHOPS.values()):  # in the browser tab: said beside the list
        helps["shop"] += " " + w.t("site_not_here", what=w.site_not_here_png)
    return helps


def _defaults(deck, printers) -> dict[str, str]:
    """What the form shows before anything is typed: the deck's own defaults; the one saved printer, if one."""
    return {
        "paper": "a4",
        "sets": str(deck.sets),
        "printer": printers[0].name if len(printers) == 1 else "",
        "layout": "sheets",
        "duplex": "long",
    }


def _needs_installed_tool(shop) -> bool:
    """A PNG shop's images need Pillow and PDFium, which the web edition (the browser tab) has not."""
    from ..paper.shops import ShopFormat

    return INLINE and shop.format is ShopFormat.PNG


class _Values:
    """The form's values as typed (a posted form), else the defaults."""

    def __init__(self, form, defaults: dict[str, str]):
        self.form, self.defaults = form, defaults

    def get(self, name: str, default: str = "") -> str:
        if self.form is not None:
            return str(self.form.get(name, "") or "")
        return self.defaults.get(name, default)

    def getlist(self, name: str) -> list[str]:
        return [str(v) for v in self.form.getlist(name)] if self.form is not None else []


def _summary(deck, w, form) -> tuple[bool, str]:
    """The line above the button for what the form now says, or why nothing can be made yet (False)."""
    from .print_summary import summary_line

    try:
        choice = read_form(form)
    except FormErrors as exc:
        return False, w.t("summary_wrong", count=len(exc.errors))
    return True, summary_line(w, choice.options, sets=choice.options.set_count(deck), printer=choice.printer)


def _area(request: Request, deck, *, form=None, errors=None, failure: str = "") -> dict:
    """Everything the form's part of the page shows: the fields by group, their values and messages."""
    from ..paper.ink import DEFAULT_MAX_INK
    from .verdicts import deck_verdict

    w = words(request)
    printers, readable = _printers()
    values = _Values(form, _defaults(deck, printers))
    errors = dict(errors or {})
    if not readable:
        errors.setdefault("printer", ("form_printers_damaged", {}))
    order = [n for f in TABLE for n in ((f.name, *OFFSET_AXES) if f.name == "back_offset" else (f.name,))]
    messages = {name: w.say(errors[name]) for name in sorted(errors, key=lambda n: order.index(n) if n in order else 0)}
    labels = {f.name: w["opt_" + f.name] for f in TABLE}
    labels |= {name: f"{w.opt_back_offset}, {w[name]}" for name in OFFSET_AXES}
    more = {f.name for f in TABLE if f.group == MORE} | set(OFFSET_AXES)
    return {
        "deck": deck,
        "name": request.path_params["name"],
        "main": [f for f in TABLE if f.group == MAIN],
        "more": [f for f in TABLE if f.group == MORE],
        "asked": {f.name: f for f in TABLE if f.group == ASKED},
        "choices": _choices(deck, w, printers),
        "printers": printers,
        "v": values,
        "errors": messages,
        "labels": labels,
        "helps": _helps(deck, w),
        "placeholders": {"max_ink": str(DEFAULT_MAX_INK), "table_size": str(_table_size(deck))},
        "open_more": bool(set(messages) & more),
        "verdict": deck_verdict(deck),
        **dict(
            zip(
                ("summary_ok", "summary"), _summary(deck, w, form if form is not None else values.defaults), strict=True
            )
        ),
        "failure": failure,
    }


def _table_size(deck) -> int:
    from ..deck.workshop import table_size

    return table_size(deck.texts.run_sheet)


def form_page(request: Request, deck, *, form=None, errors=None, error: str = "", status: int = 200):
    """The print form for ``deck``, with what was typed, each message at its field, a failed build's message, and
    the deck's latest builds under it (reads files: call it off the event loop)."""
    from .builds_page import recent

    name = request.path_params["name"]
    area = _area(request, deck, form=form, errors=errors, failure=error)
    return page(request, "print.html", status=status, recent=recent(request, name), **area)


async def _refused(request: Request, deck, form, errors: dict):
    """A build not started: the form again with each message at its field; htmx gets the form's part in place."""
    if request.headers.get("hx-request") == "true":
        area = await off_loop(lambda: _area(request, deck, form=form, errors=errors))
        response = page(request, "print_area.html", status=422, **area)
        response.headers["hx-retarget"] = "#print-area"
        response.headers["hx-reswap"] = "outerHTML"
        return response
    return await off_loop(lambda: form_page(request, deck, form=form, errors=errors, status=422))


def _ink_check(deck, options) -> dict:
    """A colour over the ink limit, found before a build starts and said at the field (plain arithmetic)."""
    from ..assemble.inks import printed_inks

    limit = options.ink_limit()  # the one asked for, else the shop's, else the default
    over = [ink.total for ink in printed_inks(deck, mono=options.mono) if ink.total > limit + 1e-9]
    if over:
        return {"max_ink": ("form_ink_over", {"count": len(over), "highest": max(over), "limit": limit})}
    return {}


def _layout_check(deck, options) -> dict:
    """Cards larger than the paper or texts that do not fit the card, said at the card size's field."""
    from ..assemble.context import build_context
    from ..errors import LayoutError

    try:
        build_context(deck, options, uses=frozenset({"cards"}) if "cards" in options.only else frozenset())
    except LayoutError:
        return {"card_size": ("form_cards_do_not_fit", {})}
    return {}


async def print_page(request: Request):
    deck = await off_loop(_load, request.path_params["name"])
    return await off_loop(form_page, request, deck)


async def summary(request: Request):
    """POST /decks/NAME/print/summary: the line above the button for the form as it now stands (htmx, on change)."""
    form = await request.form()
    deck = await off_loop(_load, request.path_params["name"])
    ok, line = await off_loop(_summary, deck, words(request), form)
    return page(request, "print_summary.html", summary_ok=ok, summary=line)


async def build(request: Request):
    """POST /decks/NAME/build: queue the build into a set of its own; htmx gets the progress at once (and the
    result's address, so a refresh finds the build), a plain form post waits for the result."""
    from datetime import datetime

    from ..assemble import build as run_build
    from ..errors import DatadialoogError, user_message
    from ..paper.shops import SHOPS
    from . import history

    name = request.path_params["name"]
    builder = request.app.state.builder
    form = await request.form()
    deck = await off_loop(_load, name)
    try:
        choice = await off_loop(read_form, form)
    except FormErrors as exc:
        return await _refused(request, deck, form, exc.errors)
    options = choice.options
    if options.shop and _needs_installed_tool(SHOPS[options.shop]):
        w = words(request)
        return await _refused(request, deck, form, {"shop": ("site_not_here", {"what": w.site_not_here_png})})
    if not options.allow_broken_lesson and await off_loop(deck_verdict_lesson, deck):
        return await _refused(request, deck, form, {"allow_broken_lesson": ("form_broken_lesson", {})})
    if not options.allow_implausible_persons and await off_loop(deck_verdict_persons, deck):
        return await _refused(request, deck, form, {"allow_implausible_persons": ("form_implausible_persons", {})})
    # ReportLab's measures run in its one thread: checked now when it is free; while another tab's build runs,
    # checked when this build's turn comes (its page then shows the form with the same message at the field),
    # so this post never waits for another build.
    found = await off_loop(_ink_check, deck, options)
    checked_later = builder.busy
    if not found and not checked_later:
        found = await builder.run(lambda: _layout_check(deck, options))
    if found:
        return await _refused(request, deck, form, found)
    total = deck.card_count * options.set_count(deck) if "cards" in options.only else 0
    asked = datetime.now().astimezone()
    try:
        build_id = await off_loop(history.reserve, name, asked)  # its folder made for it alone
    except DatadialoogError as exc:  # the history's folder is not ours to write in (a link): said, nothing built
        message = user_message(exc, [])
        if request.headers.get("hx-request") == "true":
            area = await off_loop(lambda: _area(request, deck, form=form, failure=message))
            response = page(request, "print_area.html", status=422, **area)
            response.headers["hx-retarget"], response.headers["hx-reswap"] = "#print-area", "outerHTML"
            return response
        return await off_loop(lambda: form_page(request, deck, form=form, error=message, status=422))
    where = history.set_folder(name, build_id)

    def work(progress):
        try:
            found = _layout_check(deck, options) if checked_later else {}
            if found:  # what the form would have said, had the thread been free: said at the field after all
                raise FormErrors(found)
            result = run_build(deck, where, options=options, progress=progress, also=output_folder(deck))
            history.finish(name, build_id, asked=asked, printer=choice.printer)
        except BaseException:
            history.discard(name, build_id)
            raise
        with contextlib.suppress(OSError):  # the build is done; an old one left over is removed next time
            history.prune(name, running=frozenset(job.id for job in builder.unfinished(name)))
        return result, where

    job = builder.submit(name, total, work, job_id=build_id)
    url = request.url_for("build_result", name=name, build=job.id).path
    if request.headers.get("hx-request") == "true":
        response = page(request, "job.html", name=name, job=job, events=f"{url}/events", result=url)
        response.headers["hx-push-url"] = url  # a refresh, or the tab opened again from history, finds the build
        return response
    await builder.wait(job)
    if job.state == "failed":
        return await off_loop(lambda: form_page(request, deck, form=form, error=job.message, status=422))
    return RedirectResponse(url, status_code=303)


def deck_verdict_persons(deck) -> bool:
    """Whether ``check`` warns about the deck's persons (implausible values, well-known names): the form then asks."""
    from .verdicts import deck_verdict

    return bool(deck_verdict(deck).persons)


def deck_verdict_lesson(deck) -> bool:
    """Whether the deck's lesson no longer holds (the form then asks before it builds)."""
    from ..figures.lessontext import broken

    return bool(broken(deck))


ROUTES = [
    Route("/decks/{name}/print", print_page),
    Route("/decks/{name}/print/summary", summary, methods=["POST"]),
    Route("/decks/{name}/build", build, methods=["POST"]),
]
