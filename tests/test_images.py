"""``include_images``: the main content's images as "image" blocks in their place, with absolute sources,
alt text and captions; tracking pixels, icons and data: URIs left out with a reason; every output format;
the library, the command line and the configuration file; nothing changes when it is off."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

import scrubber
from scrubber.article import Block
from scrubber.extract.images import catalogue_images
from scrubber.report import Explanation
from tests.conftest import FIXTURES

SEALS = FIXTURES / "images" / "seals.html"  # figures with captions, lazy-loading, a tracking pixel, an icon
SEALS_URL = "https://news.example.org/nature/2024/seals.html"
TRAIN = FIXTURES / "images" / "lead_picture.html"  # <base href>, an image above the headline, data: URIs
LEAD = "https://news.example.org/nature/2024/images/seals-sandbank.jpg"
PUP = "https://cdn.example.org/img/pup-800.jpg"
MAP = "https://news.example.org/img/river-map.png"


def images(article: scrubber.Article) -> list[Block]:
    return [block for block in article.body if block.kind == "image"]


def layout(article: scrubber.Article) -> list[str]:
    """The body as a list of kinds, images by their source."""
    return [block.src or "" if block.kind == "image" else block.kind for block in article.body]


def test_images_are_off_by_default_and_change_no_text() -> None:
    off = scrubber.scrub(SEALS, url=SEALS_URL)
    on = scrubber.scrub(SEALS, url=SEALS_URL, include_images=True)
    assert not images(off) and all("src" not in block for block in off.to_dict()["body"])
    assert [block for block in on.body if block.kind != "image"] == off.body
    assert on.text == off.text and "![" not in off.markdown and "<img" not in off.to_html()


def test_images_of_the_content_come_in_their_place_with_alt_and_caption() -> None:
    article = scrubber.scrub(SEALS, url=SEALS_URL, include_images=True)
    assert layout(article) == ["paragraph", LEAD, "paragraph", "paragraph", PUP, "paragraph", MAP, "paragraph"]
    lead, pup, river_map = images(article)
    assert (lead.alt, lead.caption) == ("Seals resting on a sandbank",
                                        "Seals resting on the northern sandbank at low tide. Photo: Jane Doe")
    assert (pup.alt, pup.caption) == ("A seal pup", "A pup born this spring.")  # data-src, not the data: placeholder
    assert (river_map.alt, river_map.caption) == ("Map of the estuary", None)
    assert lead.to_dict() == {"kind": "image", "text": "", "src": LEAD, "alt": "Seals resting on a sandbank",
                              "caption": "Seals resting on the northern sandbank at low tide. Photo: Jane Doe"}
    left_out = {item.text: item.reason for item in article.removed if item.kind == "image"}
    assert left_out == {"https://tracker.example.com/pixel.gif?id=42": "a tracking pixel or spacer (1×1)",
                        "https://news.example.org/static/icons/share-icon.svg": "an icon"}
    assert {item.cleaner for item in article.removed if item.kind == "image"} == {"include_images"}
    assert "logo.png" not in json.dumps(article.to_dict())  # the header's logo is not the content's


def test_relative_sources_stay_relative_without_a_page_url() -> None:
    article = scrubber.scrub(SEALS, include_images=True)
    assert [block.src for block in images(article)] == ["images/seals-sandbank.jpg", PUP, "/img/river-map.png"]


def test_base_href_lazy_attributes_data_uris_and_an_image_above_the_headline() -> None:
    article = scrubber.scrub(TRAIN, include_images=True)
    assert layout(article) == ["https://media.example.net/rail/night-train-640.jpg", "paragraph", "paragraph",
                               "https://media.example.net/rail/cabin-interior.jpg", "paragraph",
                               "https://media.example.net/rail/dining-car-1200.jpg", "paragraph"]  # srcset: largest
    assert images(article)[-1].caption == "Breakfast is served from six."
    assert article.title == "The night train to the coast is back"  # and still taken out of the body
    assert any(item.reason == "repeats the headline" for item in article.removed)
    reasons = {item.reason for item in article.removed if item.kind == "image"}
    assert reasons == {"an inline data: URI, not a link to an image", "a tracking pixel or spacer"}
    assert article.text == scrubber.scrub(TRAIN).text


def test_markdown_shows_images_and_captions() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    article = scrubber.scrub(SEALS, url=SEALS_URL, include_images=True)
    assert f"![Seals resting on a sandbank]({LEAD})\n*Seals resting on the northern sandbank" in article.markdown
    page = lxml.html.fragment_fromstring(markdown_it.MarkdownIt("commonmark").render(article.markdown),
                                         create_parent="div")
    assert [(image.get("src"), image.get("alt")) for image in page.iter("img")] == [
        (LEAD, "Seals resting on a sandbank"), (PUP, "A seal pup"), (MAP, "Map of the estuary")]
    assert page.xpath("//p[img]/em/text()") == ["Seals resting on the northern sandbank at low tide. Photo: Jane Doe",
                                                "A pup born this spring."]


def test_html_shows_figures_and_a_caption_asked_for_twice_once() -> None:
    article = scrubber.scrub(SEALS, url=SEALS_URL, include_images=True, include_captions=True)
    assert [block.kind for block in article.body][1:3] == ["image", "caption"]  # both switches: both blocks ...
    page = lxml.html.document_fromstring(article.to_html())
    figures = page.findall(".//figure")
    assert [figure.find("img").get("src") for figure in figures] == [LEAD, PUP, MAP]
    assert [figure.findtext("figcaption") for figure in figures] == [
        "Seals resting on the northern sandbank at low tide. Photo: Jane Doe", "A pup born this spring.", None]
    assert "A pup born this spring." not in [p.text_content() for p in page.iter("p")]  # ... the caption shown once
    assert article.markdown.count("A pup born this spring.") == 1


def clean(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "scrubber", "clean", str(SEALS), "--url", SEALS_URL, *args],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done


def test_the_command_line_switch_in_every_format() -> None:
    as_json = json.loads(clean("--images", "--format", "json").stdout)
    assert as_json == scrubber.scrub(SEALS, url=SEALS_URL, include_images=True).to_dict()
    assert [block["src"] for block in as_json["body"] if block["kind"] == "image"] == [LEAD, PUP, MAP]
    assert f"![A seal pup]({PUP})" in clean("--images", "--format", "markdown").stdout
    assert f'<figure><img src="{PUP}" alt="A seal pup"><figcaption>' in clean("--images", "--format", "html").stdout
    text = clean("--images", "--format", "text").stdout
    assert text == clean("--format", "text").stdout and "http" not in text  # plain text leaves images out
    assert "<img" not in clean("--images", "--no-images", "--format", "html").stdout


def test_the_configuration_file_switches_images_on(tmp_path: Path) -> None:
    config = tmp_path / "scrubber.toml"
    config.write_text("include_images = true\n", encoding="utf-8")
    assert [block.src for block in images(scrubber.scrub(SEALS, url=SEALS_URL, config=config))] == [LEAD, PUP, MAP]
    assert not images(scrubber.scrub(SEALS, config=config, include_images=False))
    assert '"kind": "image"' in clean("--config", str(config), "--format", "json").stdout


def test_an_image_goes_with_the_text_around_it() -> None:
    page = (b"<html><body><article><p>" + b"The council met on Tuesday to discuss the harbour. " * 8 + b"</p>"
            b"<figure><img src='/harbour.jpg' alt='The harbour'></figure><p>"
            + b"Residents spoke for an hour about the plans for the old quay. " * 8 + b"</p></article></body></html>")
    engine = scrubber.Scrubber(include_images=True)
    assert [block.kind for block in engine.scrub(page).body] == ["paragraph", "image", "paragraph"]
    article = scrubber.scrub(page, include_images=True, target_language="de")  # every text block removed
    assert not article.body
    assert [(item.text, item.cleaner) for item in article.removed if item.kind == "image"] == [
        ("/harbour.jpg", "target_language")]


def test_explain_shows_the_images_kept_and_left_out() -> None:
    article, judged = scrubber.Scrubber(include_images=True).explain(SEALS, url=SEALS_URL)
    entries = Explanation.of("seals", article, judged).entries
    kept = [entry.text if entry.kind == "image" else entry.kind for entry in entries if entry.kept]
    assert kept == layout(article)
    shown = subprocess.run([sys.executable, "-m", "scrubber", "explain", str(SEALS), "--images", "--only-removed"],
                           capture_output=True, text=True).stdout
    assert "  - include_images https://tracker.example.com/pixel.gif?id=42\n" in shown


@pytest.mark.parametrize("image, src, left_out", [
    ('<img src="a.jpg" srcset="a.jpg 1x, a@2x.jpg 2x">', "https://site.example/news/a.jpg", None),
    ('<img srcset="a.jpg 1x, a@2x.jpg 2x">', "https://site.example/news/a@2x.jpg", None),
    ('<img src="blank.gif" data-original="//cdn.example/b.jpg">', "https://cdn.example/b.jpg", None),
    ('<img src="x.png" style="width:1px;height:1px">', "https://site.example/news/x.png",
     "a tracking pixel or spacer (1×1)"),
    ('<img src="/t.gif" width="0" height="0">', "https://site.example/t.gif", "a tracking pixel or spacer (0×0)"),
    ('<img src="/ui/arrow.png" width="16" height="16">', "https://site.example/ui/arrow.png", "an icon (16×16)"),
    ('<img src="/favicon.ico">', "https://site.example/favicon.ico", "an icon"),
    ('<img src="/blank-map-of-europe.jpg">', "https://site.example/blank-map-of-europe.jpg", None),
    ('<img src="data:image/gif;base64,R0lGOD">', "data:image/gif;base64,…",
     "an inline data: URI, not a link to an image"),
])
def test_what_an_img_element_shows(image: str, src: str, left_out: str | None) -> None:
    tree = lxml.html.document_fromstring(f"<html><body><p>{image}</p></body></html>")
    (found,) = catalogue_images(tree, "https://site.example/news/story.html")
    assert (found.src, found.left_out) == (src, left_out)
    assert tree.find(".//img").get("src") == "https://scrubber.invalid/image/0.png"  # the token trafilatura sees
