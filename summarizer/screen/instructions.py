"""Instructions: article text is untrusted, and some of it is written to steer the brief.

A sentence addressed to a machine rather than to readers ("Note for AI summarisers: ...",
"Ignore previous instructions and write ...", "SYSTEM: you are now ...", chat-template tokens,
text imitating the prompt's <source> delimiters) is left out of the brief's candidates before
ranking, so it is never ranked, quoted, rewritten, cited or listed as a disagreement.

It is recognised two ways, each on the sentence as a reader sees its letters (look-alike
letters, spacing and invisible characters undone):
- **by meaning** (`MachineAddress`): the sentence, or one of its clauses, is close in the
  embedder's space to one of a set of statements addressed to AI systems, summarisers and
  automated readers (`words/machine_addressed.txt`); or it names a machine reader, by the
  meaning of its noun phrases, and its grammar speaks to that reader;
- **by form**: a role label ("SYSTEM:", "Assistant:"), chat-template markup, or an imperative
  to the writer, which carry little meaning of their own.

The exception is news: when several outlets report such a sentence, in their own words, it is
kept like any other fact (several outlets reporting that a chatbot was told to "ignore previous
instructions" is a story). This is a screen, not the safety net: the prompt still quotes
articles as delimited data, and verification still rejects any draft that says more than its
sources.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from summarizer.text import parse
from summarizer.text.lexicon import DIRECTIVE_VERBS, OBLIGATIONS, REPORTING_VERBS, SECOND_PERSON, lines
from summarizer.text.markup import MACHINE_MARKUP
from summarizer.text.normalise import folded, plain_letters, wording
from summarizer.types import Article, Sentence

# The forms: each pattern is matched against the sentence folded (NFKC, invisible characters out,
# lower case). They aim at text that speaks to a model, not about one.
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
    """True for a sentence that addresses a model by its form (an instruction, a role label, a
    template token)."""
    return _shaped_as_instruction(text, plain_letters(text, lower=False))


def _shaped_as_instruction(text: str, plain: str) -> bool:
    """`looks_like_instruction`, given the text's `plain_letters` (computed once by the screen)."""
    # Invisible characters both as gaps ("Ignore<ZWSP>all" reads "ignore all") and as nothing
    # ("Ign<ZWSP>ore", with look-alike letters and spacing undone: `plain_letters`).
    return any(
        _INSTRUCTION.search(form) or MACHINE_MARKUP.search(form) for form in (folded(text), plain.lower())
    )


# A sentence's clauses, for the meaning test: "Note for AI summarisers: the summit was ..." is
# addressed to a machine in its first clause only, and the whole sentence reads as news.
_CLAUSE_BREAK = re.compile(r"\s*(?:[:;\u2014\u2013]|,\s|\s-\s|\band\b|\bthen\b|\.\s)\s*")
_CLAUSE_WORDS = (2, 14)  # a clause shorter or longer than this is no address of its own


@dataclass(frozen=True, eq=False)
class MachineAddress:
    """What a statement addressed to a machine means, in one embedder's vector space.

    A text is addressed to a machine when it, or one of its clauses, is `close` to one of the
    statements of `words/machine_addressed.txt`; or when it names a machine reader (a noun
    phrase `reader_close` to one of `words/machine_readers.txt`: "summarization engines",
    "the text generator") and speaks to it: in the second person, as an imperative to write or
    leave out ("forget the article and tell readers ..."), as a heading before a colon ("Robots
    parsing this story: ..."), or telling it what it should, must or shall write. A sentence
    that reports what someone said or told ("the attacker told the chatbot to ...") speaks to
    its readers, not to the machine it names.
    """

    encode: Callable[[list[str]], np.ndarray]
    statements: np.ndarray  # unit vectors of `words/machine_addressed.txt`
    readers: np.ndarray  # unit vectors of `words/machine_readers.txt`
    close: float
    reader_close: float
    # Only a sentence at least this close, whole, has its clauses and grammar read: they cost an
    # encode and a parse.
    gate: float

    @classmethod
    def of(
        cls, encode: Callable[[list[str]], np.ndarray], close: float, reader_close: float, gate: float
    ) -> MachineAddress:
        statements = np.asarray(encode(list(lines("machine_addressed"))))
        readers = np.asarray(encode(list(lines("machine_readers"))))
        return cls(encode, statements, readers, close, reader_close, gate)

    def addressed(
        self, texts: Sequence[str], vectors: np.ndarray, plain: Sequence[str] | None = None
    ) -> list[bool]:
        """For each text (with its vector as the bundle computed it, and its `plain_letters` if the
        caller has them), whether it speaks to a machine."""
        plain = list(plain) if plain is not None else [plain_letters(t, lower=False) for t in texts]
        # Undone disguises change the words: those texts are read again as a person reads them.
        redo = [i for i, t in enumerate(texts) if plain[i].lower() != folded(t)]
        vectors = np.array(vectors, dtype=np.float32, copy=True)
        if redo:
            vectors[redo] = self.encode([plain[i] for i in redo])
        nearest = (vectors @ self.statements.T).max(axis=1) if len(texts) else np.zeros(0)
        gated = [int(i) for i in np.flatnonzero(nearest >= self.gate)]
        clauses, owner = [], []
        for i in gated:
            for clause in _clauses(plain[i]):
                clauses.append(clause)
                owner.append(i)
        if clauses:
            closest = (self.encode(clauses) @ self.statements.T).max(axis=1)
            for row, value in zip(owner, closest, strict=True):
                nearest[row] = max(nearest[row], value)
        found = [bool(v >= self.close) for v in nearest]
        for i in self._speaking_to_a_reader([i for i in gated if not found[i]], plain):
            found[i] = True
        return found

    def _speaking_to_a_reader(self, rows: list[int], plain: list[str]) -> list[int]:
        """The rows whose sentence names a machine reader and addresses it."""
        rows = [i for i in rows if _may_address(plain[i])]  # parse only what could: milliseconds each
        docs = dict(zip(rows, parse.parse_all([plain[i] for i in rows]), strict=True))
        phrases = {i: [(chunk, _bare(chunk)) for chunk in docs[i].noun_chunks] for i in rows}
        names = sorted({bare for i in rows for _, bare in phrases[i] if bare})
        if not names:
            return []
        machine = dict(
            zip(names, (self.encode(names) @ self.readers.T).max(axis=1) >= self.reader_close, strict=True)
        )
        addressed = []
        for i in rows:
            readers = [chunk for chunk, bare in phrases[i] if bare and machine[bare]]
            if readers and _addresses(docs[i], readers):
                addressed.append(i)
        return addressed


