"""Every code block of the README and docs/ runs, so that the docs cannot drift from the code: python
blocks are executed (a file's blocks in one namespace, as ``__main__``), shell commands of scrubber
are run, TOML configuration is read by the real parser, and where a block is followed by a ``text``
block that shows its output, the output must be that. All in a folder holding the files the docs name."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scrubber.config import parse_config
from tests.conftest import FIXTURES
from tests.test_batch import make_warc

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```\n(?:\n```text\n(.*?)^```\n)?", re.MULTILINE | re.DOTALL)
# Shell lines not run here: installs (checked by test_distribution.py), the network, the test runner itself.
NOT_RUN = re.compile(r"pip install|python3 -m tox|scrubber fetch|^chromium")
# Modules a block may need that the test environment need not have: such a block is skipped.
OPTIONAL = {"pyspark"}


def blocks(document: Path, language: str) -> list[tuple[str, str | None]]:
    """The code of every ``language`` block of ``document``, each with the output shown after it."""
    text = document.read_text(encoding="utf-8")
    return [(m.group(2), m.group(3)) for m in _BLOCK.finditer(text) if m.group(1) == language]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the files the docs name, and the repository's tests/ for the README's paths."""
    folder = tmp_path_factory.mktemp("docs")
    shutil.copy(FIXTURES / "html" / "article_with_residue.html", folder / "page.html")
    shutil.copy(FIXTURES / "text" / "bylined.txt", folder / "dump.txt")
    (folder / "pages").mkdir()
    for name in ("article_with_residue.html", "live_blog.html"):
        shutil.copy(FIXTURES / "html" / name, folder / "pages" / name)
    make_warc(folder / "crawl.warc.gz")
    (folder / "tests").symlink_to(ROOT / "tests")
    return folder


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if blocks(d, "python")], ids=lambda d: d.name)
def test_python_blocks_run(document: Path, sandbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(sandbox)
    namespace: dict[str, object] = {"__name__": "__main__"}
    for number, (code, shown) in enumerate(blocks(document, "python")):
        output = io.StringIO()
        try:
            with contextlib.redirect_stdout(output):
                exec(compile(code, f"{document.name}, python block {number + 1}", "exec"), namespace)
        except ImportError as error:
            if error.name not in OPTIONAL:
                raise
            continue
        if shown is not None:
            assert output.getvalue() == shown, f"{document.name}, python block {number + 1}: output differs"


def shell_lines(document: Path) -> list[tuple[str, str | None]]:
    found = []
    for code, shown in blocks(document, "sh"):
        lines = [line for line in code.splitlines() if line.strip() and not NOT_RUN.search(line)]
        if lines:
            found.append(("\n".join(lines), shown))
    return found


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if shell_lines(d)], ids=lambda d: d.name)
def test_shell_commands_run(document: Path, sandbox: Path) -> None:
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
                   "SCRUBBER_CONFIG": os.devnull}
    for code, shown in shell_lines(document):
        output = ""
        for line in code.splitlines():
            assert line.split("|")[0].split()[0] in ("scrubber", "cat"), f"{document.name}: what runs {line!r}?"
            # a command cut short by `head` may end with a broken pipe: there its output is what counts
            strict = "" if "| head" in line else "set -o pipefail; "
            done = subprocess.run(["bash", "-c", strict + line], cwd=sandbox, env=environment,
                                  capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, f"{document.name}: {line!r} failed: {done.stderr}"
            output += done.stdout
        if shown is not None:
            assert output == shown, f"{document.name}: the output of {code!r} differs"


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if blocks(d, "toml")], ids=lambda d: d.name)
def test_toml_blocks_are_valid(document: Path) -> None:
    for code, _ in blocks(document, "toml"):
        data = tomllib.loads(code)
        if "project" not in data:  # a configuration file, not a package's pyproject.toml
            parse_config(data, document.name)
