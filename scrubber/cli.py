"""The ``scrubber`` command: clean files, explain decisions, list cleaners."""

from __future__ import annotations

import itertools
import json
import logging
import math
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO, TypeVar, get_args

import click
from tqdm import tqdm

from scrubber.article import Article
from scrubber.batch import Job, Result, Worker, count_inputs, scrub_many, unique_ids
from scrubber.config import Config, load_config
from scrubber.errors import InputError, ScrubberError
from scrubber.extract.strategy import Favor
from scrubber.fetch import FetchOptions
from scrubber.output import safe_name, write_atomic
from scrubber.pipeline import Judged, Scrubber
from scrubber.plugins import describe
from scrubber.render import json_text
from scrubber.report import Explanation, html_report
from scrubber.sources import Format, load_bytes, utf8_safe
from scrubber.version import DISTRIBUTION

F = TypeVar("F", bound=Callable[..., Any])
OUTPUT_FORMATS = ("json", "jsonl", "text", "markdown", "html")


def _names(value: str | None) -> list[str] | None:
    return [name.strip() for name in value.split(",") if name.strip()] if value else None


def _set_logging(context: click.Context, parameter: click.Parameter, verbose: int) -> None:
    if verbose:
        logging.basicConfig(level=logging.INFO if verbose == 1 else logging.DEBUG, stream=sys.stderr,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def cleaner_options(command: F) -> F:
    """The options every command that scrubs shares; all but --input-format and --url reach the command
    as ``**settings`` for `_config`."""
    decorators = [
        click.option("--cleaners", help="Comma-separated cleaners to run, in this order (default: built-in ones)."),
        click.option("--exclude", help="Comma-separated cleaners not to run."),
        click.option("--enable", help="Comma-separated third-party cleaners to run beside the built-in ones."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), help="TOML configuration file."),
        click.option("--captions/--no-captions", "include_captions", default=None,
                     help="Keep image captions in the body."),
        click.option("--comments/--no-comments", "include_comments", default=None,
                     help="Keep the readers' comments (HTML)."),
        click.option("--tables/--no-tables", "include_tables", default=None, help="Keep tables (default: on)."),
        click.option("--links/--no-links", "include_links", default=None,
                     help="Keep links in Markdown, HTML and JSON marks (default: on)."),
        click.option("--images/--no-images", "include_images", default=None,
                     help="Keep the content's images as image blocks (HTML; not in --format text)."),
        click.option("--favor", type=click.Choice(get_args(Favor)), default=None,
                     help="Extraction: leave doubtful blocks out (precision) or keep them (recall); default balanced."),
        click.option("--target-language", metavar="LANG",
                     help="Keep only pages in this language (ISO 639-1); others come back empty."),
        click.option("--input-format", type=click.Choice(["html", "text"]), help="Do not guess: read as this."),
        click.option("--url", help="The page's URL (for per-site rules and the article's url)."),
        click.option("-v", "--verbose", count=True, expose_value=False, callback=_set_logging,
                     help="Log to stderr: -v each failed input and the run's settings, -vv every input."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def _config(cleaners: str | None, exclude: str | None, enable: str | None, config_path: str | None,
            **switches: Any) -> Config:
    """The configuration file with the command line's settings on top (a switch not given keeps the
    file's value)."""
    try:
        config = load_config(config_path)
        changes: dict[str, Any] = {}
        if cleaners:
            changes["cleaners"] = tuple(_names(cleaners) or ())
        if exclude:
            changes["exclude"] = tuple(dict.fromkeys([*config.exclude, *(_names(exclude) or ())]))
        if enable:
            changes["enable"] = tuple(dict.fromkeys([*config.enable, *(_names(enable) or ())]))
        changes.update((name, value) for name, value in switches.items() if value is not None)
        config = replace(config, **changes)
        Scrubber(config=config)  # fail here, once, on unknown cleaner names or bad options
        return config
    except ScrubberError as error:
        raise click.ClickException(str(error)) from error


def _stdin(max_bytes: int) -> bytes:
    """Standard input, at most ``max_bytes + 1`` bytes (the rest is refused by the size check, not held)."""
    try:
        return sys.stdin.buffer.read(max_bytes + 1)
    except (OSError, ValueError) as error:  # ValueError: stdin is closed
        raise InputError(f"<stdin>: cannot read: {error}") from error


def _read(scrubber: Scrubber, path: str, url: str | None, input_format: Format | None) -> tuple[Article, list[Judged]]:
    if path == "-":
        loaded = load_bytes(_stdin(scrubber.config.max_bytes), name="<stdin>", format=input_format,
                            max_bytes=scrubber.config.max_bytes)
        return scrubber.explain_loaded(loaded, url)
    return scrubber.explain(Path(path), url=url, format=input_format)


def render(article: Article, output_format: str, front_matter: bool = False) -> str:
    if output_format == "json":
        return article.to_json(indent=2)
    if output_format == "markdown":
        return article.to_markdown(front_matter=front_matter)
    if output_format == "html":
        return article.to_html()
    return "\n\n".join(part for part in (article.title, article.text) if part)


def _resume_from(path: str) -> set[str]:
    """Inputs already written to a JSON Lines output, for --resume. A torn last line (the run was
    killed mid-write) is cut off first, so that input is done again and appended whole."""
    try:
        with open(path, "rb+") as stream:
            data = stream.read()
            keep = data.rfind(b"\n") + 1
            if keep < len(data):
                stream.truncate(keep)
    except FileNotFoundError:
        return set()
    done: set[str] = set()
    for line in data[:keep].decode("utf-8", "replace").splitlines():
        try:
            done.add(str(json.loads(line)["input"]))
        except (ValueError, KeyError, TypeError):
            continue
    return done


class _Progress:
    """Progress on stderr: a bar with total and ETA (tqdm) on a terminal; elsewhere (a log file, a
    batch system) a line every ``every`` seconds, and one at the end of a run that printed any (a short
    run stays quiet); nothing with --quiet."""

    def __init__(self, quiet: bool, total: int | None, every: float) -> None:
        terminal = not quiet and sys.stderr.isatty()
        self.bar = _bar(total) if terminal else None
        self.every = None if quiet or terminal else every
        self.total = total
        self.start = self.last = time.monotonic()
        self.count = self.errors = self.reported = 0

    def tick(self, failed: bool) -> None:
        self.count += 1
        self.errors += failed
        if self.bar is not None:
            self.bar.set_postfix(errors=self.errors, refresh=False)
            self.bar.update()
        elif self.every is not None and time.monotonic() - self.last >= self.every:
            self.last = time.monotonic()
            self._line()

    def _line(self) -> None:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.count / elapsed
        done = f"{self.count}/{self.total}" if self.total else str(self.count)
        left = f", about {(self.total - self.count) / rate:.0f} s left" if self.total and rate else ""
        click.echo(f"scrubber: {done} done, {self.errors} errors, {rate:.1f}/s{left}", err=True)
        self.reported = self.count

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.reported not in (0, self.count):
            self._line()


def _bar(total: int | None) -> tqdm[Any]:
    """A tqdm bar on stderr that follows the terminal's width. Some terminals (containers, ``script``)
    report a size of 0 x 0, in which tqdm hides its bar: they get a fixed 80 x 24."""
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError):
        size = os.terminal_size((0, 0))
    if size.columns and size.lines:
        return tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True)
    return tqdm(total=total, unit="doc", file=sys.stderr, ncols=80, nrows=24)


