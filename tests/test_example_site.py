"""The shipped example site, built under a sub-path and read as a visitor would."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import yaml
from helpers import BUILD_DAY, ROOT, run_cli
from sitecheck import broken_links, parse, text_of

BASE_PATH = "/karriere/"


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def vacancies() -> dict[str, dict]:
    originals = [p for p in sorted((ROOT / "content/vacancies").glob("*.md")) if "." not in p.stem]
    return {p.stem: front_matter(p) for p in originals}


def is_open(meta: dict) -> bool:
    deadline = meta.get("deadline")
    if isinstance(deadline, str):
        deadline = date.fromisoformat(deadline)
    return not meta.get("draft") and (deadline is None or deadline >= BUILD_DAY)


def test_example_has_the_cases_the_issue_asks_for():
    metas = vacancies()
    assert len(metas) >= 8
    categories = {m["category"] for m in metas.values()}
    assert {
        "ausbildung",
        "duales-studium",
        "praktikum",
        "fachkraft",
        "beamtenlaufbahn",
    } <= categories
    assert sum(1 for m in metas.values() if m.get("draft")) == 1
    expired = [m for m in metas.values() if not m.get("draft") and not is_open(m)]
    assert len(expired) == 1
    assert len(list((ROOT / "content/stories").glob("*.md"))) >= 4
    assert len(list((ROOT / "content/faq").glob("*.md"))) >= 10


def test_every_open_vacancy_is_listed_and_linked(example_build):
    listing = parse(example_build / "stellen/index.html").links
    home = parse(example_build / "index.html").links
    for slug, meta in vacancies().items():
        url = f"{BASE_PATH}stellen/{slug}/"
        if is_open(meta):
            assert url in listing, f"open vacancy {slug} missing from /stellen/"
            category_page = example_build / f"stellen/kategorie/{meta['category']}/index.html"
            assert url in parse(category_page).links
        else:
            assert url not in listing, f"{slug} is listed but not open"
            assert url not in home


def test_expired_vacancy_page_says_it_has_ended(example_build):
    expired = [s for s, m in vacancies().items() if not m.get("draft") and not is_open(m)]
    for slug in expired:
        page = example_build / f"stellen/{slug}/index.html"
        text = text_of(page)
        assert "Bewerbungsfrist ist abgelaufen" in text
        assert "Jetzt bewerben" not in text
        assert f"{BASE_PATH}stellen/" in parse(page).links  # points to the open vacancies
        assert "JobPosting" not in page.read_text()  # Google for Jobs drops it


def test_no_draft_leaks(example_build):
    drafts = [(s, m) for s, m in vacancies().items() if m.get("draft")]
    assert drafts
    everything = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in example_build.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".txt", ".json")
    )
    for slug, meta in drafts:
        assert not (example_build / "stellen" / slug).exists()
        assert f"stellen/{slug}/" not in everything
        assert meta["title"] not in everything


def test_sitemap_urls_resolve_to_files(example_build):
    tree = ElementTree.parse(example_build / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in tree.findall(".//s:loc", ns)]
    assert len(locs) > 10
    for loc in locs:
        assert loc.startswith("https://example.org/karriere/")
        rel = loc[len("https://example.org/karriere/") :]
        target = (
            example_build / rel / "index.html"
            if rel.endswith("/") or not rel
            else example_build / rel
        )
        assert target.is_file(), loc
    expired = [s for s, m in vacancies().items() if not m.get("draft") and not is_open(m)]
    assert not any(f"/stellen/{slug}/" in loc for loc in locs for slug in expired)


def test_every_internal_link_resolves_under_the_sub_path(example_build):
    assert broken_links(example_build, BASE_PATH) == []


def test_feed_lists_exactly_the_open_vacancies(example_build):
    feed = ElementTree.parse(example_build / "stellen/feed.xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    ids = {e.text for e in feed.findall("a:entry/a:id", ns)}
    expected = {
        f"https://example.org/karriere/stellen/{s}/" for s, m in vacancies().items() if is_open(m)
    }
    assert ids == expected


def test_robots_names_the_sitemap(example_build):
    assert (
        "Sitemap: https://example.org/karriere/sitemap.xml"
        in (example_build / "robots.txt").read_text()
    )


def test_every_page_has_one_h1_landmarks_and_legal_links(example_build):
    for page in example_build.rglob("*.html"):
        if "admin" in page.parts:
            continue
        html = page.read_text(encoding="utf-8")
        assert len(re.findall(r"<h1[ >]", html)) == 1, page
        assert '<main id="inhalt"' in html and 'href="#inhalt"' in html, page
        for slug in ("impressum", "datenschutz", "barrierefreiheit"):
            assert f'href="{BASE_PATH}{slug}/"' in html, (page, slug)


def test_vacancy_page_shows_the_essentials(example_build):
    for slug, meta in vacancies().items():
        if not is_open(meta):
            continue
        text = text_of(example_build / f"stellen/{slug}/index.html")
        if meta.get("apply_url"):
            assert "Jetzt bewerben" in text
        if meta.get("reference"):
            assert meta["reference"] in text
        if isinstance(meta.get("pay"), dict):  # a pay table: its group and euros a month
            group = re.escape(str(meta["pay"]["group"]))
            assert re.search(rf"{group} [^:]+: [\d.,]+ € – [\d.,]+ € im Monat", text), slug
        elif meta.get("pay"):
            assert meta["pay"] in text
        deadline = meta.get("deadline")
        if deadline:
            assert date.fromisoformat(str(deadline)).strftime("%d.%m.%Y") in text
        else:
            assert "Bewerbung laufend möglich" in text


def test_second_build_is_byte_identical(example_build, tmp_path):
    again = tmp_path / "again"
    result = run_cli(
        "build",
        "--site",
        str(ROOT),
        "--out",
        str(again),
        "--date",
        "2026-11-22",
        "--base-url",
        "https://example.org/karriere/",
    )
    assert result.returncode == 0, result.stderr
    first = {
        p.relative_to(example_build): p.read_bytes()
        for p in example_build.rglob("*")
        if p.is_file()
    }
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
