"""Language: the pipeline reads English, so an article in another language is left out, named
with the language it is in (ISO 639-1), rather than briefed as if its words were English.

Lingua's detector is packaged with its models (no download). Its low-accuracy mode reads
trigrams only: about a tenth of the memory, and as good as the full mode on texts of article
length; a text too short to tell (a line or two) is taken to be English.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.types import Article

SUPPORTED = frozenset({"en"})
_SAMPLE_CHARS = 2000  # the article's first paragraphs tell its language
_MIN_LETTERS = 40  # fewer letters than this cannot be told apart reliably


class LanguageDetector:
    """Loaded once (about 0.3 s and 100 MB), then shared between threads."""

    def __init__(self) -> None:
        from lingua import LanguageDetectorBuilder

        self._detector = (
            LanguageDetectorBuilder.from_all_languages()
            .with_low_accuracy_mode()
            .with_preloaded_language_models()
            .build()
        )

    def language_of(self, text: str) -> str:
        """The ISO 639-1 code of the language `text` is written in ("en" when it cannot tell)."""
        sample = text[:_SAMPLE_CHARS]
        if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
            return "en"
        found = self._detector.detect_language_of(sample)
        return found.iso_code_639_1.name.lower() if found is not None else "en"


def other_languages(articles: Sequence[Article], detector: LanguageDetector | None) -> dict[str, str]:
    """Each article not in a supported language: its id -> the language it is in."""
    if detector is None:
        return {}
    found = {a.id: detector.language_of(a.body_text) for a in articles}
    return {article_id: language for article_id, language in found.items() if language not in SUPPORTED}
