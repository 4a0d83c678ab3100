"""`make eval`: the brief's quality on Multi-News dev clusters, next to the anchors, in one run.

Rebuilt from `../shared/eval` at every run (the data's licence keeps it out of this repository).
Needs the `eval` extra (rouge-score, sumy). Run as `python -m evaluation`.
"""
