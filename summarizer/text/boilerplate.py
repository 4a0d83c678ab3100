"""Page noise: what a web page prints around and inside an article that is not the story.

Whole lines (widgets, captions, credits, copyright, image embeds), sentences run into a paragraph
(credits and calls to action), datelines before a lead, and the words of boilerplate that make a
sentence unlikely news. Patterns only: cleaning and ranking decide what to do with a match.
"""

from __future__ import annotations

import re

# Lines that are page furniture whatever their context (case-insensitive, whole line).
FURNITURE = re.compile(
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
COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s)|all\s+rights\s+reserved", re.IGNORECASE)
# A line that is only a credit, "(STR/AFP/Getty Images)" or "Sarah Tew/CNET": the line above it
# is the caption it credits.
CREDIT_ONLY = re.compile(
    r"^\((?=[^)]*(?:/|getty|afp|reuters|\bap\b|photo|images|xinhua|epa))[^)]*\)$"
    r"|^[\w .'-]+/(?:getty\s+images|afp|reuters|ap|cnet|epa|xinhua)[\w /.'-]*$",
    re.IGNORECASE,
)
# An image embed, "gettyimages 692347866 The U.S. and China are meeting ...": it carries its own
# caption, so the line above it is the story, not a caption.
IMAGE_EMBED = re.compile(r"^gettyimages\b", re.IGNORECASE)
# A caption: text ending with a photo credit ("... Photo: EPA", "...2017.PHOTO: REUTERS",
# "... (STR/AFP/Getty Images)") or a "Photograph:" credit anywhere.
CAPTION = re.compile(
    r"(?:\bphoto(?:graph)?\s*:\s*[\w ./&'-]{1,40}$)"
    r"|(?:\((?=[^)]*(?:/|getty|afp|reuters|photo))[^)]*\)$)"
    r"|(?:\bphotograph:)",
    re.IGNORECASE,
)
# Credits and calls to action that sit inside a paragraph (as in text pasted flat): only a
# sentence at a time can tell them from the story.
NOISE_SENTENCE = re.compile(
    r"\bcontributed\s+(?:reporting|to\s+this\s+(?:report|story|article))\b"
    r"|^\W*sign\s+up\s+for\b|^\W*download\s+the\b.*\bapp\b"
    r"|^want\s+to\s+add\s+to\s+this\s+story\b|\blet\s+us\s+know\s+in\s+(?:the\s+)?comments\b",
    re.IGNORECASE,
)
# "WASHINGTON (REUTERS) – ", "BEIJING, June 21 (Reuters) - ": a dateline is not part of the fact.
DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:,\s*\w+\.? \d{1,2})?\s*\([A-Za-z .]{2,25}\)\s*[-–—]+\s*")
# Words of a page's own apparatus inside a sentence: such a sentence is about the page, not the news.
BOILERPLATE_WORDS = re.compile(
    r"\b(?:click|subscribe|sign up|newsletter|cookies?|javascript|browser|all rights reserved|"
    r"follow (?:us|him|her)|@\w+|e-?mail us|terms of (?:use|service))\b",
    re.IGNORECASE,
)
