"""The evaluation report: the paired comparison that "with rewriting is not below extractive" rests on."""

from __future__ import annotations

from evaluation.rouge import Row, paired_rouge2


def test_two_systems_are_compared_cluster_by_cluster() -> None:
    extractive = Row("project, extractive", [{"rouge2": 0.10}, {"rouge2": 0.20}, {"rouge2": 0.30}], 1.0)
    rewritten = Row("project, rewritten", [{"rouge2": 0.13}, {"rouge2": 0.20}, {"rouge2": 0.29}], 9.0)

    line = paired_rouge2(rewritten, extractive)

    # (+3 + 0 - 1) / 3 ROUGE points: a difference the two-decimal table could round away.
    assert "mean +0.667" in line
    assert "higher on 1 clusters, lower on 1, equal on 1" in line
