"""Hostile inputs and hostile disks for batch runs and the command line: one row per input whatever
happens, output errors as one line and exit status 1, resumable."""

from __future__ import annotations

import gzip
import io
import json
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import scrubber
from scrubber.cli import main
from scrubber.output import safe_name
from tests.conftest import FIXTURES
from tests.test_hostile import HOSTILE_CHARACTERS, budget

PAGE = (FIXTURES / "html" / "article_with_residue.html").read_text(encoding="utf-8")
SURROGATE_PAGE = PAGE.replace('"headline":"Port Strike', '"headline":"\\ud800Port Strike', 1)
DEEP_JSON_LD_PAGE = PAGE.replace("</head>", '<script type="application/ld+json">' + "[" * 5000 + "]" * 5000
                                 + "</script></head>")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # a regression must not eat the machine


def run(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "scrubber", *args], input=stdin, capture_output=True,
                          timeout=120, env=env, preexec_fn=_limit_memory)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"),
                                       done.stderr.decode("utf-8"))


def one_line_error(done: subprocess.CompletedProcess[str]) -> bool:
    return done.returncode == 1 and "Traceback" not in done.stderr and done.stderr.strip().count("\n") == 0


def rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    """Pages that broke batch runs: a lone surrogate in metadata, a file name that is not UTF-8, deep
    JSON-LD, and (where the system has them) a FIFO and a symlink to /dev/zero."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_surrogate.html").write_text(SURROGATE_PAGE, encoding="utf-8")
    (folder / "b_deep.html").write_text(DEEP_JSON_LD_PAGE, encoding="utf-8")
    descriptor = os.open(os.fsencode(folder) + b"/c_caf\xe9.html", os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(descriptor, PAGE.encode("utf-8"))
    os.close(descriptor)
    (folder / "d_plain.html").write_text(PAGE, encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "e_fifo.html")
        (folder / "f_zero.html").symlink_to("/dev/zero")
    return folder


def test_every_row_is_written_and_resume_finishes(hostile_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    inputs = len(os.listdir(hostile_folder))
    first = run("clean", str(hostile_folder), "--format", "jsonl", "-o", str(out), "-q")
    assert "Traceback" not in first.stderr, first.stderr
    written = rows(out)
    assert len(written) == inputs
    assert all(str(row["title"]).endswith("Port Strike Ends After Nine Days") for row in written if "title" in row)
    errors = [row["error"] for row in written if "error" in row]
    assert all("not a regular file" in str(error) for error in errors) and len(errors) == inputs - 4
    out.write_bytes(b"".join(line + b"\n" for line in out.read_bytes().splitlines()[:2]))
    again = run("clean", str(hostile_folder), "--format", "jsonl", "-o", str(out), "--resume", "-q")
    assert "Traceback" not in again.stderr
    assert sorted(str(row["input"]) for row in rows(out)) == sorted(str(row["input"]) for row in written)


def warc_with(path: Path, uris: list[str]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for uri in uris:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(PAGE.encode()),
                                                          http_headers=headers))


def test_same_url_in_two_warc_files_and_a_path_named_twice(tmp_path: Path) -> None:
    for name in ("one.warc.gz", "two.warc.gz"):
        warc_with(tmp_path / name, ["https://news.example.com/story", "http://[::1/broken"])
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    inputs = [str(tmp_path / "one.warc.gz"), str(tmp_path / "two.warc.gz"), str(page), str(page)]
    ids = [row.id for row in scrubber.scrub_many(inputs)]
    assert len(ids) == len(set(ids)) == 6
    folder = tmp_path / "out"
    done = run("clean", *inputs, "--output-dir", str(folder), "-q")
    assert done.returncode == 0, done.stderr
    assert len(os.listdir(folder)) == 6
    out = tmp_path / "out.jsonl"
    assert run("clean", *inputs, "--format", "jsonl", "-o", str(out)).returncode == 0
    out.write_bytes(out.read_bytes().splitlines(keepends=True)[0])  # a run stopped after one row
    assert run("clean", *inputs, "--format", "jsonl", "-o", str(out), "--resume").returncode == 0
    assert sorted(str(row["input"]) for row in rows(out)) == sorted(ids)


def test_output_dir_takes_an_id_that_is_no_valid_url(tmp_path: Path) -> None:
    done = run("fetch", "http://[::1/broken", "--output-dir", str(tmp_path / "out"), "-q")
    assert one_line_error(done) and "malformed URL" in done.stderr, done.stderr
    assert [name.endswith(".error.json") for name in os.listdir(tmp_path / "out")] == [True]


def test_output_errors_are_one_line_and_exit_1(tmp_path: Path) -> None:
    page = str(FIXTURES / "html" / "article_with_residue.html")
    (tmp_path / "a_dir").mkdir()
    for target in (tmp_path / "a_dir", tmp_path / "missing" / "out.jsonl", Path("/dev/full")):
        if not target.parent.exists() and target.name != "out.jsonl":
            continue
        done = run("clean", page, "--format", "jsonl", "-o", str(target))
        assert one_line_error(done) and "cannot write" in done.stderr, (target, done.stderr)
    folder = tmp_path / "files"
    (folder / safe_name(page, ".txt")).mkdir(parents=True)  # a folder squats on the output file's name
    done = run("clean", page, "--output-dir", str(folder))
    assert one_line_error(done) and "cannot write" in done.stderr, done.stderr
    (tmp_path / "a_file").write_text("x")
    done = run("clean", page, "--output-dir", str(tmp_path / "a_file" / "sub"))
    assert one_line_error(done), done.stderr


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB tmpfs, where the test may mount one (root on Linux); skipped otherwise."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if not shutil.which("mount") or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                                                   capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_full_disk_stops_cleanly_and_resumes(tiny_disk: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for number in range(200):  # 200 rows of ~4 KiB: more than the disk holds
        (folder / f"page{number:02}.html").write_text(PAGE, encoding="utf-8")
    out = tiny_disk / "out.jsonl"
    done = run("clean", str(folder), "--format", "jsonl", "-o", str(out), "-q")
    assert one_line_error(done) and "No space left" in done.stderr, done.stderr
    lines = out.read_bytes().split(b"\n")
    assert 0 < len(lines) - 1 < 200 and all(json.loads(line) for line in lines[:-1])  # only the last is torn
    subprocess.run(["mount", "-o", "remount,size=4m", str(tiny_disk)], check=True)
    again = run("clean", str(folder), "--format", "jsonl", "-o", str(out), "--resume", "-q")
    assert again.returncode == 0, again.stderr
    assert sorted(str(row["input"]) for row in rows(out)) == sorted(str(path) for path in folder.iterdir())
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    done = run("clean", str(folder), "--format", "jsonl", "-o", str(out), "-q")
    assert one_line_error(done) and "Read-only" in done.stderr, done.stderr


def test_unreadable_home_means_no_config_file(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items()
           if key not in ("SCRUBBER_CONFIG", "XDG_CONFIG_HOME")}
    env["HOME"] = "/" + "h" * 5000  # stat() fails with ENAMETOOLONG even for root, like EACCES for others
    done = run("clean", str(FIXTURES / "html" / "article_with_residue.html"), env=env)
    assert done.returncode == 0 and "Port Strike" in done.stdout, done.stderr
    if os.geteuid() != 0:
        home = tmp_path / "locked"
        (home / ".config").mkdir(parents=True)
        home.chmod(0)
        env["HOME"] = str(home)
        done = run("clean", str(FIXTURES / "html" / "article_with_residue.html"), env=env)
        home.chmod(0o700)
        assert done.returncode == 0, done.stderr


def test_nonsense_timeouts_are_usage_errors() -> None:
    page = str(FIXTURES / "html" / "article_with_residue.html")
    for value in ("0", "-1", "nan", "inf"):
        done = run("clean", page, "--timeout", value)
        assert done.returncode == 2 and "timeout" in done.stderr and "Traceback" not in done.stderr, value
    done = run("fetch", "http://example.com/", "--delay", "-1")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    with pytest.raises(scrubber.ConfigError):
        list(scrubber.scrub_many([page], timeout=0))


def test_stdin_input_format_and_explain_show_errors_not_tracebacks(hostile_folder: Path) -> None:
    done = run("clean", "-", "--format", "jsonl", stdin=SURROGATE_PAGE.encode("utf-8", "surrogatepass"))
    assert done.returncode == 0 and json.loads(done.stdout)["title"], done.stderr
    done = run("clean", "--input-format", "html", str(hostile_folder / "a_surrogate.html"),
               str(hostile_folder / "e_fifo.html"), str(hostile_folder), "--format", "jsonl")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert [("error" in json.loads(line)) for line in done.stdout.splitlines()] == [False, True, True]
    done = run("explain", str(hostile_folder / "b_deep.html"))
    assert done.returncode == 0 and "Port Strike" in done.stdout, done.stderr
    for path in ("e_fifo.html", "f_zero.html"):
        done = run("explain", str(hostile_folder / path))
        assert one_line_error(done) and "not a regular file" in done.stderr, done.stderr
    done = run("explain", "-", "--input-format", "text", stdin=b"\x00" * 5000)
    assert one_line_error(done), done.stderr


def _with_characters(page: str, characters: list[str], where: int) -> bytes:
    return (page[:where] + "".join(characters) + page[where:]).encode("utf-8", "surrogatepass")


FILE_CONTENTS = st.one_of(
    st.builds(_with_characters, st.just(PAGE), st.lists(HOSTILE_CHARACTERS, max_size=4), st.integers(0, len(PAGE))),
    st.builds(_with_characters, st.just(SURROGATE_PAGE), st.just([]), st.just(0)),
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=2000).map(gzip.compress),
    st.integers(1, 200).map(lambda cut: gzip.compress(PAGE.encode())[:-cut]),
)
FILE_NAMES = st.binary(min_size=1, max_size=12).map(lambda name: name.replace(b"/", b"_").replace(b"\0", b"_"))


def test_line_separators_in_a_page_keep_each_jsonl_row_on_one_line(tmp_path: Path) -> None:
    """NEL and the Unicode line separators are valid raw in JSON, but line readers split on them."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE.replace('href="https://gazette', 'href=\x85"https://gazette', 1)
                                   .replace("Port Strike Ends", "Port\u2028Strike\u2029Ends", 1), encoding="utf-8")
    (folder / "b.html").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(folder), "--format", "jsonl", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert len(rows(out)) == 2


@budget(12)
@given(st.lists(st.tuples(FILE_NAMES, FILE_CONTENTS, st.sampled_from([".html", ".txt", ".html.gz"])), min_size=1,
                max_size=8))
def test_fuzzed_batch_folder_gives_one_row_per_file(files: list[tuple[bytes, bytes, str]]) -> None:
    with TemporaryDirectory() as temporary:
        folder = os.fsencode(temporary) + b"/in"
        os.mkdir(folder)
        names = set()
        for number, (name, data, suffix) in enumerate(files):
            path = folder + b"/" + str(number).encode() + name + suffix.encode()
            names.add(path)
            with open(path, "wb") as stream:
                stream.write(data)
        out = Path(temporary) / "out.jsonl"
        result = CliRunner().invoke(main, ["clean", os.fsdecode(folder), "--format", "jsonl", "-o", str(out), "-q"])
        assert result.exit_code in (0, 1) and isinstance(result.exception, (SystemExit, type(None))), result.output
        written = rows(out)
        assert len(written) == len(names) and len({row["input"] for row in written}) == len(names)
