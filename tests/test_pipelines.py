"""scrubber as a pipeline step: a distributed engine (Dask, local processes) over WARC files made here,
records from an engine's own reader, one file per input in a folder, and a batch killed and resumed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any, ClassVar

import pytest

import scrubber
from scrubber.distributed import ROW_TYPES, scrub_paths, scrub_records, spark_schema, warc_bag
from scrubber.output import safe_name
from tests.conftest import FIXTURES
from tests.test_batch import PAGE, make_warc
from tests.test_fetch import QuietServer

DUMP = FIXTURES / "text" / "bylined.txt"


def test_dask_bag_over_warc_files_matches_the_batch_api(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    warcs = [tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"]
    for warc in warcs:
        make_warc(warc)
    rows = warc_bag([str(warc) for warc in warcs]).compute(scheduler="processes", num_workers=2)
    expected = [result.to_dict() for result in scrubber.scrub_many([str(warc) for warc in warcs])]
    assert rows == expected
    assert len(rows) == 4 and rows[0]["title"] == "Port Strike Ends After Nine Days"


def test_records_from_an_engine_give_one_row_each() -> None:
    records = [("r1", "https://news.example.com/1", PAGE), ("r2", None, b""), ("r3", None, None)]
    rows = list(scrub_records(records))  # type: ignore[arg-type]
    assert [row["input"] for row in rows] == ["r1", "r2", "r3"]
    assert rows[0]["title"] == "Port Strike Ends After Nine Days"
    assert rows[1]["error"]["type"] == "EmptyInputError"
    assert rows[2]["error"]["type"] == "InputError"


@pytest.mark.parametrize(
    "input_id",
    [
        "../../etc/passwd", "https://evil.example/../../../tmp/owned", "/abs/path/.hidden",
        "https://x.example/" + "a" * 500, "C:\\Windows\\system32", "", "https://例え.jp/記事/1",
    ],
)
def test_safe_names_stay_in_the_folder(tmp_path: Path, input_id: str) -> None:
    name = safe_name(input_id, ".md")
    assert "/" not in name and "\\" not in name and not name.startswith(".") and len(name) < 120
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_output_dir_gets_one_file_per_input(tmp_path: Path) -> None:
    out = tmp_path / "out"
    inputs = [str(FIXTURES / "text" / "german_appeal.txt"), str(FIXTURES / "html" / "article_with_residue.html"),
              str(tmp_path / "missing.html")]
    done = subprocess.run([sys.executable, "-m", "scrubber", "clean", *inputs, "--format", "markdown",
                           "--output-dir", str(out), "-q"], capture_output=True, text=True)
    assert done.returncode == 1  # one input failed, and said so
    names = sorted(path.name for path in out.iterdir())
    assert len(names) == 3 and sum(name.endswith(".error.json") for name in names) == 1
    assert not any(name.startswith(".") for name in names)  # no temporary file left behind
    german = next(path for path in out.iterdir() if path.name.startswith("german_appeal"))
    assert german.read_text(encoding="utf-8").startswith("# Stadtwerke erhöhen die Preise")


def test_a_thousand_inputs_with_broken_ones_give_a_thousand_rows(tmp_path: Path) -> None:
    sources = [(FIXTURES / "text" / "bylined.txt").read_bytes(), b"", bytes(range(256)) * 4, PAGE]
    paths = []
    for number in range(1000):
        path = tmp_path / f"{number:04}.txt"
        path.write_bytes(sources[number % len(sources)])
        paths.append(str(path))
    rows = list(scrubber.scrub_many(paths, workers=2))
    assert [row.id for row in rows] == paths
    assert sum(row.article is None for row in rows) == 500


def test_a_killed_batch_resumes_with_every_row_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(400):
        (folder / f"{number:04}.html").write_bytes(PAGE)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "scrubber", "clean", str(folder), "--format", "jsonl", "-o", str(out), "-q"]
    process = subprocess.Popen(command, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 40):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    written = out.read_bytes().count(b"\n")
    assert 40 <= written < 400, "the run was not killed in the middle"
    again = subprocess.run([*command, "--resume"], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    rows = [json.loads(line)["input"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(rows) == sorted(str(path) for path in folder.iterdir())


def test_a_50_mb_page_is_refused_or_abandoned_with_an_error_row(tmp_path: Path) -> None:
    filler = b"<div class='card'><p>" + b"Filler text that makes the page very large indeed. " * 20 + b"</p></div>\n"
    big = tmp_path / "big.html"
    with big.open("wb") as stream:
        stream.write(PAGE.replace(b"</body>", b"").replace(b"</html>", b""))
        while stream.tell() < 50 * 2**20:
            stream.write(filler * 100)
        stream.write(b"</body></html>")
    with pytest.raises(scrubber.InputTooLargeError):
        scrubber.scrub(big)  # the default limit is 20 MB
    raised = scrubber.Config(max_bytes=64 * 2**20)
    start = time.monotonic()
    [row] = list(scrubber.scrub_many([str(big)], config=raised, timeout=5))
    assert time.monotonic() - start < 60
    assert row.article is not None or row.error_type in ("InputTooLargeError", "ProcessingTimeoutError"), row


class Recorder:
    """A cleaner that notes when it runs, to see the order in which rows are made and consumed."""

    name = "recorder"
    description = "Keeps everything; notes each page."
    events: ClassVar[list[str]] = []

    def judge(self, page: scrubber.Page) -> list[scrubber.Verdict]:
        Recorder.events.append("made")
        return []


def test_warc_bag_streams_rows_into_the_next_step(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    warc = tmp_path / "a.warc.gz"
    make_warc(warc, recapture=True)
    Recorder.events.clear()

    def consume(row: dict[str, Any]) -> str:
        Recorder.events.append("written")
        return json.dumps(row)

    bag = warc_bag([str(warc)], config=scrubber.Config(cleaners=(Recorder(),)))
    bag.map(consume).to_textfiles(str(tmp_path / "out-*.jsonl"), scheduler="sync")
    assert Recorder.events[:4] == ["made", "written", "made", "written"]  # one row at a time, not all first
    assert len((tmp_path / "out-0.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_rows_carry_the_chosen_fields(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    warc = tmp_path / "a.warc.gz"
    make_warc(warc)
    rows = warc_bag([str(warc)], fields=["title", "url"]).compute(scheduler="sync")
    assert {key for row in rows for key in row} == {"input", "title", "url", "warc"}
    assert all("body" not in row and "removed" not in row for row in rows)
    assert list(scrub_paths([str(DUMP)], fields=["text"])) == [{"input": str(DUMP), "text": scrubber.scrub(DUMP).text}]


def ddl_names(ddl: str) -> list[str]:
    """The top-level column names of a Spark DDL string."""
    names, depth = [], 0
    for part in ddl.split(", "):
        if depth == 0:
            names.append(part.split(" ", 1)[0])
        depth += part.count("<") - part.count(">")
    return names


def test_the_spark_schema_names_every_key_of_every_row(tmp_path: Path) -> None:
    warc = tmp_path / "a.warc.gz"
    make_warc(warc)
    rows = [*scrub_paths([str(warc), str(DUMP), str(tmp_path / "missing.txt")])]
    keys = list(dict.fromkeys(key for row in rows for key in row))
    assert sorted(keys) == sorted(ROW_TYPES) == sorted(ddl_names(spark_schema()))
    assert ddl_names(spark_schema(["title"])) == ["input", "title", "error", "warc"]
    warc_row = next(row for row in rows if "warc" in row)
    assert f"warc STRUCT<{', '.join(f'{key}: ' for key in warc_row['warc'])}" in spark_schema().replace(
        "STRING", "").replace("BIGINT", "")


def test_the_documented_spark_code_runs(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("pyspark needs Java")
    from pyspark.sql import SparkSession

    warc = tmp_path / "a.warc.gz"
    make_warc(warc)
    spark = SparkSession.builder.master("local[1]").appName("scrubber-test").getOrCreate()
    try:
        warc_paths = [str(warc)]
        rdd = spark.sparkContext.parallelize(warc_paths, len(warc_paths)).mapPartitions(scrub_paths)
        frame = spark.createDataFrame(rdd, spark_schema())
        titles = [row.title for row in frame.select("title").collect()]
    finally:
        spark.stop()
    assert titles[0] == "Port Strike Ends After Nine Days" and len(titles) == 2


def test_paths_of_fsspec_filesystems(tmp_path: Path) -> None:
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    make_warc(tmp_path / "a.warc.gz")
    memory.pipe("/crawl/a.warc.gz", (tmp_path / "a.warc.gz").read_bytes())
    memory.pipe("/crawl/pages/bylined.txt", DUMP.read_bytes())
    try:
        local = [row.to_dict() for row in scrubber.scrub_many([tmp_path / "a.warc.gz", DUMP])]
        for inputs in (["memory://crawl/"], ["memory://crawl/a.warc.gz", "memory://crawl/pages/*.txt"]):
            rows = [row.to_dict() for row in scrubber.scrub_many(inputs)]
            found = memory.unstrip_protocol("/crawl/pages/bylined.txt")
            assert rows[-1]["input"] == found
            assert [row.get("title") for row in rows] == [row.get("title") for row in local]
            for row, same in zip(rows[:2], local[:2], strict=True):  # the same records, from another filesystem
                assert row["warc"]["file"] in ("memory://crawl/a.warc.gz", memory.unstrip_protocol("/crawl/a.warc.gz"))
                assert row["input"] == f"{row['warc']['file']}#{row['warc']['offset']}"
                assert row["warc"]["record_id"] == same["warc"]["record_id"]
        [missing] = scrubber.scrub_many(["memory://crawl/nothing/*.html"])
        assert missing.error_type == "InputError" and "matches no file" in (missing.message or "")
    finally:
        memory.rm("/crawl", recursive=True)
    file_url = (tmp_path / "a.warc.gz").as_uri()
    done = subprocess.run([sys.executable, "-m", "scrubber", "clean", file_url, "--format", "jsonl", "-q"],
                          capture_output=True, text=True)
    assert json.loads(done.stdout.splitlines()[0])["title"] == "Port Strike Ends After Nine Days"


def test_a_warc_file_over_https_or_http_is_read_not_fetched(tmp_path: Path) -> None:
    pytest.importorskip("fsspec")
    pytest.importorskip("aiohttp")
    make_warc(tmp_path / "a.warc.gz")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/a.warc.gz"
        rows = list(scrubber.scrub_many([url]))
    finally:
        server.shutdown()
    assert len(rows) == 2 and rows[0].article is not None
    assert rows[0].article.title == "Port Strike Ends After Nine Days" and rows[0].source["file"] == url  # type: ignore[index]
