"""A strict Content Security Policy and the other security headers, computed per site.

Everything the default theme loads comes from the site itself, so the policy can forbid
everything else. The one exception is the video player that a visitor asks for by
clicking play: `frame-src` names exactly the providers this site's videos use, or
'none'. The headers are written to `_headers` (Netlify, Cloudflare Pages); see
docs/deploy-headers.md for nginx and Apache. Every page also carries the policy in a
<meta> tag, minus what browsers ignore there.
"""

from __future__ import annotations

from karriere.base.messages import say
from karriere.site.video import providers_used
from karriere.write.output import Bytes, Output

META_IGNORED = {"frame-ancestors", "report-uri", "sandbox"}  # not allowed in <meta>

PERMISSIONS = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)


def directives(site) -> list[tuple[str, list[str]]]:
    frames = providers_used(site)
    return [
        ("default-src", ["'self'"]),
        ("script-src", ["'self'"]),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("media-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("frame-src", frames or ["'none'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'self'"]),
    ]


def policy(site, for_meta: bool = False) -> str:
    parts = [
        f"{name} {' '.join(values)}"
        for name, values in directives(site)
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


def meta_policy(site) -> str | None:
    """The policy for the <meta> tag; none in the live preview, which injects its reloader."""
    return None if site.options.preview else policy(site, for_meta=True)


def headers_file(site) -> Output:
    """`_headers` for Netlify and Cloudflare Pages.

    One rule for every path, unless the web editor (admin/, Decap CMS) is built: Decap
    needs inline styles and its Git host's API, and both hosts apply *every* matching
    rule, so then each of the site's own top-level folders gets the rule instead, and
    admin/ gets everything but the CSP.
    """
    found = headers(site)
    if getattr(site.settings, "cms", None) is None:
        rules = [("/*", found)]
    else:
        base = site.urls.base_path
        rest = [(name, value) for name, value in found if name != "Content-Security-Policy"]
        rules = [(base + pattern, found) for pattern in top_level(site)]
        rules.append((base + "admin/*", rest))
    blocks = [
        "\n".join([path] + [f"  {name}: {value}" for name, value in hs]) for path, hs in rules
    ]
    return Bytes("_headers", ("\n".join(blocks) + "\n").encode(), origin=say("security headers"))


def top_level(site) -> list[str]:
    """Path patterns (below the base path) that cover every page, asset and media file."""
    patterns = {"", "assets/*", "media/*"}
    for page in site.pages:
        first = page.route.split("/", 1)[0]
        if first:
            patterns.add(first if first.endswith(".html") else first + "/*")
    return sorted(patterns)
