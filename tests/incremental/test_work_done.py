"""Incremental builds do only the work a change needs: what is parsed, rendered, written.

The bytes are checked against a clean build in test_same_as_clean.py; these tests count
the work (and keep a byte check where the work skipped could hide a stale file).
"""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import BUILD_DATE, run_cli
from incremental_helpers import (
    BUILD_DAY,
    IN_MEMORY,
    LISTS,
    VACANCY,
    assert_same_as_clean,
    besides_index,
    both,
    clean_build,
    edit,
    own_template,
    preview_engine,
    stamps,
    tree,
)

from karriere.base import code, hashing
from karriere.commands import preview
from karriere.commands.preview import PreviewBuilder
from karriere.incremental import builder as engine
from karriere.incremental import content_cache, noop, saving, state, store
from karriere.incremental.builder import COMMAND_LINE, Builder
from karriere.outputs import network_files, qrcodes
from karriere.pipeline import Request
from karriere.site import descriptions as site_pages
from karriere.site import network as site_network


@both
def test_a_body_edit_rerenders_and_writes_only_its_page(inc):
    before = stamps(inc.out)
    edit(inc.site / VACANCY, "- Pässe und Ausweise", "- Pässe, Ausweise und Führerscheine")
    report = inc.build()
    # The page, and the search index, which holds its text (outputs/search.py).
    assert besides_index(report.written) == ["stellen/sachbearbeitung/index.html"]
    assert any(path.startswith("pagefind/") for path in report.written)
    assert report.parsed == 1
    assert "geschichten/lena/index.html" not in report.rendered
    after = stamps(inc.out)
    untouched = [p for p in besides_index(before) if p != "stellen/sachbearbeitung/index.html"]
    assert all(before[p] == after[p] for p in untouched)
    index = [p for p in before if p.startswith("pagefind/") and p in after]
    assert index and all(before[p] == after[p] for p in index if p not in report.written)


def test_a_story_edit_renders_the_home_page_but_no_vacancy(inc):
    edit(
        inc.site / "content/stories/lena.md",
        "Jeder Tag ist anders.",
        "Kein Tag gleicht dem anderen.",
    )
    report = inc.build()
    assert "index.html" in report.rendered  # the home page shows stories
    assert "stellen/sachbearbeitung/index.html" not in report.rendered


@both
def test_a_template_override_renders_only_its_pages(inc):
    target = own_template(inc.site, "story.html")
    report = inc.build()
    assert report.written == []  # same bytes as the built-in template: nothing to write
    assert report.rendered == ["geschichten/lena/index.html"]
    edit(target, "{% block main %}", "{% block main %}<p>Neu im Theme</p>")
    report = inc.build()
    assert report.rendered == ["geschichten/lena/index.html"]


def test_a_later_day_without_deadlines_changes_nothing(inc):
    inc.today = BUILD_DAY + timedelta(days=1)
    report = inc.build()
    assert tree(inc.out) == clean_build(inc.site, inc.today)
    assert report.written == [] and report.deleted == []


@both
def test_karriere_version_change_redoes_everything(inc, monkeypatch):
    monkeypatch.setattr(code, "__version__", "99.0.0")
    code.code_digest.cache_clear()
    try:
        report = inc.build()
    finally:
        monkeypatch.undo()
        code.code_digest.cache_clear()
    assert report.parsed == 8  # every content file parsed again
    assert len(report.rendered) == report.pages  # every page rendered again
    assert tree(inc.out) == clean_build(inc.site)
    kept = inc.site / ".karriere-cache"  # the old version's records are gone, not piled up
    assert len(list(kept.glob("state-*.pickle"))) == len(list(kept.glob("noop-*.marshal"))) == 1


@both
def test_nothing_changed_writes_no_file(inc):
    before = stamps(inc.out)
    folder = inc.out.stat().st_ino
    report = inc.build()
    assert report.written == [] and report.deleted == []
    assert stamps(inc.out) == before
    assert inc.out.stat().st_ino == folder  # not even swapped


