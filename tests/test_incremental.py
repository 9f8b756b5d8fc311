"""Incremental builds: every kind of change gives exactly the output of a clean build.

Each test builds a scratch site once, changes one kind of input, rebuilds incrementally
(in-process with a kept Builder, and as a separate run that only has the disk cache) and
compares every byte with a clean build of the changed site.
"""

from __future__ import annotations

import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import BUILD_DATE, run_cli

import karriere
from karriere.base import code, hashing
from karriere.base.errors import BuildError
from karriere.commands import preview
from karriere.commands.preview import PreviewBuilder
from karriere.incremental import engine, noop, store
from karriere.incremental.engine import Builder
from karriere.outputs import network_files, qrcodes
from karriere.pipeline import Request
from karriere.render import pages as render
from karriere.site import descriptions as site_pages
from karriere.site import network as site_network

BUILD_DAY = date.fromisoformat(BUILD_DATE)
ROOT = Path(__file__).resolve().parent.parent


def tree(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def stamps(out: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in out.rglob("*")
        if p.is_file()
    }


def clean_build(site: Path, today: date = BUILD_DAY) -> dict[str, bytes]:
    """A build with no cache at all, into a fresh folder."""
    out = site.parent / "clean"
    shutil.rmtree(out, ignore_errors=True)
    Builder(Request(site, today), out, persist=False, jobs=1).build()
    files = tree(out)
    shutil.rmtree(out)
    return files


def preview_engine(site: Path, out: Path, jobs: int = 1) -> Builder:
    """The live preview's engine (kept in memory, files replaced in place), built once."""
    builder = Builder(Request(site, BUILD_DAY), out, jobs=jobs, persist=False, mode="file")
    builder.build()
    return builder


class Incremental:
    """Builds one site into one folder again and again, like the preview or the CLI."""

    def __init__(self, site: Path, how: str):
        self.site, self.how, self.out = site, how, site.parent / "public"
        self.today = BUILD_DAY
        self.builder = Builder(Request(site, self.today), self.out, jobs=1)

    def build(self):
        if self.how == "disk":  # a new process: only .karriere-cache/ is known
            self.builder = Builder(Request(self.site, self.today), self.out, jobs=1)
        else:
            self.builder.request = Request(self.site, self.today)
        return self.builder.build()


@pytest.fixture
def inc(request, scratch_site: Path) -> Incremental:
    """In-process by default; tests marked `both` also run as separate runs (disk cache)."""
    builder = Incremental(scratch_site, getattr(request, "param", "memory"))
    builder.build()
    return builder


both = pytest.mark.parametrize("inc", ["memory", "disk"], indirect=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new), encoding="utf-8")
    bump(path)


