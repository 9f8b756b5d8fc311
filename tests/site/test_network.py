"""Networks and campaigns (karriere/network.py): employers, occupations, events, the facts
the vacancy filter narrows by, QR codes, posters and the dialogue block.

The expectations are computed from the example site's front matter (what an editor wrote),
not from the site model, so a wrong query in the generator shows up as a difference.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

import icalendar
import yaml
from helpers import BUILD_DAY, ROOT, SCRATCH_FILES, run_cli, write_files, zbar
from PIL import Image, ImageDraw

from karriere.site.network_pages import SHOWN_VACANCIES

BASE = "https://example.org/karriere/"
BASE_PATH = "/karriere/"


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n")[0][4:])


def collection(kind: str) -> dict[str, dict]:
    originals = [p for p in sorted((ROOT / "content" / kind).glob("*.md")) if "." not in p.stem]
    return {p.stem: front(p) for p in originals}


def open_vacancies() -> dict[str, dict]:
    def is_open(m):
        deadline = m.get("deadline")
        deadline = date.fromisoformat(deadline) if isinstance(deadline, str) else deadline
        return not m.get("draft") and (deadline is None or deadline >= BUILD_DAY)

    return {slug: m for slug, m in collection("vacancies").items() if is_open(m)}


def section(html: str, heading_id: str) -> str:
    """The inside of <section aria-labelledby=heading_id> (these sections do not nest)."""
    found = re.search(
        rf'<section[^>]*aria-labelledby="{heading_id}"[^>]*>(.*?)</section>', html, re.S
    )
    return found.group(1) if found else ""


def linked(html: str, prefix: str) -> set[str]:
    """Slugs of links to BASE_PATH + prefix + <slug>/ in the html."""
    return set(re.findall(rf'href="{re.escape(BASE_PATH + prefix)}([a-z0-9-]+)/"', html))


def jsonld_blocks(html: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(text) for text in found]


def card_slugs(html: str) -> list[str]:
    """The slugs of the vacancy cards in the html, in order."""
    return re.findall(rf'class="card-title"><a href="{BASE_PATH}stellen/([a-z0-9-]+)/"', html)


def read(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


# --- employers --------------------------------------------------------------------------


def test_example_has_a_network():
    assert len(collection("employers")) >= 3
    assert len(collection("occupations")) >= 6
    events = collection("events")
    assert len(events) >= 2
    ends = [date.fromisoformat(str(m.get("end") or m["start"])[:10]) for m in events.values()]
    assert any(d < BUILD_DAY for d in ends) and any(d > BUILD_DAY for d in ends)
    assert any(m.get("programme") for m in collection("pages").values())
    for m in collection("occupations").values():
        assert m.get("forms") and m.get("duration") and m.get("pay")


def test_employer_pages_list_exactly_their_open_vacancies_and_stories(example_build):
    vacancies = open_vacancies()
    stories = {s: m for s, m in collection("stories").items() if not m.get("draft")}
    for slug in collection("employers"):
        html = read(example_build, f"arbeitgeber/{slug}/index.html")
        want = {v for v, m in vacancies.items() if m.get("employer") == slug}
        want_stories = {s for s, m in stories.items() if m.get("employer") == slug}
        assert linked(section(html, "geschichten"), "geschichten/") == want_stories, slug
        # the pre-rendered filter page per employer lists them all; the employer's page
        # the first few of that list (tests/site/test_network_lists.py: with many)
        listing = read(example_build, f"stellen/arbeitgeber/{slug}/index.html")
        listed = card_slugs(listing.split("<main", 1)[1])
        assert set(listed) == want, slug
        assert card_slugs(section(html, "offene-stellen")) == listed[:SHOWN_VACANCIES], slug


def test_employer_page_facts_from_the_example(example_build):
    lvb = read(example_build, "arbeitgeber/lindenfelder-verkehrsbetriebe/index.html")
    assert linked(section(lvb, "offene-stellen"), "stellen/") == {
        "ausbildung-berufskraftfahrerin-personenverkehr"
    }
    city = read(example_build, "arbeitgeber/stadt-lindenfeld/index.html")
    listed = linked(section(city, "offene-stellen"), "stellen/")
    assert "integrationsfachkraft-jobcenter" not in listed  # the Jobcenter's, not the city's
    assert "bauingenieurin-tiefbauamt" not in listed  # expired
    assert "ausbildung-fachinformatikerin-systemintegration" not in listed  # draft
    assert "lena-ein-tag-im-buergeramt" in linked(section(city, "geschichten"), "geschichten/")


def test_home_shows_who_is_hiring_events_and_programmes(example_build):
    home = read(example_build, "index.html")
    assert linked(section(home, "arbeitgeber"), "arbeitgeber/") == set(collection("employers"))
    programmes = {s for s, m in collection("pages").items() if m.get("programme")}
    assert linked(section(home, "programme"), "") == programmes
    assert "ankommen-im-rathaus" in programmes


def test_jobposting_names_the_vacancys_employer(example_build):
    """hiringOrganization is the employer the vacancy names, not always the site's."""
    employers = collection("employers")
    names = set()
    for slug, meta in open_vacancies().items():
        html = read(example_build, f"stellen/{slug}/index.html")
        (posting,) = [b for b in jsonld_blocks(html) if b["@type"] == "JobPosting"]
        want = employers[meta["employer"]]
        assert posting["hiringOrganization"]["name"] == want["name"], slug
        assert posting["hiringOrganization"]["sameAs"] == want["website"], slug
        names.add(want["name"])
    assert {"Lindenfelder Verkehrsbetriebe", "Jobcenter Lindenfeld", "Stadt Lindenfeld"} <= names


