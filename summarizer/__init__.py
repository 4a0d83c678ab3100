"""Multi-document news summarisation: a short, neutral brief whose every sentence cites its sources.

from summarizer import BriefRequest, Settings, Summarizer

settings = Settings()
summarizer = Summarizer(settings)
brief = summarizer.brief(BriefRequest.start(articles, settings, max_words=120))
"""

from summarizer.errors import BundleError, GenerationError, SummarizerError
from summarizer.pipeline import Summarizer
from summarizer.request import BriefRequest, Deadline
from summarizer.settings import Settings
from summarizer.tuning import Tuning
from summarizer.types import (
    Article,
    ArticleInput,
    Brief,
    BriefSentence,
    Citation,
    Disagreement,
    Fact,
    Fault,
    Generation,
    Method,
    Sentence,
)

__all__ = [
    "Article",
    "ArticleInput",
    "Brief",
    "BriefRequest",
    "BriefSentence",
    "BundleError",
    "Citation",
    "Deadline",
    "Disagreement",
    "Fact",
    "Fault",
    "Generation",
    "GenerationError",
    "Method",
    "Sentence",
    "Settings",
    "Summarizer",
    "SummarizerError",
    "Tuning",
]
