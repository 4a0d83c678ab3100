"""Admission: how many briefs run at once, how many may wait, for how long, and by when they end.

- At most `concurrency` briefs are written at once, each in a worker thread of its own (not
  Starlette's shared thread pool, which stays free for anything else).
- At most `queue_size` more wait, first come first served; one more is refused at once with 429.
- None waits longer than `queue_timeout_s`: past it, 503. Both carry `Retry-After`, an estimate
  from recent brief times and the queue ahead.
- Each brief has a deadline, `deadline_s` after its request arrived: its generation must end by
  then, less a reserve for what follows it (`end_by`), and what the model had no time for is
  extractive, flagged `generation.budget_exhausted` (rather than a timeout error).
- On shutdown the service drains: new briefs are refused with 503, those admitted finish.

All state lives on the event loop (one thread), so it needs no locks.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from types import FrameType
from typing import Any, TypeVar

import anyio
from fastapi import HTTPException, status

from service import metrics

T = TypeVar("T")

_FIRST_GUESS_S = 5.0  # brief time assumed for Retry-After before any brief has been timed
_MAX_RETRY_AFTER_S = 120


class Refused(HTTPException):
    def __init__(self, status_code: int, reason: str, detail: str, retry_after: int) -> None:
        headers = {"Retry-After": str(retry_after)}
        if reason == "draining":
            headers["Connection"] = "close"
        super().__init__(status_code, detail=detail, headers=headers)
        self.reason = reason


class Admission:
    def __init__(self, concurrency: int, queue_size: int, queue_timeout_s: float, deadline_s: float) -> None:
        self.concurrency = concurrency
        self.queue_size = queue_size
        self.queue_timeout_s = queue_timeout_s
        self.deadline_s = deadline_s
        self.running = 0
        self.draining = False
        self._waiters: deque[anyio.Event] = deque()
        self._brief_s = _FIRST_GUESS_S  # moving average of brief times, for Retry-After

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    def retry_after(self) -> int:
        """Seconds until a worker is likely free for one more brief: the queue ahead, shared by the workers."""
        estimate = self._brief_s * (self.waiting + 1) / self.concurrency
        return max(1, min(_MAX_RETRY_AFTER_S, math.ceil(estimate)))

    def waited_too_long(self) -> Refused:
        """The 503 for a brief that waited its longest, for a worker or for an identical brief."""
        return self.refuse(
            "queue_timeout",
            status.HTTP_503_SERVICE_UNAVAILABLE,
            f"no worker was free within {self.queue_timeout_s:g} s; retry after the time in Retry-After",
        )

    def end_by(self, received_at: float) -> float:
        """When the generation of a brief whose request arrived at `received_at` (monotonic clock)
        must end: its deadline, less a reserve for what follows generation (verification, citations)."""
        return received_at + self.deadline_s - min(5.0, self.deadline_s / 4)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[float]:
        """Hold one of the workers for a brief; yields the seconds it waited. Raises `Refused`."""
        started = time.monotonic()
        await self._acquire()
        waited = time.monotonic() - started
        metrics.QUEUE_WAIT.observe(waited)
        try:
            yield waited
        finally:
            self._record(time.monotonic() - started - waited)
            self._release()

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """`function(*args)` in a worker thread that no other part of the service is waiting for."""
        # A limiter of its own: the call is not counted against anyio's shared default of 40 threads.
        return await anyio.to_thread.run_sync(function, *args, limiter=anyio.CapacityLimiter(1))

    def refuse(self, reason: str, status_code: int, detail: str) -> Refused:
        metrics.REJECTED.labels(reason).inc()
        return Refused(status_code, reason, detail, self.retry_after())

    def begin_draining(self) -> None:
        self.draining = True

    def open(self) -> None:
        """Take briefs (again): at start-up, after an earlier run of the same app drained it."""
        self.draining = False

    async def drained(self, timeout_s: float) -> bool:
        """Wait, up to `timeout_s`, for every admitted brief to finish; True if they all did."""
        with anyio.move_on_after(timeout_s):
            while self.running or self._waiters:
                await anyio.sleep(0.05)
        return not (self.running or self._waiters)

    async def _acquire(self) -> None:
        if self.draining:
            raise self.refuse(
                "draining", status.HTTP_503_SERVICE_UNAVAILABLE, "the service is shutting down; retry shortly"
            )
        if self.running < self.concurrency and not self._waiters:
            self.running += 1
            self._gauges()
            return
        if len(self._waiters) >= self.queue_size:
            raise self.refuse(
                "queue_full",
                status.HTTP_429_TOO_MANY_REQUESTS,
                f"too many briefs at once: {self.running} being written and {self.waiting} waiting; "
                "retry after the time in Retry-After",
            )
        event = anyio.Event()
        self._waiters.append(event)
        self._gauges()
        try:
            with anyio.fail_after(self.queue_timeout_s):
                await event.wait()
        except BaseException as error:  # timed out, or cancelled (the server stopping)
            if event.is_set():  # a worker was handed over just as the wait ended: pass it on
                self._release()
            else:
                self._waiters.remove(event)
                self._gauges()
            if isinstance(error, TimeoutError):
                raise self.waited_too_long() from None
            raise

    def _release(self) -> None:
        if self._waiters:
            self._waiters.popleft().set()  # the worker passes straight to the next in line
        else:
            self.running -= 1
        self._gauges()

    def _record(self, seconds: float) -> None:
        metrics.BRIEF_SECONDS.observe(seconds)
        self._brief_s = 0.8 * self._brief_s + 0.2 * seconds

    def _gauges(self) -> None:
        metrics.QUEUE_DEPTH.set(len(self._waiters))
        metrics.IN_PROGRESS.set(self.running)


@contextmanager
def drain_on_signals(admission: Admission, notice_s: float = 0.0) -> Iterator[None]:
    """On SIGTERM or SIGINT, start draining; `notice_s` later, do what the signal did before
    (uvicorn: stop listening, then shut down). Meanwhile the port stays open, so load balancers
    see /readyz turn 503 and new briefs get 503 with Retry-After rather than a refused connection.
    A second signal does it at once.

    Signals can be caught only on the main thread; elsewhere (a test client) this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signals = (signal.SIGTERM, signal.SIGINT)
    previous = {sig: signal.getsignal(sig) for sig in signals}

    def forward(sig: int, frame: FrameType | None) -> None:
        before = previous[signal.Signals(sig)]
        if callable(before):
            before(sig, frame)
        elif before == signal.SIG_DFL:
            signal.signal(sig, signal.SIG_DFL)
            signal.raise_signal(sig)

    def handler(sig: int, frame: FrameType | None) -> None:
        first = not admission.draining
        admission.begin_draining()
        if first and notice_s > 0:
            notice = threading.Timer(notice_s, forward, (sig, frame))
            notice.daemon = True
            notice.start()
        else:
            forward(sig, frame)

    for sig in signals:
        signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, before in previous.items():
            if signal.getsignal(sig) is handler:
                signal.signal(sig, before)
