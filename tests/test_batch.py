"""Batch runs: every input yields exactly one row, in order, from files, folders, WARC files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import scrubber
from tests.conftest import FIXTURES

PAGE = (FIXTURES / "html" / "article_with_residue.html").read_bytes()


def make_warc(path: Path, recapture: bool = False) -> None:
    """Three responses (a page, an image, an empty page); ``recapture`` adds the page again, same URL."""
    pages = [(0, PAGE, "text/html"), (1, b"\x89PNG....", "image/png"),
             (2, b"<html><body></body></html>", "text/html; charset=utf-8")]
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number, body, kind in pages + ([(0, PAGE, "text/html")] if recapture else []):
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://news.example.com/{number}", "response",
                                               payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)


def test_warc_records_become_articles_with_provenance(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    warc = tmp_path / "crawl.warc.gz"
    make_warc(warc, recapture=True)
    rows = list(scrubber.scrub_many([warc]))
    assert [row.source["target_uri"] for row in rows if row.source] == [
        "https://news.example.com/0", "https://news.example.com/2", "https://news.example.com/0"]
    assert [row.id.rsplit("#", 1)[0] for row in rows] == [str(warc)] * 3  # the file and the record's offset
    assert rows[0].id == f"{warc}#0" and len({row.id for row in rows}) == 3  # two captures: two rows
    assert rows[0].article is not None and rows[0].article.title == "Port Strike Ends After Nine Days"
    assert rows[0].article.url == "https://gazette.example.org/business/port-strike-ends"  # canonical wins
    assert rows[1].error_type == "UnsupportedFormatError" or rows[1].article is not None
    with warc.open("rb") as stream:
        for row in rows:
            assert row.source is not None and row.source["file"] == str(warc) and row.source["date"]
            stream.seek(row.source["offset"])  # the offset leads to the record itself
            record = next(iter(ArchiveIterator(stream)))
            assert record.rec_headers.get_header("WARC-Record-ID") == row.source["record_id"]
            assert row.id == f"{warc}#{row.source['offset']}"
    assert rows[0].to_dict()["warc"]["record_id"] == rows[0].source["record_id"]  # type: ignore[index]
    assert set(rows[0].to_dict(fields={"title"})) == {"input", "title", "warc"}


def test_one_row_per_input_in_order_with_two_workers(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    inputs = [str(FIXTURES / "text"), str(tmp_path / "empty.html"), str(tmp_path / "missing.html"),
              str(tmp_path / "binary.txt"), str(FIXTURES / "html" / "*.html")]
    serial = [row.to_dict() for row in scrubber.scrub_many(inputs)]
    parallel = [row.to_dict() for row in scrubber.scrub_many(inputs, workers=2)]
    assert serial == parallel
    ids = [row["input"] for row in serial]
    pages = len(list((FIXTURES / "html").glob("*.html")))
    assert len(ids) == len(set(ids)) == len(list((FIXTURES / "text").glob("*.txt"))) + 3 + pages
    errors = {row["input"]: row["error"]["type"] for row in serial if "error" in row}
    assert errors == {str(tmp_path / "empty.html"): "EmptyInputError",
                      str(tmp_path / "missing.html"): "InputError",
                      str(tmp_path / "binary.txt"): "UnsupportedFormatError"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrubber", *args], capture_output=True, text=True)


def test_resume_writes_every_row_once(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    first = run("clean", str(FIXTURES / "text"), "--format", "jsonl", "-o", str(out))
    assert first.returncode == 0, first.stderr
    full = out.read_text(encoding="utf-8").splitlines()
    # a run killed after three rows, halfway through writing the fourth
    out.write_text("\n".join(full[:3]) + "\n" + full[3][:40], encoding="utf-8")
    again = run("clean", str(FIXTURES / "text"), "--format", "jsonl", "-o", str(out), "--resume")
    assert again.returncode == 0, again.stderr
    rows = [json.loads(line)["input"] for line in out.read_text(encoding="utf-8").splitlines()]  # torn line cut
    assert sorted(rows) == sorted(json.loads(line)["input"] for line in full)


def test_cli_bad_inputs_give_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "nothing").mkdir()
    for bad in (tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "image.html", tmp_path / "nothing"):
        done = run("clean", str(bad))
        assert done.returncode == 1, bad
        assert "Traceback" not in done.stderr
        assert done.stderr.strip().count("\n") == 0 and done.stderr.startswith("scrubber: "), done.stderr


def test_unknown_cleaner_is_a_usage_error() -> None:
    done = run("clean", str(FIXTURES / "text" / "bylined.txt"), "--cleaners", "nope")
    assert done.returncode != 0 and "unknown cleaner" in done.stderr and "Traceback" not in done.stderr