def bump(path: Path) -> None:
    """A later mtime, as a real save seconds later would give (same-size edits too)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000_000))


def assert_same_as_clean(inc: Incremental, report) -> None:
    assert tree(inc.out) == clean_build(inc.site, inc.today)
    assert report.written or report.deleted, "the change should have changed the output"


VACANCY = "content/vacancies/sachbearbeitung.md"


@both
def test_body_edit_rerenders_only_that_vacancy_and_writes_only_it(inc):
    before = stamps(inc.out)
    edit(inc.site / VACANCY, "- Pässe und Ausweise", "- Pässe, Ausweise und Führerscheine")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert report.written == ["stellen/sachbearbeitung/index.html"]
    assert report.parsed == 1
    assert "geschichten/lena/index.html" not in report.rendered
    after = stamps(inc.out)
    untouched = [p for p in before if p != "stellen/sachbearbeitung/index.html"]
    assert all(before[p] == after[p] for p in untouched)


def test_title_edit_updates_lists_sitemap_and_feed(inc):
    edit(inc.site / VACANCY, "Sachbearbeiter*in Bürgeramt", "Sachbearbeiter*in Bürgerbüro")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert {"index.html", "stellen/index.html", "stellen/feed.xml"} <= set(report.written)
    assert "Bürgerbüro" in (inc.out / "stellen/index.html").read_text()


def test_new_file(inc):
    new = inc.site / "content/vacancies/neu.md"
    text = (inc.site / VACANCY).read_text().replace("Bürgeramt (m/w/d)", "Neu (m/w/d)")
    new.write_text(text, encoding="utf-8")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/neu/index.html" in report.written
    assert "Neu (m/w/d)" in (inc.out / "sitemap.xml").read_text() or (
        "stellen/neu/" in (inc.out / "sitemap.xml").read_text()
    )


def test_deleted_file(inc):
    (inc.site / VACANCY).unlink()
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/sachbearbeitung/index.html" in report.deleted
    assert not (inc.out / "stellen/sachbearbeitung").exists()


@both
def test_renamed_file(inc):
    (inc.site / VACANCY).rename(inc.site / "content/vacancies/buergeramt.md")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/buergeramt/index.html" in report.written
    assert "stellen/sachbearbeitung/index.html" in report.deleted


def test_story_edit_updates_home_but_not_vacancies(inc):
    edit(
        inc.site / "content/stories/lena.md",
        "Jeder Tag ist anders.",
        "Kein Tag gleicht dem anderen.",
    )
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "index.html" in report.rendered  # the home page shows stories
    assert "stellen/sachbearbeitung/index.html" not in report.rendered


def test_legal_page_title_edit_updates_every_footer(inc):
    edit(inc.site / "content/pages/impressum.md", "title: Impressum", "title: Impressum & Kontakt")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/sachbearbeitung/index.html" in report.written


def own_template(site: Path, name: str) -> Path:
    """Copy a built-in template into the site's own theme (which then overrides it)."""
    source = Path(karriere.__file__).parent / "themes/default/templates" / name
    target = site / "themes/default/templates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


@both
def test_new_template_override_and_template_edit(inc):
    target = own_template(inc.site, "story.html")
    report = inc.build()
    assert tree(inc.out) == clean_build(inc.site)
    assert report.written == []  # same bytes as the built-in template: nothing to write
    assert report.rendered == ["geschichten/lena/index.html"]
    edit(target, "{% block main %}", "{% block main %}<p>Neu im Theme</p>")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert report.rendered == ["geschichten/lena/index.html"]


def test_partial_edit_rerenders_every_page_that_includes_it(inc):
    target = own_template(inc.site, "partials/footer.html")
    edit(target, '<footer class="site-footer">', '<footer class="site-footer" id="fuss">')
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/sachbearbeitung/index.html" in report.written
    assert "404.html" in report.written


@both
def test_card_partial_edit_updates_every_list(inc):
    target = own_template(inc.site, "partials/vacancy_card.html")
    edit(target, '<li class="card"', '<li class="card stelle"')
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert {"stellen/index.html", "index.html"} <= set(report.rendered)


@both
def test_card_reading_more_of_the_site_is_tracked(inc):
    """A theme's card that shows the number of vacancies: a new vacancy changes every card."""
    target = own_template(inc.site, "partials/vacancy_card.html")
    edit(target, "</dl>", "</dl><p>{{ site.vacancies | length }} Stellen</p>")
    inc.build()
    source = inc.site / VACANCY
    copy = source.with_name("zweite-stelle.md")
    copy.write_text(source.read_text(encoding="utf-8").replace("title: ", "title: Zweite "))
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/kategorie/fachkraft/index.html" in report.written


def test_preview_cards_kept_by_identity_follow_what_they_read(scratch_site):
    """In the preview the same item objects come back, and a list takes last build's
    card of an item by identity: only while everything the card read is unchanged."""
    target = own_template(scratch_site, "partials/vacancy_card.html")
    edit(target, "</dl>", "</dl><p>{{ site.vacancies | length }} Stellen</p>")
    out = scratch_site.parent / "preview"
    builder = preview_engine(scratch_site, out)
    source = scratch_site / VACANCY
    copy = source.with_name("zweite-stelle.md")
    copy.write_text(source.read_text(encoding="utf-8").replace("title: ", "title: Zweite "))
    report = builder.build(changed_paths=[copy])
    assert tree(out) == clean_build(scratch_site)
    assert "stellen/kategorie/fachkraft/index.html" in report.written
    edit(source, "- Pässe und Ausweise", "- Pässe")  # the cards read no body: all kept
    builder.build(changed_paths=[source])
    assert tree(out) == clean_build(scratch_site)