def test_employer_of_falls_back_to_the_site_organisation(scratch_site):
    from karriere.pipeline import Request, generate
    from karriere.site.network import employer_of

    write_files(scratch_site, NETWORK_FILES)
    site = generate(Request(site_dir=scratch_site, today=date(2030, 1, 1))).site
    by_slug = {v.slug: v for v in site.vacancies}
    assert employer_of(site, by_slug["bus"]).name == "Verkehrsbetriebe Teststadt"
    assert employer_of(site, by_slug["bus"]).url == "https://vb.example.org"
    assert employer_of(site, by_slug["sachbearbeitung"]).name == "Stadt Teststadt"


# --- occupations ------------------------------------------------------------------------


def test_occupation_pages_bring_together_vacancies_stories_and_faq(example_build):
    vacancies = open_vacancies()
    stories = {s: m for s, m in collection("stories").items() if not m.get("draft")}
    faq = {f: m for f, m in collection("faq").items() if not m.get("draft")}
    for slug in collection("occupations"):
        html = read(example_build, f"berufe/{slug}/index.html")
        want = {v for v, m in vacancies.items() if slug in m.get("occupations", [])}
        assert linked(section(html, "offene-stellen"), "stellen/") == want, slug
        want = {s for s, m in stories.items() if slug in m.get("occupations", [])}
        assert linked(section(html, "geschichten"), "geschichten/") == want, slug
        want = {f for f, m in faq.items() if slug in m.get("occupations", [])}
        shown = set(re.findall(r'<details class="faq" id="([a-z0-9-]+)"', section(html, "fragen")))
        assert shown == want, slug
    verwaltung = read(example_build, "berufe/verwaltungsfachangestellte/index.html")
    assert "werde-ich-uebernommen" in section(verwaltung, "fragen")
    assert "lena-ein-tag-im-buergeramt" in section(verwaltung, "geschichten")