def test_deleted_cache_is_harmless(inc):
    shutil.rmtree(inc.site / ".karriere-cache", ignore_errors=True)
    before = stamps(inc.out)
    report = Builder(Request(inc.site, BUILD_DAY), inc.out, jobs=1).build()
    assert report.written == []
    assert stamps(inc.out) == before


def count_qr_codes(monkeypatch) -> list[str]:
    made: list[str] = []
    modules = qrcodes.modules
    monkeypatch.setattr(qrcodes, "modules", lambda url: made.append(url) or modules(url))
    return made


def test_qr_codes_are_made_only_for_changed_urls_or_titles(scratch_site, monkeypatch):
    """QR codes stay in the output folder, not in the cache: a build keeps last build's
    file when the URL and title are the same, and makes the code again otherwise."""
    out = scratch_site.parent / "public"
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    made = count_qr_codes(monkeypatch)
    edit(scratch_site / VACANCY, "- Pässe und Ausweise", "- Pässe")
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    assert made == []
    edit(scratch_site / VACANCY, 'title: "Sachbearbeiter*in', 'title: "Fachkraft')
    report = Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    assert made == ["https://example.org/karriere/stellen/sachbearbeitung/"]
    assert "stellen/sachbearbeitung/qr.svg" in report.written  # the title is in the SVG
    assert tree(out) == clean_build(scratch_site)


def test_a_qr_code_deleted_or_changed_in_the_output_is_made_again(scratch_site, monkeypatch):
    out = scratch_site.parent / "public"
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    (out / "stellen/sachbearbeitung/qr.svg").unlink()
    (out / "stellen/sachbearbeitung/qr.png").write_bytes(b"not a PNG")
    made = count_qr_codes(monkeypatch)
    report = Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    assert sorted(report.written) == [
        "stellen/sachbearbeitung/qr.png",
        "stellen/sachbearbeitung/qr.svg",
    ]
    assert set(made) == {"https://example.org/karriere/stellen/sachbearbeitung/"}  # no other
    assert tree(out) == clean_build(scratch_site)


def test_preview_keeps_qr_codes_its_workers_made(scratch_site, monkeypatch):
    """The preview's first build makes the QR codes in a pool (files in the spool, moved
    into place); its later builds hand the same outputs back (recall.py)."""
    monkeypatch.setattr(network_files, "QR_PARALLEL_FROM", 1)
    out = scratch_site.parent / "preview"
    builder = preview_engine(scratch_site, out, jobs=2)
    monkeypatch.setattr(network_files, "QR_PARALLEL_FROM", 200)  # one code: made here, counted
    made = count_qr_codes(monkeypatch)
    edit(scratch_site / VACANCY, 'title: "Sachbearbeiter*in', 'title: "Fachkraft')
    report = builder.build(changed_paths=[scratch_site / VACANCY])
    assert "stellen/sachbearbeitung/qr.svg" in report.written
    assert len(made) == 1
    assert tree(out) == clean_build(scratch_site)


def test_any_spelling_of_the_site_folder_finds_the_same_parsed_content(scratch_site, monkeypatch):
    out = scratch_site.parent / "public"
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    edit(scratch_site / VACANCY, "- Pässe und Ausweise", "- Pässe")
    monkeypatch.chdir(scratch_site)
    report = Builder(Request(Path("."), BUILD_DAY), Path("../public"), jobs=1).build()
    assert report.parsed == 1
    assert tree(out) == clean_build(scratch_site)


def test_the_content_cache_forgets_deleted_files(scratch_site):
    out = scratch_site.parent / "public"
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    (scratch_site / "content/faq/wege.md").unlink()
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    key = state.content_key()
    kept = scratch_site / ".karriere-cache"
    names = set()
    for number in range(state.CONTENT_SHARDS):
        found = store.load_chunks(kept / f"content-{number}.pickle", key)
        names |= set(found[0]) if found else set()
    listed = {p.relative_to(scratch_site).as_posix() for p in scratch_site.rglob("content/*/*.md")}
    assert names == listed and "content/faq/wege.md" not in names


