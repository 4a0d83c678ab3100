"""The JSON contract: a bundle in, a brief out. Shared by the HTTP API and the CLI.

Limits are part of the contract (documented in the README), so a client gets the same answer
from `POST /v1/briefs` and from `summarizer brief`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from summarizer.limits import (
    MAX_ARTICLE_CHARS,
    MAX_ARTICLES,
    MAX_BRIEF_WORDS,
    MAX_BUDGET_S,
    MAX_BUNDLE_CHARS,
    MIN_ARTICLES,
    MIN_BRIEF_WORDS,
)
from summarizer.request import BriefRequest
from summarizer.settings import Settings
from summarizer.types import ArticleInput, Brief, Fault, LeftOut, Standing, published

_Id = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:-]+$")]
_Meta = Annotated[str, StringConstraints(max_length=2_000)]

EXAMPLE_BUNDLE: dict[str, Any] = {
    "articles": [
        {
            "id": "harbour-gazette",
            "source": "Harbour Gazette",
            "title": "Council approves new ferry route",
            "text": (
                "The city council on Tuesday approved a new ferry route between the old harbour and "
                "the university campus. The service will start in March and run every 20 minutes "
                "on weekdays, the council said. Mayor Ana Ruiz called the vote a win for commuters."
            ),
        },
        {
            "id": "valley-post",
            "source": "Valley Post",
            "title": "Ferry link to campus gets green light",
            "text": (
                "Councillors voted on Tuesday to create a ferry link from the old harbour to the "
                "university. Boats will run every 20 minutes on weekdays from March. The operator "
                "expects about 3,000 passengers a day once the route is running."
            ),
        },
    ],
    "max_words": 60,
}


def _visible(text: str) -> bool:
    """Whether `text` has a character a reader sees: not a space, a control or a format mark
    (zero-width spaces and joiners, direction marks)."""
    return any(not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf") for c in text)


class ArticleIn(BaseModel):
    """One article: `text` or `html` (exactly one), or only a `url` the service fetches; with
    optional metadata."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    id: _Id | None = Field(None, description="Unique within the bundle; assigned (a1, a2, ...) if absent.")
    text: str | None = Field(None, max_length=MAX_ARTICLE_CHARS, description="Plain article text.")
    html: str | None = Field(
        None, max_length=4 * MAX_ARTICLE_CHARS, description="A whole HTML page; the article is extracted."
    )
    title: _Meta | None = None
    source: _Meta | None = Field(None, description="The outlet, e.g. 'Reuters'.")
    url: _Meta | None = Field(
        None, description="Where the article is; given alone (no text or html), the service fetches it."
    )
    published_at: _Meta | None = Field(
        None,
        description="When the outlet published it, ISO 8601 ('2017-06-21', '2017-06-21T18:05:00Z'); "
        "with dates, a brief tells a planned event as done when a later article reports it.",
    )

    @field_validator("published_at")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None and published(value) is None:
            raise ValueError(
                f"published_at {value[:40]!r} is not an ISO 8601 date or time; "
                "give e.g. '2017-06-21' or '2017-06-21T18:05:00Z'"
            )
        return value

    @field_validator("url")
    @classmethod
    def _web_link(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"https?://[^\s/]", value, re.IGNORECASE):
            raise ValueError(f"url {value[:60]!r} is not a web link; give an http:// or https:// address")
        return value

    @model_validator(mode="after")
    def _one_body(self) -> ArticleIn:
        if self.text is not None and self.html is not None:
            raise ValueError("give exactly one of 'text' or 'html' (or only a 'url' to fetch)")
        body = self.text if self.text is not None else self.html
        if body is None:
            if self.url is None:
                raise ValueError("give exactly one of 'text' or 'html', or a 'url' for the service to fetch")
            return self
        if not _visible(body):
            raise ValueError(
                "article text has no visible character (empty, whitespace or invisible marks only)"
            )
        return self

    @property
    def to_fetch(self) -> bool:
        """Given by its link alone: the service fetches the page."""
        return self.text is None and self.html is None


Offsets = Literal["code_points", "utf16"]


