"""Phone and consultation hours as editors write them (base/weekly_hours.py), and as the
reader's language shows them (base/locale_format.weekly)."""

from __future__ import annotations

import pytest

from karriere.base.locale_format import locale_of, weekly
from karriere.base.weekly_hours import HoursError, Slot, parse, slots_of

MON_FRI = (0, 1, 2, 3, 4)


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("Mo–Fr 8–12", [(MON_FRI, 480, 720)]),
        ("Mo-Fr 08:00-12:00", [(MON_FRI, 480, 720)]),
        ("Mo—Fr 8.00–12.00 Uhr", [(MON_FRI, 480, 720)]),
        ("Mo bis Fr 8 bis 12 Uhr", [(MON_FRI, 480, 720)]),
        ("Mo. – Fr. 8:30 – 12", [(MON_FRI, 510, 720)]),
        ("werktags 8–12", [(MON_FRI, 480, 720)]),
        ("Mo–Fr 8–12, Do 14–18", [(MON_FRI, 480, 720), ((3,), 840, 1080)]),
        ("Mo–Fr 8–12; Do 14–18", [(MON_FRI, 480, 720), ((3,), 840, 1080)]),
        ("Mo, Mi 8–12", [((0, 2), 480, 720)]),
        ("Mo und Mi 8–12", [((0, 2), 480, 720)]),
        ("Mo–Mi, Fr 9–11", [((0, 1, 2, 4), 540, 660)]),
        ("Mo–Fr 8–12 und 13–15:30", [(MON_FRI, 480, 720), (MON_FRI, 780, 930)]),
        ("Mo–Fr 8–12, 13–15", [(MON_FRI, 480, 720), (MON_FRI, 780, 900)]),
        ("jeden Dienstag 15–17 Uhr", [((1,), 900, 1020)]),
        ("dienstags 15–17", [((1,), 900, 1020)]),
        ("Montag–Freitag 7:30–16 Uhr", [(MON_FRI, 450, 960)]),
        ("Sa, So 10–24", [((5, 6), 600, 1440)]),
        ("MO–FR 8–12", [(MON_FRI, 480, 720)]),
    ],
)
def test_hours_read(text, slots):
    assert parse(text) == tuple(Slot(*s) for s in slots)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "no days and times"),
        ("Mo–Fr", "days without times"),
        ("8–12", "times without days"),
        ("Mo–Fr 8", "a time without its end"),
        ("Mo 12–8", "a time ends before it starts"),
        ("Fr–Mo 8–12", "a range of days runs backwards"),
        ("Mo 8:75–9", "'8:75' is not a time of day"),
        ("Mo 8–25", "'25' is not a time of day"),
        ("Mo–Fr vormittags", "'vormittags' is not a day"),
        ("Mo–Fr 8–12 @", "cannot read '@'"),
    ],
)
def test_unreadable_hours_say_why_and_which_forms_are_accepted(text, why):
    with pytest.raises(HoursError) as caught:
        parse(text)
    message = caught.value.args[0]
    assert why in message
    assert "'Mo–Fr 8–12'" in message and "'Mo, Mi 8:00–12:30 Uhr'" in message


def test_a_list_of_lines_reads_as_one():
    assert slots_of(["Mo–Fr 8–12", "Do 14–18"]) == parse("Mo–Fr 8–12, Do 14–18")
    assert slots_of(None) == ()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", [("Mo–Fr", "8:00–12:00"), ("Do", "14:00–18:00")]),
        ("en", [("Mon–Fri", "8:00\u202fAM–12:00\u202fPM"), ("Thu", "2:00\u202fPM–6:00\u202fPM")]),
        ("tr", [("Pzt–Cum", "8:00–12:00"), ("Per", "14:00–18:00")]),
        ("uk", [("пн–пт", "8:00–12:00"), ("чт", "14:00–18:00")]),
    ],
)
def test_hours_in_the_readers_format(language, expected):
    assert weekly(parse("Mo-Fr 08:00-12:00, Do 14-18"), locale_of(language)) == expected


def test_days_in_a_row_share_a_line_and_short_runs_are_listed():
    de = locale_of("de")
    assert weekly(parse("Mo, Di 8–12 und 13–15"), de) == [("Mo, Di", "8:00–12:00, 13:00–15:00")]
    assert weekly(parse("Mo–Mi, Fr 9–11"), de) == [("Mo–Mi, Fr", "9:00–11:00")]
    assert weekly(parse("Sa 10–24"), de) == [("Sa", "10:00–24:00")]


def test_the_contact_checks_its_hours_and_channels():
    from pydantic import ValidationError

    from karriere.config.contact import Contact

    for bad, why in [
        ({"phone": "+49 1", "phone_hours": []}, "no days and times"),
        ({"phone_hours": "Mo 8–12"}, "phone_hours without phone"),
        ({"messengers": {"signal": "+49 151 2345678"}}, "messengers need a phone number"),
        ({"phone": "+49 1", "messengers": {"whatsapp": "0151 2345678"}}, "not an international"),
        ({"email": "a@b.de", "consultation": [{"title": "X", "when": "Di 8"}]}, "without its end"),
    ]:
        try:
            Contact(name="Anna", **bad)
        except ValidationError as error:
            assert why in str(error)
        else:
            raise AssertionError(f"{bad} was taken")
    person = Contact(name="Anna", email="a@b.de", messengers={"threema": "abcd1234"})
    assert person.messengers.links() == [("threema", "Threema", "https://threema.id/ABCD1234")]