SUFFIXES = {"json": ".json", "jsonl": ".json", "text": ".txt", "markdown": ".md", "html": ".html"}


def _drain(results: Iterator[Result], progress: _Progress, write: Callable[[Result], None]) -> None:
    """Hand every result to ``write``, with progress; errors also go to stderr; exit 1 if any failed."""
    try:
        for result in results:
            progress.tick(result.article is None)
            if result.article is None:
                click.echo(f"scrubber: {result.message}", err=True)
            write(result)
    finally:
        progress.close()
    if progress.errors:
        sys.exit(1)


def _write_files(results: Iterator[Result], output_format: str, folder: Path, progress: _Progress,
                 front_matter: bool) -> None:
    """One file per input in ``folder``: the article, or ``<name>.error.json`` with the error row."""
    with _output_errors(folder):
        folder.mkdir(parents=True, exist_ok=True)

    def write(result: Result) -> None:
        label = result.source.get("target_uri") if result.source else None  # a WARC record: named by URL
        if result.article is None:
            text = json_text(result.to_dict(), 2)
            target = folder / safe_name(result.id, ".error.json", label)
        else:
            text = render(result.article, "json" if output_format == "jsonl" else output_format, front_matter)
            target = folder / safe_name(result.id, SUFFIXES[output_format], label)
        with _output_errors(target):
            write_atomic(target, utf8_safe(text) + "\n")

    _drain(results, progress, write)


class _output_errors:
    """An output that cannot be written (disk full, read-only, a folder in the way) stops the run with one
    line on stderr and exit status 1; what was written before stays whole (and, for -o, resumable)."""

    def __init__(self, target: object) -> None:
        self.target = target

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> None:
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
            raise click.ClickException(f"cannot write {self.target}: {reason}") from error


