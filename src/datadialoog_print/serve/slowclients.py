"""Slow clients are let go: a request's headers within :data:`HEADER_TIMEOUT_S`, its body without a pause longer
than :data:`BODY_IDLE_S` and whole within :data:`BODY_TOTAL_S`, else the connection is closed.

uvicorn (0.55) and h11 offer neither: uvicorn's ``timeout_keep_alive`` starts only once a response is sent and
is cancelled by any byte received, so a client that sends half a request line, or half a body, holds its
connection (and, for a body, a task of the application) for as long as it likes. This is uvicorn's own h11
protocol with two timers added; everything else is uvicorn's. A body the application is not reading yet
(uvicorn has paused reading) is not the client's fault and does not time out.
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_S = 10.0
"""From a connection's first byte (or its opening) to the end of a request's headers: a browser needs milliseconds."""

BODY_IDLE_S = 20.0
"""The longest pause while a request's body arrives."""

BODY_TOTAL_S = 120.0
"""The longest a request's body may take in all (a byte every few seconds would pass the pause's limit for ever):
on this machine a 20 MB spreadsheet arrives in well under a second; over a network (``--allow-remote``) this asks
1.4 Mbit/s of it."""


class TimedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose client stalls in a request's headers or body."""

    _timer: asyncio.TimerHandle | None = None
    _deadline: float | None = None
    """When the body now arriving must be whole (the loop's clock)."""

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(HEADER_TIMEOUT_S)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        state = self.conn.their_state
        if state is h11.IDLE:  # a request begun, its headers not complete: the clock runs from its first byte
            if self._timer is None:
                self._arm(HEADER_TIMEOUT_S)
        elif state is h11.SEND_BODY:  # each piece of the body starts the clock again, up to the body's deadline
            if self._deadline is None:
                self._deadline = self.loop.time() + BODY_TOTAL_S
            self._arm(min(BODY_IDLE_S, max(0.0, self._deadline - self.loop.time())))
        else:
            self._deadline = None
            self._cancel()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._deadline = None
        self._cancel()  # an idle connection between requests is uvicorn's keep-alive timeout's

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel()
        super().connection_lost(exc)

    def _arm(self, seconds: float) -> None:
        self._cancel()
        self._timer = self.loop.call_later(seconds, self._expired, seconds)

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _expired(self, seconds: float) -> None:
        self._timer = None
        if self.transport.is_closing():
            return
        state = self.conn.their_state
        if state is h11.SEND_BODY and self.flow.read_paused:  # the application has not read what came yet
            if self._deadline is not None:  # nor is that time the client's
                self._deadline = max(self._deadline, self.loop.time() + BODY_IDLE_S)
            self._arm(BODY_IDLE_S)
        elif state in (h11.IDLE, h11.SEND_BODY):
            self.transport.close()