def test_occupation_overview_lists_all_from_a_to_z(example_build):
    html = read(example_build, "berufe/index.html")
    main = html.split("<main", 1)[1]
    assert linked(main, "berufe/") == set(collection("occupations"))
    names = re.findall(r'<h3 class="card-title"><a href="/karriere/berufe/[^"]+">([^<]+)</a>', main)
    assert names == sorted(names, key=lambda n: n.casefold().translate(str.maketrans("äöü", "aou")))
    assert 'href="#buchstabe-v"' in main and 'id="buchstabe-v"' in main
    immo = read(example_build, "berufe/immobilienkaufleute/index.html")
    assert "TVAöD: 1.218–1.378 € im Monat" in immo


# --- the vacancy filter without JS ----------------------------------------------------


def test_category_pages_list_exactly_the_open_vacancies_of_that_category(example_build):
    vacancies = open_vacancies()
    categories = {m["category"] for m in collection("vacancies").values()}
    for key in categories:
        html = read(example_build, f"stellen/kategorie/{key}/index.html").split("<main", 1)[1]
        want = {v for v, m in vacancies.items() if m["category"] == key}
        assert linked(html, "stellen/") - {"kategorie", "arbeitgeber"} == want, key


def search_facts(html: str) -> dict[str, list[str]]:
    """What a page hands the search index besides its text (partials/search_data.html):
    {"filter:kategorie": [...], "meta:title": [...], "sort:frist": [...]}."""
    found: dict[str, list[str]] = {}
    pattern = r'<span data-pagefind-(filter|meta)="([a-z]+)">([^<]*)</span>'
    for attribute, name, value in re.findall(pattern, html):
        found.setdefault(f"{attribute}:{name}", []).append(unescape(value))
    for name, value in re.findall(r'<span data-pagefind-sort="([a-z]+):([^"]*)"></span>', html):
        found.setdefault(f"sort:{name}", []).append(value)
    return found


def test_each_open_vacancy_gives_the_search_its_facets(example_build):
    """The facets the filter narrows by (one row per vacancy in the old stellen/index.json,
    which the browser downloaded in full) are now in each page, for Pagefind."""
    assert not (example_build / "stellen" / "index.json").exists()
    for slug, meta in open_vacancies().items():
        html = read(example_build, f"stellen/{slug}/index.html")
        assert "data-pagefind-body" in html, slug
        facts = search_facts(html)
        loc = meta["location"]
        assert facts["filter:kategorie"] == [meta["category"]]
        assert facts["filter:arbeitgeber"] == [meta["employer"]]
        assert facts.get("filter:beruf", []) == meta.get("occupations", [])
        assert facts.get("filter:teilzeit", []) == (
            ["1"] if "part_time" in meta.get("employment", []) else []
        )
        assert facts["filter:ort"] == [loc if isinstance(loc, str) else loc["city"]]
        assert facts["sort:datum"] == [str(meta["posted"])]
        assert facts["meta:title"] == [meta["title"]]


def test_search_script_only_on_the_vacancy_list_and_the_search_page(example_build):
    for rel in ("stellen/index.html", "suche/index.html", "en/stellen/index.html"):
        assert re.search(
            r'<script src="[^"]+/search\.[0-9a-f]+\.js" defer>', read(example_build, rel)
        )
    for rel in (
        "index.html",
        "stellen/kategorie/ausbildung/index.html",
        "stellen/ausbildung-immobilienkaufleute/index.html",
    ):
        assert "search." not in read(example_build, rel), rel
        assert "filter." not in read(example_build, rel), rel
    listing = read(example_build, "stellen/index.html")
    assert re.search(r'<form id="filter"[^>]* hidden', listing)  # shown by the script only
    assert 'role="status"' in listing and '<label for="suchbegriff">' in listing
    assert "<fieldset>" in listing and 'name="arbeitgeber" value="jobcenter-lindenfeld"' in listing


# --- QR codes and posters ---------------------------------------------------------------


