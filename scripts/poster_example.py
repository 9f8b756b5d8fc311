"""Print the example site's poster (Aushang) of a vacancy in Arabic to docs/cards/ar-poster.png.

    python scripts/poster_example.py

Builds the example site, opens the poster in Debian's Chromium (playwright) with
dir="rtl" and lang="ar", puts the Arabic words in (until the example site has its own
Arabic translation, the theme's words are set here), prints it to PDF as a visitor
would and turns the page into a PNG with pdftoppm (poppler-utils).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from siteserver import CHROMIUM, CHROMIUM_ARGS, built_site  # noqa: E402

POSTER = "stellen/sachbearbeitung-buergeramt/aushang/"
TARGET = ROOT / "docs" / "cards" / "ar-poster.png"
# selector -> Arabic text (the vacancy "Sachbearbeitung Bürgeramt" of Stadt Lindenfeld)
WORDS = {
    "html": None,
    ".poster-kind": "الإدارة",
    ".poster-title": "موظف/ة إداري/ة (م/ج/د)",
    ".poster-lead": "في مكتب خدمة المواطنين في ليندنفيلد: تساعد الناس كل يوم في "
    "بطاقات الهوية وتسجيل السكن والوثائق.",
    ".poster-deadline span": "آخر موعد للتقديم",
    ".poster-list div:nth-child(1) dt": "المكان",
    ".poster-list div:nth-child(2) dt": "البداية",
    ".poster-list div:nth-child(3) dt": "الراتب",
    ".poster-list div:nth-child(4) dt": "الرقم المرجعي",
    ".poster-cta": "امسح الرمز لتقرأ الإعلان وتقدّم",
    ".poster-cut": "خذ قسيمة",
    ".poster-strips strong": "موظف/ة إداري/ة",
    ".poster-contact strong": "للتواصل:",
}
ARABIC = """words => {
  document.documentElement.lang = 'ar';
  document.documentElement.dir = 'rtl';
  for (const [sel, text] of Object.entries(words)) {
    if (text === null) continue;
    for (const el of document.querySelectorAll(sel)) el.textContent = text;
  }
  const phone = document.querySelector('.poster-nowrap');
  if (phone) phone.firstChild.textContent = 'هاتف ';
  return document.fonts.ready.then(() => document.fonts.check('700 40px "Noto Sans Arabic"', 'م'));
}"""


def main() -> None:
    from playwright.sync_api import sync_playwright

    with built_site(ROOT) as site, sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(site.url(POSTER))
        page.emulate_media(media="print")
        loaded = page.evaluate(ARABIC, WORDS)
        print(f"Noto Sans Arabic loaded: {loaded}")
        pdf = Path(tmp) / "poster.pdf"
        pdf.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
        browser.close()
        out = Path(tmp) / "poster"
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", pdf, out], check=True)
        TARGET.write_bytes(out.with_suffix(".png").read_bytes())
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
