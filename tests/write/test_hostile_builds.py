"""Builds on a hostile machine: four at once, a full disk, a read-only site folder, an
output folder that is a symlink or a mount point, a file that cannot be read.

Each ends in a good build, or in exit status 1 with one plain sentence and the previous
output untouched; never a traceback. Full disks and read-only folders are real: a small
tmpfs and a read-only bind mount when the tests run as root (as in CI), chmod otherwise;
where a test cannot mount, it raises the same OSError in-process (said where)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import BUILD_DATE, ROOT, SCRATCH_FILES, write_files

from karriere.base.places import cache_folder as cache_dir
from karriere.commands import cli
from karriere.write import swap, writer
from karriere.write.lock import WAITING, build_lock
from karriere.write.output import Bytes

ROOT_USER = os.geteuid() == 0


def make_site(folder: Path) -> Path:
    site = write_files(folder, SCRATCH_FILES)
    old = site / "content/vacancies/alt.md"  # (not the placeholder address of `new`)
    old.write_text(old.read_text().replace("bewerbung@example.org", "jobs@teststadt.example"))
    return site


def build(site: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "build", "--site", str(site)]
        + ["--date", BUILD_DATE, *args],
        env={**os.environ, "KARRIERE_JOBS": "1", "KARRIERE_LANG": "en", **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> tuple[int, str]:
    _, err = process.communicate(timeout=300)
    assert "Traceback" not in err, err
    return process.returncode, err


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def clean_build(site: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a lone build of a copy of the site gives."""
    copy = tmp_path / "clean-site"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(".karriere-cache", "public"))
    assert finish(build(copy, "--out", str(tmp_path / "clean")))[0] == 0
    return tree(tmp_path / "clean")


def mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextmanager
def small_disk(where: Path, size: str = "1200k"):
    """A real, small file system at `where` (root only); yields False if none."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = ROOT_USER and mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where))
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(where)], check=True)


def fill(disk: Path) -> None:
    """Use up every byte left on the file system of `disk`."""
    try:
        with open(disk / "filler", "wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
    except OSError as exc:
        assert exc.errno == errno.ENOSPC


@contextmanager
def read_only(folder: Path, view: Path):
    """`view` shows `folder` read-only: a read-only bind mount (root), else a copy with
    its write permissions taken away. Writable through `folder` all the while (mount)."""
    if ROOT_USER:
        view.mkdir()
        assert mount("--bind", str(folder), str(view)), "cannot bind-mount as root"
        try:
            assert mount("-o", "remount,bind,ro", str(view))
            yield view
        finally:
            subprocess.run(["umount", "-l", str(view)], check=True)
        return
    shutil.copytree(folder, view, symlinks=True)
    modes = {p: p.stat().st_mode for p in [view, *view.rglob("*")] if p.is_dir()}
    for path in modes:
        path.chmod(0o555)
    try:
        yield view
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


# ---------------------------------------------------------------- four builds at once


def test_four_builds_of_one_site_at_once(tmp_path):
    site = make_site(tmp_path / "site")
    expected = clean_build(site, tmp_path)
    processes = [build(site) for _ in range(4)]
    assert [finish(p)[0] for p in processes] == [0, 0, 0, 0]
    assert tree(site / "public") == expected
    assert not [p for p in site.iterdir() if ".karriere-" in p.name and p.name != ".karriere-cache"]

    (site / "content/faq/wege.md").write_text(
        (site / "content/faq/wege.md").read_text() + "\nNoch mehr.\n"
    )
    outs = [tmp_path / f"out{n}" for n in range(4)]
    processes = [build(site, "--out", str(out)) for out in outs]
    assert [finish(p)[0] for p in processes] == [0, 0, 0, 0]
    expected = clean_build(site, tmp_path)
    assert all(tree(out) == expected for out in outs)
    assert finish(build(site))[0] == 0
    assert tree(site / "public") == expected


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path):
    site = make_site(tmp_path / "site")
    with build_lock(cache_dir(site)):  # as a running build (or the preview) holds it
        process = build(site)
        line = process.stderr.readline()
        assert line.strip() == f"karriere: {WAITING}"
        time.sleep(0.3)
        assert process.poll() is None, "the second build did not wait"
        assert not (site / "public").exists()
    code, err = finish(process)
    assert code == 0 and tree(site / "public")


def test_the_waiting_line_follows_the_lang_option(tmp_path):
    site = make_site(tmp_path / "site")
    with build_lock(cache_dir(site)):
        process = build(site, "--lang", "de")  # (KARRIERE_LANG=en in its environment)
        line = process.stderr.readline().strip()
    assert line.startswith("karriere: ") and line != f"karriere: {WAITING}"
    assert "Build" in line and "waiting" not in line, line
    assert finish(process)[0] == 0


def test_leftovers_of_a_running_build_are_not_removed(tmp_path):
    """Even without the lock (a build of another site into the same folder): the staging
    folder of a live process stays, a killed one's goes."""
    site, out = tmp_path / "site", tmp_path / "public"
    site.mkdir()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f".public.karriere-new-{sleeper.pid}-abc"
        dead = tmp_path / ".public.karriere-new-999999999-abc"
        for folder in (live, dead):
            (folder / "x").mkdir(parents=True)
        writer.write_site([Bytes("a", b"1")], out, site)
        assert live.is_dir() and not dead.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


