"""`explain` as text, JSON and an HTML report; the report is checked in a real browser (headless
Chromium, where one is installed) on what it lays out."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

import scrubber
from scrubber.report import Explanation
from tests.conftest import FIXTURES

DUMP = FIXTURES / "text" / "seed_moscow_times.txt"
PAGE = FIXTURES / "html" / "article_with_residue.html"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Run in the browser after layout: what it drew, for the test to read back from the dumped DOM.
MEASURE = """
<script>
window.addEventListener("load", () => {
  const box = (element) => element.getBoundingClientRect();
  const blocks = [...document.querySelectorAll("p.block")].map((element) => ({
    kept: element.classList.contains("kept"),
    cleaner: element.dataset.cleaner || null,
    title: element.title,
    decoration: getComputedStyle(element).textDecorationLine,
    colour: getComputedStyle(element).color,
    width: box(element).width, height: box(element).height, top: box(element).top,
  }));
  const summary = document.querySelector("table.summary");
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({blocks, summaryBottom: box(summary).bottom,
                                    summaryRows: summary.querySelectorAll("tr[data-cleaner]").length});
  document.body.appendChild(out);
});
</script>
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrubber", *args], capture_output=True, text=True)


def explanation(path: Path) -> Explanation:
    return Explanation.of(str(path), *scrubber.Scrubber().explain(path))


@pytest.mark.parametrize("path", [DUMP, PAGE], ids=["dump", "html"])
def test_entries_account_for_body_and_removed(path: Path) -> None:
    found = explanation(path)
    kept = [entry.text for entry in found.entries if entry.kept]
    removed = [(entry.text, entry.cleaner) for entry in found.entries if not entry.kept]
    assert kept == [block.text for block in found.article.body]
    assert sorted(removed) == sorted((item.text, item.cleaner) for item in found.article.removed)


def test_json_and_only_removed_for_several_paths() -> None:
    done = run("explain", str(DUMP), str(PAGE), "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["input"] for row in rows] == [str(DUMP), str(PAGE)]
    for row, path in zip(rows, (DUMP, PAGE), strict=True):
        article = scrubber.scrub(path)
        assert row["kept"] == len(article.body)
        assert sum(row["removed"].values()) == len(article.removed)
        assert row["cleaners"] == article.cleaners
    assert rows[0]["removed"]["donation"] >= 1 and rows[1]["removed"]["dom"] >= 1
    only = json.loads(run("explain", str(DUMP), "--format", "json", "--only-removed").stdout)
    assert only["blocks"] and not any(block["kept"] for block in only["blocks"])
    text = run("explain", str(DUMP), str(PAGE), "--only-removed", "--no-color").stdout.splitlines()
    assert [line for line in text if line.startswith("==> ")] == [f"==> {DUMP} <==", f"==> {PAGE} <=="]
    assert not any(line.startswith("  + ") for line in text) and any(line.startswith("  - ") for line in text)


def test_a_failing_path_is_one_line_and_the_rest_is_explained(tmp_path: Path) -> None:
    done = run("explain", str(tmp_path / "missing.txt"), str(DUMP), "--format", "json")
    assert done.returncode == 1 and "missing.txt" in done.stderr and "Traceback" not in done.stderr
    assert json.loads(done.stdout)["input"] == str(DUMP)


def test_html_report_structure(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    done = run("explain", str(DUMP), str(PAGE), "--html", str(report))
    assert done.returncode == 0 and done.stdout == ""
    document = lxml.html.parse(str(report)).getroot()
    sections = document.findall(".//section")
    assert len(sections) == 2
    for section, path in zip(sections, (DUMP, PAGE), strict=True):
        article = scrubber.scrub(path)
        removed = section.xpath(".//p[contains(@class, 'removed')]")
        assert len(removed) == len(article.removed)
        assert len(section.xpath(".//p[contains(@class, 'kept')]")) == len(article.body)
        entries = [entry for entry in explanation(path).entries if not entry.kept]
        assert [element.get("title") for element in removed] == [f"{e.cleaner}: {e.reason}" for e in entries]
        rows = section.xpath(".//tr[@data-cleaner]")
        assert sum(int(row.xpath("string(td[2])")) for row in rows) == len(article.removed)
    api = scrubber.Scrubber().explain_html(DUMP, only_removed=True)
    assert "Support The Moscow Times!" in api and 'class="block kept' not in api


def browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def test_html_report_as_a_browser_lays_it_out(tmp_path: Path) -> None:
    executable = browser()
    if executable is None:
        pytest.skip("no Chromium or Chrome installed (apt-get install chromium)")
    page = tmp_path / "report.html"
    page.write_text(scrubber.Scrubber().explain_html(DUMP).replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    done = subprocess.run(
        [executable, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
         "--window-size=1000,3000", "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    dom = lxml.html.fromstring(done.stdout)
    measured = json.loads(dom.get_element_by_id("measured").text_content())
    blocks = measured["blocks"]
    article = scrubber.scrub(DUMP)
    assert measured["summaryRows"] == len({item.cleaner for item in article.removed})
    assert len(blocks) == len(article.body) + len(article.removed)
    assert all(block["width"] > 0 and block["height"] > 0 for block in blocks)  # every block is drawn
    assert all(block["top"] >= measured["summaryBottom"] for block in blocks)  # the summary is on top
    for block in blocks:
        assert ("line-through" in block["decoration"]) == (not block["kept"])
    colours: dict[str, set[str]] = {}
    for block in blocks:
        if not block["kept"]:
            colours.setdefault(block["cleaner"], set()).add(block["colour"])
            assert block["title"].startswith(block["cleaner"] + ": ")
    assert all(len(found) == 1 for found in colours.values())  # one colour per cleaner ...
    assert len(set.union(*colours.values())) == len(colours)  # ... and a different one for each
