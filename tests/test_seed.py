"""The user's own example: the first acceptance case."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import FIXTURES

SEED = FIXTURES / "text" / "seed_moscow_times.txt"
TITLE = "Syria Leader Stresses \u2018Strong Strategic Ties\u2019 in Call With Russia\u2019s Putin"
BOILERPLATE = {
    "Support The Moscow Times!": "donation",
    "kremlin.ru": "credit",
    "Sign up for our free weekly newsletter": "newsletter",
    "Our weekly newsletter contains": "newsletter",
    "Subscribers agree to the Privacy Policy": "newsletter",
    "A Message from The Moscow Times:": "donation",
    "Dear readers,": "donation",
    "We are facing unprecedented challenges.": "donation",
    "By supporting The Moscow Times": "donation",
    "Once": "donation",
    "Monthly": "donation",
    "Annual": "donation",
    "Continue": "donation",
    "paiment methods": "donation",
    "Not ready to support today?": "donation",
    "Remind me later.": "donation",
    "Read more": "navigation",
}


def run_cli() -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "scrubber", "clean", str(SEED), "--format", "json"],
        capture_output=True, text=True, check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_seed_through_the_cli() -> None:
    article = run_cli()
    assert article["title"] == TITLE
    assert article["byline"] is None
    body = article["body"]
    assert isinstance(body, list)
    assert len(body) == 19
    assert body[0]["text"].startswith("Syria's interim leader Ahmed al-Sharaa emphasized")
    assert body[-1]["text"].endswith("urging Sharaa to expel Russia from the country.")
    assert [i for i, block in enumerate(body) if block["kind"] == "heading"] == [10]
    assert body[10]["text"] == "'Building a new Syria'"
    assert all(block["kind"] == "paragraph" for i, block in enumerate(body) if i != 10)
    assert any("in support of the unity, sovereignty" in block["text"] for block in body)


def test_seed_body_is_the_dump_text_unchanged() -> None:
    article = run_cli()
    source = [" ".join(chunk.split()) for chunk in SEED.read_text(encoding="utf-8").split("\n\n")]
    start = next(i for i, chunk in enumerate(source) if chunk.startswith("Syria's interim leader"))
    assert [block["text"] for block in article["body"]] == source[start : start + 19]  # type: ignore[union-attr]


def test_seed_removals_name_cleaner_and_reason() -> None:
    removed = run_cli()["removed"]
    assert isinstance(removed, list)
    for text, cleaner in BOILERPLATE.items():
        hits = [item for item in removed if item["text"].startswith(text)]
        assert hits, f"{text!r} not recorded as removed"
        assert hits[0]["cleaner"] == cleaner, hits[0]
        assert len(hits[0]["reason"]) > 10
