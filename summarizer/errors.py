"""Every exception the library raises on purpose, in one place."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base of the library's own exceptions."""


class BundleError(SummarizerError, ValueError):
    """A bundle cannot be read as given (an empty folder, a folder without articles)."""


class TooFewArticles(BundleError):
    """Fewer than two of the bundle's articles are in a language the brief reads; the message
    names each article left out and its language."""


class GenerationError(SummarizerError):
    """The generative model failed while writing; the brief is extractive where it did."""


class ModelSettingsError(GenerationError, ValueError):
    """The generation settings cannot work as given (a backend without its server or model). Its
    message names the settings, never a path, so a client may be told it."""


class BackendError(GenerationError):
    """A generation server failed (OpenAI-compatible backend)."""


class BackendUnavailable(BackendError):
    """The server could not be reached (connection refused, DNS, TLS, reset)."""


class BackendHTTPError(BackendError):
    """The server answered with an HTTP error status."""

    def __init__(self, message: str, status_code: int) -> None:
        super().__init__(message)
        self.status_code = status_code


class BackendMalformedAnswer(BackendError):
    """The server answered 2xx with something that is not a completion."""


class BriefRefused(SummarizerError):
    """The brief API answered with an error (`summarizer.client`): its status, what it said
    (the `detail` list of `{loc, msg, type}`), and the wait it asked for, if any."""

    def __init__(
        self, status_code: int, problems: list[dict[str, object]], retry_after_s: float | None
    ) -> None:
        said = "; ".join(str(p.get("msg", p)) for p in problems) or f"HTTP {status_code}"
        super().__init__(f"the brief service answered {status_code}: {said}")
        self.status_code = status_code
        self.problems = problems
        self.retry_after_s = retry_after_s
