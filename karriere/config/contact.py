"""The contact block's person and ways to talk: phone with its hours, e-mail, consultation
hours (a calendar file) and messengers behind a notice (spec: "Ways to talk")."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator, model_validator

from karriere.base import weekly_hours
from karriere.base.hashing import hash_text
from karriere.base.messages import say
from karriere.base.schema import Strict
from karriere.config.models import Line, Title

# "Mo–Fr 8–12, Do 14–18", or a list of such lines; read by base/weekly_hours.py.
Hours = Annotated[str | list[str], AfterValidator(weekly_hours.check)]
HOURS_HELP = "z. B. 'Mo–Fr 8–12, Do 14–18' oder 'Mo, Mi 8:00–12:30 Uhr'"


class Consultation(Strict):
    """Eine regelmäßige Sprechstunde; die Seite verlinkt sie als Kalenderdatei (.ics)."""

    title: Title = Field(description="Titel, z. B. 'Azubi-Sprechstunde'")
    when: Hours = Field(description="Wochentage und Uhrzeiten, z. B. 'jeden Dienstag 15–17 Uhr'")
    place: Line | None = Field(None, description="Ort, z. B. 'Rathaus, Raum 112'")
    from_: date | None = Field(None, alias="from", description="Erster Tag (sonst ab heute)")
    until: date | None = Field(None, description="Letzter Tag (sonst ohne Ende)")

    @model_validator(mode="after")
    def _order(self):
        if self.from_ and self.until and self.until < self.from_:
            raise ValueError(
                say(
                    "until ({until}) is before from ({start}) (expected the last day after "
                    "the first)",
                    until=self.until.isoformat(),
                    start=self.from_.isoformat(),
                )  # fmt: skip
            )
        return self

    def slots(self) -> tuple[weekly_hours.Slot, ...]:
        return weekly_hours.slots_of(self.when)


def _digits(value: str) -> str:
    return re.sub(r"[^0-9]", "", value)


def _phone_number(value):
    """A messenger's phone number: international, as the links need it (+49 …)."""
    text = value.strip() if isinstance(value, str) else value
    if not text or not isinstance(text, str):
        raise ValueError(say("the messenger has no number (expected e.g. '+49 151 2345678')"))
    if not re.fullmatch(r"\+[0-9][0-9 ()/-]{5,24}", text) or len(_digits(text)) < 7:
        raise ValueError(
            say(
                "{value!r} is not an international phone number (expected e.g. '+49 151 2345678')",
                value=text,
            )
        )
    return text


def _threema_id(value):
    text = value.strip().upper() if isinstance(value, str) else value
    if not text or not isinstance(text, str):
        raise ValueError(say("the messenger has no Threema ID (expected e.g. 'ABCD1234')"))
    if not re.fullmatch(r"[A-Z0-9*][A-Z0-9]{7}", text):
        raise ValueError(
            say("{value!r} is not a Threema ID (expected 8 letters and digits)", value=text)
        )
    return text


MESSENGER_NAMES = {"whatsapp": "WhatsApp", "signal": "Signal", "threema": "Threema"}


class Messengers(Strict):
    """Messenger, jeweils hinter einem Hinweis mit zwei Klicks. Nie der einzige Weg:
    Telefon oder E-Mail sind Pflicht."""

    whatsapp: str | None = Field(None, description="Nummer für WhatsApp, z. B. '+49 151 2345678'")
    signal: str | None = Field(None, description="Nummer für Signal, z. B. '+49 151 2345678'")
    threema: str | None = Field(None, description="Threema-ID (8 Zeichen), z. B. 'ABCD1234'")

    @field_validator("whatsapp", "signal", mode="before")
    @classmethod
    def _number(cls, value):  # before: an empty `signal:` (None) is a messenger without one
        return _phone_number(value)

    @field_validator("threema", mode="before")
    @classmethod
    def _id(cls, value):
        return _threema_id(value)

    def links(self) -> list[tuple[str, str, str]]:
        """(key, name, link) of each messenger given; followed only after the notice."""
        found = []
        if self.whatsapp:
            found.append(("whatsapp", "https://wa.me/" + _digits(self.whatsapp)))
        if self.signal:
            found.append(("signal", "https://signal.me/#p/+" + _digits(self.signal)))
        if self.threema:
            found.append(("threema", "https://threema.id/" + self.threema))
        return [(key, MESSENGER_NAMES[key], link) for key, link in found]


class Contact(Strict):
    """Ansprechperson für Rückfragen."""

    name: Line = Field(description="Name der Ansprechperson")
    role: Line | None = Field(None, description="Funktion, z. B. 'Personalservice'")
    phone: Line | None = Field(None, description="Telefonnummer, z. B. '+49 2345 12-3456'")
    phone_hours: Hours | None = Field(None, description="Telefonzeiten, " + HOURS_HELP)
    email: Line | None = Field(None, description="E-Mail-Adresse")
    response_time: str | None = Field(
        None, description="Antwortzeit, z. B. 'Wir antworten werktags innerhalb von 24 Stunden.'"
    )
    consultation: list[Consultation] = Field(
        default_factory=list, description="Regelmäßige Sprechstunden (als Kalenderdatei)"
    )
    messengers: Messengers | None = Field(
        None, description="WhatsApp, Signal, Threema (nur zusätzlich zu Telefon oder E-Mail)"
    )

    @field_validator("email")
    @classmethod
    def _email(cls, value):
        if value is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise ValueError(
                say("{value!r} is not an e-mail address (expected name@example.org)", value=value)
            )
        return value

    @model_validator(mode="after")
    def _other_channels(self):
        """A messenger is never the only way: not everyone has it, or wants its operator
        to know (spec: "Ways to talk")."""
        if self.messengers and self.messengers.links() and not (self.phone or self.email):
            raise ValueError(
                say(
                    "messengers need a phone number or an e-mail address too (expected phone: or email:)"
                )
            )
        if self.phone_hours and not self.phone:
            raise ValueError(say("phone_hours without phone (expected phone: as well)"))
        return self

    def phone_href(self) -> str:
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone or "")

    def hours(self) -> tuple[weekly_hours.Slot, ...]:
        return weekly_hours.slots_of(self.phone_hours)

    def calendar_route(self) -> str | None:
        """Where the consultation hours' calendar file lives: named by its content, so
        that a site contact and a vacancy's that share the hours share one file."""
        if not self.consultation:
            return None
        key = hash_text(self.name, *(c.model_dump_json() for c in self.consultation))
        return f"sprechstunden/{key[:12]}.ics"
