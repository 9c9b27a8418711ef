"""scrubber as a step of a distributed engine: functions a Spark ``mapPartitions`` or a Dask bag can call,
a ready Dask bag over WARC files (the ``dask`` extra: ``pip install "scrubber-news[dask]"``), and the row
schema for Spark.

Each partition builds one `Scrubber` and yields one row (a ``dict``, as in the JSON Lines output) per
input, lazily: the article, or an error row. Nothing is lost and nothing crashes the job. ``fields``
chooses which of the article's keys a row carries (``input``, ``error`` and ``warc`` always stay).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from scrubber.batch import Job, Result, Worker, scrub_many
from scrubber.config import Config

if TYPE_CHECKING:
    import dask.bag

_MARK = "STRUCT<start: INT, stop: INT, kind: STRING, href: STRING>"
# Every key a row can have, with its Spark SQL type, in row order (see docs/article.md).
ROW_TYPES = {
    "input": "STRING",
    "title": "STRING",
    "byline": "STRING",
    "authors": "ARRAY<STRING>",
    "organizations": "ARRAY<STRING>",
    "date": "STRING",
    "date_modified": "STRING",
    "site_name": "STRING",
    "url": "STRING",
    "language": "STRING",
    "description": "STRING",
    "image": "STRING",
    "page_type": "STRING",
    "body": f"ARRAY<STRUCT<kind: STRING, text: STRING, marks: ARRAY<{_MARK}>, src: STRING, alt: STRING, "
            "caption: STRING>>",
    "text": "STRING",
    "removed": "ARRAY<STRUCT<text: STRING, cleaner: STRING, reason: STRING, kind: STRING>>",
    "warnings": "ARRAY<STRING>",
    "cleaners": "ARRAY<STRING>",
    "scrubber_version": "STRING",
    "error": "STRUCT<type: STRING, message: STRING>",
    "warc": "STRUCT<file: STRING, offset: BIGINT, record_id: STRING, date: STRING, target_uri: STRING>",
}
ALWAYS = ("input", "error", "warc")


def spark_schema(fields: Collection[str] | None = None) -> str:
    """The rows' schema as a Spark SQL DDL string, for ``spark.createDataFrame(rows, spark_schema())``
    (or ``StructType.fromDDL``); pass the same ``fields`` as to the functions that made the rows."""
    return ", ".join(f"{name} {kind}" for name, kind in ROW_TYPES.items()
                     if fields is None or name in fields or name in ALWAYS)


def scrub_paths(
    paths: Iterable[str], config: Config | None = None, timeout: float | None = 60.0,
    fields: Collection[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Rows for files, folders, globs and WARC files, local or on any fsspec filesystem (every HTML record
    of a WARC file is a row, with its provenance under ``warc``)."""
    for result in scrub_many(list(paths), config=config, timeout=timeout):
        yield result.to_dict(fields)


def scrub_records(
    records: Iterable[tuple[str, str | None, bytes]], config: Config | None = None, timeout: float | None = 60.0,
    fields: Collection[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Rows for ``(id, url, page bytes)`` records already read, e.g. by the engine's own WARC reader."""
    worker = Worker(config, None, timeout)
    for record_id, url, data in records:
        try:
            job = Job(id=str(record_id), url=url, data=bytes(data))
        except TypeError as error:
            yield Result(str(record_id), error_type="InputError", message=f"not bytes: {error}").to_dict(fields)
            continue
        yield worker.run(job).to_dict(fields)


def warc_bag(
    paths: Sequence[str], config: Config | None = None, timeout: float | None = 60.0,
    fields: Collection[str] | None = None,
) -> dask.bag.Bag:
    """A Dask bag of rows, one partition per WARC file (or other input), ready for ``.to_textfiles``,
    ``.to_dataframe`` or ``.compute()`` on any Dask scheduler or cluster. Each partition is made by a
    generator, and Dask fuses the steps chained after it (``.map(json.dumps).to_textfiles(...)``) into one
    task that consumes it row by row, so a WARC file's rows are never all held in memory; only a
    partition handed back whole (``.compute()``) is turned into a list."""
    try:
        import dask.bag
    except ImportError as error:
        raise ImportError('warc_bag needs Dask: pip install "scrubber-news[dask]"') from error

    bag = dask.bag.from_sequence(list(paths), npartitions=max(len(paths), 1))  # type: ignore[no-untyped-call]
    rows = partial(scrub_paths, config=config, timeout=timeout, fields=None if fields is None else tuple(fields))
    # .map (unlike .map_partitions) marks its output for Dask to make a list of only at the end of a chain
    return cast("dask.bag.Bag", bag.map_partitions(rows).map(_same))


def _same(row: dict[str, Any]) -> dict[str, Any]:
    return row
