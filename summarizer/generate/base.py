"""What every generation backend is: the message type and the protocol the pipeline calls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypedDict, runtime_checkable

from summarizer.request import Deadline


class Message(TypedDict):
    role: str  # "system" | "user" | "assistant"
    content: str


class TextGenerator(Protocol):
    """A model that completes chat prompts. Loaded once, shared by every brief of the process."""

    name: str
    device: str  # "cpu", "cuda", "remote"
    load_seconds: float  # loading and warming up took this long (0 for a remote server)

    def complete(
        self,
        prompts: Sequence[list[Message]],
        max_new_tokens: int,
        deadline: Deadline,
        done: Sequence[Callable[[str], bool]] | None = None,
    ) -> list[str]:
        """One completion per prompt, greedy, written by `deadline` (waiting for the model included).

        `done` holds one test per prompt: a completion is finished early once its test of the
        text so far is true. One cut short by the deadline comes back unfinished (or empty);
        the caller's verification rejects it. Raises `GenerationError` when the model fails.
        """
        ...

    def close(self) -> None:
        """Release what the backend holds (threads, connections); it is not used afterwards."""
        ...


@runtime_checkable
class FluencyJudge(Protocol):
    """A language model that says how natural a wording reads, writing nothing of its own."""

    def fluency(self, texts: Sequence[str], deadline: Deadline) -> list[float] | None:
        """Each text's mean log-probability per token, from batched forward passes; None when
        the deadline passes first (waiting for the model included)."""
        ...
