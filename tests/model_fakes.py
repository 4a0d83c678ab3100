"""Stand-in generation models for fault and load tests: obedient, raising, slow, or held until released."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

from summarizer.generate import Message


def first_source(prompt: list[Message]) -> str:
    return prompt[-1]["content"].split("<source>", 1)[1].split("</source>", 1)[0]


class FakeModel:
    """Answers each prompt with `write(prompt)`; can raise, sleep, or wait for `release()`.

    Records every prompt and the time limit each call was given.
    """

    name = "fake-model"
    device = "cpu"

    def __init__(
        self,
        write: Callable[[list[Message]], str] = first_source,
        *,
        delay: float = 0.0,
        error: Exception | None = None,
        hold: bool = False,
    ) -> None:
        self.write, self.delay, self.error = write, delay, error
        self.prompts: list[list[Message]] = []
        self.limits: list[float] = []
        self.started = threading.Event()  # set when a call has begun
        self._released = threading.Event()
        if not hold:
            self._released.set()

    def release(self) -> None:
        self._released.set()

    def complete(
        self,
        prompts: Sequence[list[Message]],
        max_new_tokens: int,
        max_seconds: float,
        done: Sequence[Callable[[str], bool]] | None = None,
    ) -> list[str]:
        self.prompts.extend(prompts)
        self.limits.append(max_seconds)
        self.started.set()
        # A guard, not a timing: a test that forgets to release still ends.
        self._released.wait(timeout=60)
        if self.error is not None:
            raise self.error
        time.sleep(min(self.delay, max_seconds))
        return [self.write(p) for p in prompts]
