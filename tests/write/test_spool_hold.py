"""Spool.hold: a big file made in memory waits for the writer in the spool."""

from __future__ import annotations

from pathlib import Path

from karriere.base.hashing import hash_bytes
from karriere.write import spool as spool_module
from karriere.write.output import Bytes, Copy, Spooled
from karriere.write.spool import Spool
from karriere.write.writer import write_site


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_big_files_are_held_in_the_spool_and_written_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(spool_module, "HOLD_FROM", 10)
    spool = Spool(tmp_path / "cache")
    big = Bytes("stellen/feed.xml", b"<feed>" + b"x" * 20 + b"</feed>", origin="the feed")
    small = Bytes("robots.txt", b"UA: *", origin="robots")
    held = spool.hold(big)
    assert type(held) is Spooled and held.path == big.path and held.origin == "the feed"
    assert held.digest == hash_bytes(big.data) and Path(held.source).read_bytes() == big.data
    assert Path(held.source).parent == spool.path
    assert spool.hold(small) is small  # small ones stay in memory
    copy = Copy("a.txt", tmp_path / "a.txt")
    assert spool.hold(copy) is copy
    site, out = tmp_path / "site", tmp_path / "public"
    site.mkdir()
    report = write_site([held, small], out, site)
    assert tree(out)["stellen/feed.xml"] == big.data
    assert report.manifest["stellen/feed.xml"].digest == hash_bytes(big.data)
    spool.remove()
    assert list((tmp_path / "cache").glob("spool-*")) == []


def test_without_a_spool_folder_the_bytes_stay(tmp_path, monkeypatch):
    monkeypatch.setattr(spool_module, "HOLD_FROM", 10)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    big = Bytes("sitemap.xml", b"y" * 100)
    assert Spool(blocked / "cache").hold(big) is big


def test_a_streamed_file_is_written_chunk_by_chunk_with_the_digest_of_the_whole(tmp_path):
    spool = Spool(tmp_path / "cache")
    made = []

    def chunks():
        for n in range(3):
            made.append(n)
            yield b"<row>%d</row>\n" % n

    out = spool.stream("stellen/feed.xml", chunks(), origin="the feed")
    whole = b"".join(b"<row>%d</row>\n" % n for n in range(3))
    assert type(out) is Spooled and made == [0, 1, 2]
    assert Path(out.source).read_bytes() == whole and out.digest == hash_bytes(whole)
    assert Path(out.source).parent == spool.path
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    kept = Spool(blocked / "cache").stream("x.xml", iter([b"a", b"b"]), origin="x")
    assert type(kept) is Bytes and kept.data == b"ab"


def test_the_feed_streamed_into_the_spool_is_the_feed_made_in_memory(scratch_site, tmp_path):
    from datetime import date

    from helpers import BUILD_DATE

    from karriere.base.recall import Recall
    from karriere.base.recall_once import OnceRecall
    from karriere.outputs.feeds import feed
    from karriere.pipeline import Request, run

    site = run(Request(scratch_site, date.fromisoformat(BUILD_DATE)), None).site
    in_memory = feed(site)
    streamed = feed(site, OnceRecall(), Spool(tmp_path / "cache"))  # (as the command line)
    assert type(feed(site, Recall(), Spool(tmp_path / "kept"))) is Bytes  # (rows kept)
    assert type(in_memory) is Bytes and type(streamed) is Spooled
    assert b"<entry>" in in_memory.data
    assert Path(streamed.source).read_bytes() == in_memory.data
    assert streamed.digest == hash_bytes(in_memory.data)
