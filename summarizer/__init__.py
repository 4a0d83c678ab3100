"""Multi-document news summarisation: a short, neutral brief whose every sentence cites its sources."""

from summarizer.pipeline import Summarizer
from summarizer.settings import Settings
from summarizer.types import Article, ArticleInput, Brief, BriefSentence, Citation, Fact, Method, Sentence

__all__ = [
    "Article",
    "ArticleInput",
    "Brief",
    "BriefSentence",
    "Citation",
    "Fact",
    "Method",
    "Sentence",
    "Settings",
    "Summarizer",
]
