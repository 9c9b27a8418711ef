"""Cleaner discovery through entry points, with the example plugin installed in the test environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import scrubber
from scrubber import Config, ConfigError, Page, PluginError
from scrubber.plugins import default_order, describe
from scrubber.version import DISTRIBUTION
from tests.conftest import FIXTURES

SHOUTING = FIXTURES / "text" / "shouting.txt"
BUILT_INS = {
    "controls", "cookie", "credit", "dateline", "donation", "duplicate", "learned", "navigation", "newsletter", "share"
}


def test_built_ins_come_through_the_entry_point_group() -> None:
    assert set(default_order()) >= BUILT_INS
    origins = {info.name: info.origin for info in describe()}
    assert all(origins[name] == DISTRIBUTION for name in BUILT_INS)


def test_example_plugin_is_listed_but_runs_only_when_named() -> None:
    assert "shouting" in default_order(), "install examples/scrubber-shouting (tox does)"
    done = subprocess.run([sys.executable, "-m", "scrubber", "cleaners"], capture_output=True, text=True, check=True)
    listed = {line.split()[0]: line for line in done.stdout.splitlines()}
    assert "scrubber-shouting" in listed["shouting"] and "if named" in listed["shouting"]
    assert all("default" in listed[name] for name in BUILT_INS)
    article = scrubber.scrub(SHOUTING)
    assert "LIMITED OFFER" in article.text
    assert "shouting" not in article.cleaners
    enabled = scrubber.scrub(SHOUTING, enable=["shouting"])
    assert "LIMITED OFFER" not in enabled.text
    assert [r.cleaner for r in enabled.removed if "LIMITED OFFER" in r.text] == ["shouting"]
    assert set(enabled.cleaners) == BUILT_INS | {"shouting"}


def test_plugin_can_be_enabled_chosen_and_configured(tmp_path: Path) -> None:
    only = scrubber.scrub(SHOUTING, cleaners=["shouting"])
    assert "LIMITED OFFER" not in only.text and only.cleaners == ["shouting"]
    config = tmp_path / "scrubber.toml"
    config.write_text('enable = ["shouting"]\n', encoding="utf-8")
    assert "LIMITED OFFER" not in scrubber.scrub(SHOUTING, config=config).text
    config.write_text('enable = ["shouting"]\n[options.shouting]\nmin_words = 10\n', encoding="utf-8")
    assert "LIMITED OFFER" in scrubber.scrub(SHOUTING, config=config).text
    assert "LIMITED OFFER" in scrubber.scrub(SHOUTING, enable=["shouting"], exclude=["shouting"]).text
    done = subprocess.run([sys.executable, "-m", "scrubber", "clean", str(SHOUTING), "--enable", "shouting"],
                          capture_output=True, text=True, check=True)
    assert "LIMITED OFFER" not in done.stdout
    with pytest.raises(PluginError, match="no-such-cleaner"):
        scrubber.scrub(SHOUTING, cleaners=["no-such-cleaner"])
    with pytest.raises(PluginError, match="no-such-cleaner"):
        scrubber.scrub(SHOUTING, enable=["no-such-cleaner"])


class Capitals:
    """A cleaner class of the caller's own, never registered: drops blocks in capitals."""

    name = "capitals"
    description = "Blocks in capitals."

    def __init__(self, min_words: int = 3) -> None:
        self.min_words = min_words

    def judge(self, page: Page) -> list[scrubber.Verdict]:
        return [scrubber.Verdict.remove(s, "capitals") for s in page.segments
                if s.words >= self.min_words and s.text.isupper()]


def test_cleaners_accepts_objects_classes_and_names() -> None:
    for spec in (Capitals(), Capitals):
        article = scrubber.scrub(SHOUTING, cleaners=[spec, "donation"])
        assert [r.cleaner for r in article.removed if "LIMITED OFFER" in r.text] == ["capitals"]
        assert article.cleaners == ["capitals", "donation"]
    configured = scrubber.Scrubber(cleaners=[Capitals], options={"capitals": {"min_words": 50}})
    assert "LIMITED OFFER" in configured.scrub(SHOUTING).text
    with pytest.raises(ConfigError, match="cleaner objects or cleaner classes"):
        scrubber.scrub(SHOUTING, cleaners=[object()])  # type: ignore[list-item]


def test_article_records_the_cleaners_that_ran_and_the_version() -> None:
    article = scrubber.scrub(SHOUTING)
    assert article.cleaners == [name for name in default_order() if name in BUILT_INS]
    assert article.scrubber_version == scrubber.__version__
    row = article.to_dict()
    assert row["cleaners"] == article.cleaners and row["scrubber_version"] == scrubber.__version__


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
    assert "exploding" not in article.cleaners


def test_keep_verdict_protects_a_block() -> None:
    class KeepAll:
        name = "keep-all"
        description = "Protects everything."

        def judge(self, page: Page) -> list[scrubber.Verdict]:
            return [scrubber.Verdict(0, len(page.segments), False, "site rule")]

    engine = scrubber.Scrubber()
    engine.cleaners.append(KeepAll())
    assert "Support The Moscow Times!" in engine.scrub(FIXTURES / "text" / "seed_moscow_times.txt").text
