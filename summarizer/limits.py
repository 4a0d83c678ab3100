"""The contract's limits, one place for the API, the CLI, the settings and the Slack app."""

MIN_ARTICLES, MAX_ARTICLES = 2, 50
MAX_ARTICLE_CHARS = 100_000  # a very long feature is ~40,000 characters
MAX_BUNDLE_CHARS = 500_000
MIN_BRIEF_WORDS, MAX_BRIEF_WORDS = 20, 400  # the length a client may ask for
MAX_BUDGET_S = 120.0  # the generation time a client may ask for
# A brief sentence longer than this is a run the splitter could not break (a list, a table, a page
# without full stops), not a sentence a reader can check against its source.
MAX_SENTENCE_CHARS = 600
