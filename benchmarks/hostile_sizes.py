"""Time pathological pages within the default limits: each must finish in a few seconds on one core or
be refused early with a typed error (issue 16). Run: python benchmarks/hostile_sizes.py [--only NAME]."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import scrubber

SENTENCE = "Officials said the new rules would take effect next month after a long review. "


def _page(body: str) -> str:
    return f"<html><head><title>Big page</title></head><body>{body}</body></html>"


# Each HTML shape is built with as many elements as the default limit allows (N), the worst case it lets in.
N = scrubber.Config().max_nodes - 10
PAGES: dict[str, Callable[[], str | bytes]] = {
    "paragraphs": lambda: _page("".join(f"<p>{SENTENCE} {i}</p>" for i in range(N))),
    "short_paragraphs": lambda: _page("<p>word</p>" * N),
    "table_rows": lambda: _page("<table>" + "<tr><td>cell</td><td>1</td></tr>" * (N // 3) + "</table>"),
    "table_rows_1cell": lambda: _page("<table>" + "<tr><td>a table cell</td></tr>" * (N // 2) + "</table>"),
    "links": lambda: _page("<p>" + "".join(f'<a href="/l{i}">link {i}</a> ' for i in range(N)) + "</p>"),
    "list_items": lambda: _page("<ul>" + "<li>an item of a list</li>" * N + "</ul>"),
    "nested_divs": lambda: _page("<div>" * N + "<p>deep</p>" + "</div>" * N),
    "spans": lambda: _page("<p>" + "<span>w</span> " * N + "</p>"),
    "divs_of_text": lambda: _page(f"<div>{SENTENCE}</div>" * N),
    "wrapped_short_paragraphs": lambda: _page("<div><p>w</p></div>" * (N // 2)),
    "many_attributes": lambda: _page(("<div " + " ".join(f'a{i}="v"' for i in range(500)) + "><p>x</p></div>") * 4000),
    "attributes_at_limit": lambda: _page(("<div " + " ".join(f'a{i}="v"' for i in range(500)) + "><p>x</p></div>")
                                         * (4 * N // 500)),
    "one_huge_tag": lambda: _page("<div " + " ".join(f"a{i}" for i in range(200_000)) + "><p>x</p></div>"),
    "segment_names": lambda: _page("<p>" + "S:" * 2_500_000 + "</p>"),  # "S:" opens the ids of React segments
    "headings": lambda: _page("<h2>A heading here</h2>" * N),
    "over_the_limit": lambda: _page("<p>x</p>" * (N + 20)),
    "text_lines": lambda: "\n".join(f"{SENTENCE} {i}" for i in range(200_000)),
    "text_blank_lines": lambda: "\n\n".join(f"{SENTENCE} {i}" for i in range(200_000)),
    "one_line": lambda: "word " * 4_000_000,
    "markdown_links": lambda: "\n".join(f"[link {i}](http://x/{i}) and text" for i in range(200_000)),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", action="append")
    args = parser.parse_args()
    engine = scrubber.Scrubber()
    for name, make in PAGES.items():
        if args.only and name not in args.only:
            continue
        page = make()
        start = time.process_time()
        try:
            article = engine.scrub(page)
            outcome = f"{len(article.body)} blocks"
        except scrubber.ScrubberError as error:
            outcome = f"{type(error).__name__}: {str(error)[:60]}"
        print(f"{name:<18}{len(page) / 1e6:6.1f} MB  {time.process_time() - start:6.2f} s cpu  {outcome}", flush=True)


if __name__ == "__main__":
    main()
