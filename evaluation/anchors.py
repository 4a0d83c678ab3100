"""The anchors a brief is measured against: round-robin lead sentences, and sumy's LexRank.

Both read the same cleaned sentences as the project, so a comparison isolates what it adds.
"""

from __future__ import annotations

import re
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

from evaluation.rouge import WORD_LIMIT
from summarizer.types import Sentence


def lead(per_article: list[list[Sentence]], limit: int = WORD_LIMIT) -> list[str]:
    """Round-robin first sentences: each outlet's lead, then each one's second sentence, ..."""
    out: list[str] = []
    words = 0
    for rank in range(max((len(s) for s in per_article), default=0)):
        for sentences in per_article:
            if rank < len(sentences) and words < limit:
                out.append(sentences[rank].text)
                words += sentences[rank].words
    return out


class _WordTokenizer:
    """sumy's own tokenizer needs nltk's punkt download; words are all LexRank needs."""

    language = "english"

    def to_words(self, text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    def to_sentences(self, text: str) -> list[str]:
        return [text]


class LexRank:
    def __init__(self) -> None:
        self._summarizer = LexRankSummarizer(Stemmer("english"))
        self._summarizer.stop_words = get_stop_words("english")
        self._tokenizer = _WordTokenizer()

    def __call__(self, per_article: list[list[Sentence]], limit: int = WORD_LIMIT) -> list[str]:
        paragraphs = [
            Paragraph([SumySentence(s.text, self._tokenizer) for s in sentences])
            for sentences in per_article
            if sentences
        ]
        document = ObjectDocumentModel(paragraphs)

        def best_until_limit(infos: list[Any]) -> list[Any]:  # sumy passes sentences best-rated first
            chosen, words = [], 0
            for info in infos:
                if words >= limit:
                    break
                chosen.append(info)
                words += len(info.sentence._text.split())
            return chosen

        return [s._text for s in self._summarizer(document, best_until_limit)]