# ---------------------------------------------------------------- full disk


def test_a_full_disk_stops_the_build_plainly_and_keeps_the_output(tmp_path, monkeypatch, capsys):
    site = make_site(tmp_path / "site")
    disk = tmp_path / "disk"
    with small_disk(disk) as mounted:
        out = disk / "public"
        assert finish(build(site, "--out", str(out)))[0] == 0
        before = tree(out)
        edit = site / "content/vacancies/sachbearbeitung.md"
        edit.write_text(edit.read_text().replace("Pässe", "Reisepässe"))
        if mounted:
            fill(disk)
            code, err = finish(build(site, "--out", str(out)))
        else:  # no mount without root: the same error, raised where a file is written
            monkeypatch.setenv("KARRIERE_JOBS", "1")
            monkeypatch.setattr(Bytes, "write_to", no_space)
            argv = ["build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE]
            code, err = cli.main(argv), capsys.readouterr().err
        assert code == 1
        assert err == (
            f"karriere: cannot write {out}/: no space left on device "
            "(free some space and build again)\n"
        )
        assert tree(out) == before
        assert sorted(p.name for p in disk.iterdir()) == sorted(["public", "filler"][: 1 + mounted])


def no_space(out: Bytes, target: Path) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))


@pytest.mark.skipif(not ROOT_USER, reason="needs a small file system for the site (root)")
def test_a_full_disk_under_the_cache_is_named_plainly(tmp_path):
    with small_disk(tmp_path / "disk") as mounted:
        assert mounted
        site = make_site(tmp_path / "disk/site")
        fill(tmp_path / "disk")
        code, err = finish(build(site, "--out", str(tmp_path / "public")))
        assert code == 1
        assert err == (
            f"karriere: cannot write {site}/.karriere-cache/: no space left on device "
            "(free some space and build again)\n"
        )
        cards = site / ".karriere-cache/cards"
        assert not cards.is_dir() or not list(cards.iterdir())  # no half-written card


# ---------------------------------------------------------------- read-only site folder


