"""scrubber as a datatrove pipeline step (the ``datatrove`` extra: ``pip install "scrubber-news[datatrove]"``).

`ScrubberExtractor` takes the place of datatrove's ``Trafilatura`` extractor after a reader
(``WarcReader``...): each document's HTML becomes the clean article text, and instead of being flattened
away the article's metadata goes into ``document.metadata``: ``title``, ``authors``, ``date``,
``language``, ``page_type`` (``article``, or ``no_article`` for a page without article text), the
``removed`` summary (blocks removed per cleaner), the ``cleaners`` that ran and the ``scrubber_version``;
a reader's ``date`` (the crawl date, for ``WarcReader``) moves to ``crawl_date``.
A document that is blank, not HTML or text, or holds no article is dropped and counted, never raised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
except ImportError as error:
    raise ImportError('the datatrove step needs datatrove: pip install "scrubber-news[datatrove]"') from error

from scrubber.article import Article
from scrubber.batch import Job, Worker
from scrubber.config import Config


def article_metadata(article: Article) -> dict[str, Any]:
    """What a document's metadata keeps of its article."""
    return {
        "title": article.title,
        "authors": list(article.authors),
        "date": article.date,
        "language": article.language,
        "page_type": "article" if article.body else "no_article",
        "removed": dict(Counter(item.cleaner for item in article.removed)),
        "cleaners": list(article.cleaners),
        "scrubber_version": article.scrubber_version,
    }


class ScrubberExtractor(PipelineStep):  # type: ignore[misc]  # datatrove ships no type hints
    """Documents of HTML (or text dumps) in, clean articles out, with their metadata kept.

    ``config`` chooses cleaners and switches as everywhere in scrubber; ``timeout`` abandons a document
    after that many seconds; ``keep_empty`` also passes on documents without article text (with
    ``page_type`` ``no_article``) instead of dropping them.
    """

    name = "🧽 scrubber"
    type = "🛢 - EXTRAC"

    def __init__(self, config: Config | None = None, timeout: float | None = 60.0, keep_empty: bool = False) -> None:
        super().__init__()
        self.config = config
        self.timeout = timeout
        self.keep_empty = keep_empty

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        worker = Worker(self.config, None, self.timeout)
        for document in data:
            self.stat_update("total")
            with self.track_time():
                job = Job(id=str(document.id), url=document.metadata.get("url"), text=document.text or "")
                result = worker.run(job)
            article = result.article
            if article is None:
                self.stat_update(f"error_{result.error_type}")
                continue
            if not article.body and not self.keep_empty:
                self.stat_update("no_article")
                continue
            document.text = article.text
            if "date" in document.metadata:  # a reader's date is the crawl's (WarcReader's WARC-Date)
                document.metadata["crawl_date"] = document.metadata.pop("date")
            document.metadata.update(article_metadata(article))
            self.stat_update("forwarded")
            self.update_doc_stats(document)
            yield document
