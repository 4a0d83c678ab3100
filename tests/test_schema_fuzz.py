"""Schemathesis against the service's own OpenAPI schema: generated requests, never a server error.

Every operation is fuzzed; the brief endpoint with schema-valid bodies (positive) and with
bodies that break the schema (negative), `FUZZ_EXAMPLES` cases each: 75 in the test suite
(150 briefs), 1,000 in `make fuzz` (2,000), which also writes the case and status counts to
`FUZZ_REPORT`. The service is the real app (body cap, API keys, admission) over the extractive
summariser. Checks: no 5xx, and every response conforms to the schema (status code, content type,
headers, body) and rejects what the schema forbids (413, from the body cap, counts as a rejection).
Not checked: `positive_data_acceptance`, because the contract has rules a JSON schema cannot state
(exactly one of text or html, unique ids, the bundle's total size): schema-valid bodies that break
them are rightly 422.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from service.app import create_app
from service.settings import ServiceSettings
from summarizer.pipeline import Summarizer

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "75"))
KEY = "fuzz-key"
CASES: Counter[str] = Counter()
STATUSES: Counter[str] = Counter()


@pytest.fixture(scope="module")
def api_schema(summarizer: Summarizer) -> Iterator[Any]:
    app = create_app(summarizer, ServiceSettings(api_keys=KEY, brief_cache_entries=0))
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    report = os.environ.get("FUZZ_REPORT")
    if report:
        Path(report).write_text(
            json.dumps(
                {"cases": dict(CASES), "total": sum(CASES.values()), "statuses": dict(STATUSES)}, indent=2
            )
        )


# schemathesis's own pytest plugin does not run under pytest 9, so its strategies drive Hypothesis here.
OPERATIONS = [
    ("POST", "/v1/briefs", GenerationMode.POSITIVE),
    ("POST", "/v1/briefs", GenerationMode.NEGATIVE),
    ("GET", "/healthz", GenerationMode.POSITIVE),
    ("GET", "/readyz", GenerationMode.POSITIVE),
    ("GET", "/metrics", GenerationMode.POSITIVE),
]


@pytest.mark.parametrize(
    ("method", "path", "mode"), OPERATIONS, ids=[f"{m} {p} {g.value}" for m, p, g in OPERATIONS]
)
def test_generated_requests_never_get_a_server_error(
    api_schema: Any, method: str, path: str, mode: GenerationMode
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: Any) -> None:
        # Positive cases carry the key, so they reach the pipeline; negative ones may send their own
        # (a 401 or 403 is then the expected answer).
        own = mode is GenerationMode.NEGATIVE and "X-API-Key" in (case.headers or {})
        response = case.call(headers=None if own else {"X-API-Key": KEY})
        CASES[f"{method} {path} {mode.value}"] += 1
        STATUSES[str(response.status_code)] += 1
        assert response.status_code < 500, response.text
        excluded = [positive_data_acceptance]
        if response.status_code == 413:  # refused by the body cap: a rejection the check does not list
            excluded.append(negative_data_rejection)
        case.validate_response(response, excluded_checks=excluded)

    run()
