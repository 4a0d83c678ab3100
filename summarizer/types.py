"""The newsroom's vocabulary: what flows between the pipeline's stages.

Everything is a frozen dataclass. Offsets (`start`, `end`) are always character positions in
`Article.text`, the text as submitted (or, for HTML input, as extracted), so any citation can be
traced back to the exact characters it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from summarizer.text.normalise import word_count


@dataclass(frozen=True)
class ArticleInput:
    """One article as a client sends it: plain text or HTML, plus optional metadata."""

    id: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published_at: str | None = None


def published(when: str) -> datetime | None:
    """An ISO 8601 `published_at` as an aware time (UTC when it names no zone); None when it is
    not one."""
    try:
        moment = datetime.fromisoformat(when.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Span:
    """A half-open character range `[start, end)` of an article's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """An article after cleaning: its full text and the spans of it that are article body.

    Page noise (widgets, captions, credits) is not cut out of `text`; it is left out of `body`,
    so offsets into `text` stay those of the submitted (or extracted) text.
    """

    id: str
    text: str
    body: tuple[Span, ...]
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published_at: str | None = None
    extracted_from_html: bool = False

    @property
    def body_text(self) -> str:
        """The body's paragraphs, a line each: what the article reports, without its page."""
        return "\n".join(self.text[span.start : span.end] for span in self.body)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article's body, located by offsets into `Article.text`."""

    article_id: str
    index: int  # position among the article's body sentences, 0-based
    start: int
    end: int
    # article.text[start:end] as a reader sees it: invisible characters out, whitespace folded
    text: str

    @property
    def words(self) -> int:
        return word_count(self.text)


class Support(StrEnum):
    """How much a cited span backs its brief sentence."""

    FULL = "full"  # every name, number and claim of the sentence
    PARTIAL = "partial"  # the same event, with fewer details


@dataclass(frozen=True)
class Citation:
    """The source characters that support a brief sentence, and how much they support it."""

    article_id: str
    start: int
    end: int
    support: Support = Support.FULL


@dataclass(frozen=True)
class Fact:
    """Near-duplicate sentences from one or more outlets that state one fact."""

    members: tuple[Sentence, ...]
    representative: Sentence
    score: float
    # Sentences of earlier outlets that told this as planned ("will meet"), which it tells as done:
    # the event's outcome (summarizer/timeline.py).
    supersedes: tuple[Sentence, ...] = ()

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.article_id for s in self.members))

    @property
    def sources(self) -> tuple[Sentence, ...]:
        """The representative first, then the other outlets' sentences."""
        return (self.representative, *(m for m in self.members if m is not self.representative))


class Method(StrEnum):
    """How a brief sentence was made. The values are the API's `method`."""

    EXTRACTED = "extracted"  # a source sentence, copied verbatim
    # A source sentence less whole constituents the verifier lets go (asides, parentheticals,
    # time and place phrases): word for word a subsequence of its first citation's span.
    CONDENSED = "condensed"
    # The model rewrote the fact's best sentence shorter, and verification accepted it against
    # every outlet's sentence of the fact. The API has called this "fused" from the start.
    REWRITTEN = "fused"


@dataclass(frozen=True)
class Wording:
    """One way the brief can word a fact: one outlet's sentence whole, shortened by deletion, or a
    model's verified draft of it."""

    fact: Fact
    sentence: Sentence  # the outlet's sentence it keeps the words of
    text: str
    method: Method  # EXTRACTED (the sentence whole), CONDENSED, or REWRITTEN (a verified draft of it)
    # Mean log-probability per token under the language model, minus the whole sentence's: how
    # much less fluent the shorter wording reads (0 for the sentence itself).
    fluency: float = 0.0

    @property
    def words(self) -> int:
        return word_count(self.text)


@dataclass(frozen=True)
class BriefSentence:
    text: str
    citations: tuple[Citation, ...]
    method: Method = Method.EXTRACTED


class Fault(StrEnum):
    """Why the model did less than it could for a brief; the brief is extractive where it did not."""

    MODEL_UNAVAILABLE = "model_unavailable"  # the model failed to load
    MODEL_ERROR = "model_error"  # the model (or its server) raised while writing
    BUDGET_EXHAUSTED = "budget_exhausted"  # the brief's time ran out before every draft was written


@dataclass(frozen=True)
class Generation:
    """What the model did for one brief: which model, where, how much it rewrote, what went wrong."""

    model: str | None
    device: str | None
    rewritten: int = 0  # brief sentences the model rewrote and verification accepted
    condensed: int = 0  # brief sentences shortened by deletion
    rejected: int = 0  # brief sentences whose fact's draft verification rejected (a source's words stand)
    fault: Fault | None = None
    detail: str | None = None  # the fault in words, for a person


class Detail(StrEnum):
    """What kind of detail outlets disagree on."""

    ROLE = "role"  # a person's title or role: "chief of the Joint Staff Department"
    NUMBER = "number"  # a count, amount or age: "five nuclear tests"
    DATE = "date"  # the day or date of an event: "on Wednesday", "June 21"
    SPEAKER = "speaker"  # who said a quotation, or what the sentence reports
    PLACE = "place"  # where an event happened: "in Helsinki"


@dataclass(frozen=True)
class Version:
    """One way the outlets report a detail; each citation points at the detail's own characters."""

    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Disagreement:
    """A detail the outlets report differently: what it is, and every version side by side."""

    what: str  # "Fang Fenghui's role", "number of nuclear tests"
    kind: Detail
    versions: tuple[Version, ...]


class Standing(StrEnum):
    """What became of an article in a brief. The values are the API's `sources[].status`."""

    USED = "used"  # its sentences were candidates for the brief (cited or not)
    DUPLICATE = "duplicate"  # a copy of another article (a wire story reprinted): counted once, as that one
    OTHER_LANGUAGE = "other_language"  # not written in a language the brief reads
    OFF_TOPIC = "off_topic"  # about another story than the rest of the bundle: left out
    NO_REPORT = "no_report"  # no sentence a brief can carry: page furniture, notices, fragments


@dataclass(frozen=True)
class LeftOut:
    """Why the brief could not use an article."""

    standing: Standing
    duplicate_of: str | None = None  # DUPLICATE: the article it copies, which stands for both
    language: str | None = None  # OTHER_LANGUAGE: the language it is in (ISO 639-1)


@dataclass(frozen=True)
class Brief:
    sentences: tuple[BriefSentence, ...]
    articles: tuple[Article, ...]
    # The fact behind each brief sentence, in the same order, its representative the sentence the
    # brief sentence keeps the words of.
    facts: tuple[Fact, ...] = ()
    generation: Generation = field(default_factory=lambda: Generation(model=None, device=None))
    embedder: str = ""
    disagreements: tuple[Disagreement, ...] = ()  # the details the brief's sources differ on
    # Articles the brief could not use, and why; every other article's sentences were candidates.
    left_out: dict[str, LeftOut] = field(default_factory=dict)

    @property
    def words(self) -> int:
        return sum(word_count(s.text) for s in self.sentences)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)
