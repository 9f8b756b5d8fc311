"""What every page's template sees besides `page`: the template globals of the site in
one language (render_pages makes one set per language)."""

from __future__ import annotations

from markupsafe import Markup

from karriere.base import strings
from karriere.base.deps import note_file
from karriere.base.jsonld import dumps as json_ld
from karriere.content.images import image_info
from karriere.outputs import og_cards as cards
from karriere.outputs import security
from karriere.render import jsonld, search_data
from karriere.site import pay, video


def image_global(content_dir, urls):
    def image(rel: str):
        note_file(content_dir / rel)
        return image_info(content_dir, rel, urls.path(rel))

    return image


def page_globals(site, asset_names: dict[str, str]) -> dict:
    """What every page's template sees besides `page`, for the site in one language."""
    t = strings.load(site.code, site.settings.address)
    urls, prefix = site.urls, site.prefix
    common = {
        "site": site,
        "settings": site.settings,
        "t": t,
        "url": urls.path,
        "local_url": lambda route: urls.path(prefix + route),  # in this page's language
        "absolute_url": urls.absolute,
        "asset": lambda name: urls.path("assets/" + asset_names[name]),
        "today": site.options.today,
        "image": image_global(site.config.content_dir, urls),
        "card": lambda page: cards.card_for(site, page),  # og:image (social sharing)
        "structured_data": lambda page: jsonld.blocks(site, page),  # JSON-LD strings
        "json_ld": json_ld,  # any other JSON-LD block (the video's)
        # `pay: {table, group}` in euros, from the table valid on the day of the build
        "pay_range": lambda meta: pay.resolve(
            site.config.pay_tables, getattr(meta, "pay", None), site.options.today
        ),
    }
    common.update(video.template_globals(site), csp_meta=security.meta_policy(site))
    common["csp_meta_search"] = security.meta_policy(site, wasm=True)  # search pages only
    common["csp_meta_form"] = security.meta_policy(site, form=True)  # the question form's
    common.update(fallback_globals(site, t))
    common.update(search_data.template_globals(site, t))  # what the search index reads
    return common


def fallback_globals(site, t) -> dict:
    """An item without a translation into this page's language is shown in the default
    language: marked with `lang` (and `dir`) for screen readers, and "(auf Deutsch)" in
    this language's words for everyone (spec: "Languages")."""
    default = site.settings.site_languages[0]
    if not site.prefix:  # the default language's pages show only its own items
        return {
            "language_of": lambda item: "",
            "in_default_language": lambda item: "",
            "fact": lambda text: text,
        }
    attributes = Markup(f' lang="{default.code}" dir="{default.direction}"')
    name = t.gettext("auf Deutsch") if default.code == "de" else default.label
    own = site.language
    note = Markup(' <span class="in-default-language" lang="{}" dir="{}">({})</span>').format(
        own.code, own.direction, name
    )

    def untranslated(item) -> bool:
        return not item.entry.language

    fact = Markup('<bdi lang="{}">{{}}</bdi>').format(default.code)
    return {
        "language_of": lambda item: attributes if untranslated(item) else "",
        "in_default_language": lambda item: note if untranslated(item) else "",
        # A fact written as text in the default language (pay, start, department, a
        # reference): marked, and kept in its own direction inside a right-to-left line.
        "fact": fact.format,
    }
