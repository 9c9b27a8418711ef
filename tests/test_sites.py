"""Per-site rules: CSS/XPath selectors that drop or keep elements, and extra phrases, applied when the
page's URL (given, or its canonical link) is on the site's domain or a subdomain."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import scrubber
from scrubber import Config, ConfigError, SiteRules
from tests.conftest import FIXTURES

PAGE = FIXTURES / "sites" / "harbour_news.html"
RULES = FIXTURES / "sites" / "coastal.toml"
PROMO = "Today only: two tickets"
FACT = "The wall is 180 metres long and was first built in 1872."


def body_texts(article: scrubber.Article) -> list[str]:
    return [block.text for block in article.body]


def test_without_rules_the_promo_stays_and_the_facts_box_goes() -> None:
    article = scrubber.scrub(PAGE)
    assert any(text.startswith(PROMO) for text in body_texts(article))
    assert FACT not in body_texts(article)


def test_rules_from_a_file_drop_by_css_and_keep_by_xpath() -> None:
    article = scrubber.scrub(PAGE, config=RULES)
    texts = body_texts(article)
    assert not any(text.startswith(PROMO) for text in texts)
    dropped = [item for item in article.removed if item.text.startswith(PROMO)]
    assert dropped and dropped[0].cleaner == "site" and "'.ccx-strip'" in dropped[0].reason
    assert texts[2:5] == ["Key facts", FACT, "Repairs cost 2.4 million pounds, paid by the regional flood fund."]
    assert [block.kind for block in article.body][2:5] == ["heading", "list_item", "list_item"]


def test_rules_apply_to_the_domain_of_the_canonical_url_only() -> None:
    elsewhere = Config(sites=(SiteRules("other.example", drop=(".ccx-strip",)),))
    assert any(text.startswith(PROMO) for text in body_texts(scrubber.scrub(PAGE, config=elsewhere)))
    parent = Config(sites=(SiteRules("coastal-courier.example", drop=(".ccx-strip",)),))
    assert not any(text.startswith(PROMO) for text in body_texts(scrubber.scrub(PAGE, config=parent)))


def test_site_phrases_extend_a_category() -> None:
    phrases = {"donation": ("summer fair", "front desk of our office")}
    rules = Config(sites=(SiteRules("coastal-courier.example", phrases=phrases),))
    article = scrubber.scrub(PAGE, config=rules)
    dropped = [item for item in article.removed if item.text.startswith(PROMO)]
    assert dropped and dropped[0].cleaner == "donation"


def test_the_cli_takes_the_same_rules() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scrubber", "clean", str(PAGE), "--config", str(RULES), "--format", "json"],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(done.stdout) == scrubber.scrub(PAGE, config=RULES).to_dict()


@pytest.mark.parametrize("selector", ["div[", "//div[", "(("])
def test_a_bad_selector_is_a_config_error(tmp_path: Path, selector: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(f'[sites."example.com"]\ndrop = [{json.dumps(selector)}]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="selector"):
        scrubber.Scrubber(config=config)
