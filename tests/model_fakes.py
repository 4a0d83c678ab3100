"""Stand-in generation models for fault and load tests: obedient, raising, slow, or held until released."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

from summarizer.generate import Message
from summarizer.request import Deadline
from summarizer.text.constituents import shorter_wordings
from summarizer.text.overlap import coverage


def first_source(prompt: list[Message]) -> str:
    return prompt[-1]["content"].split("<source>", 1)[1].split("</source>", 1)[0]


def condensed_first_source(prompt: list[Message]) -> str:
    return condensed(first_source(prompt))


def condensed(sentence: str) -> str:
    """The sentence less asides, as a good model condenses it: the shortest deletion of whole
    constituents that keeps most of its content words and saves five words or more; the sentence
    whole when it has none (a copy, which the brief keeps as extracted)."""
    for wording in shorter_wordings(sentence, 99):
        if coverage(sentence, wording) >= 0.6 and len(sentence.split()) - len(wording.split()) >= 5:
            return wording
    return sentence


class FakeModel:
    """Answers each prompt with `write(prompt)`; can raise, sleep, or wait for `release()`.

    Like a real model, it stops a completion once that prompt's `done` test holds. Records every
    prompt and the seconds each call had left until its deadline.
    """

    name = "fake-model"
    device = "cpu"
    load_seconds = 0.0

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
        deadline: Deadline,
        done: Sequence[Callable[[str], bool]] | None = None,
    ) -> list[str]:
        self.prompts.extend(prompts)
        self.limits.append(deadline.remaining())
        self.started.set()
        # A guard, not a timing: a test that forgets to release still ends.
        self._released.wait(timeout=60)
        if self.error is not None:
            raise self.error
        time.sleep(min(self.delay, deadline.remaining()))
        tests = done or [lambda _: False] * len(prompts)
        return [_until(self.write(p), test) for p, test in zip(prompts, tests, strict=True)]

    def close(self) -> None:
        pass


def _until(text: str, done: Callable[[str], bool]) -> str:
    """`text` as a model streaming it word by word would return it: cut where `done` first holds."""
    words = text.split(" ")
    for end in range(1, len(words) + 1):
        partial = " ".join(words[:end])
        if done(partial):
            return partial
    return text
