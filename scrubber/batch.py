"""Batch runs: many inputs (files, folders, globs, WARC files, URLs), a process pool, results streamed
in input order with bounded memory, one row per input — an article or an error, never nothing.

Paths may be on any filesystem fsspec knows (``s3://``, ``gs://``, ``memory://``, ``https://`` for WARC
files...) when fsspec and that filesystem's package are installed (the ``fsspec``, ``s3``, ``gcs`` and
``http`` extras)."""

from __future__ import annotations

import glob
import logging
import math
import os
import signal
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import IO, Any

from scrubber.article import Article
from scrubber.config import Config, load_config
from scrubber.errors import ConfigError, InputError, ProcessingTimeoutError, ScrubberError
from scrubber.fetch import Fetcher, FetchOptions
from scrubber.pipeline import Scrubber
from scrubber.plugins import CleanerSpec
from scrubber.sources import DEFAULT_MAX_BYTES, Format, load_bytes, load_str, utf8_safe

logger = logging.getLogger("scrubber")

SUFFIXES = (".html", ".htm", ".txt", ".html.gz", ".htm.gz", ".txt.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass(frozen=True)
class Job:
    """One input of a batch: its id, and either a path, bytes already read (a WARC record, with
    ``source``: where in which WARC file it was found), text already decoded (from another pipeline),
    or a URL to fetch; ``url`` also names the page of a path or of bytes, ``format`` says HTML or text
    when known."""

    id: str
    path: str | None = None
    url: str | None = None
    data: bytes | None = None
    format: Format | None = None
    source: Mapping[str, Any] | None = None
    text: str | None = None


@dataclass
class Result:
    """One output row: the input's id and its article, or the error it raised; ``source`` is the WARC
    provenance of a row made from a WARC record (file, offset, record id, date, target URI)."""

    id: str
    article: Article | None = None
    error_type: str | None = None
    message: str | None = None
    source: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        """A row can always be written as UTF-8, whatever bytes a file name or an error held."""
        self.id = utf8_safe(self.id)
        if self.message is not None:
            self.message = utf8_safe(self.message)

    def to_dict(self, fields: Collection[str] | None = None) -> dict[str, Any]:
        """The row as in the JSON Lines output; ``fields`` keeps only those keys of the article (e.g.
        leave out ``removed``, ``body`` or ``text``); ``input``, ``error`` and ``warc`` always stay."""
        row: dict[str, Any] = {"input": self.id}
        if self.article is not None:
            article = self.article.to_dict()
            row.update(article if fields is None else {key: article[key] for key in article if key in fields})
        else:
            row["error"] = {"type": self.error_type, "message": self.message}
        if self.source is not None:
            row["warc"] = dict(self.source)
        return row


def readable(path: str) -> str:
    """A path as UTF-8 text that still tells paths apart: bytes of a file name that are not UTF-8
    (surrogate escapes in Python) are written as ``\\xNN``."""
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeError:
        return utf8_safe(path)


def _is_fsspec(path: str) -> bool:
    """A path with a protocol (``s3://...``, ``file://...``): read through fsspec."""
    return "://" in path


@contextmanager
def _open(path: str) -> Iterator[IO[bytes]]:
    """A local file, or a file of any filesystem fsspec knows."""
    if not _is_fsspec(path):
        with open(path, "rb") as stream:
            yield stream
        return
    with _fsspec_call(path, lambda fsspec: fsspec.open(path, "rb")) as stream:
        yield stream


def _fsspec_call(path: str, call: Any) -> Any:
    """``call(fsspec)``, with a missing fsspec or filesystem package reported as an `InputError`."""
    try:
        import fsspec
    except ImportError as error:
        raise InputError(f'{path}: reading it needs fsspec: pip install "scrubber-news[fsspec]"') from error
    try:
        return call(fsspec)
    except ImportError as error:  # fsspec names the package the filesystem needs
        raise InputError(f"{path}: {error}") from error


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a local or fsspec file, up to ``max_bytes + 1`` (so that an oversized file is
    refused, not held); `InputError` when it cannot be read."""
    try:
        with _open(path) as stream:
            return stream.read(max_bytes + 1)
    except ScrubberError:
        raise
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read: {error}") from error


def warc_jobs(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Job]:
    """Every HTML response record of a WARC file (gzip or not, local or fsspec), as a job whose id is the
    file and the record's offset in it (one URL can be in many records), whose URL is the record's target
    URI and whose ``source`` is its provenance (file, offset, WARC-Record-ID, WARC-Date, target URI).
    A record's payload is read up to ``max_bytes + 1`` bytes, so an oversized one is refused, not held."""
    from warcio.archiveiterator import ArchiveIterator

    name = readable(path)
    try:
        with _open(path) as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type != "response":
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if "html" not in content_type.lower():
                    continue
                headers = record.rec_headers
                uri = headers.get_header("WARC-Target-URI")
                data = record.content_stream().read(max_bytes + 1)  # before the offset: asking for it skips
                offset = records.get_record_offset()
                source = {"file": name, "offset": offset, "record_id": headers.get_header("WARC-Record-ID"),
                          "date": headers.get_header("WARC-Date"), "target_uri": uri}
                yield Job(id=f"{name}#{offset}", url=uri, data=data, source=source)
    except OSError as error:
        raise InputError(f"{name}: cannot read WARC file: {error}") from error


def _remote_jobs(text: str, max_bytes: int) -> Iterator[Job]:
    """A file, folder or glob on an fsspec filesystem → jobs."""
    filesystem, root = _fsspec_call(text, lambda fsspec: fsspec.core.url_to_fs(text))
    if filesystem.isdir(root):
        names = [name for name in sorted(filesystem.find(root)) if name.lower().endswith(SUFFIXES + WARC_SUFFIXES)]
        if not names:
            raise InputError(f"{text}: folder holds no .html, .htm, .txt or WARC files")
    elif any(ch in root for ch in "*?["):
        names = sorted(filesystem.glob(root))
        if not names:
            raise InputError(f"{text}: pattern matches no file")
    else:
        names = [root]
    for name in names:
        path = text if name == root else filesystem.unstrip_protocol(name)
        yield from warc_jobs(path, max_bytes) if path.endswith(WARC_SUFFIXES) else [Job(id=path, path=path)]


def expand(inputs: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Job]:
    """Paths, folders (recursively), globs, WARC files, http(s) URLs and fsspec paths → jobs, in a stable
    order. An http(s) URL of a WARC file is read as one (through fsspec); any other is fetched."""
    for item in inputs:
        text = str(item)
        if text.startswith(("http://", "https://")) and not text.endswith(WARC_SUFFIXES):
            yield Job(id=text, url=text)
        elif _is_fsspec(text):
            yield from _remote_jobs(text, max_bytes)
        elif text.endswith(WARC_SUFFIXES) and os.path.isfile(text):
            yield from warc_jobs(text, max_bytes)
        elif os.path.isdir(text):
            found = False
            for root, dirs, files in os.walk(text):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(SUFFIXES + WARC_SUFFIXES):
                        found = True
                        path = os.path.join(root, name)
                        if path.endswith(WARC_SUFFIXES):
                            yield from warc_jobs(path, max_bytes)
                        else:
                            yield Job(id=readable(path), path=path)
            if not found:
                raise InputError(f"{readable(text)}: folder holds no .html, .htm, .txt or WARC files")
        elif any(ch in text for ch in "*?[") and not os.path.exists(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"{readable(text)}: pattern matches no file")
            yield from expand(matches, max_bytes)
        else:
            yield Job(id=readable(text), path=text)


def unique_ids(jobs: Iterable[Job | Result]) -> Iterator[Job | Result]:
    """Give the second and later inputs with one id (a file named twice, a folder and a file in it) the
    id ``<id>#2``, ``#3``..., so that every input position has its own id, row and output file."""
    seen: set[str] = set()
    for job in jobs:
        if job.id in seen:
            number = 2
            while f"{job.id}#{number}" in seen:
                number += 1
            job = replace(job, id=f"{job.id}#{number}")
        seen.add(job.id)
        yield job


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
                return Result(job.id, article=self._scrub(self.scrubber, job), source=job.source)
        except ScrubberError as error:
            return Result(job.id, error_type=type(error).__name__, message=str(error), source=job.source)
        except Exception as error:  # a bug must cost one row, not the batch
            return Result(job.id, error_type=f"InternalError.{type(error).__name__}", message=str(error),
                          source=job.source)

    def _scrub(self, scrubber: Scrubber, job: Job) -> Article:
        if job.text is not None:
            loaded = load_str(job.text, name=job.id, format=job.format, max_bytes=scrubber.config.max_bytes)
            return scrubber.scrub_loaded(loaded, job.url)
        if job.path is not None and _is_fsspec(job.path):
            loaded = load_bytes(read_bytes(job.path, scrubber.config.max_bytes), name=job.path, format=job.format,
                                max_bytes=scrubber.config.max_bytes)
            return scrubber.scrub_loaded(loaded, job.url)
        if job.data is not None:
            loaded = load_bytes(job.data, name=job.url or job.id, format=job.format,
                                max_bytes=scrubber.config.max_bytes)
            return scrubber.scrub_loaded(loaded, job.url)
        if job.path is not None:
            return scrubber.scrub(Path(job.path), url=job.url, format=job.format)
        if job.url is None:
            raise InputError(f"{job.id}: nothing to scrub")
        if self.fetcher is None:
            self.fetcher = Fetcher(self.fetch_options)
        return scrubber.fetch(job.url, fetcher=self.fetcher)


class _time_limit:
    """Abandon a document after ``seconds`` (SIGALRM; main thread of a Unix process only)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds if seconds and hasattr(signal, "setitimer") else None

    def __enter__(self) -> None:
        if self.seconds:
            signal.signal(signal.SIGALRM, self._expired)
            # then again every second: an alarm that lands in a gc callback (hypothesis installs one) is
            # swallowed by the interpreter, and a single alarm would let the document run on unbounded
            signal.setitimer(signal.ITIMER_REAL, self.seconds, 1.0)

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
    progress: Callable[[Result], None] | None = None,
) -> Iterator[Result]:
    """Scrub many inputs, yielding one `Result` per input in input order.

    ``inputs`` are paths, folders, globs, WARC files or http(s) URLs; a WARC file yields one row per
    HTML response record. With ``workers > 1`` a process pool does the work while at most
    ``4 * workers`` documents are in flight, so memory stays bounded however many inputs there are.
    ``timeout`` abandons a pathological document with a `ProcessingTimeoutError` row. Every input
    position has its own id (see `unique_ids`); ids in ``skip`` (already done, for resuming) are passed over.
    ``cleaners``, ``exclude`` and ``enable`` choose the cleaners as in `scrub` (with ``workers > 1``,
    cleaner objects and classes must be picklable). ``progress`` is called with each row as it comes (for
    a progress display; `count_inputs` gives a total where one is cheap to know).
    """
    if timeout is not None and (isinstance(timeout, bool) or not 0 < timeout < math.inf):
        raise ConfigError(f"timeout must be a positive number of seconds or None, not {timeout!r}")
    if isinstance(workers, bool) or not isinstance(workers, int):
        raise ConfigError(f"workers must be a whole number, not {workers!r}")
    config = _with_cleaners(config, cleaners, exclude, enable)
    logger.info("scrubbing with %d worker(s), timeout %s s", workers, timeout)
    for result in _results(inputs, workers, config, fetch_options, timeout, skip):
        if result.article is None:
            logger.info("%s: %s: %s", result.id, result.error_type, result.message)
        else:
            logger.debug("%s: %d blocks kept, %d removed", result.id, len(result.article.body),
                         len(result.article.removed))
        if progress is not None:
            progress(result)
        yield result


def _results(inputs: Iterable[str | Path], workers: int, config: Config | None, fetch_options: FetchOptions | None,
             timeout: float | None, skip: Collection[str]) -> Iterator[Result]:
    max_bytes = config.max_bytes if config is not None else DEFAULT_MAX_BYTES
    jobs = (job for job in unique_ids(_safe_expand(inputs, max_bytes)) if job.id not in skip)
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


def count_inputs(inputs: Iterable[str | Path]) -> int | None:
    """How many rows ``inputs`` will give, when that is cheap to know: ``None`` when a WARC file (whose
    records would have to be read) or a path of another filesystem is among them."""
    total = 0
    for item in inputs:
        text = str(item)
        if text.startswith(("http://", "https://")) and not text.endswith(WARC_SUFFIXES):
            counted: int | None = 1
        elif _is_fsspec(text) or text.endswith(WARC_SUFFIXES):
            return None
        elif os.path.isdir(text):
            names = [name.lower() for _, _, files in os.walk(text) for name in files]
            if any(name.endswith(WARC_SUFFIXES) for name in names):
                return None
            counted = sum(name.endswith(SUFFIXES) for name in names) or 1  # an empty folder: one error row
        elif any(ch in text for ch in "*?[") and not os.path.exists(text):
            matches = glob.glob(text, recursive=True)
            counted = count_inputs(matches) if matches else 1
        else:
            counted = 1
        if counted is None:
            return None
        total += counted
    return total


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


def _safe_expand(inputs: Iterable[str | Path], max_bytes: int) -> Iterator[Job | Result]:
    """Expanding an input (a WARC file that breaks halfway) can fail: that becomes an error row."""
    for item in inputs:
        try:
            yield from expand([item], max_bytes)
        except ScrubberError as error:
            yield Result(readable(str(item)), error_type=type(error).__name__, message=str(error))
        except Exception as error:  # corrupt archives raise whatever their reader raises
            yield Result(readable(str(item)), error_type="InputError", message=f"{readable(str(item))}: {error}")
