"""The brief as a person reads it in a terminal: cited sentences, numbered sources, what the
outlets differ on, and how the brief was made."""

from __future__ import annotations

import textwrap

from summarizer.schema import BriefOut


def as_text(brief: BriefOut) -> str:
    """Each sentence with its sources' numbers ("[1][3]"; "shortened" when condensing cut it), the
    numbered sources, the disagreements, and one line of facts about the brief."""
    number = {source.id: n for n, source in enumerate(brief.sources, start=1)}
    paragraphs = [
        textwrap.fill(
            sentence.text
            + " "
            + "".join(f"[{number[c.article_id]}]" for c in sentence.citations)
            + (" (shortened)" if sentence.method == "condensed" else "")
            + (" (rewritten)" if sentence.method == "fused" else "")
        )
        for sentence in brief.brief
    ] or ["(no sentence of these articles fits the brief's length)"]
    sources = [
        f"[{number[s.id]}] {s.id}: {s.title or '(no title)'}" + (f" ({s.source})" if s.source else "")
        for s in brief.sources
    ]
    parts = ["\n\n".join(paragraphs), "Sources\n" + "\n".join(sources)]
    if brief.disagreements:
        parts.append(
            "The sources differ on\n"
            + "\n".join(
                f"- {d.what}: "
                + "; ".join(
                    f"{v.text} [{', '.join(str(number[c.article_id]) for c in v.citations)}]"
                    for v in d.versions
                )
                for d in brief.disagreements
            )
        )
    generation = brief.generation
    parts.append(
        f"{brief.words} words · mode {brief.mode} · model {generation.model or 'none'} · "
        f"device {generation.device or 'none'} · embedder {brief.embedder}"
    )
    return "\n\n".join(parts)
