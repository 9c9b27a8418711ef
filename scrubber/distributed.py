"""scrubber as a step of a distributed engine: functions a Spark ``mapPartitions`` or a Dask bag can call,
and a ready Dask bag over WARC files (the ``dask`` extra: ``pip install "scrubber-news[dask]"``).

Each partition builds one `Scrubber` and yields one row (a ``dict``, as in the JSON Lines output) per
input: the article, or an error row. Nothing is lost and nothing crashes the job.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from scrubber.batch import Job, Result, Worker, scrub_many
from scrubber.config import Config

if TYPE_CHECKING:
    import dask.bag


def scrub_paths(
    paths: Iterable[str], config: Config | None = None, timeout: float | None = 60.0
) -> Iterator[dict[str, Any]]:
    """Rows for files, folders, globs and WARC files (every HTML record of a WARC file is a row)."""
    for result in scrub_many(list(paths), config=config, timeout=timeout):
        yield result.to_dict()


def scrub_records(
    records: Iterable[tuple[str, str | None, bytes]], config: Config | None = None, timeout: float | None = 60.0
) -> Iterator[dict[str, Any]]:
    """Rows for ``(id, url, page bytes)`` records already read, e.g. by the engine's own WARC reader."""
    worker = Worker(config, None, timeout)
    for record_id, url, data in records:
        try:
            job = Job(id=str(record_id), url=url, data=bytes(data))
        except TypeError as error:
            yield Result(str(record_id), error_type="InputError", message=f"not bytes: {error}").to_dict()
            continue
        yield worker.run(job).to_dict()


def warc_bag(paths: Sequence[str], config: Config | None = None, timeout: float | None = 60.0) -> dask.bag.Bag:
    """A Dask bag of rows, one partition per WARC file (or other input), ready for ``.to_textfiles``,
    ``.to_dataframe`` or ``.compute()`` on any Dask scheduler or cluster."""
    import dask.bag

    bag = dask.bag.from_sequence(list(paths), npartitions=max(len(paths), 1))  # type: ignore[no-untyped-call]
    return cast("dask.bag.Bag", bag.map_partitions(lambda part: list(scrub_paths(part, config, timeout))))