def svg_to_png(svg: Path, png: Path) -> None:
    """Draw the SVG path (M x y, h/v/m relative moves, one module wide strokes)."""
    text = svg.read_text(encoding="utf-8")
    width, height = (int(v) for v in re.search(r'width="(\d+)" height="(\d+)"', text).groups())
    stroke = (
        float(re.search(r'stroke-width="?([\d.]+)', text).group(1)) if "stroke-width" in text else 1
    )
    scale = re.search(r'transform="scale\(([\d.]+)\)"', text)
    k = float(scale.group(1)) if scale else 1
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    path = re.search(r'<path[^>]* d="([^"]+)"', text).group(1)
    for cmd, a, b in re.findall(r"([MmHhVv])\s*(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path):
        a = float(a)
        if cmd in "Mm":
            x, y = (a, float(b)) if cmd == "M" else (x + a, y + float(b))
        elif cmd in "Hh":
            nx = a if cmd == "H" else x + a
            top = (y - stroke / 2) * k
            draw.rectangle([x * k, top, nx * k - 1, top + stroke * k - 1], fill=0)
            x = nx
    image.save(png)


def test_qr_codes_decode_to_the_page_url(example_build, tmp_path):
    pages = {f"stellen/{v}/" for v in open_vacancies()}
    pages |= {
        f"{p}/" for p, m in collection("pages").items() if m.get("programme") or m.get("campaign")
    }
    assert "ankommen-im-rathaus/" in pages
    for route in sorted(pages):
        assert zbar(example_build / route / "qr.png") == BASE + route, route
    # the SVG (for print) carries the same code
    route = "stellen/ausbildung-immobilienkaufleute/"
    svg_to_png(example_build / route / "qr.svg", tmp_path / "from-svg.png")
    assert zbar(tmp_path / "from-svg.png") == BASE + route


def test_poster_fits_the_facts_and_stays_out_of_search(example_build):
    vacancy = collection("vacancies")["einstiegsqualifizierung-junge-gefluechtete"]
    html = read(
        example_build, "stellen/einstiegsqualifizierung-junge-gefluechtete/aushang/index.html"
    )
    # the code without its quiet zone (qrcodes.svg's <view id="code">): the paper is the margin
    assert 'src="/karriere/stellen/einstiegsqualifizierung-junge-gefluechtete/qr.svg#code"' in html
    assert vacancy["contact"]["name"] in html and vacancy["contact"]["phone"] in html
    assert "Bewerbungsschluss" in html and '<meta name="robots" content="noindex">' in html
    assert re.search(r'<link rel="stylesheet" href="[^"]+/poster\.[0-9a-f]+\.css">', html)
    deadline_html = read(example_build, "stellen/ausbildung-immobilienkaufleute/aushang/index.html")
    assert "31.03.2038" in deadline_html
    assert "aushang" not in read(example_build, "sitemap.xml")
    vacancy_page = read(
        example_build, "stellen/einstiegsqualifizierung-junge-gefluechtete/index.html"
    )
    assert (
        'href="/karriere/stellen/einstiegsqualifizierung-junge-gefluechtete/aushang/"'
        in vacancy_page
    )


def test_expired_vacancy_has_no_poster_and_no_link(example_build):
    expired = set(collection("vacancies")) - set(open_vacancies())
    expired -= {v for v, m in collection("vacancies").items() if m.get("draft")}
    assert "bauingenieurin-tiefbauamt" in expired
    for slug in expired:
        assert not (example_build / "stellen" / slug / "aushang").exists(), slug
        assert not (example_build / "stellen" / slug / "qr.svg").exists(), slug
        assert "aushang/" not in read(example_build, f"stellen/{slug}/index.html"), slug


def poster_files(out: Path) -> set[str]:
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    return {f for f in files if "/aushang/" in f or f.endswith(("/qr.svg", "/qr.png"))}


def test_posters_false_makes_no_posters_and_no_link(scratch_site, tmp_path):
    with_posters = build_scratch(scratch_site, tmp_path / "with", "2026-11-22")
    vacancies = {p.parts[-3] for p in (with_posters / "stellen").glob("*/aushang/index.html")}
    assert vacancies and poster_files(with_posters)
    site_yaml = scratch_site / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "posters: false\n", "utf-8")
    without = build_scratch(scratch_site, tmp_path / "without", "2026-11-22")
    assert poster_files(without) == set()
    for slug in vacancies:
        page = read(without, f"stellen/{slug}/index.html")
        assert "<h1" in page and "aushang/" not in page, slug
    assert "aushang/" in read(with_posters, f"stellen/{min(vacancies)}/index.html")