def _emit_all(results: Iterator[Result], output_format: str, output_path: str | None, resume: bool,
              progress: _Progress, front_matter: bool) -> None:
    """One JSON Lines row per result, or each article rendered, to a file or stdout. Several articles as
    text or Markdown are told apart by a header line naming the input (as ``head`` does for files)."""
    target = output_path if output_path and output_path != "-" else "<stdout>"
    if target != "<stdout>":
        with _output_errors(target):
            stream: TextIO = open(target, "a" if resume else "w", encoding="utf-8")  # noqa: SIM115
    else:
        stream = sys.stdout
    results = iter(results)
    first = list(itertools.islice(results, 2))
    headed = len(first) > 1 and output_format in ("text", "markdown", "html")
    written = 0

    def write(result: Result) -> None:
        nonlocal written
        if output_format == "jsonl":
            text = json_text(result.to_dict())
        elif result.article is not None:
            text = render(result.article, output_format, front_matter)
            if headed:
                text = ("\n" if written else "") + f"==> {result.id} <==\n\n" + text
            written += 1
        else:
            return
        with _output_errors(target):
            stream.write(utf8_safe(text) + "\n")
            stream.flush()

    try:
        _drain(itertools.chain(first, results), progress, write)
    finally:
        if stream is not sys.stdout:
            with suppress(OSError):  # the error that stopped the run has been reported
                stream.close()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name=DISTRIBUTION, message="%(prog)s (%(package)s) %(version)s")
def main() -> None:
    """Turn news pages and text dumps into clean articles."""


def _positive_seconds(context: click.Context, parameter: click.Parameter, value: float) -> float:
    if not 0 < value < math.inf:
        raise click.BadParameter(f"must be a positive number of seconds, not {value}")
    return value


