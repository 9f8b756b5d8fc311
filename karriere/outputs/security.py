"""A strict Content Security Policy and the other security headers, computed per site.

Everything the default theme loads comes from the site itself, so the policy can forbid
everything else. The one exception is the video player that a visitor asks for by
clicking play: `frame-src` names exactly the providers this site's videos use, or
'none'. The headers are written to `_headers` (Netlify, Cloudflare Pages); see
docs/deploy-headers.md for nginx and Apache. Every page also carries the policy in a
<meta> tag, minus what browsers ignore there.

The search (outputs/search.py) runs Pagefind's WebAssembly, which needs
'wasm-unsafe-eval': only the pages that search (/suche/ and /stellen/, in each language)
and Pagefind's own files (its web worker) get it; every other page keeps the policy
above. `_headers` then gives the CSP in rules that never match the same path twice, as
Netlify and Cloudflare join the values of every rule that matches.

`form-action` is 'self' (the search box sends to /suche/), except on the page with the
question form (/fragen/, site/pages.py questions_page) when site.yaml has `forms:`:
there it allows exactly the configured endpoint (config/forms.py csp_source), nothing else.
"""

from __future__ import annotations

from karriere.base.messages import say
from karriere.base.recall import Recall
from karriere.outputs.search import FOLDER, search_routes
from karriere.site.video import providers_used
from karriere.write.output import Bytes, Output

META_IGNORED = {"frame-ancestors", "report-uri", "sandbox"}  # not allowed in <meta>

PERMISSIONS = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)


CSP = "Content-Security-Policy"
WASM = "'wasm-unsafe-eval'"


STRICT, SEARCH, FORM = "", "wasm", "form"  # the kinds of policy a path gets


def directives(site, wasm: bool = False, form: bool = False) -> list[tuple[str, list[str]]]:
    frames = providers_used(site)
    forms = site.settings.forms
    sends_to = [forms.csp_source()] if form and forms is not None else ["'self'"]
    return [
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", WASM] if wasm else ["'self'"]),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("media-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("frame-src", frames or ["'none'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", sends_to),
        ("frame-ancestors", ["'self'"]),
    ]


def policy(site, for_meta: bool = False, wasm: bool = False, form: bool = False) -> str:
    parts = [
        f"{name} {' '.join(values)}"
        for name, values in directives(site, wasm, form)
        if not (for_meta and name in META_IGNORED)
    ]
    return "; ".join(parts)


def headers(site) -> list[tuple[str, str]]:
    """Every response header the site should be served with, in a stable order."""
    found = [
        ("Content-Security-Policy", policy(site)),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),  # YouTube needs the origin
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "SAMEORIGIN"),  # frame-ancestors for older browsers
        ("Permissions-Policy", PERMISSIONS),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    if site.options.base_url.startswith("https://"):
        found.append(("Strict-Transport-Security", "max-age=31536000"))
    return found


def meta_policy(site, wasm: bool = False, form: bool = False) -> str | None:
    """The policy for the <meta> tag; none in the live preview, which injects its reloader.
    `wasm`: the pages that search (search_routes); `form`: the question form's page."""
    return None if site.options.preview else policy(site, for_meta=True, wasm=wasm, form=form)


def form_routes(site) -> frozenset[str]:
    """The pages that send the question form to site.yaml's `forms: action` (every
    language's /fragen/); none without `forms:`."""
    if site.settings.forms is None:
        return frozenset()
    return frozenset(page.route for page in site.pages if page.kind == "questions")


def headers_file(site, recall: Recall | None = None) -> Output:
    """`_headers` for Netlify and Cloudflare Pages.

    One rule for every path, unless a page needs another CSP: the search pages
    (WebAssembly), the question form's (form-action: its endpoint), or the web editor (admin/, Decap CMS: inline styles and its Git host's
    API). Both hosts apply *every* matching rule and join the values of a header, so
    then `/*` carries every header but the CSP, and the CSP comes in rules of their own
    that cover each page once (csp_patterns); admin/ gets none. `recall`: the live
    preview's, which hands back unchanged pages' patterns.
    """
    found = headers(site)
    wasm = search_routes(site)
    if getattr(site.settings, "cms", None) is None and not wasm and not form_routes(site):
        rules = [("/*", found)]
    else:
        base = site.urls.base_path
        rules = [("/*", [(name, value) for name, value in found if name != CSP])]
        policies = {
            STRICT: policy(site), SEARCH: policy(site, wasm=True), FORM: policy(site, form=True)
        }  # fmt: skip
        for pattern, kind in csp_patterns(site, recall):
            rules.append((base + pattern, [(CSP, policies[kind])]))
    blocks = [
        "\n".join([path] + [f"  {name}: {value}" for name, value in hs]) for path, hs in rules
    ]
    return Bytes("_headers", ("\n".join(blocks) + "\n").encode(), origin=say("security headers"))


def csp_patterns(site, recall: Recall | None = None) -> list[tuple[str, str]]:
    """(path pattern below the base path, kind of policy: STRICT, SEARCH or FORM)
    covering every page, asset and media file, no two matching the same path: the home
    page and files exactly, each folder with `folder/*` (a language's folders one level
    down), and a folder that holds a search page with the page itself and
    `folder/:page/*` for the rest. The form's page has a folder of its own (fragen/)."""
    recall = recall if recall is not None else Recall()
    wasm, forms = search_routes(site), form_routes(site)
    languages = frozenset(f"{language.code}/" for language in site.settings.site_languages[1:])
    found = {"assets/*": STRICT, "media/*": STRICT}
    if wasm:
        found[FOLDER + "*"] = SEARCH  # Pagefind's web worker compiles the WebAssembly
    key = (wasm, forms, languages)
    found.update(
        recall.many(_csp_pattern, site.pages, key=key, wasm=wasm, forms=forms, languages=languages)
    )
    return sorted(found.items())


def _csp_pattern(
    page, wasm: frozenset[str], forms: frozenset[str], languages: frozenset[str]
) -> tuple[str, str]:
    route = page.route
    first = route.split("/", 1)[0] + "/"
    language = first if first in languages else ""
    folder = route[len(language) :].split("/", 1)[0]
    if route in wasm or not folder or folder.endswith(".html"):
        return route, SEARCH if route in wasm else STRICT
    if f"{language}{folder}/" in wasm:
        return f"{language}{folder}/:page/*", STRICT
    if f"{language}{folder}/" in forms:
        return f"{language}{folder}/*", FORM
    return f"{language}{folder}/*", STRICT
