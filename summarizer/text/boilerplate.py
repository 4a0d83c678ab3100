"""Page noise: what a web page prints around and inside an article that is not the story.

Whole lines (widgets, captions, credits, copyright, image embeds), sentences run into a paragraph
(credits and calls to action), datelines before a lead, and the words of boilerplate that make a
sentence unlikely news. Patterns only: cleaning and ranking decide what to do with a match.
"""

from __future__ import annotations

import re

from summarizer.text.lexicon import lines

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
# So do a web archive's notes on its crawls, a comment section's notices and photo credits with
# their agency ("Tom Williams/Getty Images Rep. Jackie Speier ...", "| AP Photo ...").
NOISE_SENTENCE = re.compile(
    r"\bcontributed\s+(?:reporting|to\s+this\s+(?:report|story|article))\b"
    r"|^\W*sign\s+up\s+for\b|^\W*download\s+the\b.*\bapp\b"
    r"|^want\s+to\s+add\s+to\s+this\s+story\b|\blet\s+us\s+know\s+in\s+(?:the\s+)?comments\b"
    # Anchored: unanchored, the lookahead rescanned the sentence from every position (1 ms a sentence).
    r"|^(?=.*\b(?:web|pages?|sites?|archiv\w*|collections?|seeds?|domains?|outlinks?|software)\b|.*\w\.org\b)"
    r"(?=.*\bcrawl(?:s|ing|ers?)?\b)"
    r"|\b(?:heritrix|seedlist|robots\.txt|wayback\s+machine|internet\s+archive|no\s+more\s+404)\b"
    r"|\bcomments\s+(?:for|on)\s+this\s+(?:post|story|article)|\bcomments\s+are\s+(?:now\s+)?closed\b"
    r"|\b[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s?/\s?(?:AP|AFP|Getty\s+Images|Reuters|EPA|Xinhua|Bloomberg|"
    r"POLITICO|CNET|Staff\s+Photographer|Corbis|Shutterstock|Redux|Zuma)\b"
    r"|\bAP\s+Photo\b|\bGetty\s+Images\b|^\W*credit\s*:|\benlarge\s+image\b|\bmedia\s+caption\b"
    r"|\bclick\s+(?:here|below|the\s+link)\b|\btranscripts?\s+(?:are|is)\s+created\b"
    r"|\bauthoritative\s+record\b|\bnot\s+be\s+in\s+its\s+final\s+form\b|\bwill\s+be\s+hidden\s+or\s+removed\b"
    # The page's layout: "provided below", "the video above", "Below, the six revelations ..."
    r"|\b(?:provided|listed|shown|pictured|seen|see|included|embedded|linked)\s+(?:below|above)\b"
    r"|\b(?:video|photos?|gallery|chart|graphic|map|table|form|image|slideshow)\s+(?:below|above)\b"
    r"|^\W*(?:below|above)\s*[,:]|\bafter\s+the\s+jump\b"
    r"|\b(?:this|the)\s+(?:story|article|piece|post)\s+(?:first|originally)\s+appeared\b"
    # A correction or update note is about the page ("This story has been corrected to show ...").
    r"|\b(?:earlier|previous)\s+version\s+of\s+this\s+(?:story|article|piece|post|report)\b"
    r"|\bthis\s+(?:story|article|piece|post|report)\s+(?:has\s+been|was)\s+(?:updated|corrected|amended)\b"
    # A name's hover card run into the sentence that names him: the name, the full name, the
    # person's latest headlines glued on, then "MORE" ("Donald Trump Donald John TrumpTrump Jr.
    # getting ... MORE panned ..."). Case matters here: "MORE" is the card's, "more" is prose.
    r"|(?-i:\b([A-Z][a-z]+)\s+([A-Z][\w'-]+)\s+\1\s+(?:[A-Z][\w.'-]*\s+){0,2}\2.{0,400}?\sMORE\s)",
    re.IGNORECASE,
)
# A dateline is not part of the fact: "WASHINGTON (Reuters) - ", "BEIJING, June 21 (Reuters) - ",
# "PALO ALTO -- ", "STORRS, Conn. (WTNH) — ", "Washington (CNN) ", "(HealthDay)—", "Flint — "; nor is a
# bullet or a dash left before a lead whose dateline sat on the line above, nor a share button's
# label run into the lead ("Email This Even at 88, ..."), nor a kicker ("UPDATE: ").
_AGENCY = "|".join(re.escape(name) for name in lines("news_agencies"))
_KICKER = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in lines("kickers"))
_PLACE = r"[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?(?:,\s*\w+\.? \d{1,2})?"
DATELINE = re.compile(
    rf"^(?:{_PLACE}\s*(?:\([A-Za-z .]{{2,25}}\))?(?:\s+[-–—]+|\s*[—–]+)\s*"  # not "U.S.-Russian"
    rf"|(?:[A-Z][\w.]*,?\s+){{0,3}}\((?:{_AGENCY})\)(?:\s*[-–—]+\s*|\s+(?=[A-Z“\"]))"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+[—–]\s+(?=[A-Z])"  # "Flint — Sixteen months after ..."
    r"|[-–—*•]+\s+|(?:[Ee]-?mail|[Ss]hare|[Pp]rint)\s+[Tt]his\s+(?=[A-Z])"
    rf"|(?i:{_KICKER}):\s+(?=[A-Z\"“‘]))"
)
# Words of a page's own apparatus inside a sentence: such a sentence is about the page, not the news.
BOILERPLATE_WORDS = re.compile(
    r"\b(?:click|subscribe|sign up|newsletter|cookies?|javascript|browser|all rights reserved|"
    r"follow (?:us|him|her)|@\w+|e-?mail us|terms of (?:use|service))\b",
    re.IGNORECASE,
)