def batch_options(command: F) -> F:
    decorators = [
        click.option("--format", "output_format", type=click.Choice(OUTPUT_FORMATS), default="text",
                     show_default=True),
        click.option("-o", "--output", "output_path", help="Write here instead of stdout."),
        click.option("--output-dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Write one file per input into this folder instead."),
        click.option("--workers", type=click.IntRange(1), default=1, show_default=True, help="Processes to use."),
        click.option("--resume", is_flag=True, help="Skip inputs already in the --output JSON Lines file."),
        click.option("--timeout", type=float, default=60.0, show_default=True, callback=_positive_seconds,
                     help="Seconds per document."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar or progress lines."),
        click.option("--log-every", type=click.FloatRange(0), default=30.0, show_default=True,
                     help="When stderr is not a terminal: seconds between progress lines."),
        click.option("--front-matter", is_flag=True, help="Markdown: start with the metadata as YAML front matter."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


@main.command()
@click.argument("paths", nargs=-1, required=True)
@batch_options
@cleaner_options
def clean(paths: tuple[str, ...], output_format: str, output_path: str | None, output_dir: Path | None,
          workers: int, resume: bool, timeout: float, quiet: bool, log_every: float, front_matter: bool,
          input_format: Format | None, url: str | None, **settings: Any) -> None:
    """Clean PATHS: files, folders, globs, WARC files, or - for stdin."""
    config = _config(**settings)
    if resume and (output_format != "jsonl" or not output_path):
        raise click.UsageError("--resume needs --format jsonl and --output FILE")
    if paths == ("-",) or input_format or url:
        results: Iterator[Result] = _direct(config, paths, url, input_format, timeout)
        total: int | None = len(paths)
    else:
        skip = _resume_from(output_path) if resume and output_path else set()
        results = scrub_many(paths, workers=workers, config=config, timeout=timeout, skip=skip)
        total = count_inputs(paths)
        total = None if total is None else max(total - len(skip), 0)
    _emit(results, output_format, output_path, output_dir, resume, _Progress(quiet, total, log_every), front_matter)


def _emit(results: Iterator[Result], output_format: str, output_path: str | None, output_dir: Path | None,
          resume: bool, progress: _Progress, front_matter: bool) -> None:
    if output_dir is not None:
        if output_path or resume:
            raise click.UsageError("--output-dir cannot be combined with --output or --resume")
        _write_files(results, output_format, output_dir, progress, front_matter)
    else:
        _emit_all(results, output_format, output_path, resume, progress, front_matter)


@main.command()
@click.argument("urls", nargs=-1, required=True)
@click.option("--allow-private", is_flag=True, help="Allow hosts on loopback and private networks.")
@click.option("--user-agent", help="User-Agent header to send.")
@click.option("--robots", is_flag=True, help="Respect robots.txt.")
@click.option("--delay", type=float, default=0.0, help="Seconds between requests to one host.")
@batch_options
@cleaner_options
def fetch(urls: tuple[str, ...], allow_private: bool, user_agent: str | None, robots: bool, delay: float,
          output_format: str, output_path: str | None, output_dir: Path | None, workers: int, resume: bool,
          timeout: float, quiet: bool, log_every: float, front_matter: bool, input_format: Format | None,
          url: str | None, **settings: Any) -> None:
    """Fetch URLS (or @FILE: one URL a line) and print the articles."""
    config = _config(**settings)
    try:
        options = FetchOptions(allow_private=allow_private, respect_robots=robots, per_host_delay=delay,
                               user_agent=user_agent or FetchOptions.user_agent, total_timeout=timeout)
    except ScrubberError as error:
        raise click.UsageError(str(error)) from error
    targets: list[str] = []
    for item in urls:
        if item.startswith("@"):
            try:
                lines = Path(item[1:]).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as error:
                raise click.UsageError(f"cannot read the URL list {item[1:]}: {error}") from error
            targets += [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        else:
            targets.append(item)
    skip = _resume_from(output_path) if resume and output_path else set()
    todo = [target for target in targets if target not in skip]
    fetched = scrub_many([target for target in todo if _is_url(target)], workers=workers, config=config,
                         fetch_options=options, timeout=timeout)
    # a line that is no URL is one error row in its place; every URL gives exactly one row of `fetched`
    results = (next(fetched) if _is_url(target) else
               Result(target, error_type="InputError", message=f"{target}: not an http(s) URL") for target in todo)
    _emit(results, output_format, output_path, output_dir, resume, _Progress(quiet, len(todo), log_every),
          front_matter)


def _is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def _direct(config: Config, paths: tuple[str, ...], url: str | None, input_format: Format | None,
            timeout: float) -> Iterator[Result]:
    """Rows for paths (or - for stdin) read as one format and/or for one URL: the same worker as a batch,
    so a failure is an error row, never a traceback."""
    worker = Worker(config, None, timeout)

    def jobs() -> Iterator[Job | Result]:
        for path in paths:
            if path != "-":
                yield Job(path, path=path, url=url, format=input_format)
                continue
            try:
                yield Job(path, data=_stdin(config.max_bytes), url=url, format=input_format)
            except ScrubberError as error:
                yield Result(path, error_type=type(error).__name__, message=str(error))

    for job in unique_ids(jobs()):
        yield job if isinstance(job, Result) else worker.run(job)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              help="text (the default without --html), or json: one JSON object per path and line.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a readable HTML report here (removed blocks struck through, by cleaner).")
@click.option("--only-removed", is_flag=True, help="Show the removed blocks only.")
@click.option("--color/--no-color", default=None, help="Colour the output (default: when a terminal).")
@cleaner_options
def explain(paths: tuple[str, ...], output_format: str | None, html_path: Path | None, only_removed: bool,
            color: bool | None, input_format: Format | None, url: str | None, **settings: Any) -> None:
    """Show every block of PATHS (files, or - for stdin), kept or removed, with the cleaner and the reason."""
    scrubber = Scrubber(config=_config(**settings))
    if output_format is None and html_path is None:
        output_format = "text"
    explanations, failed = [], False
    for path in paths:
        try:
            explanation = Explanation.of(path, *_read(scrubber, path, url, input_format))
        except ScrubberError as error:
            click.echo(f"scrubber: {utf8_safe(str(error))}", err=True)
            failed = True
            continue
        except Exception as error:  # a bug must give one line, as in a batch row, not a traceback
            click.echo(f"scrubber: internal error: {type(error).__name__}: {utf8_safe(str(error))}", err=True)
            failed = True
            continue
        explanations.append(explanation)
        if output_format == "json":
            click.echo(json_text(explanation.to_dict(only_removed)))
        elif output_format == "text":
            if len(paths) > 1:
                click.echo(("\n" if len(explanations) > 1 else "") + f"==> {path} <==")
            _explain_text(explanation, only_removed, color)
    if html_path is not None and explanations:
        try:
            write_atomic(html_path, html_report(explanations, only_removed))
        except OSError as error:
            raise click.ClickException(f"{html_path}: cannot write the report: {error.strerror or error}") from error
    if failed:
        sys.exit(1)


def _explain_text(explanation: Explanation, only_removed: bool, color: bool | None) -> None:
    for field in ("title", "byline", "date", "language"):
        value = getattr(explanation.article, field)
        if value:
            click.secho(f"{field:>8}: {value}", bold=True, color=color)
    for entry in explanation.shown(only_removed):
        text = " ".join(entry.text.split())
        if entry.kept:
            click.secho(f"  + {entry.kind:<11} {text}", fg="green", color=color)
        else:
            click.secho(f"  - {entry.cleaner:<11} {text}", fg="red", color=color)
            click.secho(f"      why: {entry.reason}", dim=True, color=color)


@main.command(name="cleaners")
def list_cleaners() -> None:
    """List every installed cleaner, its package, whether it runs by default, and what it removes.
    A third-party cleaner runs only when named (--enable, --cleaners or the configuration file)."""
    for info in describe():
        detail = f"BROKEN: {info.error}" if info.error else info.description
        runs = "default" if info.builtin else "if named"
        click.echo(f"{info.name:<14}{info.origin:<20}{runs:<10}{detail}")
