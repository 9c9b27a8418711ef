"""Cleaner discovery through entry points, with the example plugin installed in the test environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import scrubber
from scrubber import Config, Page, PluginError
from scrubber.plugins import default_order, describe
from scrubber.version import DISTRIBUTION
from tests.conftest import FIXTURES

SHOUTING = FIXTURES / "text" / "shouting.txt"
BUILT_INS = {"controls", "cookie", "credit", "dateline", "donation", "duplicate", "navigation", "newsletter", "share"}


def test_built_ins_come_through_the_entry_point_group() -> None:
    assert set(default_order()) >= BUILT_INS
    origins = {info.name: info.origin for info in describe()}
    assert all(origins[name] == DISTRIBUTION for name in BUILT_INS)


def test_example_plugin_is_discovered_and_acts() -> None:
    assert "shouting" in default_order(), "install examples/scrubber-shouting (tox does)"
    done = subprocess.run([sys.executable, "-m", "scrubber", "cleaners"], capture_output=True, text=True, check=True)
    assert any(line.startswith("shouting") and "scrubber-shouting" in line for line in done.stdout.splitlines())
    article = scrubber.scrub(SHOUTING)
    assert "LIMITED OFFER" not in article.text
    assert [r.cleaner for r in article.removed if "LIMITED OFFER" in r.text] == ["shouting"]


def test_plugin_can_be_disabled_chosen_and_configured(tmp_path: Path) -> None:
    assert "LIMITED OFFER" in scrubber.scrub(SHOUTING, exclude=["shouting"]).text
    only = scrubber.scrub(SHOUTING, cleaners=["shouting"])
    assert "LIMITED OFFER" not in only.text
    config = tmp_path / "scrubber.toml"
    config.write_text("[options.shouting]\nmin_words = 10\n", encoding="utf-8")
    assert "LIMITED OFFER" in scrubber.scrub(SHOUTING, config=config).text
    with pytest.raises(PluginError):
        scrubber.scrub(SHOUTING, cleaners=["no-such-cleaner"])


class Exploding:
    name = "exploding"
    description = "Always fails."

    def judge(self, page: Page) -> list[object]:
        raise RuntimeError("boom")


def test_a_failing_cleaner_is_reported_and_skipped() -> None:
    engine = scrubber.Scrubber(config=Config())
    engine.cleaners.insert(0, Exploding())  # type: ignore[arg-type]
    article = engine.scrub(SHOUTING)
    assert article.body and any("exploding" in warning and "boom" in warning for warning in article.warnings)


def test_keep_verdict_protects_a_block() -> None:
    class KeepAll:
        name = "keep-all"
        description = "Protects everything."

        def judge(self, page: Page) -> list[scrubber.Verdict]:
            return [scrubber.Verdict(0, len(page.segments), False, "site rule")]

    engine = scrubber.Scrubber()
    engine.cleaners.append(KeepAll())
    assert "Support The Moscow Times!" in engine.scrub(FIXTURES / "text" / "seed_moscow_times.txt").text
