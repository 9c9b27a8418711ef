"""The distribution is installed under its own name, and every install command in the docs names it
(``scrubber`` on the package index is an unrelated project)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from importlib.metadata import distribution, packages_distributions
from pathlib import Path

import pytest

import scrubber
from scrubber.version import DISTRIBUTION

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted(ROOT.glob("examples/*/README.md"))]
# other projects the docs may tell you to install
OTHERS = {"tox", "datatrove", "pyspark", "s3fs", "gcsfs", "tqdm"}
_INSTALL = re.compile(r"pip install ([^`\n&|;]+)")


def install_targets(text: str) -> list[str]:
    """Every package or path that a ``pip install`` command in ``text`` names (options left out)."""
    targets = []
    for match in _INSTALL.finditer(text):
        words = shlex.split(match.group(1).split("#")[0])
        targets += [word for word in words if not word.startswith("-")]
    return targets


def test_installed_under_its_own_name() -> None:
    installed = distribution(DISTRIBUTION)
    assert installed.metadata["Name"] == DISTRIBUTION
    assert installed.version == scrubber.__version__
    assert DISTRIBUTION in packages_distributions()["scrubber"]
    assert {point.dist.name for point in installed.entry_points if point.dist} == {DISTRIBUTION}


def test_every_install_command_names_the_distribution() -> None:
    named = []
    for document in DOCUMENTS:
        for target in install_targets(document.read_text(encoding="utf-8")):
            if target.startswith((".", "/")):
                continue  # a checkout or the example plugin
            name = re.split(r"[\[<>=!~ ]", target)[0].lower()
            assert name == DISTRIBUTION or name in OTHERS, f"{document.name}: pip install {target}"
            named.append(name)
    assert DISTRIBUTION in named


def test_the_example_plugin_depends_on_the_distribution() -> None:
    project = tomllib.loads((ROOT / "examples" / "scrubber-shouting" / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["dependencies"] == [DISTRIBUTION]


def test_install_targets_reads_commands() -> None:
    text = 'run `pip install -q "scrubber[dask]" ./x` and\npython3 -m pip install tox && tox'
    assert install_targets(text) == ["scrubber[dask]", "./x", "tox"]


def test_a_missing_extra_names_the_distribution(monkeypatch: pytest.MonkeyPatch) -> None:
    from scrubber.distributed import warc_bag

    monkeypatch.setitem(sys.modules, "dask.bag", None)  # as if the dask extra were not installed
    with pytest.raises(ImportError, match=re.escape('pip install "scrubber-news[dask]"')):
        warc_bag(["crawl.warc.gz"])
    done = subprocess.run([sys.executable, "-c", "import sys; sys.modules['datatrove.data'] = None; "
                           "import scrubber.datatrove_step"], capture_output=True, text=True)
    assert 'pip install "scrubber-news[datatrove]"' in done.stderr
