"""The theme's words in templates: Jinja's i18n extension with the site's Words
(base/strings.py), and labels for values that name a word.

Templates write `{{ _("Jetzt bewerben") }}`, `{{ _("Ein Karriereportal
%(organisation:von)s.", organisation=settings.organisation.name) }}` and
`{{ ngettext("%(count)s offene Stelle", "%(count)s offene Stellen", n, count=n) }}`.
Values are escaped, the words themselves are the theme's own HTML-safe text.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from karriere.base.strings import Words, fill


def install(env, words: Words) -> None:
    """gettext, ngettext, pgettext, npgettext and `_`, new style: they fill in their
    keyword arguments (see jinja2.ext.InternationalizationExtension)."""
    env.add_extension("jinja2.ext.i18n")
    env.newstyle_gettext = True

    done: dict[str, Markup] = {}  # words without values: the same on every page

    def gettext(message: str, **values) -> Markup:
        if values:
            return Markup(fill(words.gettext(message), values, escape))
        found = done.get(message)
        if found is None:
            found = done[message] = Markup(fill(words.gettext(message), values, escape))
        return found

    def ngettext(singular: str, plural: str, n: int, **values) -> Markup:
        values.setdefault("num", n)
        return Markup(fill(words.ngettext(singular, plural, n), values, escape))

    def pgettext(context: str, message: str, **values) -> Markup:
        return Markup(fill(words.pgettext(context, message), values, escape))

    def npgettext(context: str, singular: str, plural: str, n: int, **values) -> Markup:
        values.setdefault("num", n)
        return Markup(fill(words.npgettext(context, singular, plural, n), values, escape))

    env.globals.update(
        _=gettext, gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext
    )
    env.globals.update(label_globals(words))


def label_globals(words: Words) -> dict:
    """Words for values of the front matter and site.yaml: employment types, salary
    units, social channels (brands keep their names)."""
    _ = words.gettext
    employment = {
        "full_time": _("Vollzeit"),
        "part_time": _("Teilzeit"),
        "temporary": _("Befristet"),
        "contractor": _("Honorar"),
        "intern": _("Praktikum"),
        "volunteer": _("Ehrenamt"),
        "per_diem": _("Tageweise"),
        "other": _("Sonstige"),
    }
    units = {
        "HOUR": _("pro Stunde"),
        "DAY": _("pro Tag"),
        "WEEK": _("pro Woche"),
        "MONTH": _("im Monat"),
        "YEAR": _("im Jahr"),
    }
    social = {
        "instagram": "Instagram",
        "tiktok": "TikTok",
        "facebook": "Facebook",
        "linkedin": "LinkedIn",
        "youtube": "YouTube",
        "xing": "XING",
        "mastodon": "Mastodon",
        "whatsapp": _("WhatsApp-Kanal"),
    }
    return {
        "employment_label": employment.__getitem__,
        "salary_unit_label": units.__getitem__,
        "social_label": social.__getitem__,
    }
