"""Long runs: a progress bar on a terminal, progress lines elsewhere, -v/-vv logging, and the progress
callback of scrub_many."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

import scrubber
from scrubber.batch import count_inputs
from tests.conftest import FIXTURES
from tests.test_batch import make_warc

INPUTS = [str(FIXTURES / "text" / name) for name in ("bylined.txt", "french_appeal.txt", "german_appeal.txt")]


def scrubber_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "scrubber", *args]


def test_scrub_many_calls_back_with_every_row(tmp_path: Path) -> None:
    seen: list[scrubber.Result] = []
    rows = list(scrubber.scrub_many([*INPUTS, str(tmp_path / "missing.txt")], progress=seen.append))
    assert seen == rows and len(rows) == 4


def test_count_inputs_where_it_is_cheap(tmp_path: Path) -> None:
    assert count_inputs([*INPUTS, "https://example.com/a", str(tmp_path / "missing.txt")]) == 5
    assert count_inputs([str(FIXTURES / "html")]) == len(list((FIXTURES / "html").glob("*.html")))
    appeals = FIXTURES / "text" / "*_appeal.txt"
    assert count_inputs([str(appeals)]) == len(list(appeals.parent.glob(appeals.name)))
    make_warc(tmp_path / "crawl.warc.gz")
    assert count_inputs([str(tmp_path)]) is None and count_inputs([str(tmp_path / "crawl.warc.gz")]) is None


def test_progress_lines_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    out = str(tmp_path / "out.jsonl")
    done = subprocess.run(scrubber_command("clean", *INPUTS, "--format", "jsonl", "-o", out, "--log-every", "0"),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("scrubber: ")]
    assert lines[0].startswith("scrubber: 1/3 done, 0 errors") and lines[-1].startswith("scrubber: 3/3 done")
    quiet = subprocess.run(scrubber_command("clean", *INPUTS, "--format", "jsonl", "-o", out, "-q"),
                           capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stderr == ""


@pytest.mark.parametrize("rows, columns", [(24, 120), (0, 0)], ids=["sized", "no size reported"])
def test_a_progress_bar_on_a_terminal(tmp_path: Path, rows: int, columns: int) -> None:
    """Some terminals (containers, ``script``) report 0 x 0: the bar must still be drawn."""
    main, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    try:
        done = subprocess.run(scrubber_command("clean", *INPUTS, "--format", "jsonl", "-o", str(tmp_path / "o.jsonl")),
                              stderr=terminal, stdout=subprocess.DEVNULL, timeout=120)
        os.close(terminal)
        drawn = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal's other end is closed and all is read
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(main)
    assert done.returncode == 0
    text = drawn.decode("utf-8", "replace")
    assert "100%" in text and "3/3" in text and "errors=0" in text


def test_verbose_logging(tmp_path: Path) -> None:
    args = ["clean", *INPUTS, str(tmp_path / "missing.txt"), "--format", "jsonl", "-o", str(tmp_path / "o.jsonl"), "-q"]
    once = subprocess.run(scrubber_command(*args, "-v"), capture_output=True, text=True)
    assert "INFO scrubber: scrubbing with 1 worker(s)" in once.stderr
    assert "missing.txt: InputError" in once.stderr and "DEBUG" not in once.stderr
    twice = subprocess.run(scrubber_command(*args, "-vv"), capture_output=True, text=True)
    assert sum(f"DEBUG scrubber: {path}: " in twice.stderr for path in INPUTS) == 3
    silent = subprocess.run(scrubber_command(*args), capture_output=True, text=True)
    assert "INFO" not in silent.stderr
