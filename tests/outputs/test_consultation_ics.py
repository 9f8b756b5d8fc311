"""Issue 32's ways to talk on a built scratch site: the consultation hours' calendar file
parsed back (RRULE, TZID with its VTIMEZONE, times, CRLF, stable UID), and the contact
block in German and English: phone hours in the reader's format, the open hint's data,
the calendar link and the messengers behind their notice."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from helpers import BUILD_DATE, SCRATCH_FILES, SITE_YAML, run_cli, write_files

CONTACT = """\
contact:
  name: "Anna Muster"
  phone: "+49 2345 12-3456"
  phone_hours: "Mo–Fr 8–12, Do 14–18"
  email: "anna@example.org"
  consultation:
    - title: "Azubi-Sprechstunde"
      when: "jeden Dienstag 15–17 Uhr"
      place: "Rathaus, Raum 112"
      from: 2026-11-20
      until: 2027-03-30
    - {title: "Sprechstunde für Eltern", when: "Mo, Mi 16:30–18"}
  messengers:
    whatsapp: "+49 151 2345678"
    threema: "abcd1234"
"""
LANGUAGES = "languages:\n  - {code: de, label: Deutsch}\n  - {code: en, label: English}\n"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    site = write_files(
        tmp_path_factory.mktemp("talk") / "site",
        {**SCRATCH_FILES, "site.yaml": SITE_YAML + CONTACT + LANGUAGES},
    )
    target = site.parent / "out"
    done = run_cli("build", "--site", str(site), "--out", str(target), "--date", BUILD_DATE)
    assert done.returncode == 0, done.stderr
    return target


def calendar_file(out: Path) -> Path:
    files = list((out / "sprechstunden").glob("*.ics"))
    assert len(files) == 1
    return files[0]


def events(out: Path) -> list:
    return icalendar.Calendar.from_ical(calendar_file(out).read_bytes()).walk("VEVENT")


def test_the_calendar_file_is_rfc_5545(out):
    data = calendar_file(out).read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    assert max(map(len, lines)) <= 75  # folded
    cal = icalendar.Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    zones = cal.walk("VTIMEZONE")
    assert [z["TZID"] for z in zones] == ["Europe/Berlin"]
    rules = {c.name: c["RRULE"] for c in zones[0].subcomponents}
    assert rules["DAYLIGHT"]["BYMONTH"] == [3] and rules["STANDARD"]["BYMONTH"] == [10]


def test_each_consultation_is_a_weekly_event_in_berlin_time(out):
    tuesday, parents = events(out)
    assert tuesday["SUMMARY"] == "Azubi-Sprechstunde"
    assert tuesday["LOCATION"] == "Rathaus, Raum 112"
    assert "DTSTART;TZID=Europe/Berlin:20261124T150000" in tuesday.to_ical().decode()
    start, end = tuesday.decoded("DTSTART"), tuesday.decoded("DTEND")
    assert start == datetime(2026, 11, 24, 15, 0, tzinfo=BERLIN)  # the first Tuesday
    assert (end - start).seconds == 2 * 3600
    rule = tuesday["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU"]
    assert rule["UNTIL"][0].date() == date(2027, 3, 30)  # in UTC, the end of the last day
    assert tuesday.decoded("DTSTAMP") == datetime.fromisoformat(BUILD_DATE + "T00:00:00+00:00")
    # No from: from the build day (a Sunday) on, the first Monday or Wednesday.
    assert parents.decoded("DTSTART") == datetime(2026, 11, 23, 16, 30, tzinfo=BERLIN)
    assert parents["RRULE"]["BYDAY"] == ["MO", "WE"] and "UNTIL" not in parents["RRULE"]
    assert parents.decoded("DTEND").time() == time(18, 0)
    assert len({tuesday["UID"], parents["UID"]}) == 2


def test_a_time_edit_keeps_the_uid(out, tmp_path):
    """The UID names the series, not its time: a calendar updates it instead of adding one."""
    moved = CONTACT.replace("jeden Dienstag 15–17 Uhr", "jeden Donnerstag 14–16 Uhr")
    site = write_files(tmp_path / "site", {**SCRATCH_FILES, "site.yaml": SITE_YAML + moved})
    done = run_cli("build", "--site", str(site), "--out", str(tmp_path / "o"), "--date", BUILD_DATE)
    assert done.returncode == 0, done.stderr
    again = events(tmp_path / "o")
    assert again[0]["RRULE"]["BYDAY"] == ["TH"]
    assert [e["UID"] for e in again] == [e["UID"] for e in events(out)]


def block(out: Path, page: str) -> str:
    html = (out / page).read_text(encoding="utf-8")
    start = html.index('<section class="contact dialogue"')
    # (without the build's soft hyphens: the tests read the words)
    return html[start : html.index("</section>", start)].replace("&shy;", "")


def text(html: str) -> str:
    plain = re.sub(r"<[^>]+>", "", html).replace("\u00ad", "")
    return re.sub(r"[ \t\n]+", " ", plain)  # (U+202F, the space before AM, stays)


def test_the_contact_block_in_german(out):
    html = block(out, "stellen/sachbearbeitung/index.html")  # its own contact has no hours
    assert "Telefonzeiten" not in html
    html = block(out, "index.html")
    words = text(html)
    assert "Telefonzeiten: Mo–Fr 8:00–12:00 Uhr; Do 14:00–18:00 Uhr" in words
    assert "Azubi-Sprechstunde: Di 15:00–17:00 Uhr, Rathaus, Raum 112" in words
    assert "(bis 30.03.2027)" in words
    hint = re.search(r'<span class="open-hint"[^>]*>', html).group()
    assert " hidden" in hint and 'role="status"' in hint
    data = json.loads(re.search(r'data-hours="([^"]*)"', hint).group(1).replace("&#34;", '"'))
    assert data == [[[0, 1, 2, 3, 4], 480, 720], [[3], 840, 1080]]
    assert re.search(r'<script src="/karriere/assets/hours\.[0-9a-f]+\.js" defer>', html)
    link = re.search(r'<a href="([^"]+\.ics)" download>In den Kalender</a>', html).group(1)
    assert link == "/karriere/" + calendar_file(out).relative_to(out).as_posix()


def test_the_contact_block_in_english(out):
    words = text(block(out, "en/index.html"))
    assert "Phone hours: Mon–Fri 8:00\u202fAM–12:00\u202fPM; Thu 2:00\u202fPM–6:00\u202fPM" in words
    assert "Add to calendar" in words and "Consultation hours" in words
    assert "Meta learns your phone number, that you wrote to us, and when" in words


def test_messengers_sit_behind_a_notice(out):
    html = block(out, "index.html")
    found = re.findall(
        r'<details class="messenger">\s*<summary>(\w+)</summary>(.*?)</details>', html, re.S
    )
    assert [name for name, _ in found] == ["WhatsApp", "Threema"]
    whatsapp, threema = (body for _, body in found)
    assert "Meta erfährt Ihre Telefonnummer" in whatsapp
    assert 'href="https://wa.me/491512345678"' in whatsapp
    assert "Threema-ID" in threema and 'href="https://threema.id/ABCD1234"' in threema
    outside = re.sub(r"<details.*?</details>", "", html, flags=re.S)
    assert "wa.me" not in outside and "threema.id" not in outside


def test_pages_without_phone_hours_load_no_hours_script(tmp_path):
    site = write_files(tmp_path / "site", dict(SCRATCH_FILES))
    done = run_cli("build", "--site", str(site), "--out", str(tmp_path / "o"), "--date", BUILD_DATE)
    assert done.returncode == 0, done.stderr
    for page in (tmp_path / "o").rglob("*.html"):
        assert "hours." not in page.read_text(encoding="utf-8"), page
    assert not (tmp_path / "o" / "sprechstunden").exists()
