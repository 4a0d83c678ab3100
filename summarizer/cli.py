"""The command line: `summarizer brief [FILE|DIR|-]` writes the same JSON brief as `POST /v1/briefs`.

Input forms:
- a folder of `.txt` files, one article each (id = file stem, text = the whole file);
- one bundle as a JSON object, validated exactly as the API validates it;
- JSON Lines, one bundle per line (batch work, e.g. the evaluation clusters): unknown
  top-level keys are dropped, a line's `id` comes back as `bundle_id`, and a bad line gets
  an error line instead of a brief while the rest of the batch goes on. Progress goes to
  stderr (a bar on a terminal, a line per bundle otherwise), then a summary line.

Generation uses the same settings and backends as the service (`SUMMARIZER_BACKEND=openai`
sends a batch's drafting to an OpenAI-compatible server).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, Literal, TextIO, get_args

from pydantic import ValidationError

from summarizer.errors import BundleError
from summarizer.folder import read_folder
from summarizer.generate import quiet_progress_bars
from summarizer.limits import MAX_BRIEF_WORDS, MAX_BUDGET_S, MIN_ARTICLES, MIN_BRIEF_WORDS
from summarizer.pipeline import Summarizer
from summarizer.render import as_text
from summarizer.schema import BriefOut, BundleIn
from summarizer.settings import Settings

EXIT_OK, EXIT_FAILED_LINES, EXIT_BAD_INPUT = 0, 1, 2


def _describe(error: ValidationError) -> list[str]:
    """One `field: rule` line per problem, as a reader of a terminal wants them."""
    return [
        f"{'.'.join(str(part) for part in e['loc']) or 'bundle'}: {e['msg'].removeprefix('Value error, ')}"
        for e in error.errors()
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    quiet_progress_bars()  # a bar per model load is noise around the JSON
    chosen = {"embedder": args.embedder, "model": args.model}
    settings = Settings(**{name: value for name, value in chosen.items() if value is not None})
    options = Options(args.max_words, args.budget_s, args.format)
    return _brief(args.source, options, settings)


@dataclass(frozen=True)
class Options:
    """What the command line asks of every brief it writes."""

    max_words: int | None
    budget_s: float | None
    format: Literal["json", "text"]

    def bundle(self, payload: dict[str, Any]) -> BundleIn:
        """The payload as a bundle, the command line's length and budget over its own."""
        asked = {"max_words": self.max_words, "budget_s": self.budget_s}
        return BundleIn.model_validate(payload | {k: v for k, v in asked.items() if v is not None})


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarizer",
        description="Cited briefs of news bundles.",
        epilog="Exit codes: 0 every brief written; 1 a line of a batch failed (the others were "
        "written); 2 the input could not be read or is not a bundle.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('newsroom-summarizer')}")
    commands = parser.add_subparsers(dest="command", required=True)
    brief = commands.add_parser(
        "brief",
        help="write a cited brief of a bundle of articles",
        description="Print the brief as JSON (one line per bundle), exactly what the HTTP API returns.",
    )
    brief.add_argument(
        "source",
        nargs="?",
        default="-",
        help="a folder of .txt articles, a bundle JSON file, a JSON Lines file of bundles, or - for stdin",
    )
    brief.add_argument(
        "--max-words",
        type=_word_count,
        metavar="N",
        help=f"length of the brief ({MIN_BRIEF_WORDS}-{MAX_BRIEF_WORDS}); overrides the bundle's max_words",
    )
    brief.add_argument(
        "--budget-s",
        type=_budget,
        metavar="S",
        help=f"seconds the model may spend (0-{MAX_BUDGET_S:g}; 0: an extractive brief); overrides the bundle's",
    )
    brief.add_argument(
        "--model",
        help="generative model: smollm2 (packaged), a local model directory, or none "
        "(default: SUMMARIZER_MODEL, else smollm2)",
    )
    brief.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="json: exactly what the API returns, one line per bundle (default); text: for a person to read",
    )
    brief.add_argument(
        "--embedder",
        choices=get_args(Settings.model_fields["embedder"].annotation),
        help="sentence vectors (default: SUMMARIZER_EMBEDDER, else minilm)",
    )
    return parser


def _word_count(value: str) -> int:
    number = int(value) if value.strip().isdigit() else -1
    if not MIN_BRIEF_WORDS <= number <= MAX_BRIEF_WORDS:
        raise argparse.ArgumentTypeError(f"must be between {MIN_BRIEF_WORDS} and {MAX_BRIEF_WORDS}")
    return number


