"""The build's processes: messages between them, the same files with and without fork, pages laid out out of order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from datadialoog_print import load_deck
from datadialoog_print.build import build
from datadialoog_print.parallel import Background, InboxClosed, Mailbox, can_fork
from datadialoog_print.render.flow import Late
from datadialoog_print.statsjob import StatisticsJob

from .conftest import DEFAULT_DECK

pytestmark = pytest.mark.skipif(not can_fork(), reason="the forked paths need fork")


def _sum_of_three(receive) -> int:
    return receive() * 100 + receive() * 10 + receive()


@pytest.mark.parametrize("fork", [True, False])
def test_a_child_receives_messages_in_order(monkeypatch, fork: bool):
    """Sent before or after the child asks, with or without fork, the messages arrive in order."""
    if not fork:
        monkeypatch.setenv("DATADIALOOG_NO_FORK", "1")
    job = Background(_sum_of_three, inbox=True)
    for n in (3, 2, 1):
        job.send(n)
    assert job.wait() == 321


def test_a_large_message_never_holds_the_parent_up():
    """A message far larger than a pipe holds is taken in while the child is still busy elsewhere."""
    import threading

    go_read, go_write = os.pipe()

    def busy_then_len(receive) -> int:
        os.read(go_read, 1)  # busy (importing pandas, say) until the parent has sent
        return len(receive())

    job = Background(busy_then_len, inbox=True)
    sender = threading.Thread(target=job.send, args=(b"x" * 5_000_000,))
    sender.start()
    sender.join(10)
    sent = not sender.is_alive()
    os.write(go_write, b"!")
    assert job.wait() == 5_000_000
    assert sent, "send waited for the child to ask"


@pytest.mark.parametrize("fork", [True, False])
def test_a_child_left_without_its_message_fails_instead_of_hanging(monkeypatch, fork: bool):
    if not fork:
        monkeypatch.setenv("DATADIALOOG_NO_FORK", "1")
    job = Background(_sum_of_three, inbox=True)
    job.send(1)
    with pytest.raises(InboxClosed):
        job.wait()


def test_mailbox_answers_in_any_order():
    messages = iter([("sheets", {"answers": 1}), ("rows", ("a", "b"))])
    mail = Mailbox(lambda: next(messages))
    assert mail.get("rows") == ("a", "b")
    assert mail.get("sheets") == {"answers": 1}
    assert mail.get("rows") == ("a", "b")


def test_statistics_job_cancelled_leaves_no_process():
    """A build that fails while pandas still loads (a bad deck) stops the statistics process."""
    job = StatisticsJob()
    pid = job._job._pid
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_statistics_job_gives_the_answer_rows():
    from datadialoog_print.answersheet import answer_rows

    deck = load_deck(DEFAULT_DECK)
    with StatisticsJob() as job:
        job.compute(deck)
        assert job.rows() == answer_rows(deck)


def test_late_moves_pages_laid_out_last_into_place():
    """Pages 1–3, then 4–6 (laid out second), then 7–8 (laid out last, printed after page 3)."""
    late = Late()
    late.pages.update({"part2": 4, "answers": 7})
    late.move(before="part2", start="answers")
    assert [late.page(p, 8) for p in range(1, 9)] == [1, 2, 3, 6, 7, 8, 4, 5]
    assert late.arrange(list("abcdefgh")) == list("abcghdef")


def test_a_failing_booklet_process_reports_its_own_error(tmp_path: Path, monkeypatch):
    """The booklet fails in its own process while this one still has figures to send it:
    the user sees the booklet's message, and the output folder keeps what it had."""
    from datadialoog_print.errors import LayoutError
    from datadialoog_print.render import booklet

    def fail(*args, **kwargs):
        raise LayoutError("the booklet cannot be laid out")

    monkeypatch.setattr(booklet, "render_booklets", fail)
    (tmp_path / "keep.txt").write_text("earlier output")
    with pytest.raises(LayoutError, match="the booklet cannot be laid out"):
        build(load_deck(DEFAULT_DECK), tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_same_files_with_and_without_fork(tmp_path: Path, monkeypatch):
    """One layout written twice from forked copies gives the very bytes of two separate layouts."""
    deck = load_deck(DEFAULT_DECK)
    build(deck, tmp_path / "fork")
    monkeypatch.setenv("DATADIALOOG_NO_FORK", "1")
    build(deck, tmp_path / "plain")
    files = sorted(p.name for p in (tmp_path / "fork").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "plain").iterdir()) and len(files) == 9
    for name in files:
        assert (tmp_path / "fork" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes(), name
