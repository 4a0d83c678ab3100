"""Clean: find the article body inside a page's text, leaving out page noise.

Pages arrive with widgets ("Select Voice", "Listen Live"), photo captions (often printed twice),
credits, copyright lines, bylines, tags and section labels. Noise is judged a line at a time and
left out of `Article.body`; the text itself is never rewritten, so offsets stay valid. Credits
and sign-up prompts inside a paragraph are judged a sentence at a time (`is_noise_sentence`).
HTML input is first turned into text with trafilatura, the text the response then carries.
"""

from __future__ import annotations

import re

import trafilatura

from summarizer.types import Article, ArticleInput, Span

# Lines that are page furniture whatever their context (case-insensitive, whole line).
_FURNITURE = re.compile(
    r"""^(?:
        advertisement(?:\s+continue\s+reading\s+the\s+main\s+story)?
      | story\s+continued\s+below
      | select\s+voice | choose\s+your\s+listening\s+speed | get\s+through\s+articles\s+\d+x\s+faster
      | \d+(?:\.\d+)?x | \d+\s*wpm | slow | average | fast
      | listen\s+live | reading\s+time\s*:?.* | why\s+you\s+can\s+trust\s+\w+
      | get\s+more\s+with\s+\w+ | a\s+personalised\s+news\s+feed.* | learn\s+more | read\s+more
      | tweet\s+with\s+a\s+location | text\s+size\s+-? | please\s+enable\s+javascript.*
      | report\s+this\s+ad | play\s+facebook | post | share | photo | related\s*:.* | also\s*:
      | (?:trending\s+news|see\s+also|watch|more)\s*:.*
      | starting\s+in\s+1996,\s+alexa\s+internet.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s)|all\s+rights\s+reserved", re.IGNORECASE)
# A line that is only a credit, "(STR/AFP/Getty Images)" or "Sarah Tew/CNET": the line above it
# is the caption it credits.
_CREDIT_ONLY = re.compile(
    r"^\((?=[^)]*(?:/|getty|afp|reuters|\bap\b|photo|images|xinhua|epa))[^)]*\)$"
    r"|^[\w .'-]+/(?:getty\s+images|afp|reuters|ap|cnet|epa|xinhua)[\w /.'-]*$",
    re.IGNORECASE,
)
# An image embed, "gettyimages 692347866 The U.S. and China are meeting ...": it carries its own
# caption, so the line above it is the story, not a caption.
_IMAGE_EMBED = re.compile(r"^gettyimages\b", re.IGNORECASE)
# A caption: text ending with a photo credit ("... Photo: EPA", "...2017.PHOTO: REUTERS",
# "... (STR/AFP/Getty Images)") or a "Photograph:" credit anywhere.
_CAPTION = re.compile(
    r"(?:\bphoto(?:graph)?\s*:\s*[\w ./&'-]{1,40}$)"
    r"|(?:\((?=[^)]*(?:/|getty|afp|reuters|photo))[^)]*\)$)"
    r"|(?:\bphotograph:)",
    re.IGNORECASE,
)
# Credits and calls to action that sit inside a paragraph (as in text pasted flat): only a
# sentence at a time can tell them from the story, so `sentences` asks `is_noise_sentence`.
_NOISE_SENTENCE = re.compile(
    r"\bcontributed\s+(?:reporting|to\s+this\s+(?:report|story|article))\b"
    r"|^\W*sign\s+up\s+for\b|^\W*download\s+the\b.*\bapp\b"
    r"|^want\s+to\s+add\s+to\s+this\s+story\b|\blet\s+us\s+know\s+in\s+(?:the\s+)?comments\b",
    re.IGNORECASE,
)
# Body paragraphs end like sentences; headlines, decks, tags and bylines do not.
_ENDS_LIKE_SENTENCE = re.compile(r"""[.!?…:;]["'”’)\]]*$|["”’]$""")


def extract_text(html: str) -> tuple[str, str | None]:
    """The article text and title of an HTML page (trafilatura), or empty text when none is found."""
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    metadata = trafilatura.extract_metadata(html)
    title = metadata.title if metadata is not None else None
    return text or "", title


def clean(article: ArticleInput) -> Article:
    """Clean one submitted article: extract HTML if needed, then find its body lines."""
    title = article.title
    if article.html is not None and article.text is None:
        text, html_title = extract_text(article.html)
        title = title or html_title
        from_html = True
    else:
        text = article.text or ""
        from_html = False
    return Article(
        id=article.id,
        text=text,
        body=body_spans(text),
        title=title,
        source=article.source,
        url=article.url,
        published_at=article.published_at,
        extracted_from_html=from_html,
    )


def body_spans(text: str) -> tuple[Span, ...]:
    """The spans of `text` (one per line, whitespace trimmed) that are article body."""
    lines = _lines(text)
    stripped = [text[s.start : s.end] for s in lines]
    noise = [_is_noise(line) for line in stripped]
    for i, line in enumerate(stripped):
        nxt = stripped[i + 1] if i + 1 < len(stripped) else ""
        # A caption printed twice: the same words again, the second time with its credit.
        if line and nxt.startswith(line) and len(nxt) > len(line) and _CAPTION.search(nxt):
            noise[i] = True
        # A caption whose credit sits alone on the next line.
        if _CREDIT_ONLY.search(nxt):
            noise[i] = True
        # A repeated line is layout, not a second statement of the fact.
        if line and line in stripped[:i]:
            noise[i] = True
    return tuple(span for span, is_noise in zip(lines, noise, strict=True) if not is_noise)


def is_noise_sentence(sentence: str) -> bool:
    """Whether a sentence is a credit or a call to action ("AP contributed to this report.")."""
    return bool(_NOISE_SENTENCE.search(sentence))


def _lines(text: str) -> list[Span]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end))
    return spans


def _is_noise(line: str) -> bool:
    return bool(
        _FURNITURE.match(line)
        or _COPYRIGHT.search(line)
        or _CREDIT_ONLY.search(line)
        or _IMAGE_EMBED.search(line)
        or _CAPTION.search(line)
        or not _ENDS_LIKE_SENTENCE.search(line)
    )
