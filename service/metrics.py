"""Prometheus metrics, served at `GET /metrics` from the process's default registry.

Requests by route and status and their latency; the brief queue (waiting, in progress, time
waited, refusals); briefs by mode and the faults they were written around; how long the
summariser took to load and whether it serves degraded; the brief cache's hits and misses.
Every name starts `summarizer_`.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

from summarizer.types import Fault, Generation

_SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0)

HTTP_REQUESTS = Counter(
    "summarizer_http_requests",
    "HTTP requests answered, by route template (`unmatched` for none), method and status.",
    ["route", "method", "status"],
)
HTTP_LATENCY = Histogram(
    "summarizer_http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by route template and method.",
    ["route", "method"],
    buckets=_SECONDS,
)
QUEUE_DEPTH = Gauge("summarizer_queue_depth", "Briefs waiting for a worker now.")
IN_PROGRESS = Gauge("summarizer_briefs_in_progress", "Briefs being written by a worker now.")
QUEUE_WAIT = Histogram(
    "summarizer_queue_wait_seconds", "Time a brief waited for a worker before it started.", buckets=_SECONDS
)
REJECTED = Counter(
    "summarizer_admission_rejected",
    "Briefs refused before they started, by reason: queue_full (429), queue_timeout (503), "
    "draining (503, shutting down), client_gone (the client left while it waited).",
    ["reason"],
)
BRIEF_SECONDS = Histogram(
    "summarizer_brief_duration_seconds", "Time a worker spent writing a brief.", buckets=_SECONDS
)
BRIEFS = Counter(
    "summarizer_briefs",
    "Briefs written, by mode: fused (some sentence rewritten by the model), condensed (some sentence "
    "shortened by deletion), extractive (no model "
    "configured), fallback (a model was configured but every sentence is extracted: it failed, "
    "ran out of time, or its drafts were rejected).",
    ["mode"],
)
FAULTS = Counter(
    "summarizer_brief_faults",
    "Briefs written around a fault, by fault: model_unavailable (failed to load), model_error "
    "(raised), budget_exhausted (slow), deadline (budget cut by the request deadline and used up), "
    "embedder_fallback (MiniLM missing, TF-IDF used).",
    ["fault"],
)
LOAD_SECONDS = Gauge("summarizer_load_seconds", "Time the summariser took to load (embedder and model).")
MODEL_LOAD_SECONDS = Gauge(
    "summarizer_model_load_seconds", "Time the generative model took to load, warm-up included."
)
LOADED = Gauge(
    "summarizer_loaded_info", "1 for the embedder and model the summariser loaded.", ["embedder", "model"]
)

DEGRADED = Gauge(
    "summarizer_degraded",
    "1 while the service briefs with less than it was configured for: the generation model failed "
    "to load (briefs are extractive) or MiniLM did (briefs use the TF-IDF embedder).",
)
BRIEF_CACHE_HITS = Counter(
    "summarizer_brief_cache_hits",
    "Briefs answered from the brief cache, or from an identical request being written at the time.",
)
BRIEF_CACHE_MISSES = Counter(
    "summarizer_brief_cache_misses", "Briefs written because the brief cache did not hold them."
)


def brief_mode(generation: Generation) -> str:
    """fused, condensed, extractive (no model configured) or fallback (a model was wanted but
    shortened nothing)."""
    if generation.rewritten:
        return "fused"
    if generation.condensed:
        return "condensed"
    if generation.fault is not None or generation.rejected:
        return "fallback"
    return "extractive"


def brief_faults(generation: Generation, *, deadline_cut: bool, embedder_fallback: bool) -> list[str]:
    """The faults a brief was written around (empty for a healthy one)."""
    faults = []
    if generation.fault is Fault.BUDGET_EXHAUSTED:
        faults.append("deadline" if deadline_cut else "budget_exhausted")
    elif generation.fault is not None:
        faults.append(generation.fault.value)
    if embedder_fallback:
        faults.append("embedder_fallback")
    return faults


def count_brief(generation: Generation, *, deadline_cut: bool, embedder_fallback: bool) -> None:
    BRIEFS.labels(brief_mode(generation)).inc()
    for fault in brief_faults(generation, deadline_cut=deadline_cut, embedder_fallback=embedder_fallback):
        FAULTS.labels(fault).inc()
