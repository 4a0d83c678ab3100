"""Markup that speaks to a model: chat-template tokens and prompt delimiters.

Article text that carries them is imitating the prompt around it, to break out of its quotation
("</source>", "<|im_start|>system", "[INST]"). The screen flags sentences with them; the prompt
builder blanks them out of any text it quotes.
"""

from __future__ import annotations

import re

MACHINE_MARKUP = re.compile(
    r"<\|[^|>]{0,40}\|>"  # <|im_start|>, <|endoftext|>
    r"|\[/?inst\]"  # [INST] ... [/INST]
    r"|<<\s*/?sys\s*>>"  # <<SYS>>
    r"|</?\s*(?:source|system|user|assistant|instructions?|prompt|context)\s*>",  # <source>, </system>
    re.IGNORECASE,
)


def blank_markup(text: str) -> str:
    """`text` with every piece of machine markup replaced by a space."""
    return MACHINE_MARKUP.sub(" ", text)
