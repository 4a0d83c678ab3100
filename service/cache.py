"""A bounded in-memory cache of briefs, so the same bundle posted twice is answered at once.

A Slack retry or two editors briefing the same story send the same bundle; the second gets the
first's brief without running the pipeline again. The key is a hash of the request's canonical
JSON (its articles and the brief's length, not its time budget) and of what else shapes the
brief (embedder, tuning, generation backend and model, token limit). A brief is kept only when
it is the one the service would write with time to spare: never one written around a fault
(generation ran out of time or failed), so a slow or broken moment is not served back once it
has passed.

An identical request that arrives while the first is still being written waits for it instead
of writing it again. The cache is per process (a replica's own): entries are least recently
used out past `SUMMARIZER_BRIEF_CACHE_ENTRIES` (0 turns the cache off).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from typing import Literal

import anyio

from service import metrics
from summarizer.pipeline import Summarizer
from summarizer.request import BriefRequest
from summarizer.schema import BriefOut

CACHE_HEADER = "X-Brief-Cache"


def brief_key(request: BriefRequest, summarizer: Summarizer) -> str:
    """SHA-256 of the canonical request and of the settings that change the brief written for it."""
    settings = summarizer.settings
    generator = summarizer.generator
    canonical = {
        "articles": [asdict(article) for article in request.articles],
        "max_words": request.max_words,
        "embedder": summarizer.embedder.name,
        "tuning": asdict(summarizer.tuning),
        "generator": None if generator is None else [type(generator).__name__, generator.name],
        "backend": settings.backend,
        "model": settings.model,
        "openai": [settings.openai_base_url, settings.openai_model, settings.openai_endpoint],
        "max_new_tokens": settings.max_new_tokens,
        "dtype": settings.dtype,
    }
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


Written = tuple[BriefOut, bool]  # a brief, and whether it may be kept (written around no fault)


@dataclass
class _Flight:
    """A brief being written right now, which identical requests wait for."""

    done: anyio.Event = field(default_factory=anyio.Event)
    brief: BriefOut | None = None  # the answer every identical request gets, cacheable or not
    error: BaseException | None = None  # or the refusal or error writing it ended in


class BriefCache:
    """Least-recently-used briefs by key, at most `max_entries`; thread-safe."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, BriefOut] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: dict[str, _Flight] = {}  # touched only on the event loop

    @property
    def enabled(self) -> bool:
        return self.max_entries > 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def get(self, key: str) -> BriefOut | None:
        with self._lock:
            brief = self._entries.get(key)
            if brief is not None:
                self._entries.move_to_end(key)
            return brief

    def put(self, key: str, brief: BriefOut) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._entries[key] = brief
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    async def brief(
        self, key: str, write: Callable[[], Awaitable[Written]], wait_s: float
    ) -> tuple[BriefOut, Literal["hit", "miss"] | None]:
        """The cached brief for `key`, else the one `write()` makes (kept if it says it may be).

        Identical requests that arrive while it is written wait for it, at most `wait_s` (then
        TimeoutError), and get its answer whether or not it may be kept: one bundle is computed
        once however many ask for it at the same moment, and a refusal or error is theirs too.
        The second item says where the brief came from, for the response header: None when the
        cache is off.
        """
        if not self.enabled:
            return (await write())[0], None
        cached = self.get(key)
        if cached is not None:
            metrics.BRIEF_CACHE_HITS.inc()
            return cached, "hit"
        flight = self._flights.get(key)
        if flight is not None:  # the same bundle is being written: its answer is ready sooner
            with anyio.fail_after(max(wait_s, 0.0)):
                await flight.done.wait()
            if flight.error is not None:
                raise flight.error
            assert flight.brief is not None
            metrics.BRIEF_CACHE_HITS.inc()
            return flight.brief, "hit"
        metrics.BRIEF_CACHE_MISSES.inc()
        flight = self._flights[key] = _Flight()
        try:
            written, keep = await write()
            flight.brief = written
            if keep:
                self.put(key, written)
            return written, "miss"
        except BaseException as error:
            flight.error = error
            raise
        finally:
            del self._flights[key]
            flight.done.set()