def test_a_read_only_site_builds_into_a_writable_out(tmp_path):
    site = make_site(tmp_path / "site")
    expected = clean_build(site, tmp_path)
    env = {"XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    with read_only(site, tmp_path / "view") as view:
        out = tmp_path / "elsewhere"
        assert finish(build(view, "--out", str(out), env=env))[0] == 0
        assert tree(out) == expected
        again = build(view, "--out", str(out), env=env).communicate(timeout=300)[0]
        assert "(0 files written, 0 deleted" in again  # the cache was kept elsewhere
        assert not (site / ".karriere-cache").exists()
        assert list((tmp_path / "user-cache/karriere").iterdir())


def test_a_read_only_site_folder_cannot_take_its_output(tmp_path):
    site = make_site(tmp_path / "site")
    assert finish(build(site))[0] == 0
    before = tree(site / "public")
    edit = site / "content/faq/wege.md"
    edit.write_text(edit.read_text() + "\nNeu.\n")
    env = {"XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    with read_only(site, tmp_path / "view") as view:
        code, err = finish(build(view, env=env))
        reason = "it is on a read-only file system" if ROOT_USER else "permission denied"
        assert code == 1
        assert err.startswith(f"karriere: cannot write {view}/public/: {reason} (")
        assert err.count("\n") == 1
        assert tree(view / "public") == before


# ---------------------------------------------------------------- symlinked and mounted output


def test_an_output_folder_that_is_a_symlink_stays_one(tmp_path):
    site = make_site(tmp_path / "site")
    web_root = tmp_path / "www/karriere"
    web_root.mkdir(parents=True)
    (site / "public").symlink_to(web_root)
    assert finish(build(site))[0] == 0
    (site / "content/stories/lena.md").unlink()
    assert finish(build(site))[0] == 0
    assert (site / "public").is_symlink() and (site / "public").resolve() == web_root
    assert tree(web_root) == clean_build(site, tmp_path)
    assert os.listdir(tmp_path / "www") == ["karriere"]  # no staging folder left


@pytest.mark.parametrize("kind", ["tmpfs", "bind"])
def test_an_output_folder_that_is_a_mount_point_is_updated_in_place(tmp_path, kind, monkeypatch):
    site = make_site(tmp_path / "site")
    out = site / "public"
    out.mkdir()
    if kind == "tmpfs":
        mounted = ROOT_USER and mount("-t", "tmpfs", "-o", "size=5m", "tmpfs", str(out))
    else:  # the same file system: only the rename tells (EBUSY)
        (tmp_path / "volume").mkdir()
        mounted = ROOT_USER and mount("--bind", str(tmp_path / "volume"), str(out))
    try:
        if not mounted:  # no mount without root: the swap fails as it would on one
            monkeypatch.setattr(swap, "exchange", busy)
        run = in_process if not mounted else lambda site: finish(build(site))[0]
        assert run(site) == 0
        (site / "content/stories/lena.md").unlink()
        edit = site / "content/faq/wege.md"
        edit.write_text(edit.read_text() + "\nNeu.\n")
        assert run(site) == 0
        assert tree(out) == clean_build(site, tmp_path)
        assert not mounted or f" {out} " in Path("/proc/self/mounts").read_text()
        assert not [p for p in out.rglob("*karriere-tmp")]
        assert not [p for p in site.iterdir() if p.name.startswith(".public.")]
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(out)], check=True)


def busy(a: Path, b: Path) -> bool:
    raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(b))


def in_process(site: Path) -> int:
    os.environ["KARRIERE_JOBS"] = "1"
    return cli.main(["build", "--site", str(site), "--date", BUILD_DATE])


@pytest.mark.skipif(not ROOT_USER, reason="needs a small file system mounted (root)")
def test_a_full_mount_point_keeps_its_old_files(tmp_path):
    """In place, every new file is written before any old one is replaced or deleted."""
    site = make_site(tmp_path / "site")
    out = site / "public"
    with small_disk(out) as mounted:
        assert mounted
        assert finish(build(site))[0] == 0
        before = tree(out)
        edit = site / "content/vacancies/sachbearbeitung.md"
        edit.write_text(edit.read_text().replace("Pässe", "Reisepässe"))
        (site / "content/stories/lena.md").unlink()
        fill(out)
        code, err = finish(build(site))
        assert code == 1 and "no space left on device" in err
        (out / "filler").unlink()
        assert tree(out) == before


# ---------------------------------------------------------------- any other OSError


def test_an_unreadable_content_file_is_one_plain_sentence(tmp_path, monkeypatch, capsys):
    """Root reads any file: the error a chmod 000 file gives is raised in-process."""
    site = make_site(tmp_path / "site")
    secret = site / "content/faq/wege.md"
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == secret.name:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return read_bytes(path)

    monkeypatch.setenv("KARRIERE_JOBS", "1")
    monkeypatch.setenv("KARRIERE_LANG", "en")
    monkeypatch.setattr(Path, "read_bytes", refuse)
    code = cli.main(["build", "--site", str(site), "--date", BUILD_DATE])
    err = capsys.readouterr().err
    assert code == 1
    assert err == (
        f"karriere: cannot open {secret}: permission denied "
        "(check who owns it and its permissions)\n"
    )
    assert not (site / "public").exists()
