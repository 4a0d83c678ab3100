"""The newsroom's vocabulary: what flows between the pipeline's stages.

Everything is a frozen dataclass. Offsets (`start`, `end`) are always character positions in
`Article.text`, the text as submitted (or, for HTML input, as extracted), so any citation can be
traced back to the exact characters it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article's body, located by offsets into `Article.text`."""

    article_id: str
    index: int  # position among the article's body sentences, 0-based
    start: int
    end: int
    text: str  # == article.text[start:end]

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Citation:
    """The source characters that support a brief sentence."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """Near-duplicate sentences from one or more outlets that state one fact."""

    members: tuple[Sentence, ...]
    representative: Sentence
    score: float

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.article_id for s in self.members))

    @property
    def sources(self) -> tuple[Sentence, ...]:
        """The representative first, then the other outlets' sentences."""
        return (self.representative, *(m for m in self.members if m is not self.representative))


class Method(StrEnum):
    """How a brief sentence was made."""

    EXTRACTED = "extracted"  # a source sentence, copied verbatim
    FUSED = "fused"  # written by the model from its fact's sentences and verified against them


@dataclass(frozen=True)
class BriefSentence:
    text: str
    citations: tuple[Citation, ...]
    method: Method = Method.EXTRACTED


@dataclass(frozen=True)
class Generation:
    """What the abstractive stage did for one brief (model, device, and whether it fell back)."""

    model: str | None
    device: str | None
    fused: int = 0
    fallbacks: int = 0  # generated sentences rejected by verification, replaced by source sentences
    budget_exhausted: bool = False
    error: str | None = None  # why generation did not run (model failed to load or raised)


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


@dataclass(frozen=True)
class Brief:
    sentences: tuple[BriefSentence, ...]
    articles: tuple[Article, ...]
    facts: tuple[Fact, ...] = ()  # the fact behind each brief sentence, in the same order
    generation: Generation = field(default_factory=lambda: Generation(model=None, device=None))
    embedder: str = ""
    disagreements: tuple[Disagreement, ...] = ()  # the details the brief's sources differ on

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)