def test_cli_second_run_is_a_no_op(scratch_site):
    out = scratch_site.parent / "cli"
    args = ("build", "--site", str(scratch_site), "--out", str(out), "--date", "2026-11-22")
    assert run_cli(*args).returncode == 0
    before = stamps(out)
    second = run_cli(*args)
    assert second.returncode == 0, second.stderr
    assert "0 files written" in second.stdout
    assert stamps(out) == before


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_fresh_clone_parses_nothing_again(scratch_site, monkeypatch, jobs):
    """A CI job that restores .karriere-cache/ into a fresh clone: every content file has a
    new modification time but the same bytes, and one changed file is parsed again."""
    monkeypatch.setattr(content_cache, "PARALLEL_FROM", 1)  # the pool path too, on a small site
    out = scratch_site.parent / "public"
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=jobs).build()
    shutil.rmtree(out)  # not kept between CI jobs
    later = 2_000_000_000
    for path in (scratch_site / "content").rglob("*.md"):
        os.utime(path, (later, later))
    edit(scratch_site / VACANCY, "- Pässe und Ausweise", "- Pässe")
    report = Builder(Request(scratch_site, BUILD_DAY), out, jobs=jobs).build()
    assert report.parsed == 1
    assert tree(out) == clean_build(scratch_site)


@pytest.mark.parametrize("case", ["forked", "fork_fails", "content_grew"])
def test_the_content_cache_is_written_while_the_site_is(scratch_site, monkeypatch, case):
    """A command-line build writes its content cache from a forked copy of itself; if
    that copy fails, or the content grew after the fork, the build writes it itself.
    Either way the next build parses nothing."""
    parent = os.getpid()
    saved_here = []
    original = state.ContentFiles.save_content

    def save_content(self, content):
        if os.getpid() == parent:
            saved_here.append(True)
        elif case == "fork_fails":
            raise OSError("the forked writer failed")
        original(self, content)

    monkeypatch.setattr(state.ContentFiles, "save_content", save_content)
    if case == "content_grew":
        # Private, as nothing public makes the content grow between the fork and its end.
        sizes = iter([(0,), (1,)])
        monkeypatch.setattr(saving.Saving, "_size", lambda self, markdown: next(sizes))
    out = scratch_site.parent / "public"
    Builder(Request(scratch_site, BUILD_DAY), out).build()
    assert saved_here == ([] if case == "forked" else [True])
    shutil.rmtree(out)
    report = Builder(Request(scratch_site, BUILD_DAY), out).build()
    assert report.parsed == 0
    assert tree(out) == clean_build(scratch_site)


def preview_tree(site: Path, out: Path, shared: bool) -> tuple[dict[str, bytes], PreviewBuilder]:
    builder = PreviewBuilder(site, out)
    builder.rebuild(set())
    if not shared:  # the same session, but as if .karriere-cache/ were empty
        builder.engine = Builder(builder.engine.request, out, IN_MEMORY)
        shutil.rmtree(out)
        builder.rebuild(set())
    return tree(out), builder


def test_the_preview_starts_from_the_content_a_build_parsed(scratch_site):
    Builder(Request(scratch_site, BUILD_DAY), scratch_site.parent / "public", jobs=1).build()
    made = scratch_site / ".karriere-cache" / "made.pickle"
    before = made.stat().st_mtime_ns
    builder = PreviewBuilder(scratch_site, scratch_site.parent / "preview")
    report = builder.rebuild(set())
    assert report.problems == [] and report.parsed == 0
    expected, _ = preview_tree(scratch_site, scratch_site.parent / "clean-preview", shared=False)
    assert tree(scratch_site.parent / "preview") == expected
    builder.save()  # as the server does when the preview ends
    assert made.stat().st_mtime_ns == before, "the preview's QR codes (localhost) kept"
    assert (made.parent / "made-preview.pickle").is_file()  # kept apart, for its next start
    again = PreviewBuilder(scratch_site, scratch_site.parent / "preview-2").rebuild(set())
    assert again.parsed == 0
    report = Builder(Request(scratch_site, BUILD_DAY), scratch_site.parent / "public").build()
    assert report.parsed == 0 and report.written == []


