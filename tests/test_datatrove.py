"""The datatrove step run by datatrove's own local executor on a WARC file written here."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.test_batch import PAGE

pytest.importorskip("datatrove")
pytest.importorskip("cchardet", reason="datatrove's WarcReader needs faust-cchardet")
pytest.importorskip("magic", reason="datatrove's WarcReader needs python-magic")

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import WarcReader
from datatrove.pipeline.writers import JsonlWriter

from scrubber.datatrove_step import ScrubberExtractor

SECTION_FRONT = b"<html><head><title>Index</title></head><body><div></div></body></html>"  # no article


def write_warc(path: Path) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number, body in enumerate([PAGE, b"   \n ", SECTION_FRONT]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://news.example.com/{number}", "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Identified-Payload-Type": "text/html"})
            writer.write_record(record)


def test_the_step_in_a_local_executor_keeps_the_metadata(tmp_path: Path) -> None:
    (tmp_path / "warc").mkdir()
    write_warc(tmp_path / "warc" / "crawl.warc.gz")
    pipeline = [
        WarcReader(str(tmp_path / "warc"), glob_pattern="*.warc.gz"),
        ScrubberExtractor(),
        JsonlWriter(str(tmp_path / "out"), compression=None),
    ]
    LocalPipelineExecutor(pipeline, tasks=1, workers=1, logging_dir=str(tmp_path / "logs")).run()
    rows = [json.loads(line) for path in sorted((tmp_path / "out").glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1  # the blank page and the section front hold no article: dropped, not raised
    [row] = rows
    metadata = row["metadata"]
    assert row["text"].startswith("Dock workers at the city's container port voted")
    assert metadata["title"] == "Port Strike Ends After Nine Days"
    assert metadata["authors"] == ["Maria Olsen", "David Chen"]
    assert metadata["date"] == "2025-06-12T08:30:00+00:00" and metadata["crawl_date"]
    assert metadata["language"] == "en" and metadata["page_type"] == "article"
    assert metadata["removed"]["dom"] >= 1 and metadata["url"] == "https://news.example.com/0"
    stats = json.loads(next((tmp_path / "logs" / "stats").glob("*.json")).read_text(encoding="utf-8"))
    assert "scrubber" in json.dumps(stats)


def test_blank_and_empty_documents_give_an_empty_result() -> None:
    step = ScrubberExtractor()
    documents = [Document(text="", id="blank"), Document(text="  \n ", id="spaces"),
                 Document(text=SECTION_FRONT.decode(), id="front")]
    assert list(step.run(iter(documents))) == []
    kept = list(ScrubberExtractor(keep_empty=True).run(iter(documents)))
    assert [(doc.id, doc.metadata["page_type"]) for doc in kept] == [("front", "no_article")]
