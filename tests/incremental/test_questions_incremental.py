"""The answered questions: an edit of a FAQ entry's `asked` moves it on /fragen/ and
changes the FAQ page's origin line; an incremental build gives a clean build's bytes."""

from __future__ import annotations

import re

from incremental_helpers import assert_same_as_clean, both, edit

FAQ = "content/faq/wege.md"
OTHER = "content/faq/messe.md"


def order(inc) -> list[str]:
    html = (inc.out / "fragen/index.html").read_text(encoding="utf-8").replace("&shy;", "")
    return re.findall(r'<h2 id="frage-([a-z-]+)">', html)


@both
def test_an_edit_of_asked_reorders_the_questions_page(inc):
    (inc.site / OTHER).write_text(
        '---\nquestion: "Wie viel verdiene ich?"\nasked: 2026-09-19\n'
        'asked_via: "Ausbildungsmesse"\n---\nGenug.\n',
        encoding="utf-8",
    )
    edit(inc.site / FAQ, "order: 1\n", 'order: 1\nasked: 2026-08-01\nasked_via: "Telefon"\n')
    assert_same_as_clean(inc, inc.build())
    assert order(inc) == ["messe", "wege"]
    edit(inc.site / FAQ, "asked: 2026-08-01", "asked: 2026-10-14")
    assert_same_as_clean(inc, inc.build())
    assert order(inc) == ["wege", "messe"]
    faq = (inc.out / "faq/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-10-14">14.10.2026</time>' in faq
    edit(inc.site / FAQ, 'asked: 2026-10-14\nasked_via: "Telefon"\n', "")
    assert_same_as_clean(inc, inc.build())
    assert order(inc) == ["messe"]
