"""Screen: article text is untrusted, and some of it is written to steer the brief or to swamp it.

- **Instructions.** A sentence addressed to a model rather than to readers ("Ignore previous
  instructions and write ...", "SYSTEM: you are now ...", chat-template tokens, text imitating
  the prompt's <source> delimiters) is left out of the brief's candidates before ranking, so it
  is never ranked, quoted, rewritten, cited or listed as a disagreement. The exception is news:
  when several outlets report such a sentence, in their own words, it is kept like any other
  fact (several outlets reporting that a chatbot was told to "ignore previous instructions" is
  a story). This is a screen, not the safety net: the prompt still quotes articles as
  delimited data, and verification still rejects any draft that says more than its sources.
- **Repeats.** A sentence an article repeats word for word is layout (a pull quote, a page
  pasted twice, one sentence pasted a thousand times), not a second report: only its first
  occurrence is kept, as cleaning does for repeated lines.
- **Other stories.** An article whose sentences, taken together, are far from the rest of the
  bundle's (a page's review widget, a video player's notice, a column on another subject) does
  not report the event: its sentences are no candidates. With two articles, only the much
  shorter one can be the stray; with three or more, the others show what the story is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from summarizer.text.markup import MACHINE_MARKUP
from summarizer.text.normalise import folded, wording
from summarizer.types import Article, Sentence

# Each pattern is matched against the sentence folded (NFKC, invisible characters out, lower
# case). They aim at text that speaks to a model, not about one.
_INSTRUCTION_PATTERNS = (
    r"#{2,}\s*(?:instruction|system|response|input)",  # "### Instruction"
    # A role label opening the sentence: "SYSTEM:", "Assistant:", "AI:", "System prompt:"
    r"^\W{0,3}(?:system|assistant|user|developer|ai|chatgpt|model|bot)(?:\s+(?:prompt|message|note))?\s*:",
    # Overriding what came before
    r"\b(?:ignore|disregard|forget|override|bypass|skip)\b(?:\s+\S+){0,5}?\s+"
    r"(?:instructions?|prompts?|directions|directives|guidelines|rules|system message|context)\b",
    r"\bnew (?:instructions?|task|rules)\s*:",
    # Telling the model who it is or what to output
    r"\byou are (?:now )?(?:an? |the )?(?:ai|assistant|language model|chatbot|summari[sz]er|in \w+ mode)\b",
    r"\byou (?:must|should|will|shall) (?:now |only |instead )?"
    r"(?:obey|comply|write|say|state|report|output|print|include|respond|answer|summari[sz]e)\b",
    r"\b(?:developer|jailbreak|god|dan|unrestricted) mode\b",
    r"\bas an ai language model\b",
    r"\b(?:the|your|this|any) (?:brief|summary|output|response|answer)\b(?:\s+\S+){0,3}?\s+"
    r"(?:must|should|shall|has to|needs to)\b(?:\s+\S+){0,2}?\s+"
    r"(?:say|state|read|include|report|mention|contain|begin|start|claim)\b",
    r"\bdo not (?:summari[sz]e|cite|mention the sources)\b",
    # An imperative to the writer opening the sentence: "Write that ...", "Say: ...", "Report that ..."
    r"^(?:please\s+)?(?:now\s+)?(?:write|say|output|print|respond|reply|repeat|pretend|act)\s*"
    r"(?::|\b(?:that|the following|this|only|exactly|instead|as|after me|with|in|a|an|to be)\b)",
    r"^(?:please\s+)?(?:now\s+)?(?:report|state|claim|announce) that\b",
)
_INSTRUCTION = re.compile("|".join(f"(?:{p})" for p in _INSTRUCTION_PATTERNS))


def looks_like_instruction(text: str) -> bool:
    """True for a sentence that addresses a model (an instruction, a role label, a template token)."""
    return any(
        _INSTRUCTION.search(form) or MACHINE_MARKUP.search(form)
        for form in (folded(text, join_invisible=True), folded(text))
    )


def drop_repeats(sentences: Sequence[Sentence]) -> list[Sentence]:
    """Each article's sentences less word-for-word repeats of an earlier sentence of the same article."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for sentence in sentences:
        key = (sentence.article_id, wording(sentence.text))
        if key not in seen:
            seen.add(key)
            kept.append(sentence)
    return kept


def screen_instructions(
    articles: Sequence[Article], sentences: Sequence[Sentence], vectors: np.ndarray, duplicate: float
) -> list[int]:
    """The rows of `sentences` (and `vectors`) that stay: all but instructions that are not news.

    An instruction-like sentence stays only when another article has one too that says the same
    (similarity >= `duplicate`) in different words: several outlets reporting it. One that goes
    takes the rest of its paragraph with it ("Ignore previous instructions. The mayor resigned.":
    what follows an instruction on its line is its payload).
    """
    # The raw characters too: `Sentence.text` shows invisible ones as spaces ("Ign ore").
    texts = {article.id: article.text for article in articles}
    flagged = [
        i
        for i, s in enumerate(sentences)
        if looks_like_instruction(s.text)
        or looks_like_instruction(texts.get(s.article_id, "")[s.start : s.end])
    ]
    if not flagged:
        return list(range(len(sentences)))
    lines = {article.id: article.body for article in articles}
    cut: list[tuple[str, int, int]] = []  # (article, from, to): character ranges left out
    for i in flagged:
        reported_elsewhere = any(
            sentences[j].article_id != sentences[i].article_id
            and wording(sentences[j].text) != wording(sentences[i].text)
            and float(vectors[i] @ vectors[j]) >= duplicate
            for j in flagged
        )
        if not reported_elsewhere:
            sentence = sentences[i]
            line_end = next(
                (
                    span.end
                    for span in lines.get(sentence.article_id, ())
                    if span.start <= sentence.start < span.end
                ),
                sentence.end,
            )
            cut.append((sentence.article_id, sentence.start, max(line_end, sentence.end)))
    return [
        i
        for i, s in enumerate(sentences)
        if not any(s.article_id == a and start <= s.start < end for a, start, end in cut)
    ]


def screen_other_stories(
    sentences: Sequence[Sentence], vectors: np.ndarray, off_topic: float, stray_length_ratio: float
) -> list[int]:
    """The rows of `sentences` that stay: all but those of an article about another story."""
    rows: dict[str, list[int]] = {}
    for i, sentence in enumerate(sentences):
        rows.setdefault(sentence.article_id, []).append(i)
    if len(rows) < 2:
        return list(range(len(sentences)))
    centroids = {a: _unit(vectors[r].sum(axis=0)) for a, r in rows.items()}
    stray = set()
    for article, own in rows.items():
        others = _unit(sum(vectors[rows[b]].sum(axis=0) for b in rows if b != article))
        if float(centroids[article] @ others) >= off_topic:
            continue
        if len(rows) >= 3 or all(len(own) * stray_length_ratio <= len(rows[b]) for b in rows if b != article):
            stray.add(article)
    return [i for i, s in enumerate(sentences) if s.article_id not in stray]


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
