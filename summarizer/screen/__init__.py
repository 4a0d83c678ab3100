"""Screen: article text is untrusted, and some of it is not the bundle's news.

Before ranking, the pipeline (summarizer/pipeline.py) leaves out, in this order:
articles in another language (`language`), copies of another article (`copies`), sentences an
article repeats or copies from an earlier one (`copies`), sentences addressed to a machine
(`instructions`), and articles about another story (`topic`). What is left is the bundle every
later stage reads; each article left out whole is named with why.
"""

from summarizer.screen.copies import drop_copied_sentences, drop_repeats, first_published, wire_copies
from summarizer.screen.instructions import MachineAddress, looks_like_instruction, screen_instructions
from summarizer.screen.language import LanguageDetector, other_languages
from summarizer.screen.topic import screen_other_stories

__all__ = [
    "LanguageDetector",
    "MachineAddress",
    "drop_copied_sentences",
    "drop_repeats",
    "first_published",
    "looks_like_instruction",
    "other_languages",
    "screen_instructions",
    "screen_other_stories",
    "wire_copies",
]
