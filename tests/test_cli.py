"""The command line as a user meets it: explain shows every removal, fetch lists with bad lines, many
articles as text, and the API's path-like str warning and scrub_many's cleaner choice."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import scrubber
from tests.conftest import FIXTURES
from tests.test_fetch import server  # noqa: F401  # the real HTTP server on 127.0.0.1

SITE_PAGE = FIXTURES / "sites" / "harbour_news.html"
SITE_RULES = FIXTURES / "sites" / "coastal.toml"
SHOUTING = FIXTURES / "text" / "shouting.txt"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrubber", *args], capture_output=True, text=True)


def test_explain_shows_per_site_drops() -> None:
    done = run("explain", str(SITE_PAGE), "--config", str(SITE_RULES), "--no-color")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("- site"))
    assert "Today only: two tickets" in lines[at] and "'.ccx-strip'" in lines[at + 1]


def test_fetch_list_with_a_bad_line_gives_one_error_row_each(server: str, tmp_path: Path) -> None:  # noqa: F811
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# a comment\n{server}/article\nnot a url\n{server}/missing\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = run("fetch", f"@{urls}", "--allow-private", "--format", "jsonl", "-o", str(out), "-q")
    assert done.returncode == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [row["input"] for row in rows] == [f"{server}/article", "not a url", f"{server}/missing"]
    assert rows[0]["title"] == "Port Strike Ends After Nine Days"
    assert rows[1]["error"] == {"type": "InputError", "message": "not a url: not an http(s) URL"}
    assert rows[2]["error"]["type"] == "FetchError"


def test_private_host_refusal_names_the_cli_flag(server: str) -> None:  # noqa: F811
    done = run("fetch", f"{server}/article", "-q")
    assert done.returncode == 1 and "--allow-private" in done.stderr


def test_many_articles_as_text_are_told_apart() -> None:
    paths = [str(FIXTURES / "text" / "bylined.txt"), str(FIXTURES / "text" / "french_appeal.txt")]
    for output_format in ("text", "markdown"):
        done = run("clean", *paths, "--format", output_format)
        assert done.returncode == 0, done.stderr
        headers = [line for line in done.stdout.splitlines() if line.startswith("==> ")]
        assert headers == [f"==> {path} <==" for path in paths]
    single = run("clean", paths[0])
    assert not single.stdout.startswith("==> ")


def test_scrub_many_takes_cleaners_exclude_and_enable() -> None:
    default = next(scrubber.scrub_many([SHOUTING])).article
    assert default is not None and "LIMITED OFFER" in default.text
    for row in (next(scrubber.scrub_many([SHOUTING], enable=["shouting"])),
                next(scrubber.scrub_many([SHOUTING], cleaners=["shouting"], workers=2))):
        assert row.article is not None and "LIMITED OFFER" not in row.article.text
    excluded = next(scrubber.scrub_many([FIXTURES / "text" / "seed_moscow_times.txt"], exclude=["donation"]))
    assert excluded.article is not None and "donation" not in excluded.article.cleaners


@pytest.mark.parametrize("source", ["page.html", "https://example.com/news/1", str(SHOUTING)])
def test_a_str_that_looks_like_a_path_or_url_is_warned_about(source: str) -> None:
    with pytest.warns(UserWarning, match="looks like a path or URL") as caught:
        scrubber.scrub(source)
    assert caught[0].filename == __file__  # the warning points at the caller's line
    with pytest.warns(UserWarning, match="pathlib.Path"):
        scrubber.Scrubber().scrub(source)


def test_content_is_not_warned_about() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scrubber.scrub(SHOUTING.read_text(encoding="utf-8"))
        scrubber.scrub("A short note about the port of Hull.")
