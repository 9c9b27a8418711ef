"""What `explain` shows: every block of a document, kept or removed with the step and the reason, as
plain text rows, JSON, or a readable HTML report (removed blocks struck through and coloured by cleaner,
the reason on hover, a summary per cleaner at the top)."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrubber.article import Article, Block
    from scrubber.pipeline import Judged

# Colours that stay apart from each other and readable on white; a cleaner keeps its colour in a report.
PALETTE = ("#c0392b", "#1f6fb2", "#8e44ad", "#b9770e", "#117a65", "#d35400", "#2e4053", "#a93226", "#1e8449",
           "#6c3483")


@dataclass(frozen=True)
class Entry:
    """One block in an explanation: its text and kind, and who removed it and why (``None`` if kept)."""

    text: str
    kind: str
    cleaner: str | None = None
    reason: str | None = None

    @property
    def kept(self) -> bool:
        return self.cleaner is None

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"kept": self.kept, "kind": self.kind, "text": self.text}
        if not self.kept:
            row.update(cleaner=self.cleaner, reason=self.reason)
        return row


def _images_before(body: Iterator[Block]) -> list[Block]:
    """The image blocks up to the next text block of ``body``, which is consumed too."""
    images = []
    for block in body:
        if block.kind != "image":
            break
        images.append(block)
    return images


@dataclass(frozen=True)
class Explanation:
    """A document's article and every one of its blocks: first those removed before the cleaners ran
    (DOM pruning, per-site drop rules, extraction), then the blocks the cleaners judged, in reading order."""

    input: str
    article: Article
    entries: tuple[Entry, ...]

    @classmethod
    def of(cls, input_id: str, article: Article, judged: Sequence[Judged]) -> Explanation:
        before_cleaners = len(article.removed) - sum(not item.kept for item in judged)
        early = [Entry(r.text, r.kind, r.cleaner, r.reason) for r in article.removed[:before_cleaners]]
        judged_entries: list[Entry] = []
        body = iter(article.body)  # the kept blocks in order, with the images kept among them (shown by src)
        for item in judged:
            if item.kept:
                judged_entries += [Entry(block.src or "", "image") for block in _images_before(body)]
            judged_entries.append(Entry(item.segment.text, item.segment.kind, item.cleaner, item.reason))
        judged_entries += [Entry(block.src or "", "image") for block in body]
        return cls(input_id, article, (*early, *judged_entries))

    def shown(self, only_removed: bool) -> list[Entry]:
        return [entry for entry in self.entries if not (only_removed and entry.kept)]

    def summary(self) -> dict[str, int]:
        """Blocks removed per cleaner (or step), most first."""
        return dict(Counter(entry.cleaner for entry in self.entries if entry.cleaner).most_common())

    def to_dict(self, only_removed: bool = False) -> dict[str, Any]:
        article = self.article
        return {
            "input": self.input,
            **{name: getattr(article, name) for name in ("title", "byline", "date", "language", "url")},
            "cleaners": list(article.cleaners),
            "scrubber_version": article.scrubber_version,
            "kept": sum(entry.kept for entry in self.entries),
            "removed": self.summary(),
            "blocks": [entry.to_dict() for entry in self.shown(only_removed)],
        }


_STYLE = """
body { font: 16px/1.55 Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } .meta { color: #666; font-size: .9rem; margin-top: 0; }
table.summary { border-collapse: collapse; margin: 1rem 0 1.5rem; font: .9rem/1.4 sans-serif; }
table.summary td, table.summary th { padding: .2rem .8rem .2rem 0; text-align: left; }
.swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .4rem; vertical-align: -.05rem; }
.block { margin: 0 0 .8rem; } .heading { font-weight: bold; font-size: 1.1rem; }
.list_item::before { content: "• "; } .quote { border-left: 3px solid #ccc; padding-left: .8rem; }
.removed { text-decoration: line-through; cursor: help; }
.removed .label { font: .75rem sans-serif; text-decoration: none; display: inline-block; margin-right: .4rem; }
section + section { border-top: 1px solid #ccc; margin-top: 2rem; }
"""


def _colours(explanations: Sequence[Explanation]) -> dict[str, str]:
    names: dict[str, None] = {}
    for explanation in explanations:
        names.update(dict.fromkeys(explanation.summary()))
    return {name: PALETTE[number % len(PALETTE)] for number, name in enumerate(sorted(names))}


def _section(explanation: Explanation, colours: dict[str, str], only_removed: bool) -> str:
    escape = html.escape
    article = explanation.article
    kept = sum(entry.kept for entry in explanation.entries)
    removed = len(explanation.entries) - kept
    facts = [explanation.input, *(value for value in (article.language, article.date) if value)]
    lines = [
        "<section>",
        f"<h1>{escape(article.title or explanation.input)}</h1>",
        f'<p class="meta">{" · ".join(escape(fact) for fact in facts)} · {kept} blocks kept, {removed} removed</p>',
        '<table class="summary"><tr><th>removed by</th><th>blocks</th></tr>',
    ]
    for cleaner, count in explanation.summary().items():
        lines.append(f'<tr data-cleaner="{escape(cleaner)}"><td><span class="swatch" style="background:'
                     f'{colours[cleaner]}"></span>{escape(cleaner)}</td><td>{count}</td></tr>')
    lines.append("</table>")
    for entry in explanation.shown(only_removed):
        text = escape(entry.text)
        if entry.kept:
            lines.append(f'<p class="block kept {entry.kind}">{text}</p>')
        else:
            cleaner = entry.cleaner or ""
            lines.append(
                f'<p class="block removed {entry.kind}" data-cleaner="{escape(cleaner)}" style="color:'
                f'{colours[cleaner]}" title="{escape(cleaner)}: {escape(entry.reason or "")}">'
                f'<span class="label">{escape(cleaner)}</span>{text}</p>'
            )
    lines.append("</section>")
    return "\n".join(lines)


def html_report(explanations: Sequence[Explanation], only_removed: bool = False) -> str:
    """A standalone HTML page explaining one or more documents."""
    colours = _colours(explanations)
    title = "scrubber explain: " + ", ".join(e.article.title or e.input for e in explanations)
    return "\n".join([
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>",
        *(_section(explanation, colours, only_removed) for explanation in explanations),
        "</body>\n</html>\n",
    ])
