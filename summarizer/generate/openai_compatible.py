"""Generation on an OpenAI-compatible server (vLLM, llama.cpp's llama-server, ...), over HTTP.

A newsroom that outgrows one machine runs the model on GPU nodes behind a serving engine and
points any number of stateless replicas of this service at it (`SUMMARIZER_BACKEND=openai`).
Only drafting moves: cleaning, ranking, verification and citation stay in this process, so a
draft from a remote model is checked against its sources exactly like one written here.

One request per prompt (the engine batches concurrent requests itself), at most
`concurrency` in flight per process. The deadline is the caller's, and it bounds the whole
request, not each read: the answer is read as it streams in, and a server that trickles it
(a byte a second) is dropped, connection closed, when the deadline passes; its completion
counts as unfinished (an empty draft, so its fact stays extractive), as the `TextGenerator`
protocol asks. An answer over 256 kB is no completion. A server that cannot be reached,
answers with an HTTP error, or answers something that is not a completion raises a
`BackendError`; the pipeline turns that into an extractive brief that says generation failed.
After 5 such failures in a row the server is not asked for 30 s (a circuit breaker), then one
request probes it: a failing server costs each brief nothing while it is down.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import Any, Literal

import httpx
from pydantic import SecretStr

from summarizer.errors import BackendHTTPError, BackendMalformedAnswer, BackendUnavailable
from summarizer.generate.base import Message
from summarizer.request import Deadline

log = logging.getLogger(__name__)

_ERROR_BODY_CHARS = 200  # of a server's error answer, quoted in the exception
MAX_ANSWER_BYTES = 256 * 1024  # a completion of a few dozen tokens is a few kB


class CircuitBreaker:
    """Stops asking a server that keeps failing: open after `failures` in a row, for `cooldown_s`;
    then one request probes it, and its outcome closes or reopens the circuit. Thread-safe."""

    def __init__(self, failures: int = 5, cooldown_s: float = 30.0) -> None:
        self.failures, self.cooldown_s = failures, cooldown_s
        self._lock = threading.Lock()
        self._in_a_row = 0
        self._open_until = 0.0
        self._probing = False

    def allows(self) -> bool:
        """Whether a request may go out now (the one probe, once the cooldown is over)."""
        with self._lock:
            if self._in_a_row < self.failures:
                return True
            if self._probing or time.monotonic() < self._open_until:
                return False
            self._probing = True
            return True

    def succeeded(self) -> None:
        with self._lock:
            self._in_a_row, self._probing = 0, False

    def failed(self) -> None:
        with self._lock:
            self._in_a_row += 1
            self._probing = False
            if self._in_a_row >= self.failures:
                self._open_until = time.monotonic() + self.cooldown_s


def api_root(base_url: str) -> str:
    """`http://host:8000` and `http://host:8000/v1/` both mean `http://host:8000/v1`."""
    root = base_url.strip().rstrip("/")
    if not root.startswith(("http://", "https://")):
        raise ValueError(f"the OpenAI-compatible base URL must start with http:// or https://: {base_url!r}")
    return root if root.endswith("/v1") else f"{root}/v1"


def render_plain(prompt: Sequence[Message]) -> str:
    """A chat as one plain-text prompt for `/v1/completions`: each turn a paragraph, ending open."""
    return "\n\n".join(m["content"] for m in prompt) + "\n"


class OpenAICompatibleGenerator:
    """`TextGenerator` over `/v1/chat/completions` (default) or `/v1/completions`; thread-safe."""

    device = "remote"
    load_seconds = 0.0  # nothing is loaded here

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: SecretStr | None = None,
        endpoint: Literal["chat", "completions"] = "chat",
        concurrency: int = 8,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.name = model
        self.endpoint = endpoint
        self.url = api_root(base_url) + ("/chat/completions" if endpoint == "chat" else "/completions")
        headers = {"Authorization": f"Bearer {api_key.get_secret_value()}"} if api_key is not None else {}
        self._client = httpx.Client(
            headers=headers,
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            follow_redirects=False,
            transport=transport,
        )
        # Shared by every brief of the process: it bounds what one replica asks of the engine.
        self._pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="openai-generate")
        self.breaker = CircuitBreaker()
        log.info("generation on %s (%s, model %s, %d in flight)", self.url, endpoint, model, concurrency)

    def __repr__(self) -> str:  # no headers: they hold the API key
        return f"OpenAICompatibleGenerator(url={self.url!r}, model={self.name!r})"

    def complete(
        self,
        prompts: Sequence[list[Message]],
        max_new_tokens: int,
        deadline: Deadline,
        done: Sequence[Callable[[str], bool]] | None = None,
    ) -> list[str]:
        """One completion per prompt; "" for any not back by `deadline`.

        `done` is not sent (a server cannot run it); rewriting keeps only a draft's first sentence,
        verification rejects one that runs too long, and `max_new_tokens` bounds the rest.
        """
        if not prompts:
            return []
        futures = [self._pool.submit(self._one, p, max_new_tokens, deadline) for p in prompts]
        finished, pending = wait(futures, timeout=deadline.remaining(), return_when=FIRST_EXCEPTION)
        for future in pending:
            future.cancel()  # still queued: never sent; running: its own timeout ends it
        error = next((e for f in finished if (e := f.exception()) is not None), None)
        if error is not None:
            raise error
        texts = [_result(f) for f in futures]
        late = sum(t is None for t in texts)
        if late:
            log.warning(
                "%d of %d completions not back from %s by the brief's deadline", late, len(texts), self.url
            )
        return [t or "" for t in texts]

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._client.close()

    def _one(self, prompt: list[Message], max_new_tokens: int, deadline: Deadline) -> str | None:
        left = deadline.remaining()
        if left <= 0:
            return None
        if not self.breaker.allows():
            raise BackendUnavailable(
                f"the generation server at {self.url} failed {self.breaker.failures} times in a row; "
                f"it is asked again after {self.breaker.cooldown_s:g} s"
            )
        body: dict[str, Any] = {"model": self.name, "max_tokens": max_new_tokens, "temperature": 0, "n": 1}
        if self.endpoint == "chat":
            body["messages"] = [{"role": m["role"], "content": m["content"]} for m in prompt]
        else:
            body["prompt"] = render_plain(prompt)
        try:
            answer = self._answer(body, deadline)
            text = None if answer is None else self._text(*answer)
        except httpx.TimeoutException:
            return None  # the budget ran out before the server answered: unfinished
        except httpx.TransportError as error:
            self.breaker.failed()
            raise BackendUnavailable(
                f"cannot reach the generation server at {self.url}: {type(error).__name__}: {error}"
            ) from error
        except (BackendHTTPError, BackendMalformedAnswer) as error:
            if not (isinstance(error, BackendHTTPError) and error.status_code < 500):  # ours, not its
                self.breaker.failed()
            raise
        self.breaker.succeeded()
        return text

    def _answer(self, body: dict[str, Any], deadline: Deadline) -> tuple[int, bytes] | None:
        """The status and body of the server's answer, read as it streams in; None when the
        deadline passes first (the connection is closed)."""
        with self._client.stream(
            "POST", self.url, json=body, timeout=httpx.Timeout(deadline.remaining())
        ) as response:
            raw = bytearray()
            for chunk in response.iter_bytes():
                raw += chunk
                if len(raw) > MAX_ANSWER_BYTES:
                    raise BackendMalformedAnswer(
                        f"the generation server at {self.url} answered more than {MAX_ANSWER_BYTES} bytes"
                    )
                if deadline.passed:
                    return None
            return response.status_code, bytes(raw)

    def _text(self, status_code: int, raw: bytes) -> str:
        if status_code >= 400:
            snippet = " ".join(raw.decode("utf-8", "replace").split())[:_ERROR_BODY_CHARS]
            raise BackendHTTPError(
                f"the generation server at {self.url} answered HTTP {status_code}: {snippet}", status_code
            )
        try:
            answer = json.loads(raw)
            choice = answer["choices"][0]
            text = choice["message"]["content"] if self.endpoint == "chat" else choice["text"]
        except (ValueError, KeyError, IndexError, TypeError) as error:
            raise BackendMalformedAnswer(
                f"the generation server at {self.url} did not answer with a completion "
                f"({type(error).__name__}: {str(error)[:_ERROR_BODY_CHARS]})"
            ) from error
        if text is None:  # e.g. a reasoning model that spent max_tokens thinking
            return ""
        if not isinstance(text, str):
            raise BackendMalformedAnswer(
                f"the generation server at {self.url} answered a {type(text).__name__} where text belongs"
            )
        return text.strip()


def _result(future: Future[str | None]) -> str | None:
    return None if future.cancelled() or not future.done() else future.result()
