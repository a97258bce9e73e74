"""Option sets and option callbacks shared by the commands: declared once, used as decorators."""

from __future__ import annotations

from pathlib import Path

import click

DECK_ARGUMENT_HELP = (
    "DECK is a deck folder, or the name of a deck in ./decks or shipped with the tool "
    "(default: ./decks/default if there is one, else the shipped default); datadialoog-print decks lists them."
)


def deck_argument(f):
    """The optional DECK argument shared by every command that reads a deck."""
    return click.argument("deck", required=False)(f)


def output_option(default: str):
    """-o/--output, with the default named in the help."""
    return click.option(
        "-o", "--output", "output", type=click.Path(path_type=Path), help=f"Output folder (default: {default})."
    )


def paper_option(help_text: str):
    """--paper a4|letter, also from DATADIALOOG_PAPER."""
    return click.option(
        "--paper",
        type=click.Choice(["a4", "letter"], case_sensitive=False),
        default="a4",
        show_default=True,
        envvar="DATADIALOOG_PAPER",
        callback=lower,
        help=f"{help_text} [env: DATADIALOOG_PAPER].",
    )


def duplex_option(choices: list[str], help_text: str):
    """--duplex, also from DATADIALOOG_DUPLEX."""
    return click.option(
        "--duplex",
        type=click.Choice(choices, case_sensitive=False),
        default="long",
        show_default=True,
        envvar="DATADIALOOG_DUPLEX",
        callback=lower,
        help=f"{help_text} [env: DATADIALOOG_DUPLEX].",
    )


def back_offset_option(help_text: str):
    """--back-offset X,Y in mm, also from DATADIALOOG_BACK_OFFSET."""
    return click.option(
        "--back-offset",
        callback=parsed(offset, (0.0, 0.0)),
        metavar="X,Y",
        envvar="DATADIALOOG_BACK_OFFSET",
        help=f"{help_text} [env: DATADIALOOG_BACK_OFFSET].",
    )


def lower(ctx, param, value):
    return value.lower() if isinstance(value, str) else value


def parsed(parse, default=None):
    """An option callback: ``parse`` the text (the library's parser), its ValueError as the option's message."""

    def callback(ctx, param, value):
        if value is None:
            return default
        try:
            return parse(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    return callback


def card_size(text: str):
    from ..assemble.options import parse_card_size

    return parse_card_size(text)


def offset(text: str):
    from ..assemble.options import parse_back_offset

    return parse_back_offset(text)


def bleed(text: str):
    from ..assemble.options import parse_bleed

    return parse_bleed(text)


def start(ctx, param, value):
    """--start HH:MM: a time of day, checked here so a typo never reaches the booklet."""
    if value is None:
        return ""
    from ..deck.texts import clock_minutes

    try:
        minutes = clock_minutes(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class Whole(click.IntRange):
    """A whole-number option (and its variable) under the project's one number rule.

    click's own ``int`` would take ``1_0``, ``٢`` and thousands of digits; the text goes through
    :func:`~datadialoog_print.numbers.parse_whole` first, then click checks the range.
    """

    name = "whole number"

    def convert(self, value, param, ctx):
        if isinstance(value, str):
            from ..numbers import TooManyDigits, parse_whole

            try:
                value = parse_whole(value)
            except TooManyDigits as exc:  # a whole number, only too large (or too small) for any bound here
                bound = self.min if exc.negative else self.max
                if bound is None:
                    self.fail(str(exc), param, ctx)
                self.fail(
                    f"{exc.shown} is too {'small' if exc.negative else 'large'}: at {'least' if exc.negative else 'most'} {bound}",
                    param,
                    ctx,
                )
            except ValueError as exc:
                self.fail(str(exc), param, ctx)
        return super().convert(value, param, ctx)
