"""The text layer every stage stands on: normalising, word lists, stemming, numbers, splitting.

Stages import from here, never from each other, for what they share about text. Word lists are
data (`words/*.txt`, read by `lexicon`), each written once.
"""