def _budget(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= MAX_BUDGET_S:
        raise argparse.ArgumentTypeError(f"must be a number of seconds from 0 to {MAX_BUDGET_S:g}")
    return seconds


def _brief(source: str, options: Options, settings: Settings) -> int:
    name = "stdin" if source == "-" else source
    try:
        if source != "-" and Path(source).is_dir():
            folder = read_folder(Path(source))
            if len(folder["articles"]) < MIN_ARTICLES:
                found = len(folder["articles"])
                return _fail(
                    f"{source} holds {found} .txt article{'s' if found != 1 else ''}; a brief needs at "
                    f"least {MIN_ARTICLES} (one article per .txt file, UTF-8)"
                )
            return _brief_one(folder, options, settings, source)
        content = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return _fail(f"cannot read {name}: {error}")

    # Lines split on "\n" only: JSON may carry U+2028 and friends raw inside its strings.
    lines = content.split("\n")
    if source.endswith(".jsonl"):
        return _brief_lines(lines, options, settings)
    try:
        document = json.loads(content)
    except json.JSONDecodeError as error:
        if _first_line_is_json(lines):
            return _brief_lines(lines, options, settings)
        return _fail(f"{name} is neither a JSON bundle nor JSON Lines of bundles: {error}")
    if not isinstance(document, dict):
        return _fail(f"{name} must hold a JSON object (one bundle), not {type(document).__name__}")
    return _brief_one(document, options, settings, name)


def _brief_one(payload: dict[str, Any], options: Options, settings: Settings, name: str) -> int:
    try:
        bundle = options.bundle(payload)
    except ValidationError as error:
        return _fail(f"invalid bundle in {name}:\n  " + "\n  ".join(_describe(error)))
    summarizer = Summarizer(settings)
    try:
        brief = BriefOut.from_brief(summarizer.brief(bundle.to_request(settings)))
    except BundleError as error:  # too few articles in English: what the API answers with a 422
        return _fail(f"{name} cannot be briefed: {error}")
    print(as_text(brief) if options.format == "text" else brief.model_dump_json())
    return EXIT_OK


def _brief_lines(lines: Iterable[str], options: Options, settings: Settings) -> int:
    work = [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    summarizer = Summarizer(settings)  # once for the whole batch
    progress = Progress(len(work), sys.stderr)
    outcome = EXIT_OK
    for number, line in work:
        started = time.perf_counter()
        result = _brief_line(line, number, summarizer, options)
        outcome = EXIT_FAILED_LINES if "error" in result else outcome
        # flush: a long batch writes its briefs line by line
        print(_line_out(result, options), flush=True)
        progress.update(result, number, time.perf_counter() - started)
    progress.close()
    return outcome


class Progress:
    """A batch's progress on stderr: a tqdm bar on a terminal (where tqdm is installed), else one
    plain line per bundle.

    Ends with one summary line either way: `summarizer: 10 bundles, 9 ok, 1 failed, ...`.
    """

    _MAX_ERROR_CHARS = 160

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream = total, stream
        self.done = self.ok = self.failed = self.fused = self.generation_errors = 0
        self.started = time.perf_counter()
        self._bar: Any = None
        if _is_terminal(stream):
            try:
                from tqdm import tqdm
            except ImportError:  # the library does not require it; plain lines say the same
                return
            self._bar = tqdm(total=total, file=stream, unit="brief", dynamic_ncols=True, leave=True)

    def update(self, result: dict[str, Any], line: int, seconds: float) -> None:
        self.done += 1
        error = result.get("error")
        generation = result.get("generation") or {}
        if error is None:
            self.ok += 1
            self.fused += int(generation.get("fused") or 0)
            self.generation_errors += generation.get("error") is not None
        else:
            self.failed += 1
        if self._bar is not None:
            self._bar.set_postfix(ok=self.ok, failed=self.failed, fused=self.fused, refresh=False)
            self._bar.update(1)
            return
        name = result.get("bundle_id")
        label = f"{name} (line {line})" if name is not None else f"line {line}"
        if error is not None:
            status = f"failed: {_shorten(str(error), self._MAX_ERROR_CHARS)}"
        else:
            notes = [f"{result.get('words', 0)} words", f"{generation.get('fused', 0)} fused"]
            if generation.get("budget_exhausted"):
                notes.append("budget exhausted")
            if generation.get("error"):
                notes.append(str(generation["error"]))
            status = "ok, " + ", ".join(notes)
        print(
            f"brief {self.done}/{self.total} {label}: {status}, {seconds:.1f} s", file=self.stream, flush=True
        )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        summary = (
            f"summarizer: {self.done} bundles, {self.ok} ok, {self.failed} failed, "
            f"{self.fused} fused sentences, {time.perf_counter() - self.started:.1f} s"
        )
        if self.generation_errors:
            summary += f" ({self.generation_errors} briefs extractive after a generation error)"
        print(summary, file=self.stream, flush=True)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line_out(result: dict[str, Any], options: Options) -> str:
    """One bundle's output line (JSON), or its text for a person, headed by its id, blank-line separated."""
    if options.format == "json":
        return json.dumps(result, ensure_ascii=False, separators=(",", ":"))
    head = f"== {result.get('bundle_id') or 'line ' + str(result.get('line', '?'))}"
    if "error" in result:
        return f"{head}\nerror: {result['error']}\n"
    return (
        f"{head}\n{as_text(BriefOut.model_validate({k: v for k, v in result.items() if k != 'bundle_id'}))}\n"
    )


def _brief_line(line: str, number: int, summarizer: Summarizer, options: Options) -> dict[str, Any]:
    """The output for one line of a batch: its brief, or an error saying what was wrong with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return {"bundle_id": None, "line": number, "error": f"not valid JSON: {error}"}
    if not isinstance(record, dict):
        return {"bundle_id": None, "line": number, "error": "a line must be a JSON object (one bundle)"}
    bundle_id = record.get("id")
    try:
        # Evaluation clusters carry references and highlights alongside; only the bundle is checked.
        bundle = options.bundle({k: v for k, v in record.items() if k in BundleIn.model_fields})
        brief = BriefOut.from_brief(summarizer.brief(bundle.to_request(summarizer.settings)))
    except ValidationError as error:
        return {"bundle_id": bundle_id, "line": number, "error": "; ".join(_describe(error))}
    except BundleError as error:
        return {"bundle_id": bundle_id, "line": number, "error": str(error)}
    except Exception as error:  # one broken cluster must not end a long batch
        return {"bundle_id": bundle_id, "line": number, "error": f"{type(error).__name__}: {error}"}
    out = brief.model_dump(mode="json")
    return out if bundle_id is None else {"bundle_id": bundle_id, **out}


def _first_line_is_json(lines: list[str]) -> bool:
    first = next((line for line in lines if line.strip()), "")
    try:
        json.loads(first)
    except json.JSONDecodeError:
        return False
    return True


def _fail(message: str) -> int:
    print(f"summarizer: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