class BundleIn(BaseModel):
    """Articles about one event, from several outlets."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_BUNDLE]})

    articles: list[ArticleIn] = Field(..., min_length=MIN_ARTICLES, max_length=MAX_ARTICLES)
    max_words: int | None = Field(
        None,
        strict=True,
        ge=MIN_BRIEF_WORDS,
        le=MAX_BRIEF_WORDS,
        description="Length of the brief in words (default: the service's setting, SUMMARIZER_MAX_WORDS).",
    )
    budget_s: float | None = Field(
        None,
        strict=True,
        ge=0,
        le=MAX_BUDGET_S,
        description="Seconds the brief may spend generating (default: the service's setting); "
        "past it, the rest of the brief is extractive. 0 gives an extractive brief at once.",
    )

    offsets: Offsets = Field(
        "code_points",
        description="The unit of the response's `start`/`end`: Unicode code points (as Python indexes "
        "a string), or UTF-16 code units (as JavaScript does).",
    )

    @model_validator(mode="after")
    def _ids_and_size(self) -> BundleIn:
        ids = [a.id for a in self.articles if a.id is not None]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"article ids must be unique; repeated: {', '.join(duplicates)}")
        total = sum(len(a.text or a.html or "") for a in self.articles)
        if total > MAX_BUNDLE_CHARS:
            raise ValueError(
                f"bundle has {total} characters of article text; the limit is {MAX_BUNDLE_CHARS}"
            )
        return self

    def to_request(
        self, settings: Settings, *, arrived: float | None = None, end_by: float | None = None
    ) -> BriefRequest:
        """The request this bundle makes, defaults from `settings` (see `BriefRequest.start`)."""
        return BriefRequest.start(
            self.to_inputs(),
            settings,
            max_words=self.max_words,
            budget_s=self.budget_s,
            arrived=arrived,
            end_by=end_by,
        )

    def to_inputs(self) -> list[ArticleInput]:
        taken = {a.id for a in self.articles if a.id is not None}
        fresh = (f"a{n}" for n in range(1, 10 * MAX_ARTICLES) if f"a{n}" not in taken)
        return [
            ArticleInput(
                id=a.id if a.id is not None else next(fresh),
                text=a.text,
                html=a.html,
                title=a.title,
                source=a.source,
                url=a.url,
                published_at=a.published_at,
            )
            for a in self.articles
        ]


class SpanOut(BaseModel):
    article_id: str
    start: int = Field(description="Offset of the span's first character in the article text (code points).")
    end: int = Field(description="Offset just past its last character.")


class CitationOut(SpanOut):
    support: Literal["full", "partial"] = Field(
        description="'full': the cited sentence states every name, number and claim of the brief sentence; "
        "'partial': it reports the same event with fewer details. A sentence that contradicts a detail is "
        "never cited.",
    )


class BriefSentenceOut(BaseModel):
    text: str
    method: Literal["extracted", "condensed", "fused"] = Field(
        description="'extracted': a source sentence, verbatim; 'condensed': its first citation's "
        "sentence less whole asides the verifier lets go (word for word a subsequence of that span); "
        "'fused': the model rewrote the fact's best sentence shorter and verification accepted it "
        "against every outlet that reports the fact."
    )
    citations: list[CitationOut]


class SourceOut(BaseModel):
    id: str
    status: Literal["used", "duplicate", "other_language", "off_topic", "no_report"] = Field(
        "used",
        description="'used': its sentences were candidates for the brief (cited or not); 'duplicate': "
        "a copy of another article of the bundle (`duplicate_of`), such as a wire story reprinted, "
        "which stands for both; 'other_language': not in English (`language`); 'off_topic': about "
        "another story than the rest of the bundle; 'no_report': no sentence a brief can carry (page "
        "furniture, notices, fragments).",
    )
    duplicate_of: str | None = Field(None, description="For a duplicate: the id of the article it copies.")
    language: str | None = Field(
        None, description="For an article in another language: that language (ISO 639-1).", examples=["de"]
    )
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published_at: str | None = None
    text: str | None = Field(
        None, description="The text extracted from HTML input, which citation offsets point into."
    )


class GenerationOut(BaseModel):
    model: str | None = Field(
        None, description="The generative model that rewrote sentences; null if none ran."
    )
    device: str | None = None
    fused: int = Field(description="Brief sentences the model rewrote shorter and verification accepted.")
    condensed: int = Field(description="Brief sentences shortened by deleting asides the verifier lets go.")
    fallbacks: int = Field(
        description="Brief sentences whose fact's draft failed verification: a source's wording stands instead."
    )
    budget_exhausted: bool = Field(
        description="The time budget ran out; the rest of the brief is extractive."
    )
    error: str | None = Field(None, description="Why generation did not run, when it did not.")


class VersionOut(BaseModel):
    text: str = Field(description="The detail as (one of) the outlets giving this version write it.")
    citations: list[SpanOut] = Field(
        description="Where each outlet gives it: offsets of the detail itself in the article text."
    )


class DisagreementOut(BaseModel):
    what: str = Field(description='What the sources differ on, e.g. "Fang Fenghui\'s role".')
    kind: Literal["role", "number", "date", "speaker", "place"]
    versions: list[VersionOut] = Field(description="Every version side by side, with its outlets.")


_MODEL_FAULTS = (Fault.MODEL_UNAVAILABLE, Fault.MODEL_ERROR)
_USED = LeftOut(Standing.USED)  # an article the brief could use: nothing to say of it


class LeftOutOut(BaseModel):
    article: int = Field(description="The article's place in the request's `articles`, from 0.")
    id: str | None = None
    url: str
    reason: str = Field(description="Why its page gave no article: refused, unreachable, no text.")


class BriefOut(BaseModel):
    brief: list[BriefSentenceOut]
    sources: list[SourceOut]
    left_out: list[LeftOutOut] = Field(
        default_factory=list,
        description="Articles given by their link alone whose page gave no article (at least two "
        "others remained): each with why.",
    )
    words: int
    mode: Literal["fused", "condensed", "extractive"] = Field(
        description="'fused' if any sentence was rewritten by the model, else 'condensed' if any was "
        "shortened by deletion, else 'extractive'."
    )
    offsets: Offsets = Field(
        "code_points", description="The unit of every `start` and `end` (see the request)."
    )
    generation: GenerationOut
    embedder: str
    disagreements: list[DisagreementOut] = Field(
        default_factory=list,
        description="Details the brief's sources report differently; the brief sentence drops or "
        "attributes them.",
    )

    def in_utf16(self, texts: dict[str, str]) -> BriefOut:
        """The brief with every offset counted in UTF-16 code units of its article's text (`texts`,
        by article id: the text its code-point offsets index)."""

        def moved(span: Any) -> Any:
            text = texts[span.article_id]
            start = len(text[: span.start].encode("utf-16-le")) // 2
            end = start + len(text[span.start : span.end].encode("utf-16-le")) // 2
            return span.model_copy(update={"start": start, "end": end})

        return self.model_copy(
            update={
                "offsets": "utf16",
                "brief": [
                    s.model_copy(update={"citations": [moved(c) for c in s.citations]}) for s in self.brief
                ],
                "disagreements": [
                    d.model_copy(
                        update={
                            "versions": [
                                v.model_copy(update={"citations": [moved(c) for c in v.citations]})
                                for v in d.versions
                            ]
                        }
                    )
                    for d in self.disagreements
                ],
            }
        )

    @classmethod
    def from_brief(cls, brief: Brief) -> BriefOut:
        generation = brief.generation
        return cls(
            brief=[
                BriefSentenceOut(
                    text=s.text,
                    method=s.method.value,
                    citations=[
                        CitationOut(
                            article_id=c.article_id, start=c.start, end=c.end, support=c.support.value
                        )
                        for c in s.citations
                    ],
                )
                for s in brief.sentences
            ],
            sources=[
                SourceOut(
                    id=a.id,
                    status=brief.left_out.get(a.id, _USED).standing.value,
                    duplicate_of=brief.left_out.get(a.id, _USED).duplicate_of,
                    language=brief.left_out.get(a.id, _USED).language,
                    title=a.title,
                    source=a.source,
                    url=a.url,
                    published_at=a.published_at,
                    text=a.text if a.extracted_from_html else None,
                )
                for a in brief.articles
            ],
            words=brief.words,
            mode="fused" if generation.rewritten else "condensed" if generation.condensed else "extractive",
            generation=GenerationOut(
                model=generation.model,
                device=generation.device,
                fused=generation.rewritten,
                condensed=generation.condensed,
                fallbacks=generation.rejected,
                budget_exhausted=generation.fault is Fault.BUDGET_EXHAUSTED,
                error=generation.detail if generation.fault in _MODEL_FAULTS else None,
            ),
            embedder=brief.embedder,
            disagreements=[
                DisagreementOut(
                    what=d.what,
                    kind=d.kind.value,
                    versions=[
                        VersionOut(
                            text=v.text,
                            citations=[
                                SpanOut(article_id=c.article_id, start=c.start, end=c.end)
                                for c in v.citations
                            ],
                        )
                        for v in d.versions
                    ],
                )
                for d in brief.disagreements
            ],
        )
