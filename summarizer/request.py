"""A brief request: its articles, its length and its deadline, resolved once where it starts.

The HTTP API, the CLI and the evaluation all make one (`BriefRequest.start`), the brief cache
keys on it, and the pipeline and the generation backends read its one deadline: a moment on
the monotonic clock, not a number of seconds that each layer would turn into its own.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.settings import Settings
from summarizer.types import ArticleInput


@dataclass(frozen=True)
class Deadline:
    """A moment on the monotonic clock by which some work must end."""

    at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def remaining(self) -> float:
        """Seconds left, never negative."""
        return max(0.0, self.at - time.monotonic())

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.at


@dataclass(frozen=True)
class BriefRequest:
    """What to brief, how long the brief may be, and by when its generation must end."""

    articles: tuple[ArticleInput, ...]
    max_words: int
    budget_s: float  # the generation time asked for (or the setting's)
    deadline: Deadline  # generation ends by then: the budget's end, or the caller's, if earlier
    cut: bool = False  # the caller's deadline came before the budget's end

    @classmethod
    def start(
        cls,
        articles: Sequence[ArticleInput],
        settings: Settings,
        *,
        max_words: int | None = None,
        budget_s: float | None = None,
        arrived: float | None = None,
        end_by: float | None = None,
    ) -> BriefRequest:
        """A request that starts now (or at `arrived`, monotonic clock), defaults from `settings`.

        `end_by` is when the caller needs the brief (a service's request deadline, less what
        follows generation); the generation deadline is never later.
        """
        budget = settings.generation_budget_s if budget_s is None else budget_s
        budget_end = (time.monotonic() if arrived is None else arrived) + budget
        cut = end_by is not None and end_by < budget_end
        return cls(
            articles=tuple(articles),
            max_words=settings.max_words if max_words is None else max_words,
            budget_s=budget,
            deadline=Deadline(min(budget_end, end_by) if end_by is not None else budget_end),
            cut=cut,
        )