def test_a_big_first_preview_build_keeps_its_content_at_once(scratch_site, monkeypatch):
    monkeypatch.setattr(preview, "SAVE_FROM", 2)
    assert PreviewBuilder(scratch_site, scratch_site.parent / "p1").rebuild(set()).parsed == 8
    # No save() call: a preview that is killed still leaves the parsed content behind.
    assert PreviewBuilder(scratch_site, scratch_site.parent / "p2").rebuild(set()).parsed == 0


def test_a_preview_edit_does_not_write_the_cache_on_the_way_to_the_browser(scratch_site):
    builder = PreviewBuilder(scratch_site, scratch_site.parent / "preview")
    builder.rebuild(set())
    edit(scratch_site / VACANCY, "- Pässe und Ausweise", "- Pässe")
    assert builder.rebuild({scratch_site / VACANCY}).parsed == 1
    assert not list((scratch_site / ".karriere-cache").glob("content-*.pickle"))
    builder.save()
    assert list((scratch_site / ".karriere-cache").glob("content-*.pickle"))


def test_after_a_preview_session_a_build_converts_no_markdown_again(scratch_site, monkeypatch):
    """A preview rebuild converts only the saved file, so its own list of used HTML is
    short; what it keeps must still hold the HTML of every body (or the next start and
    the next build convert everything again)."""
    builder = PreviewBuilder(scratch_site, scratch_site.parent / "preview")
    builder.rebuild(set())
    edit(scratch_site / VACANCY, "- Pässe und Ausweise", "- Pässe")
    builder.rebuild({scratch_site / VACANCY})
    builder.save()
    converted = []

    class Counting(content_cache.MarkdownRenderer):
        def convert(self, text: str) -> str:
            converted.append(text)
            return super().convert(text)

    monkeypatch.setattr(content_cache, "MarkdownRenderer", Counting)
    report = Builder(Request(scratch_site, BUILD_DAY), scratch_site.parent / "public").build()
    assert report.parsed == 0 and converted == []
    assert tree(scratch_site.parent / "public") == clean_build(scratch_site)


def test_a_build_that_shows_no_vacancy_list_keeps_the_cards(scratch_site):
    """Editing the FAQ re-renders no page with vacancy cards; the next build that does
    must still find every card (they used to be dropped, and all drawn again)."""
    out = scratch_site.parent / "public"
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    made = scratch_site / ".karriere-cache" / "made.pickle"
    key = state.content_key()
    cards = store.load_chunks(made, key)[1]
    assert len(cards) >= 2  # the open vacancies' cards, at two heading levels
    edit(scratch_site / "content/faq/wege.md", "?", "? (neu)")
    report = Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    assert not [p for p in report.rendered if p.startswith("stellen/")]
    assert store.load_chunks(made, key)[1].keys() == cards.keys()


