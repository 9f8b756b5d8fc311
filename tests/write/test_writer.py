"""The writer: only changed files are written, and the output is never half old, half new."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, write_files

from karriere.base.errors import BuildError
from karriere.base.oserrors import MachineError
from karriere.write import staging
from karriere.write.folders import MARKER
from karriere.write.made_files import MadeFiles
from karriere.write.output import Bytes, Copy, Kept, Spooled
from karriere.write.writer import write_site


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def inodes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}


def outputs(**files: str) -> list[Bytes]:
    return [Bytes(name.replace("__", "/"), text.encode()) for name, text in files.items()]


def test_a_first_build_stages_in_the_folder_its_pages_were_rendered_into(tmp_path):
    """With no output folder yet, the workers' tree of pages (Spool.site) becomes the site:
    its pages stay where they are (the tree itself is renamed), the other outputs join them,
    and the tree is gone afterwards. Once a site exists, pages are moved in as before."""
    out, site, placed = tmp_path / "public", tmp_path / "site", tmp_path / "spool" / "site"
    site.mkdir()
    page = placed / "stellen/a/index.html"
    page.parent.mkdir(parents=True)
    page.write_bytes(b"<p>a</p>")
    inode = page.stat().st_ino
    rendered = Spooled("stellen/a/index.html", str(page), "d1")
    report = write_site(
        [rendered, *outputs(robots_txt="r", stellen__a__qr_svg="q")], out, site, placed=placed
    )
    assert tree(out) == {
        "stellen/a/index.html": b"<p>a</p>", "robots_txt": b"r", "stellen/a/qr_svg": b"q",
        MARKER: tree(out)[MARKER],
    }  # fmt: skip
    assert (out / "stellen/a/index.html").stat().st_ino == inode
    assert not placed.exists()
    again = placed / "stellen/a/index.html"
    again.parent.mkdir(parents=True)
    again.write_bytes(b"<p>b</p>")
    moved = Spooled("stellen/a/index.html", str(again), "d2")
    write_site([moved, *outputs(robots_txt="r")], out, site, report.manifest, placed=placed)
    assert tree(out)["stellen/a/index.html"] == b"<p>b</p>"
    assert "stellen/a/qr_svg" not in tree(out)


def test_only_changed_files_are_written_and_gone_files_deleted(tmp_path):
    out, site = tmp_path / "public", tmp_path / "site"
    site.mkdir()
    first = write_site(outputs(a="1", b__index_html="2", c="3"), out, site)
    before = inodes(out)
    second = write_site(outputs(a="1", b__index_html="changed"), out, site, first.manifest)
    assert second.written == ["b/index_html"]
    assert second.deleted == ["c"]
    assert tree(out) == {"a": b"1", "b/index_html": b"changed", MARKER: tree(out)[MARKER]}
    assert inodes(out)["a"] == before["a"]  # linked into the new tree, not rewritten


def test_nothing_changed_writes_nothing(tmp_path):
    out, site = tmp_path / "public", tmp_path / "site"
    site.mkdir()
    first = write_site(outputs(a="1", b="2"), out, site)
    folder, before = out.stat().st_ino, inodes(out)
    second = write_site(outputs(a="1", b="2"), out, site, first.manifest)
    assert second.written == [] and second.deleted == []
    assert out.stat().st_ino == folder and inodes(out) == before


def test_in_place_mode_for_the_preview(tmp_path):
    out, site = tmp_path / "preview", tmp_path / "site"
    site.mkdir()
    first = write_site(outputs(a="1", d__e="2"), out, site, mode="file")
    folder = out.stat().st_ino
    report = write_site(outputs(a="new"), out, site, first.manifest, mode="file")
    assert report.written == ["a"] and report.deleted == ["d/e"]
    assert out.stat().st_ino == folder
    assert not (out / "d").exists()
    assert (out / "a").read_text() == "new"


def test_the_previous_site_is_kept_as_the_spare_and_staged_in_next_time(tmp_path):
    out, site = tmp_path / "public", tmp_path / "site"
    spare = site / ".karriere-cache" / "spare-x"
    site.mkdir()
    builds = [
        outputs(a="1", b__index_html="2", c__d__e="3"),
        outputs(a="1", b__index_html="changed", f="new"),  # changed, deleted (c/d/e), new
        outputs(a="1", b__index_html="changed", f="new", c__d="file where a folder was"),
        outputs(a="again", c__d__e="a folder where a file was"),
    ]
    manifest = {}
    for number, wanted in enumerate(builds):
        report = write_site(wanted, out, site, manifest, spare=spare)
        manifest = report.manifest
        files = {o.path: o.data for o in wanted}
        assert tree(out) == {**files, MARKER: tree(out)[MARKER]}, f"build {number}"
        assert not [p for p in tmp_path.iterdir() if ".karriere-" in p.name]
        if number:  # the spare holds the site before this build
            before = {o.path: o.data for o in builds[number - 1]}
            assert {k: v for k, v in tree(spare).items() if k != MARKER} == before
        if number == 2:  # an unchanged file is one hard link in both trees, not a copy
            assert (out / "a").stat().st_ino == (spare / "a").stat().st_ino


def test_a_spare_that_was_tampered_with_is_put_right(tmp_path):
    out, site = tmp_path / "public", tmp_path / "site"
    spare = site / ".karriere-cache" / "spare-x"
    site.mkdir()
    manifest = write_site(outputs(a="1", b="2"), out, site, spare=spare).manifest
    manifest = write_site(outputs(a="1", b="3"), out, site, manifest, spare=spare).manifest
    (spare / "a").unlink()
    (spare / "a").write_text("not what the site has")  # same name, another file
    (spare / "stray").write_text("x")
    (spare / "b").unlink()
    (spare / "b").mkdir()  # a folder where a file goes
    report = write_site(outputs(a="1", b="4"), out, site, manifest, spare=spare)
    assert report.written == ["b"]
    assert tree(out) == {"a": b"1", "b": b"4", MARKER: tree(out)[MARKER]}


def test_no_spare_where_the_cache_is_on_another_file_system(tmp_path, monkeypatch):
    """The exchange needs both folders on one file system; otherwise every build stages a
    new folder beside the output, as before, and nothing is kept in the cache."""
    monkeypatch.setattr(staging, "same_file_system", lambda folder, out_dir: False)
    out, site = tmp_path / "public", tmp_path / "site"
    spare = site / ".karriere-cache" / "spare-x"
    site.mkdir()
    manifest = write_site(outputs(a="1", b="2"), out, site, spare=spare).manifest
    report = write_site(outputs(a="1", b="3"), out, site, manifest, spare=spare)
    assert report.written == ["b"] and tree(out) == {
        "a": b"1",
        "b": b"3",
        MARKER: tree(out)[MARKER],
    }
    assert not spare.exists()
    assert not [p for p in tmp_path.iterdir() if ".karriere-" in p.name]


def test_a_spare_claimed_by_a_killed_build_is_used_and_a_live_ones_left_alone(tmp_path):
    out, site = tmp_path / "public", tmp_path / "site"
    spare = site / ".karriere-cache" / "spare-x"
    site.mkdir()
    manifest = write_site(outputs(a="1"), out, site, spare=spare).manifest
    manifest = write_site(outputs(a="2"), out, site, manifest, spare=spare).manifest
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    spare.rename(spare.with_name(f"spare-x.{dead.pid}"))  # claimed, then the build died
    busy = spare.with_name(f"spare-x.{os.getppid()}")  # claimed by a build still running
    busy.mkdir()
    write_site(outputs(a="3"), out, site, manifest, spare=spare)
    assert tree(out)["a"] == b"3"
    assert sorted(p.name for p in spare.parent.iterdir()) == ["spare-x", busy.name]


@pytest.mark.parametrize("where", ["site", "content", "foreign"])
def test_refuses_to_replace_what_is_not_a_karriere_output(tmp_path, where):
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "x.md").write_text("keep me")
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("keep me")
    out = {"site": site, "content": site / "content", "foreign": foreign}[where]
    with pytest.raises(BuildError, match="refusing"):
        write_site(outputs(a="1"), out, site)
    assert (site / "content" / "x.md").read_text() == "keep me"
    assert (foreign / "thesis.txt").read_text() == "keep me"


def test_refuses_home_and_root(tmp_path):
    for out in (Path.home(), Path("/")):
        with pytest.raises(BuildError, match="refusing"):
            write_site(outputs(a="1"), out, tmp_path)


# ---------------------------------------------------------------- the kinds of output


def test_a_copied_file_is_hashed_again_only_when_its_signature_changed(tmp_path):
    """Copy: the writer trusts last build's hash while the source's size, mtime and inode
    are the same (so an edit that keeps all three goes unseen), and hashes it otherwise."""
    out, site, source = tmp_path / "public", tmp_path / "site", tmp_path / "logo.svg"
    site.mkdir()
    source.write_bytes(b"<svg>1</svg>")
    first = write_site([Copy("logo.svg", source)], out, site)
    assert first.written == ["logo.svg"] and (out / "logo.svg").read_bytes() == b"<svg>1</svg>"
    stamp = source.stat().st_mtime_ns
    source.write_bytes(b"<svg>2</svg>")  # same size, same inode
    os.utime(source, ns=(stamp, stamp))
    same = write_site([Copy("logo.svg", source)], out, site, first.manifest)
    assert same.written == [] and (out / "logo.svg").read_bytes() == b"<svg>1</svg>"
    os.utime(source, ns=(stamp + 10**9, stamp + 10**9))
    again = write_site([Copy("logo.svg", source)], out, site, same.manifest)
    assert again.written == ["logo.svg"] and (out / "logo.svg").read_bytes() == b"<svg>2</svg>"


def test_a_kept_file_stands_and_is_made_again_when_it_was_changed(tmp_path):
    """Kept: last build's file stays untouched; one changed (or deleted) behind the
    writer's back is made again by its maker (a QR code), or stops the build without one."""
    out, site = tmp_path / "public", tmp_path / "site"
    site.mkdir()
    first = write_site(outputs(qr_svg="code", other="1"), out, site)
    files = MadeFiles({"qr_svg": ("inputs", first.manifest["qr_svg"].digest)}, first.manifest)
    kept = files.kept("qr_svg", "inputs", lambda: b"code", "the QR code")
    assert isinstance(kept, Kept) and files.kept("qr_svg", "other inputs", bytes, "") is None
    before = inodes(out)
    second = write_site([kept, *outputs(other="1")], out, site, first.manifest)
    assert second.written == [] and second.unchanged == 2 and inodes(out) == before
    (out / "qr_svg").write_text("tampered")
    third = write_site([kept, *outputs(other="1")], out, site, second.manifest)
    assert third.written == ["qr_svg"] and (out / "qr_svg").read_text() == "code"
    (out / "qr_svg").unlink()
    page = Kept("qr_svg", third.manifest["qr_svg"].digest, origin="content/a.md")
    with pytest.raises(BuildError, match="qr_svg changed in the output folder during the build"):
        write_site([page, *outputs(other="1")], out, site, third.manifest)


