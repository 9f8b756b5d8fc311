"""Right to left (issue 29), in Debian's Chromium: a scratch page in Arabic with the
default theme's CSS mirrors (breadcrumb separator and FAQ chevron flipped), has no
horizontal scroll at 320 px, keeps phone numbers left to right and loads Noto Sans
Arabic from the site, which a German page never requests; the poster mirrors too."""

from __future__ import annotations

import shutil

import pytest
from siteserver import REPO_ROOT
from test_poster_browser import OUTSIDE

STATIC = REPO_ROOT / "karriere" / "themes" / "default" / "static"
PAGE = """<!doctype html>
<html lang="{lang}" dir="{dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title><link rel="stylesheet" href="static/style.css"></head><body>
<header class="site-header"><div class="wrap header-row">
<a class="brand" href="#"><span>{org}</span></a>
<a class="menu-toggle" href="#menu">{menu}</a>
<nav class="site-nav" id="menu"><ul class="nav"><li><a href="#">{jobs}</a></li></ul></nav>
</div></header>
<nav class="breadcrumbs wrap"><ol><li><a href="#">{home}</a></li><li><a href="#">{jobs}</a></li>
<li><span>{title}</span></li></ol></nav>
<main class="wrap"><h1>{title}</h1>
<div class="facts-box"><dl class="facts">
<div><dt>{phone}</dt><dd><a href="tel:+49221471012" class="phone" dir="ltr">+49 221 4710-120</a></dd></div>
<div><dt>{ref}</dt><dd><bdi>2026-BA-11</bdi></dd></div></dl></div>
<details class="faq"><summary><h3>{question}</h3></summary><p>{title}</p></details>
<ul class="cards"><li class="card"><h2 class="card-title"><a href="#">{title}</a></h2></li></ul>
<div class="video"><div class="video-frame"><button class="video-play">{play}</button></div></div>
<p><span dir="ltr">karriere.lindenfeld.de/stellen/sachbearbeitung-buergeramt/</span></p>
</main></body></html>"""
ARABIC = dict(
    lang="ar",
    dir="rtl",
    title="موظف/ة إداري/ة (م/ج/د)",
    org="مدينة ليندنفيلد",
    menu="القائمة",
    jobs="الوظائف",
    home="الرئيسية",
    phone="الهاتف",
    ref="الرقم المرجعي",
    question="كم يستغرق التقديم؟",
    play="تشغيل الفيديو",
)
GERMAN = dict(
    lang="de",
    dir="ltr",
    title="Sachbearbeitung Bürgeramt (m/w/d)",
    org="Stadt Lindenfeld",
    menu="Menü",
    jobs="Stellen",
    home="Start",
    phone="Telefon",
    ref="Kennziffer",
    question="Wie lange dauert eine Bewerbung?",
    play="Video abspielen",
)
BEFORE = "(sel) => getComputedStyle(document.querySelector(sel), '::before')"


@pytest.fixture
def scratch(tmp_path):
    shutil.copytree(STATIC, tmp_path / "static")
    for name, words in (("ar", ARABIC), ("de", GERMAN)):
        (tmp_path / f"{name}.html").write_text(PAGE.format(**words), "utf-8")
    return tmp_path


def open_scratch(chromium, scratch, name: str, width: int = 320):
    ctx = chromium.new_context(viewport={"width": width, "height": 800})
    page = ctx.new_page()
    fonts: list[str] = []
    page.on("request", lambda r: fonts.append(r.url) if ".woff2" in r.url else None)
    page.goto((scratch / f"{name}.html").as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return ctx, page, fonts


def test_an_arabic_page_mirrors_without_horizontal_scroll_at_320px(chromium, scratch):
    ctx, page, fonts = open_scratch(chromium, scratch, "ar")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    separator = page.evaluate(BEFORE + ".transform", ".breadcrumbs li+li")
    assert separator == "matrix(-1, 0, 0, 1, 0, 0)"
    assert page.evaluate(BEFORE + ".scale", ".faq summary") == "-1 1"
    # The page's start is on the right: the h1 ends at the right edge of the column.
    h1 = page.locator("h1").bounding_box()
    assert h1["x"] + h1["width"] > 320 - 20
    assert page.evaluate("getComputedStyle(document.querySelector('.phone')).direction") == "ltr"
    assert any("noto-sans-arabic" in url for url in fonts), fonts
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Arabic\"', 'م')")
    ctx.close()


def test_a_german_page_keeps_its_icons_and_requests_no_arabic_font(chromium, scratch):
    ctx, page, fonts = open_scratch(chromium, scratch, "de", width=1280)
    assert page.evaluate(BEFORE + ".transform", ".breadcrumbs li+li") == "none"
    assert page.evaluate(BEFORE + ".scale", ".faq summary") == "none"
    assert not [url for url in fonts if "noto-sans-arabic" in url]
    ctx.close()


def test_the_poster_mirrors_and_keeps_its_address_left_to_right(chromium, site):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 1200})
    page = ctx.new_page()
    page.goto(site.url("stellen/sachbearbeitung-buergeramt/aushang/"), wait_until="networkidle")
    page.emulate_media(media="print")
    page.evaluate(
        """() => { document.documentElement.lang = 'ar'; document.documentElement.dir = 'rtl';
        document.querySelector('.poster-title').textContent = 'موظف/ة إداري/ة (م/ج/د)';
        return document.fonts.ready.then(() => true); }"""
    )
    logo = page.locator(".poster-logo").bounding_box()
    kind = page.locator(".poster-kind").bounding_box()
    assert logo["x"] > kind["x"]  # the logo at the start: the right
    qr = page.locator(".poster-qr").bounding_box()
    facts = page.locator(".poster-facts").bounding_box()
    assert qr["x"] < facts["x"]  # the QR code at the end: the left
    address = page.locator(".poster-address span[dir=ltr]")
    assert address.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert page.locator(".poster").evaluate(OUTSIDE) == []
    ctx.close()
