"""Faults (issue 7): an unwritable output or a full disk gives one clear error line, a non-zero
exit, and leaves the previous output file intact (kg.io.atomic_write).

The full disk and the read-only file system are real where the tests may mount a small
tmpfs (root, as in CI); elsewhere they skip, and an in-process simulation of ENOSPC (raised
by ``os.fsync``, as a full disk reports it on flush) still runs, because a real full disk
cannot be produced without mounting one.
"""
from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
NEWS = "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday.\n"
PREVIOUS = "# the previous graph\n"


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kg: error:") and "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def leftovers(folder: Path, name: str) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(f".{name}.")]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "news.txt"
    path.write_text(NEWS, encoding="utf-8")
    return path


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A real 512 KiB tmpfs (skips where mounting is not allowed); unmounted afterwards."""
    mount_point = tmp_path / "fs"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount_point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(folder: Path) -> None:
    """Write until the file system is full."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as err:
        assert err.errno == errno.ENOSPC
    finally:
        os.close(fd)


@pytest.mark.parametrize("name", ["g.ttl", "g.nt"])  # .nt is streamed (kg/stream.py)
def test_full_disk_is_one_line_and_keeps_the_previous_output(small_fs: Path, article: Path, name: str) -> None:
    out = small_fs / name
    out.write_text(PREVIOUS, encoding="utf-8")
    fill(small_fs)
    result = kg("extract", str(article), "-o", str(out), "-q")
    assert_one_line_error(result, str(out), "No space left on device")
    assert out.read_text(encoding="utf-8") == PREVIOUS
    assert leftovers(small_fs, name) == []


def test_read_only_file_system_is_one_line_and_keeps_the_previous_output(small_fs: Path, article: Path) -> None:
    out = small_fs / "page.html"
    out.write_text(PREVIOUS, encoding="utf-8")
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    graph = article.parent / "g.ttl"
    assert kg("extract", str(article), "-o", str(graph), "-q").returncode == 0
    result = kg("draw", str(graph), "-o", str(out))
    assert_one_line_error(result, str(out), "Read-only file system")
    assert out.read_text(encoding="utf-8") == PREVIOUS


def test_output_path_that_is_a_folder_is_one_line(tmp_path: Path, article: Path) -> None:
    folder = tmp_path / "g.ttl"
    (folder / "inside").mkdir(parents=True)
    result = kg("extract", str(article), "-o", str(folder), "-q")
    assert_one_line_error(result, str(folder))
    assert (folder / "inside").is_dir() and leftovers(tmp_path, "g.ttl") == []


def test_output_under_a_file_is_one_line(tmp_path: Path, article: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file\n")
    result = kg("extract", str(article), "-o", str(blocker / "g.ttl"), "-q")
    assert_one_line_error(result, "not-a-folder")
    assert blocker.read_text() == "a file\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders (the tmpfs test covers root)")
def test_read_only_folder_is_one_line_and_keeps_the_previous_output(tmp_path: Path, article: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    out = folder / "g.ttl"
    out.write_text(PREVIOUS, encoding="utf-8")
    folder.chmod(0o555)
    try:
        result = kg("extract", str(article), "-o", str(out), "-q")
    finally:
        folder.chmod(0o755)
    assert_one_line_error(result, str(out), "Permission denied")
    assert out.read_text(encoding="utf-8") == PREVIOUS


@pytest.mark.parametrize("command", [
    ("export", "GRAPH", "--format", "nt", "-o", "OUT"),
    ("draw", "GRAPH", "-o", "OUT"),
])
def test_simulated_enospc_on_flush_keeps_the_previous_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        command: tuple[str, ...]) -> None:
    """ENOSPC raised in-process by os.fsync (simulated: a real full disk needs a mount, see above)."""
    graph = tmp_path / "g.ttl"
    graph.write_text("@prefix ex: <http://example.org/> . ex:a ex:b ex:c .\n", encoding="utf-8")
    out = tmp_path / "out.file"
    out.write_text(PREVIOUS, encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("kg.io.os.fsync", full)
    args = [a.replace("GRAPH", str(graph)).replace("OUT", str(out)) for a in command]
    assert main(args) != 0
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error:")
    assert str(out) in lines[0] and "No space left on device" in lines[0]
    assert out.read_text(encoding="utf-8") == PREVIOUS
    assert leftovers(tmp_path, "out.file") == []