def test_the_private_folder_does_not_take_a_copy_as_unchanged_by_its_identity(tmp_path):
    """In the preview's private folder an output that is the very object the last build
    wrote is set aside unseen; a Copy may not be, as its source file may have changed."""
    out, site, source = tmp_path / "preview", tmp_path / "site", tmp_path / "logo.svg"
    site.mkdir()
    source.write_bytes(b"<svg/>")
    same = [Copy("logo.svg", source), *outputs(a="1")]
    first = write_site(same, out, site, mode="file", private_folder=True)
    renewed = [Bytes("logo.svg", b"<svg/>"), same[1]]
    again = write_site(
        renewed, out, site, first.manifest, "file", private_folder=True, last=first.outputs
    )
    assert again.written == [] and again.unchanged == 2
    with pytest.raises(ValueError, match="Copy output was reused"):
        write_site(same, out, site, again.manifest, "file", private_folder=True, last=first.outputs)


def test_the_private_folder_after_an_edit_writes_the_one_new_output(tmp_path):
    """The preview after a save: the outputs are last build's objects in their places but
    one. Only that one is compared and written; the report knows every output, and a
    file that came or went is still found and removed."""
    out, site = tmp_path / "preview", tmp_path / "site"
    site.mkdir()
    files = outputs(**{f"p{n}": f"page {n}" for n in range(200)})
    first = write_site(files, out, site, mode="file", private_folder=True)
    edited = list(files)
    edited[70] = Bytes("p70", b"page 70, edited")
    edited[71] = Bytes("p71", b"page 71")  # a new object with the same bytes
    again = write_site(
        edited, out, site, first.manifest, "file", private_folder=True, last=first.outputs
    )
    assert again.written == ["p70"] and again.deleted == []
    assert again.unchanged == 199
    assert again.outputs == {out.path: out for out in edited}
    assert again.manifest.keys() == {out.path for out in edited}
    assert (out / "p70").read_bytes() == b"page 70, edited"
    renamed = list(edited)
    renamed[5] = Bytes("p5-neu", b"page 5")  # a page moved to another address
    third = write_site(
        renamed, out, site, again.manifest, "file", private_folder=True, last=again.outputs
    )
    assert third.written == ["p5-neu"] and third.deleted == ["p5"]
    assert not (out / "p5").exists() and (out / "p5-neu").read_bytes() == b"page 5"
    assert sorted(p.name for p in out.iterdir() if p.name.startswith("p")) == sorted(
        out.path for out in renamed
    )