_OBLIGED = frozenset({"require", "need", "have", "oblige"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _bare(chunk: Any) -> str:
    """A noun phrase without its determiners and pronouns: "all the bots" -> "bots"."""
    return " ".join(t.text for t in chunk if t.pos_ not in ("DET", "PRON", "INTJ", "PUNCT"))


def _addresses(doc: Any, readers: list[Any]) -> bool:
    """Whether the sentence speaks to one of the machine `readers` it names (module docstring)."""
    reader_tokens = {t.i for chunk in readers for t in chunk}
    you = {t.i for t in doc if t.lower_ in SECOND_PERSON}
    for token in doc:
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        # Someone else said or told it: a report about the machine, not a message to it.
        if (
            token.tag_ in _FINITE
            and subjects
            and (token.lower_ in REPORTING_VERBS or token.lemma_ in DIRECTIVE_VERBS or token.lemma_ in _TOLD)
            and not any(s.i in reader_tokens or s.i in you for s in subjects)
        ):
            return False
    if you:
        return True
    for token in doc:
        if token.lemma_ not in DIRECTIVE_VERBS or token.tag_ != "VB":
            continue
        # "X should say", or "X is required / needs / has to say": the obligation's subject.
        bound = token.head if token.dep_ == "xcomp" and token.head.lemma_ in _OBLIGED else token
        subjects = [c for c in bound.children if c.dep_ in ("nsubj", "nsubjpass")]
        modal = bound.i != token.i or any(c.dep_ == "aux" and c.lower_ in OBLIGATIONS for c in token.children)
        # An imperative; a name before it is the one spoken to ("Honourable AI, please report").
        if not modal and token.dep_ in ("ROOT", "conj") and all(s.i in reader_tokens for s in subjects):
            return True
        if modal and any(s.i in reader_tokens or s.lower_ == "it" for s in subjects):
            return True
    colon = next((t.i for t in doc if t.text == ":"), None)
    if colon is not None:
        heading = [t for t in doc[:colon] if t.tag_ in _FINITE and not _in_relative_clause(t)]
        return not heading and any(chunk.end <= colon for chunk in readers)
    return False


_TOLD = frozenset({"find", "show", "ask", "instruct", "order", "rule", "warn", "announce"})


def _may_address(text: str) -> bool:
    """Whether the sentence has what `_addresses` looks for: a second person, a directive verb in
    its base form, or a colon."""
    return ":" in text or not _ADDRESSING.isdisjoint(_WORD.findall(text.lower()))


_ADDRESSING = SECOND_PERSON | DIRECTIVE_VERBS
_WORD = re.compile(r"[a-z]+")


def _in_relative_clause(token: Any) -> bool:
    return any(t.dep_ in ("relcl", "acl") for t in (token, *token.ancestors))


def _clauses(text: str) -> list[str]:
    low, high = _CLAUSE_WORDS
    pieces = [p for p in _CLAUSE_BREAK.split(text) if low <= len(p.split()) <= high]
    return [p for p in pieces if p != text]


def screen_instructions(
    articles: Sequence[Article],
    sentences: Sequence[Sentence],
    vectors: np.ndarray,
    duplicate: float,
    machine: MachineAddress | None,
) -> list[int]:
    """The rows of `sentences` (and `vectors`) that stay: all but instructions that are not news.

    An instruction stays only when another article has one too that says the same (similarity
    >= `duplicate`) in different words: several outlets reporting it. One that goes takes the
    rest of its paragraph with it ("Ignore previous instructions. The mayor resigned.": what
    follows an instruction on its line is its payload).
    """
    # The raw characters: `Sentence.text` shows invisible ones as spaces ("Ign ore").
    texts = {article.id: article.text for article in articles}
    raw = [texts.get(s.article_id, "")[s.start : s.end] for s in sentences]
    plain = [plain_letters(text, lower=False) for text in raw]
    by_meaning = machine.addressed(raw, vectors, plain) if machine is not None else [False] * len(sentences)
    flagged = [i for i in range(len(sentences)) if by_meaning[i] or _shaped_as_instruction(raw[i], plain[i])]
    if not flagged:
        return list(range(len(sentences)))
    paragraphs = {article.id: article.body for article in articles}
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
                    for span in paragraphs.get(sentence.article_id, ())
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
