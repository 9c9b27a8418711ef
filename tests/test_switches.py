"""The switches of what an article keeps, alike in code, on the command line and in the configuration file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import scrubber
from scrubber import Config, ConfigError
from tests.conftest import FIXTURES

PAGE = FIXTURES / "render" / "formatted.html"
FRENCH = FIXTURES / "text" / "french_appeal.txt"


def kinds(article: scrubber.Article) -> set[str]:
    return {block.kind for block in article.body}


def test_tables_can_be_left_out_and_are_accounted_for() -> None:
    assert "table_row" in kinds(scrubber.scrub(PAGE))
    article = scrubber.scrub(PAGE, include_tables=False)
    assert "table_row" not in kinds(article) and "list_item" in kinds(article)
    rows = [item for item in article.removed if item.cleaner == "include_tables"]
    assert [item.text for item in rows] == ["Month | Highest tide", "January | 6.1 m", "February | 6.4 m"]


def test_target_language_keeps_only_pages_in_it() -> None:
    assert scrubber.scrub(FRENCH, target_language="fr").body
    article = scrubber.scrub(FRENCH, target_language="EN")
    assert article.language == "fr" and not article.body
    assert article.removed and {item.cleaner for item in article.removed} >= {"target_language"}
    assert any("not the target language 'en'" in warning for warning in article.warnings)


def test_the_configuration_file_sets_every_switch(tmp_path: Path) -> None:
    path = tmp_path / "scrubber.toml"
    path.write_text('include_comments = true\ninclude_tables = false\ninclude_links = false\n'
                    'include_images = true\nfavor = "recall"\ntarget_language = "en"\n', encoding="utf-8")
    engine = scrubber.Scrubber(config=path)
    assert engine.config == Config(include_comments=True, include_tables=False, include_links=False,
                                   include_images=True, favor="recall", target_language="en")
    assert scrubber.Scrubber(config=path, include_tables=True, favor="balanced").config.include_tables
    assert "table_row" not in kinds(engine.scrub(PAGE))


@pytest.mark.parametrize("text, key", [('favor = "speed"', "favor"), ("include_tables = 1", "include_tables"),
                                       ('target_language = "english"', "target_language")])
def test_bad_switch_values_are_config_errors(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "scrubber.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=key):
        scrubber.Scrubber(config=path)
    with pytest.raises(ConfigError, match="favor"):
        scrubber.scrub(PAGE, favor="speed")  # type: ignore[arg-type]


def test_the_command_line_sets_the_switches(tmp_path: Path) -> None:
    def clean(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "scrubber", "clean", str(PAGE), "--format", "json", *args],
                              capture_output=True, text=True)

    done = clean("--no-tables", "--favor", "recall", "--no-links", "--comments", "--images")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == scrubber.scrub(PAGE, include_tables=False, favor="recall",
                                                     include_links=False).to_dict()
    other = clean("--target-language", "de")
    assert json.loads(other.stdout)["body"] == []
    wrong = clean("--target-language", "deutsch")
    assert wrong.returncode != 0 and "target_language" in wrong.stderr and "Traceback" not in wrong.stderr


def test_favor_reaches_the_extraction() -> None:
    section_front = FIXTURES / "html" / "section_front.html"
    assert scrubber.scrub(section_front).text  # balanced keeps the front's few lines ...
    assert scrubber.scrub(section_front, favor="precision").text == ""  # ... precision leaves them out
    assert Config().favor == "balanced"