def test_an_edit_rewrites_only_the_content_file_that_holds_it(scratch_site):
    """Parsed entries and HTML are kept in CONTENT_SHARDS files by key: a build writes a
    file again exactly when what it holds changed, not the whole content cache."""
    out = scratch_site.parent / "public"
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    kept = scratch_site / ".karriere-cache"
    files = [kept / f"content-{n}.pickle" for n in range(state.CONTENT_SHARDS)]
    assert 2 < sum(path.exists() for path in files) < len(files)  # a small site: some empty

    def held() -> dict[str, tuple]:
        """Each file's inode (a write replaces the file) and what it holds."""
        found = {}
        for path in files:
            if not path.exists():
                found[path.name] = (None, [], [], [])
                continue
            entries, html, descriptions = store.load_chunks(path, state.content_key())
            digests = sorted((name, cached[1]) for name, cached in entries.items())
            inode = path.stat().st_ino
            found[path.name] = (inode, digests, sorted(html.items()), sorted(descriptions.items()))
        return found

    before = held()
    edit(scratch_site / VACANCY, "- Pässe und Ausweise", "- Pässe")
    report = Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    assert report.parsed == 1
    after = held()
    rewritten = {name for name in after if after[name][0] != before[name][0]}
    different = {name for name in after if after[name][1:] != before[name][1:]}
    assert different, "the edit is in no content file"
    assert rewritten == different
    request = Request(scratch_site, BUILD_DAY)  # (inputs given: no no-op check)
    again = Builder(request, out, jobs=1).build(inputs=noop.scan_inputs(scratch_site))
    assert again.parsed == 0 and again.written == []
    assert tree(out) == clean_build(scratch_site)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_next_process_makes_no_page_description_again(scratch_site, monkeypatch, jobs):
    """A page's description, cut from its body's HTML, is kept with that HTML: the next
    process makes only the edited page's again, and every page still says the same."""
    monkeypatch.setattr(content_cache, "PARALLEL_FROM", 1)  # the pool path too, on a small site
    out = scratch_site.parent / "public"
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=jobs).build()
    made = []

    def counting(packed: bytes, limit: int) -> str:
        made.append(packed)
        return first_sentence_packed(packed, limit)

    first_sentence_packed = site_pages.first_sentence_packed
    monkeypatch.setattr(site_pages, "first_sentence_packed", counting)
    # Private, as no public function forgets them: a new process knows none.
    monkeypatch.setattr(site_pages, "_descriptions", {})
    edit(
        scratch_site / VACANCY, 'summary: "Sie beraten Bürgerinnen und Bürger im Bürgeramt."\n', ""
    )
    edit(scratch_site / VACANCY, "## Ihre Aufgaben", "Neu im Team: Sie.\n\n## Ihre Aufgaben")
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    assert len(made) == 1
    page = (out / "stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Neu im Team: Sie.' in page
    made.clear()
    site_pages._descriptions.clear()  # (private: as above)
    assert tree(out) == clean_build(scratch_site)
    assert len(made) > 3  # (so there were several to keep)


def test_a_command_line_build_looks_at_the_input_files_once(scratch_site, monkeypatch, capsys):
    """The no-op check, the record for the next one and the media digests share one look
    at content/ (a big site has ten thousand files to stat)."""
    from karriere.commands import cli

    out = scratch_site.parent / "public"
    args = ["build", "--site", str(scratch_site), "--out", str(out), "--date", BUILD_DATE]
    args += ["--lang", "en"]  # (the summary line is read below)
    assert cli.main(args) == 0
    edit(scratch_site / VACANCY, "- Pässe und Ausweise", "- Pässe")
    walked = []

    def counting(walk):
        def counted(root, *rest, **options):
            walked.append(Path(root))
            return walk(root, *rest, **options)

        return counted

    monkeypatch.setattr(noop, "walk_stats", counting(hashing.walk_stats))
    monkeypatch.setattr(engine, "walk_signatures", counting(hashing.walk_signatures))
    assert cli.main(args) == 0
    assert walked.count(scratch_site / "content") == 1
    page = (out / "stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    assert "<li>Pässe</li>" in page and "Ausweise" not in page
    capsys.readouterr()
    assert cli.main(args) == 0  # and the record it wrote lets the next run stop at once
    assert walked.count(scratch_site / "content") == 2
    assert "(0 files written, 0 deleted," in capsys.readouterr().out


@pytest.mark.parametrize("persist", [False, True])
def test_pages_are_fingerprinted_by_digest_only_where_records_are_saved(scratch_site, persist):
    """The preview's records never leave its process: a page whose fields changed gets a
    new token, not a digest of its objects (a list page's ten thousand items). A build
    that saves its records gives every page a digest, which the next process can check."""
    out = scratch_site.parent / "public"
    profile = COMMAND_LINE if persist else IN_MEMORY
    builder = Builder(Request(scratch_site, BUILD_DAY), out, profile, jobs=1)
    builder.build()
    edit(scratch_site / VACANCY, 'title: "Sachbearbeiter*in', 'title: "Fachkraft')
    walked = []
    of = store.Fingerprints.of

    def counting(self, obj):
        walked.append(type(obj).__name__)
        return of(self, obj)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store.Fingerprints, "of", counting)
        report = builder.build(changed_paths=[scratch_site / VACANCY])
    assert "stellen/index.html" in report.rendered
    assert ("Page" in walked) == persist
    assert tree(out) == clean_build(scratch_site)
    records = builder._load_state().records  # (private: the preview never saves them)
    tokens = [r.fingerprint for r in records.values() if r.fingerprint.startswith("token ")]
    assert bool(tokens) == (not persist)
    assert len(set(tokens)) == len(tokens)
    unchanged = builder.build(changed_paths=[scratch_site / VACANCY])  # (same shapes: kept)
    assert unchanged.rendered == [] and unchanged.written == []


def test_a_kept_builder_remakes_feed_sitemap_and_filter_rows_only_for_what_changed(
    scratch_site, monkeypatch
):
    """The feed, the sitemap and the vacancy filter hold a row per vacancy (ten thousand
    on a big site); the preview makes again only the rows of what changed."""
    from karriere.outputs import feeds as outputs

    made: dict[str, list] = {}

    def counted(name: str, make):
        def counting(obj, *args, **helpers):
            made.setdefault(name, []).append(obj.route)
            return make(obj, *args, **helpers)

        return counting

    # Private names: each makes one row, and no public function makes fewer than all.
    for module, name in (
        (outputs, "_feed_entry"),
        (outputs, "_sitemap_row"),
        (site_network, "_option_facts"),
    ):
        monkeypatch.setattr(module, name, counted(name, getattr(module, name)))
    second = scratch_site / "content/vacancies/zweite.md"
    second.write_text((scratch_site / VACANCY).read_text(encoding="utf-8"), encoding="utf-8")
    out = scratch_site.parent / "preview"
    builder = preview_engine(scratch_site, out)
    assert "stellen/zweite/" in made["_feed_entry"] and len(made["_feed_entry"]) >= 2
    assert "stellen/zweite/" in made["_sitemap_row"]
    first_sitemap_rows = made["_sitemap_row"]
    made = {}
    edit(scratch_site / VACANCY, 'title: "Sachbearbeiter*in', 'title: "Fachkraft')
    builder.build(changed_paths=[scratch_site / VACANCY])
    route = "stellen/sachbearbeitung/"
    assert made["_feed_entry"] == made["_option_facts"] == [route]
    assert route in made["_sitemap_row"]  # with the list pages, made anew each build
    assert "stellen/zweite/" not in made["_sitemap_row"]
    assert len(made["_sitemap_row"]) < len(first_sitemap_rows)
    assert tree(out) == clean_build(scratch_site)


@both
def test_a_body_edit_leaves_the_lists_of_cards_alone(inc):
    """A card shows front matter only: a changed body re-renders its own page, not the
    list pages (an entry counts by its front matter; reading the body is a dependency)."""
    edit(inc.site / VACANCY, "- Pässe und Ausweise", "- Pässe, Ausweise und Führerscheine")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/sachbearbeitung/index.html" in report.rendered
    assert not LISTS & set(report.rendered)


def test_the_preview_follows_bodies_without_rendering_the_lists(scratch_site):
    """The preview's engine (fingerprints as tokens, items compared by front matter)."""
    out = scratch_site.parent / "preview"
    builder = preview_engine(scratch_site, out)
    vacancy, faq = scratch_site / VACANCY, scratch_site / "content/faq/wege.md"
    edit(vacancy, "- Pässe und Ausweise", "- Pässe, Ausweise und Führerscheine")
    report = builder.build(changed_paths=[vacancy])
    assert tree(out) == clean_build(scratch_site)
    assert "stellen/sachbearbeitung/index.html" in report.written
    assert not LISTS & set(report.rendered)
    edit(faq, "Viele.", "Viele, zum Beispiel die Ausbildung.")  # /faq/ shows every answer
    report = builder.build(changed_paths=[faq])
    assert tree(out) == clean_build(scratch_site)
    assert "faq/index.html" in report.written and not LISTS & set(report.rendered)
