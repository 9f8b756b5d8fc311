"""Stage 4: render every page of the site model with Jinja2 (autoescape on everywhere)."""

from __future__ import annotations

from datetime import date

import jinja2

from . import strings
from .errors import BuildError, Problem
from .images import image_info
from .site import Page, Site
from .theme import Theme
from .writer import Output


def make_environment(theme: Theme) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
    )
    env.filters["date_de"] = date_de
    env.filters["money"] = money
    return env


def date_de(value) -> str:
    """05.06.2026, the way German readers write dates."""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def money(value: float) -> str:
    """3.456,78 € style: German separators, cents only when there are any."""
    text = f"{value:,.2f}" if value % 1 else f"{value:,.0f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".") + " €"


def render_pages(site: Site, theme: Theme, asset_names: dict[str, str]) -> list[Output]:
    env = make_environment(theme)
    t = strings.load(site.settings.language)
    urls = site.urls
    common = {
        "site": site,
        "settings": site.settings,
        "t": t,
        "url": urls.path,
        "absolute_url": urls.absolute,
        "asset": lambda name: urls.path("assets/" + asset_names[name]),
        "today": site.options.today,
        "image": lambda rel: image_info(site.config.content_dir, rel, urls.path(rel)),
    }
    outputs = []
    problems = []
    for page in site.pages:
        try:
            html = env.get_template(page.template).render(common, page=page)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(
                Problem(f"template {exc.name or exc.filename}", exc.lineno, exc.message)
            )
            break
        except jinja2.TemplateError as exc:
            problems.append(template_problem(exc, page))
            continue
        outputs.append(Output(page.output_path, html.encode("utf-8"), origin=origin(page)))
    if problems:
        raise BuildError(problems)
    return outputs


def template_problem(exc: Exception, page: Page) -> Problem:
    """Point at the template line that failed, found in the traceback."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
    where = frames[-1] if frames else None
    name = where.filename.rsplit("/templates/", 1)[-1] if where else page.template
    line = where.lineno if where else 1
    return Problem(f"template {name}", line or 1, f"{exc} (while rendering {origin(page)})")


def origin(page: Page) -> str:
    return page.item.entry.source if page.item else f"the {page.kind} page"
