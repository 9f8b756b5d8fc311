"""The question and callback form: the `forms:` group of site.yaml.

The form posts to the employer's own endpoint (usually the city's form server); the
site only names it. `action` must be https, so that questions never travel in clear
text. The one exception is a form server on this machine (http://localhost,
127.0.0.1, [::1]) while the site itself is built for this machine, as `serve` and local
test builds are: `action_problems` checks that once the build's base URL is known.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from pydantic import Field, field_validator, model_validator

from karriere.base.addresses import not_one_piece
from karriere.base.errors import Problem
from karriere.base.messages import Message, say
from karriere.base.schema import Strict
from karriere.base.yamlfile import load_yaml

LOOPBACK = ("localhost", "127.0.0.1", "::1")
ACTION_EXAMPLE = "https://formulare.musterstadt.de/karriere/frage"
# A field's name as the endpoint expects it: letters, digits and _ . - [ ]
FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.\-\[\]]{0,63}")
HONEYPOT = "website"  # the hidden field people leave empty and robots fill in


def action_problem(value: str) -> Message | None:
    """Why `value` cannot be the form's action (http on loopback passes here)."""
    example = say("e.g. {example}", example=ACTION_EXAMPLE)
    unbroken = not_one_piece(value, example)
    if unbroken:
        return unbroken
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises on a port that is no number
    except ValueError:
        return say(
            "{value!r} is not a web address (expected {example})", value=value, example=example
        )
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return say(
            "{value!r} is not a web address (expected {example})", value=value, example=example
        )
    if parts.fragment or value.endswith("#"):
        return say(
            "{value!r} has a fragment (#…) (expected {example})", value=value, example=example
        )
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        return say(
            "{value!r} is not https: questions would travel unencrypted (expected {example}; "
            "http only for http://localhost or http://127.0.0.1 in the preview)",
            value=value, example=example,
        )  # fmt: skip
    return None


FieldChoice = bool | str


class FormFields(Strict):
    """Welche Felder das Formular zeigt: true (zeigen), false (weglassen) oder der Name,
    den der Formular-Server für das Feld erwartet."""

    name: FieldChoice = Field(True, description="Name (freiwillig)")
    email: FieldChoice = Field(True, description="E-Mail-Adresse für die Antwort")
    phone: FieldChoice = Field(
        False, description="Telefonnummer und die Wahl 'Rückruf' (Rückruf-Formular)"
    )
    message: FieldChoice = Field(True, description="Die Frage (immer gezeigt, Pflichtfeld)")
    consent: FieldChoice = Field(False, description="Pflicht-Häkchen 'Datenschutzhinweise gelesen'")

    @field_validator("*", mode="before")
    @classmethod
    def _name(cls, value):
        """true, false or a name: one message for anything else (not one per type)."""
        if isinstance(value, bool):
            return value
        if not isinstance(value, str) or not FIELD_NAME.fullmatch(value):
            raise ValueError(
                say(
                    "{value!r} is not a field name (expected true, false or a name of letters, "
                    "digits and _ . - such as absender_email)",
                    value=value if isinstance(value, str) else str(value),
                )
            )
        if value == HONEYPOT:
            raise ValueError(
                say(
                    "{value!r} is the name of the hidden field that catches spam robots "
                    "(expected another name)",
                    value=value,
                )
            )
        return value

    @field_validator("message")
    @classmethod
    def _message_shown(cls, value):
        if value is False:
            raise ValueError(
                say("cannot be left out: it holds the question (expected true or a field name)")
            )
        return value

    @model_validator(mode="after")
    def _names_differ(self):
        names = list(self.shown().values())
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValueError(
                say(
                    "{names}: two fields would be sent under the same name (expected a "
                    "name of its own for each field)",
                    names=", ".join(twice),
                )
            )
        return self

    def shown(self) -> dict[str, str]:
        """Each field the form shows -> the name it is posted under."""
        found = {}
        for key in type(self).model_fields:
            value = getattr(self, key)
            if value is not False:
                found[key] = key if value is True else value
        return found


class Forms(Strict):
    """Frage- und Rückrufformular: wohin es sendet und welche Felder es zeigt."""

    action: str = Field(
        description="Adresse des eigenen Formular-Servers (https), an die das Formular "
        "sendet (POST), z. B. " + ACTION_EXAMPLE
    )
    fields: FormFields = Field(
        default_factory=FormFields, description="Welche Felder das Formular zeigt"
    )

    @field_validator("action")
    @classmethod
    def _action(cls, value):
        reason = action_problem(value)
        if reason:
            raise ValueError(reason)
        return value

    def csp_source(self) -> str:
        """The action as a CSP source: scheme, host, port and path, no query. A path that
        does not end in / matches only itself; ; and , would end the source early."""
        parts = urlsplit(self.action)
        path = quote(parts.path or "/", safe="/%-._~!$&'()*+=:@")
        return f"{parts.scheme}://{parts.netloc.lower()}{path.replace(',', '%2C')}"


def action_problems(settings, source_text: str, base_url: str, path: str) -> list[Problem]:
    """An http (loopback) action is only for a site built for this machine. `path`: how
    messages name site.yaml."""
    forms = getattr(settings, "forms", None)
    if forms is None or not forms.action.startswith("http:"):
        return []
    if urlsplit(base_url).hostname in LOOPBACK:
        return []
    line = load_yaml(source_text).line_of(("forms", "action"))
    message = say(
        "forms.action: {value!r} is http, which is only allowed while the site itself is "
        "built for this machine, as in the preview (expected https://… for a site at "
        "{base_url}, e.g. {example})",
        value=forms.action, base_url=base_url, example=ACTION_EXAMPLE,
    )  # fmt: skip
    return [Problem(path, line, message)]