# ---------------------------------------------------------------- SIGKILL at any moment


def big_site(root: Path, vacancies: int) -> Path:
    files = {
        "site.yaml": 'title: "Karriere Teststadt"\nbase_url: "https://example.org/"\n'
        'organisation: {name: "Stadt Teststadt"}\n',
    }
    for i in range(vacancies):
        files[f"content/vacancies/stelle-{i:03d}.md"] = (
            f'---\ntitle: "Stelle {i}"\ncategory: fachkraft\nposted: 2026-10-01\n'
            f"location: Teststadt\n---\n## Aufgaben\n\n" + "Text. " * 300 + "\n"
        )
    return write_files(root, files)


def cli(site: Path, out: Path, **env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "build", "--site", str(site), "--out", str(out)]
        + ["--date", "2026-11-22"],
        env={**os.environ, "KARRIERE_JOBS": "1", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def change_every_page(site: Path, mark: str) -> None:
    footer = site / "themes/default/templates/partials/footer.html"
    footer.parent.mkdir(parents=True, exist_ok=True)
    footer.write_text(f'<footer class="site-footer"><p>{mark}</p></footer>\n')


@pytest.fixture
def built(tmp_path):
    """A 60-page site built once (old), and the bytes a build after a change gives (new)."""
    site = big_site(tmp_path / "site", 60)
    out = tmp_path / "public"
    change_every_page(site, "neu")
    assert cli(site, out).wait() == 0
    new = tree(out)
    change_every_page(site, "alt")
    assert cli(site, out).wait() == 0
    old = tree(out)
    change_every_page(site, "neu")
    return site, out, old, new


@pytest.mark.parametrize("point", ["staging", "swap", "cleanup"])
def test_sigkill_at_each_step_leaves_old_or_new_site(built, point):
    site, out, old, new = built
    assert cli(site, out, KARRIERE_CRASH_AT=point).wait() == -signal.SIGKILL
    assert tree(out) == (new if point == "cleanup" else old)
    assert cli(site, out).wait() == 0
    assert tree(out) == new
    assert not [p for p in out.parent.iterdir() if ".karriere-" in p.name]


def test_sigkill_at_random_moments(built):
    site, out, old, new = built
    outcomes = set()
    for delay in (0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.7):
        change_every_page(site, "neu")
        process = cli(site, out)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = tree(out)
        assert now in (old, new), f"mixed output after a kill at {delay} s"
        outcomes.add("new" if now == new else "old")
        if now == new:  # back to the old site for the next round
            change_every_page(site, "alt")
            assert cli(site, out).wait() == 0
    assert "old" in outcomes


def test_the_private_preview_folder_tells_files_apart_without_hashing(tmp_path):
    """mode="file" with private_folder=True, after the first build: new bytes of the same size
    are compared with the file, equal bytes are not written again, and a written file
    gets a token for its digest instead of a hash."""
    out, site = tmp_path / "preview", tmp_path / "site"
    site.mkdir()
    first = write_site(outputs(a="one", b="two"), out, site, mode="file", private_folder=True)
    assert first.written == ["a", "b"]
    again = write_site(
        outputs(a="one", b="six"), out, site, first.manifest, "file", private_folder=True
    )
    assert again.written == ["b"] and again.manifest["a"] == first.manifest["a"]
    assert again.manifest["b"].digest.startswith("token ")
    longer = write_site(
        outputs(a="one!", b="six"), out, site, again.manifest, "file", private_folder=True
    )
    assert longer.written == ["a"] and (out / "a").read_text() == "one!"


def test_in_place_a_failed_write_leaves_the_folder_as_it_was(tmp_path, monkeypatch):
    """Every changed file is written under a temporary name before any is put in place:
    a full disk half-way leaves the old files, and no temporary file or new folder."""
    out, site = tmp_path / "public", tmp_path / "site"
    site.mkdir()
    first = write_site(outputs(a="1", old="2"), out, site, mode="file")
    before = tree(out)
    put = Bytes.write_to

    def full_at_z(out: Bytes, target: Path) -> None:
        if target.name.startswith(".z"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        put(out, target)

    monkeypatch.setattr(Bytes, "write_to", full_at_z)
    with pytest.raises(MachineError, match=f"cannot write {out}/: no space left on device"):
        write_site(outputs(a="new", c__d__e="x", z="y"), out, site, first.manifest, mode="file")
    assert tree(out) == before and sorted(os.listdir(out)) == [MARKER, "a", "old"]