# --- events -----------------------------------------------------------------------------


def as_when(value):
    if isinstance(value, date):  # YAML reads timestamps itself
        return value
    text = str(value)
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


def test_ics_files_parse_and_carry_the_right_times(example_build):
    for slug, meta in collection("events").items():
        cal = icalendar.Calendar.from_ical((example_build / f"termine/{slug}.ics").read_bytes())
        (event,) = cal.walk("VEVENT")
        assert str(event["summary"]) == meta["title"]
        start = event.decoded("dtstart")
        assert start == as_when(meta["start"]), slug
        if isinstance(start, datetime):
            assert start.tzinfo is not None and start.utcoffset() is not None
            assert event.decoded("dtend") == as_when(meta["end"]), slug
        else:
            end = as_when(meta.get("end") or meta["start"])
            assert event.decoded("dtend") == end + timedelta(days=1)  # exclusive
        assert str(event["url"]) == f"{BASE}termine/{slug}/"
    fair = icalendar.Calendar.from_ical(
        (example_build / "termine/ausbildungsmesse-2037.ics").read_bytes()
    )
    start = fair.walk("VEVENT")[0].decoded("dtstart")
    assert start.isoformat() in ("2037-03-14T09:00:00+00:00", "2037-03-14T10:00:00+01:00")


def test_past_events_leave_the_listings(example_build):
    events = collection("events")
    past = {s for s, m in events.items() if str(m.get("end") or m["start"])[:10] < str(BUILD_DAY)}
    upcoming = set(events) - past
    assert past and upcoming
    listing = read(example_build, "termine/index.html").split("<main", 1)[1]
    assert linked(listing, "termine/") == upcoming
    assert linked(section(read(example_build, "index.html"), "termine"), "termine/") <= upcoming
    sitemap = read(example_build, "sitemap.xml")
    for slug in past:
        page = read(example_build, f"termine/{slug}/index.html")
        assert "Dieser Termin ist vorbei." in page and 'content="noindex"' in page
        assert "Event" not in [b["@type"] for b in jsonld_blocks(page)]
        assert f"termine/{slug}/" not in sitemap
    for slug in upcoming:
        assert f"{BASE}termine/{slug}/" in sitemap


def test_event_jsonld_matches_the_page(example_build):
    meta = collection("events")["ausbildungsmesse-2037"]
    html = read(example_build, "termine/ausbildungsmesse-2037/index.html")
    (data,) = [b for b in jsonld_blocks(html) if b["@type"] == "Event"]
    assert datetime.fromisoformat(data["startDate"]) == as_when(meta["start"])
    assert datetime.fromisoformat(data["endDate"]) == as_when(meta["end"])
    assert data["location"]["address"]["streetAddress"] == meta["location"]["street"]
    assert data["url"] == f"{BASE}termine/ausbildungsmesse-2037/"
    assert 'href="/karriere/termine/ausbildungsmesse-2037.ics"' in html


# --- scratch sites: dates, errors, dialogue ---------------------------------------------

