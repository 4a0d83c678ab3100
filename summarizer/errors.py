"""Every exception the library raises on purpose, in one place."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base of the library's own exceptions."""


class BundleError(SummarizerError, ValueError):
    """A bundle cannot be read as given (an empty folder, a folder without articles)."""


class GenerationError(SummarizerError):
    """The generative model failed while writing; the brief is extractive where it did."""


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
