"""Issue 32's ways to talk: phone hours, consultation hours (their calendar file) and
messengers, added and edited in site.yaml and in a vacancy's contact; each incremental
build gives the bytes of a clean one (pages, and no calendar file left behind)."""

from __future__ import annotations

from incremental_helpers import VACANCY, assert_same_as_clean, both, edit

CONTACT = """\
contact:
  name: "Anna Muster"
  phone: "+49 2345 12-3456"
  phone_hours: "Mo–Fr 8–12"
  consultation:
    - {title: "Azubi-Sprechstunde", when: "Di 15–17", place: "Rathaus"}
  messengers: {signal: "+49 151 2345678"}
"""
OWN = '{name: "Erika Muster", phone: "+49 1234 56-78", email: "erika@example.org"}'


def calendars(inc) -> list[str]:
    return sorted(p.name for p in (inc.out / "sprechstunden").glob("*.ics"))


@both
def test_site_contact_added_edited_and_removed(inc):
    site_yaml = inc.site / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + CONTACT, encoding="utf-8")
    assert_same_as_clean(inc, inc.build())
    first = calendars(inc)
    assert len(first) == 1
    home = (inc.out / "index.html").read_text(encoding="utf-8")
    assert "Mo–Fr 8:00–12:00 Uhr" in home and "signal.me" in home
    edit(site_yaml, '"Mo–Fr 8–12"', '"Mo, Mi 9–11"')
    edit(site_yaml, '"Di 15–17"', '"Do 14–16"')
    assert_same_as_clean(inc, inc.build())
    home = (inc.out / "index.html").read_text(encoding="utf-8")
    assert "Mo, Mi 9:00–11:00 Uhr" in home and "Do 14:00–16:00 Uhr" in home
    assert calendars(inc) != first and len(calendars(inc)) == 1
    edit(site_yaml, '    - {title: "Azubi-Sprechstunde", when: "Do 14–16", place: "Rathaus"}\n', "")
    edit(site_yaml, "  consultation:\n", "")
    assert_same_as_clean(inc, inc.build())
    assert calendars(inc) == []


@both
def test_a_vacancys_own_phone_hours(inc):
    new = OWN.replace("}", ', phone_hours: "Do 14–18"}')
    edit(inc.site / VACANCY, OWN, new)
    assert_same_as_clean(inc, inc.build())
    page = (inc.out / "stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    assert "Do 14:00–18:00 Uhr" in page
    edit(inc.site / VACANCY, '"Do 14–18"', '"Fr 8–10"')
    assert_same_as_clean(inc, inc.build())
    page = (inc.out / "stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    assert "Fr 8:00–10:00 Uhr" in page and "Do 14:00" not in page