NETWORK_FILES = {
    "site.yaml": SCRATCH_FILES["site.yaml"]
    + "cards: false\n"
    + "contact: {name: 'Erika Dialog', email: 'dialog@example.org', "
    + "response_time: 'Wir antworten werktags innerhalb von 24 Stunden.'}\n",
    "content/employers/vb.md": """\
        ---
        name: "Verkehrsbetriebe Teststadt"
        short_name: VB
        website: "https://vb.example.org"
        social: {whatsapp: "https://whatsapp.com/channel/vb"}
        ---
        Busse.
        """,
    "content/vacancies/bus.md": """\
        ---
        title: "Busfahrer*in"
        category: fachkraft
        posted: 2026-10-01
        location: Teststadt
        employer: vb
        employment: [part_time]
        ---
        Fahren.
        """,
    "content/events/messe.md": """\
        ---
        title: "Messe"
        start: 2027-01-10T10:00:00+01:00
        end: 2027-01-10T15:30:00+01:00
        location: {name: "Rathaus", street: "Markt 1", postal_code: "12345", city: "Teststadt"}
        ---
        Kommt vorbei.
        """,
    "content/events/tag.md": """\
        ---
        title: "Infotag"
        start: 2027-06-01
        end: 2027-06-02
        ---
        Zwei Tage.
        """,
}


def build_scratch(site: Path, out: Path, day: str) -> Path:
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", day)
    assert result.returncode == 0, result.stderr
    return out


def test_date_moves_an_event_out_of_the_listings(scratch_site, tmp_path):
    write_files(scratch_site, NETWORK_FILES)
    before = build_scratch(scratch_site, tmp_path / "a", "2027-01-10")
    assert linked(read(before, "termine/index.html"), "termine/") == {"messe", "tag"}
    assert "termine/messe/" in section(read(before, "index.html"), "termine")
    after = build_scratch(scratch_site, tmp_path / "b", "2027-01-11")
    assert linked(read(after, "termine/index.html"), "termine/") == {"tag"}
    assert "termine/messe/" not in read(after, "index.html")
    assert "Dieser Termin ist vorbei." in read(after, "termine/messe/index.html")
    cal = icalendar.Calendar.from_ical((after / "termine/tag.ics").read_bytes())
    event = cal.walk("VEVENT")[0]
    assert event.decoded("dtstart") == date(2027, 6, 1)
    assert event.decoded("dtend") == date(2027, 6, 3)  # the day after the last day
    messe = icalendar.Calendar.from_ical((after / "termine/messe.ics").read_bytes()).walk("VEVENT")[
        0
    ]
    assert messe.decoded("dtend") == datetime.fromisoformat("2027-01-10T15:30:00+01:00")


def test_dialogue_block_site_contact_and_vacancy_contact(scratch_site, tmp_path):
    write_files(scratch_site, NETWORK_FILES)
    out = build_scratch(scratch_site, tmp_path / "out", "2026-11-22")
    bus = section(read(out, "stellen/bus/index.html"), "kontakt")
    assert "Erika Dialog" in bus and "mailto:dialog@example.org" in bus  # the site's person
    assert 'href="https://whatsapp.com/channel/vb"' in bus  # the employer's own channel
    assert "Wir antworten werktags innerhalb von 24 Stunden." in bus
    own = section(read(out, "stellen/sachbearbeitung/index.html"), "kontakt")
    assert "Erika Muster" in own and "Erika Dialog" not in own  # the vacancy's person wins
    assert "Wir antworten werktags" in own  # the site's response time still applies
    assert 'href="https://www.instagram.com/teststadt/"' in own


def test_event_time_without_zone_is_an_editor_error(scratch_site, tmp_path):
    write_files(
        scratch_site,
        {"content/events/ohne.md": '---\ntitle: "X"\nstart: 2027-01-10T10:00:00\n---\nText.\n'},
    )
    result = run_cli("build", "--site", str(scratch_site), "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    assert "content/events/ohne.md:3: start:" in result.stderr
    assert "no time zone" in result.stderr and "+02:00" in result.stderr
    assert "Traceback" not in result.stderr


def test_sitemap_has_network_pages(example_build):
    tree = ElementTree.parse(example_build / "sitemap.xml")
    locs = {e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert f"{BASE}berufe/" in locs and f"{BASE}arbeitgeber/gwl-wohnen/" in locs
    assert f"{BASE}berufe/verwaltungsfachangestellte/" in locs