def test_preview_lists_reused_place_by_place_follow_the_card_template(scratch_site):
    """A list page's cards come back from last build's call of the same page (the same
    items in the same places, but for the edited one) only while the card template and
    what it read are unchanged."""
    out = scratch_site.parent / "preview"
    builder = preview_engine(scratch_site, out)
    source = scratch_site / VACANCY
    edit(source, 'title: "Sachbearbeiter*in', 'title: "Fachkraft')
    report = builder.build(changed_paths=[source])
    assert tree(out) == clean_build(scratch_site)
    assert "stellen/index.html" in report.written
    target = own_template(scratch_site, "partials/vacancy_card.html")
    edit(target, "</dl>", "</dl><p>Neu im Angebot</p>")
    report = builder.build(changed_paths=[target])
    assert tree(out) == clean_build(scratch_site)
    assert "Neu im Angebot" in (out / "stellen/index.html").read_text(encoding="utf-8")
    edit(source, 'title: "Fachkraft', 'title: "Sachbearbeiter*in')
    builder.build(changed_paths=[source])
    assert tree(out) == clean_build(scratch_site)


def test_preview_filter_choices_follow_an_employers_name(tmp_path):
    """The vacancy filter's choices on /stellen/ are made again from last build's facts
    only when a fact or a label changed: here an employer's short name (example site)."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copy(ROOT / "site.yaml", site / "site.yaml")
    out = tmp_path / "preview"
    builder = preview_engine(site, out)
    employer = site / "content/employers/gwl-wohnen.md"
    edit(employer, 'short_name: "GWL"', 'short_name: "GWL Wohnen"')
    builder.build(changed_paths=[employer])
    assert tree(out) == clean_build(site)
    assert ">GWL Wohnen</option>" in (out / "stellen/index.html").read_text(encoding="utf-8")


def test_static_asset_edit(inc):
    css = Path(karriere.__file__).parent / "themes/default/static/style.css"
    target = inc.site / "themes/default/static/style.css"
    target.parent.mkdir(parents=True)
    target.write_bytes(css.read_bytes() + b"\n.neu{color:red}\n")
    report = inc.build()
    assert_same_as_clean(inc, report)
    old_css = [p for p in report.deleted if p.startswith("assets/style.")]
    assert old_css, "the old fingerprinted stylesheet is removed"


@both
def test_site_yaml_edit(inc):
    edit(inc.site / "site.yaml", 'Stadt Teststadt"\nbase_url', 'Stadt Neustadt"\nbase_url')
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "Neustadt" in (inc.out / "stellen/sachbearbeitung/index.html").read_text()


@both
def test_base_path_change_rebases_the_bodies(inc):
    """A body's HTML depends on the base path (rooted links are rebased): pages must not
    keep last build's HTML when only site.yaml's base_url moved."""
    edit(inc.site / VACANCY, "- Pässe und Ausweise", "- Pässe, siehe [FAQ](/faq/)")
    inc.build()
    edit(inc.site / "site.yaml", "example.org/karriere/", "example.org/jobs/")
    report = inc.build()
    assert_same_as_clean(inc, report)
    page = (inc.out / "stellen/sachbearbeitung/index.html").read_text()
    assert 'href="/jobs/faq/"' in page


def test_category_added_in_site_yaml(inc):
    with open(inc.site / "site.yaml", "a", encoding="utf-8") as f:
        f.write(
            "categories: {fachkraft: Fachkräfte, praktikum: Praktikum, ausbildung: Ausbildung, it: IT}\n"
        )
    bump(inc.site / "site.yaml")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/kategorie/it/index.html" in report.written


def test_media_replaced(inc):
    media = inc.site / "content/media"
    media.mkdir()
    (media / "team.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"/>'
    )
    edit(inc.site / VACANCY, "summary:", "image: media/team.svg\nimage_alt: Das Team\nsummary:")
    inc.build()
    assert tree(inc.out) == clean_build(inc.site)
    (media / "team.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="60"/>'
    )
    bump(media / "team.svg")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "media/team.svg" in report.written


@both
def test_build_date_crossing_a_deadline(inc):
    inc.today = date(2031, 7, 1)  # the day after sachbearbeitung's deadline
    report = inc.build()
    assert_same_as_clean(inc, report)
    page = (inc.out / "stellen/sachbearbeitung/index.html").read_text()
    assert "Bewerbungsfrist ist abgelaufen" in page and "JobPosting" not in page
    assert "stellen/sachbearbeitung/" not in (inc.out / "sitemap.xml").read_text()


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
    assert len(list(kept.glob("state-*.pickle"))) == len(list(kept.glob("noop-*.json"))) == 1


@both
def test_nothing_changed_writes_no_file(inc):
    before = stamps(inc.out)
    folder = inc.out.stat().st_ino
    report = inc.build()
    assert report.written == [] and report.deleted == []
    assert stamps(inc.out) == before
    assert inc.out.stat().st_ino == folder  # not even swapped


def test_failed_build_writes_nothing_and_recovers(inc):
    before = tree(inc.out)
    edit(inc.site / VACANCY, "category: fachkraft", "category: fachkraeftee")
    with pytest.raises(BuildError):
        inc.build()
    assert tree(inc.out) == before
    edit(inc.site / VACANCY, "category: fachkraeftee", "category: praktikum")
    report = inc.build()
    assert_same_as_clean(inc, report)


def test_tampered_output_is_repaired(inc):
    page = inc.out / "stellen/sachbearbeitung/index.html"
    page.write_text("kaputt")
    (inc.out / "extra.html").write_text("not ours")
    report = inc.build()
    assert tree(inc.out) == clean_build(inc.site)
    assert "stellen/sachbearbeitung/index.html" in report.written
    assert "extra.html" in report.deleted


def test_deleted_cache_is_harmless(inc):
    shutil.rmtree(inc.site / ".karriere-cache", ignore_errors=True)
    before = stamps(inc.out)
    report = Builder(Request(inc.site, BUILD_DAY), inc.out, jobs=1).build()
    assert report.written == []
    assert stamps(inc.out) == before


def test_changed_paths_hint_for_the_preview(scratch_site):
    out = scratch_site.parent / "preview"
    builder = preview_engine(scratch_site, out)
    path = scratch_site / VACANCY
    edit(path, "- Pässe und Ausweise", "- Pässe")
    report = builder.build(changed_paths=[path])
    assert report.written == ["stellen/sachbearbeitung/index.html"]
    assert tree(out) == clean_build(scratch_site)


def test_parallel_build_equals_serial_build(scratch_site, monkeypatch):
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    monkeypatch.setattr(engine, "PARALLEL_FROM", 1)
    monkeypatch.setattr(network_files, "QR_PARALLEL_FROM", 1)
    out = scratch_site.parent / "parallel"
    report = Builder(Request(scratch_site, BUILD_DAY), out, jobs=2, persist=False).build()
    assert report.parsed == 8
    site_pages._descriptions.clear()  # the serial build makes its own (the workers sent theirs)
    assert tree(out) == clean_build(scratch_site)
    assert not list((scratch_site / ".karriere-cache").glob("spool-*")), "spool left behind"
    edit(scratch_site / VACANCY, "- Pässe und Ausweise", "- Pässe")
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=2).build()
    assert tree(out) == clean_build(scratch_site)


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
    key = engine.content_key()
    kept = scratch_site / ".karriere-cache"
    names = set()
    for number in range(engine.CONTENT_SHARDS):
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


def test_preview_builder_stays_exact_over_many_rebuilds(scratch_site):
    """One long-lived preview engine (identity reuse of items, page shapes, fingerprints)
    matches a clean build after each of a series of different edits."""
    out = scratch_site.parent / "preview"
    builder = preview_engine(scratch_site, out)
    vacancy = scratch_site / VACANCY
    steps = [
        lambda: edit(vacancy, "- Pässe und Ausweise", "- Pässe"),
        lambda: edit(vacancy, 'title: "Sachbearbeiter*in', 'title: "Fachkraft'),
        lambda: edit(vacancy, "category: fachkraft", "category: praktikum"),
        lambda: (scratch_site / "content/vacancies/neu.md").write_text(
            vacancy.read_text(encoding="utf-8").replace("title: ", "title: Neue "),
            encoding="utf-8",
        ),
        lambda: (scratch_site / "content/vacancies/neu.md").unlink(),
        lambda: edit(scratch_site / "site.yaml", "Teststadt", "Musterstadt"),
        lambda: edit(vacancy, "category: praktikum", "category: fachkraft"),
        lambda: add_video(scratch_site, vacancy),  # the site's videos: known items and new
        lambda: edit(vacancy, VIDEO_FIELD, ""),
    ]
    for number, step in enumerate(steps):
        step()
        named = [vacancy, scratch_site / "content/vacancies/neu.md"]  # as a watcher would
        report = builder.build(changed_paths=None if number == 5 else named)
        assert tree(out) == clean_build(scratch_site), f"step {number}"
        assert report.written or report.deleted, f"step {number} changed nothing"


VIDEO_FIELD = 'video: {youtube: "dQw4w9WgXcQ", poster: media/film.jpg, title: "Ein Tag im Amt"}\n'


def add_video(site: Path, vacancy: Path) -> None:
    from PIL import Image

    (site / "content/media").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (320, 180), (20, 90, 60)).save(site / "content/media/film.jpg")
    edit(vacancy, "category: fachkraft\n", "category: fachkraft\n" + VIDEO_FIELD)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_fresh_clone_parses_nothing_again(scratch_site, monkeypatch, jobs):
    """A CI job that restores .karriere-cache/ into a fresh clone: every content file has a
    new modification time but the same bytes, and one changed file is parsed again."""
    monkeypatch.setattr(engine, "PARALLEL_FROM", 1)  # the pool path too, on a small site
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
    original = engine.Builder._save_content

    def save_content(self):
        if os.getpid() == parent:
            saved_here.append(True)
        elif case == "fork_fails":
            raise OSError("the forked writer failed")
        original(self)

    monkeypatch.setattr(engine.Builder, "_save_content", save_content)
    if case == "content_grew":
        sizes = iter([(0,), (1,)])
        monkeypatch.setattr(engine.Builder, "_content_size", lambda self, markdown: next(sizes))
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
        builder.engine = Builder(
            builder.engine.request, out, persist=False, mode="file", shortcut=False,
            shared_content=False,
        )  # fmt: skip
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

    class Counting(engine.MarkdownRenderer):
        def convert(self, text: str) -> str:
            converted.append(text)
            return super().convert(text)

    monkeypatch.setattr(engine, "MarkdownRenderer", Counting)
    report = Builder(Request(scratch_site, BUILD_DAY), scratch_site.parent / "public").build()
    assert report.parsed == 0 and converted == []
    assert tree(scratch_site.parent / "public") == clean_build(scratch_site)


def test_a_build_that_shows_no_vacancy_list_keeps_the_cards(scratch_site):
    """Editing the FAQ re-renders no page with vacancy cards; the next build that does
    must still find every card (they used to be dropped, and all drawn again)."""
    out = scratch_site.parent / "public"
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    made = scratch_site / ".karriere-cache" / "made.pickle"
    key = engine.content_key()
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
    files = [kept / f"content-{n}.pickle" for n in range(engine.CONTENT_SHARDS)]
    assert 2 < sum(path.exists() for path in files) < len(files)  # a small site: some empty

    def held() -> dict[str, tuple]:
        """Each file's inode (a write replaces the file) and what it holds."""
        found = {}
        for path in files:
            if not path.exists():
                found[path.name] = (None, [], [], [])
                continue
            entries, html, descriptions = store.load_chunks(path, engine.content_key())
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
    again = Builder(Request(scratch_site, BUILD_DAY), out, jobs=1, shortcut=False).build()
    assert again.parsed == 0 and again.written == []
    assert tree(out) == clean_build(scratch_site)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_next_process_makes_no_page_description_again(scratch_site, monkeypatch, jobs):
    """A page's description, cut from its body's HTML, is kept with that HTML: the next
    process makes only the edited page's again, and every page still says the same."""
    monkeypatch.setattr(engine, "PARALLEL_FROM", 1)  # the pool path too, on a small site
    out = scratch_site.parent / "public"
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=jobs).build()
    made = []

    def counting(packed: bytes, limit: int) -> str:
        made.append(packed)
        return first_sentence_packed(packed, limit)

    first_sentence_packed = site_pages.first_sentence_packed
    monkeypatch.setattr(site_pages, "first_sentence_packed", counting)
    monkeypatch.setattr(site_pages, "_descriptions", {})  # a new process knows none
    edit(
        scratch_site / VACANCY, 'summary: "Sie beraten Bürgerinnen und Bürger im Bürgeramt."\n', ""
    )
    edit(scratch_site / VACANCY, "## Ihre Aufgaben", "Neu im Team: Sie.\n\n## Ihre Aufgaben")
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=1).build()
    assert len(made) == 1
    page = (out / "stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Neu im Team: Sie.' in page
    made.clear()
    site_pages._descriptions.clear()
    assert tree(out) == clean_build(scratch_site)
    assert len(made) > 3  # (so there were several to keep)


def test_a_command_line_build_looks_at_the_input_files_once(scratch_site, monkeypatch, capsys):
    """The no-op check, the record for the next one and the media digests share one look
    at content/ (a big site has ten thousand files to stat)."""
    from karriere.commands import cli

    out = scratch_site.parent / "public"
    args = ["build", "--site", str(scratch_site), "--out", str(out), "--date", BUILD_DATE]
    assert cli.main(args) == 0
    edit(scratch_site / VACANCY, "- Pässe und Ausweise", "- Pässe")
    walked = []

    def counting(root, *rest, **options):
        walked.append(Path(root))
        return walk_signatures(root, *rest, **options)

    walk_signatures = hashing.walk_signatures
    monkeypatch.setattr(noop, "walk_signatures", counting)
    monkeypatch.setattr(engine, "walk_signatures", counting)
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
    builder = Builder(Request(scratch_site, BUILD_DAY), out, jobs=1, persist=persist, mode="file")
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
    records = builder._load_state().records
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

    for module, name in (
        (outputs, "_feed_entry"),
        (outputs, "_sitemap_row"),
        (network_files, "_filter_row"),
        (site_network, "_option_facts"),
    ):
        monkeypatch.setattr(module, name, counted(name, getattr(module, name)))
    second = scratch_site / "content/vacancies/zweite.md"
    second.write_text((scratch_site / VACANCY).read_text(encoding="utf-8"), encoding="utf-8")
    out = scratch_site.parent / "preview"
    builder = preview_engine(scratch_site, out)
    assert "stellen/zweite/" in made["_feed_entry"] and len(made["_feed_entry"]) >= 2
    assert len(made["_filter_row"]) >= 2 and "stellen/zweite/" in made["_sitemap_row"]
    first_sitemap_rows = made["_sitemap_row"]
    made = {}
    edit(scratch_site / VACANCY, 'title: "Sachbearbeiter*in', 'title: "Fachkraft')
    builder.build(changed_paths=[scratch_site / VACANCY])
    route = "stellen/sachbearbeitung/"
    assert made["_feed_entry"] == made["_filter_row"] == made["_option_facts"] == [route]
    assert route in made["_sitemap_row"]  # with the list pages, made anew each build
    assert "stellen/zweite/" not in made["_sitemap_row"]
    assert len(made["_sitemap_row"]) < len(first_sitemap_rows)
    assert tree(out) == clean_build(scratch_site)


LISTS = {"index.html", "stellen/index.html", "stellen/kategorie/fachkraft/index.html"}


@both
def test_a_body_edit_leaves_the_lists_of_cards_alone(inc):
    """A card shows front matter only: a changed body re-renders its own page, not the
    list pages (an entry counts by its front matter; reading the body is a dependency)."""
    edit(inc.site / VACANCY, "- Pässe und Ausweise", "- Pässe, Ausweise und Führerscheine")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/sachbearbeitung/index.html" in report.rendered
    assert not LISTS & set(report.rendered)


@both
def test_a_card_that_shows_the_body_follows_it(inc):
    target = own_template(inc.site, "partials/vacancy_card.html")
    edit(target, "</dl>", "</dl><div>{{ v.html | safe }}</div>")
    inc.build()
    edit(inc.site / VACANCY, "- Pässe und Ausweise", "- Pässe, Ausweise und Führerscheine")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert LISTS <= set(report.written)
    assert "Führerscheine" in (inc.out / "stellen/index.html").read_text(encoding="utf-8")


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
