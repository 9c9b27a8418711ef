"""Batch runs: many inputs (files, folders, globs, WARC files, URLs), a process pool, results streamed
in input order with bounded memory, one row per input — an article or an error, never nothing."""

from __future__ import annotations

import glob
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any

from scrubber.article import Article
from scrubber.config import Config, load_config
from scrubber.errors import InputError, ProcessingTimeoutError, ScrubberError
from scrubber.fetch import Fetcher, FetchOptions
from scrubber.pipeline import Scrubber
from scrubber.plugins import CleanerSpec
from scrubber.sources import load_bytes

SUFFIXES = (".html", ".htm", ".txt", ".html.gz", ".htm.gz", ".txt.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass(frozen=True)
class Job:
    """One input of a batch: its id, and either a path, a URL, or bytes already read (a WARC record)."""

    id: str
    path: str | None = None
    url: str | None = None
    data: bytes | None = None


@dataclass
class Result:
    """One output row: the input's id and its article, or the error it raised."""

    id: str
    article: Article | None = None
    error_type: str | None = None
    message: str | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.article is not None:
            return {"input": self.id, **self.article.to_dict()}
        return {"input": self.id, "error": {"type": self.error_type, "message": self.message}}


def warc_jobs(path: str) -> Iterator[Job]:
    """Every HTML response record of a WARC file (gzip or not), as a job whose id is its target URI."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open(path, "rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream)):
                if record.rec_type != "response":
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if "html" not in content_type.lower():
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{number}"
                yield Job(id=uri, url=uri, data=record.content_stream().read())
    except OSError as error:
        raise InputError(f"{path}: cannot read WARC file: {error}") from error


def expand(inputs: Iterable[str | Path]) -> Iterator[Job]:
    """Paths, folders (recursively), globs, WARC files and http(s) URLs → jobs, in a stable order."""
    for item in inputs:
        text = str(item)
        if text.startswith(("http://", "https://")):
            yield Job(id=text, url=text)
        elif text.endswith(WARC_SUFFIXES) and os.path.isfile(text):
            yield from warc_jobs(text)
        elif os.path.isdir(text):
            found = False
            for root, dirs, files in os.walk(text):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(SUFFIXES + WARC_SUFFIXES):
                        found = True
                        path = os.path.join(root, name)
                        yield from warc_jobs(path) if path.endswith(WARC_SUFFIXES) else [Job(id=path, path=path)]
            if not found:
                raise InputError(f"{text}: folder holds no .html, .htm, .txt or WARC files")
        elif any(ch in text for ch in "*?[") and not os.path.exists(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"{text}: pattern matches no file")
            yield from expand(matches)
        else:
            yield Job(id=text, path=text)


@dataclass
class Worker:
    """One process's scrubber, fetcher and time limit: turns each `Job` into a `Result`, never raises
    (shared by the batch pool and `scrubber.distributed`)."""

    config: Config | None
    fetch_options: FetchOptions | None
    timeout: float | None
    scrubber: Scrubber | None = None
    fetcher: Fetcher | None = None
    warnings: list[str] = field(default_factory=list)

    def run(self, job: Job) -> Result:
        if self.scrubber is None:
            self.scrubber = Scrubber(config=self.config)
        try:
            with _time_limit(self.timeout):
                return Result(job.id, article=self._scrub(self.scrubber, job))
        except ScrubberError as error:
            return Result(job.id, error_type=type(error).__name__, message=str(error))
        except Exception as error:  # a bug must cost one row, not the batch
            return Result(job.id, error_type=f"InternalError.{type(error).__name__}", message=str(error))

    def _scrub(self, scrubber: Scrubber, job: Job) -> Article:
        if job.data is not None:
            loaded = load_bytes(job.data, name=job.id, max_bytes=scrubber.config.max_bytes)
            return scrubber.scrub_loaded(loaded, job.url)
        if job.url is not None:
            if self.fetcher is None:
                self.fetcher = Fetcher(self.fetch_options)
            return scrubber.fetch(job.url, fetcher=self.fetcher)
        return scrubber.scrub(Path(job.path or ""))


class _time_limit:
    """Abandon a document after ``seconds`` (SIGALRM; main thread of a Unix process only)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds if seconds and hasattr(signal, "setitimer") else None

    def __enter__(self) -> None:
        if self.seconds:
            signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        if self.seconds:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        raise ProcessingTimeoutError(f"processing took longer than {self.seconds} s")


_process_worker: Worker | None = None


def _init_process(config: Config | None, fetch_options: FetchOptions | None, timeout: float | None) -> None:
    global _process_worker
    _process_worker = Worker(config, fetch_options, timeout)


def _run_in_process(job: Job) -> Result:
    assert _process_worker is not None
    return _process_worker.run(job)


def scrub_many(
    inputs: Iterable[str | Path],
    *,
    workers: int = 1,
    config: Config | None = None,
    fetch_options: FetchOptions | None = None,
    timeout: float | None = 60.0,
    skip: set[str] | frozenset[str] = frozenset(),
    cleaners: Sequence[CleanerSpec] | None = None,
    exclude: Sequence[str] = (),
    enable: Sequence[str] = (),
) -> Iterator[Result]:
    """Scrub many inputs, yielding one `Result` per input in input order.

    ``inputs`` are paths, folders, globs, WARC files or http(s) URLs; a WARC file yields one row per
    HTML response record. With ``workers > 1`` a process pool does the work while at most
    ``4 * workers`` documents are in flight, so memory stays bounded however many inputs there are.
    ``timeout`` abandons a pathological document with a `ProcessingTimeoutError` row. Ids in ``skip``
    (already done, for resuming) are passed over. ``cleaners``, ``exclude`` and ``enable`` choose the
    cleaners as in `scrub` (with ``workers > 1``, cleaner objects and classes must be picklable).
    """
    config = _with_cleaners(config, cleaners, exclude, enable)
    jobs = (job for job in _safe_expand(inputs) if job.id not in skip)
    if workers <= 1:
        worker = Worker(config, fetch_options, timeout)
        yield from (job if isinstance(job, Result) else worker.run(job) for job in jobs)
        return
    window: deque[Future[Result] | Result] = deque()
    with ProcessPoolExecutor(workers, initializer=_init_process, initargs=(config, fetch_options, timeout)) as pool:
        for job in jobs:
            window.append(job if isinstance(job, Result) else pool.submit(_run_in_process, job))
            if len(window) >= 4 * workers:
                yield _settle(window.popleft())
        while window:
            yield _settle(window.popleft())


def _with_cleaners(
    config: Config | None, cleaners: Sequence[CleanerSpec] | None, exclude: Sequence[str], enable: Sequence[str]
) -> Config | None:
    if cleaners is None and not exclude and not enable:
        return config
    base = config or load_config()
    return replace(
        base,
        cleaners=base.cleaners if cleaners is None else tuple(cleaners),
        exclude=tuple(dict.fromkeys([*base.exclude, *exclude])),
        enable=tuple(dict.fromkeys([*base.enable, *enable])),
    )


def _settle(item: Future[Result] | Result) -> Result:
    return item if isinstance(item, Result) else item.result()


def _safe_expand(inputs: Iterable[str | Path]) -> Iterator[Job | Result]:
    """Expanding an input (a WARC file that breaks halfway) can fail: that becomes an error row."""
    for item in inputs:
        try:
            yield from expand([item])
        except ScrubberError as error:
            yield Result(str(item), error_type=type(error).__name__, message=str(error))
        except Exception as error:  # corrupt archives raise whatever their reader raises
            yield Result(str(item), error_type="InputError", message=f"{item}: {error}")
