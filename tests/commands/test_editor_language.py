"""The commands speak German by default and English with --lang en or KARRIERE_LANG=en;
the `path:line:` prefix is the same in both, in the terminal and in the preview's overlay."""

from __future__ import annotations

import signal

import pytest
from helpers import BUILD_DATE, run_cli
from live_preview import start_preview

VACANCY = "content/vacancies/sachbearbeitung.md"
HTTP_DE = (
    "site.yaml:2: Warnung: base_url http://example.org/karriere/ ist nicht https (erwartet: "
    "https://…; Browser kennzeichnen http-Seiten und ihre Bewerbungsformulare als nicht sicher)"
)
HTTP_EN = (
    "site.yaml:2: warning: base_url http://example.org/karriere/ is not https (expected "
    "https://…; browsers mark http pages and their application forms as not secure)"
)


def with_http_base_url(site):
    yaml = site / "site.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("https://ex", "http://ex"))


def test_check_speaks_german_by_default_and_english_on_request(scratch_site):
    with_http_base_url(scratch_site)
    check = ("check", "--site", str(scratch_site), "--date", BUILD_DATE)
    german = run_cli(*check, lang="de")
    assert german.returncode == 0, german.stderr
    assert HTTP_DE in german.stderr.splitlines()
    assert "content/leichte-sprache/:1: Warnung: Die Website hat keine Seiten in Leichter " in (
        german.stderr
    )
    assert german.stdout.startswith("OK: ") and " Warnungen." in german.stdout
    assert "warning" not in german.stderr

    for english in (run_cli(*check), run_cli(*check, "--lang", "en", lang="de")):
        assert HTTP_EN in english.stderr.splitlines()
        assert " warnings." in english.stdout and "Warnung" not in english.stderr
    assert HTTP_DE in run_cli(*check, "--lang", "de").stderr.splitlines()  # over KARRIERE_LANG

    strict = run_cli(*check, "--strict", lang="de")
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1] == "Prüfung fehlgeschlagen: 3 Warnungen (--strict)."


def test_new_speaks_german_by_default_and_english_on_request(scratch_site):
    site = ("--site", str(scratch_site))
    made = run_cli("new", "story", "Mein Tag", *site, lang="de")
    assert made.returncode == 0, made.stderr
    assert made.stdout == f"{scratch_site}/content/stories/mein-tag.md angelegt\n"
    again = run_cli("new", "story", "Mein Tag", *site, lang="de")
    assert again.returncode == 2
    assert "mein-tag.md gibt es schon; wählen Sie einen anderen Titel" in again.stderr
    english = run_cli("new", "story", "Mein Tag", *site, "--lang", "en", lang="de")
    assert "mein-tag.md exists already; choose another title or edit that file" in english.stderr
    made = run_cli("new", "faq", "Wie lange dauert es?", *site)
    assert made.stdout == f"Created {scratch_site}/content/faq/wie-lange-dauert-es.md\n"

    untitled = run_cli("new", "leichte-sprache", "Titel", *site, lang="de")
    assert "new leichte-sprache hat keinen Titel" in untitled.stderr


def test_wrong_usage_is_german_by_default_and_follows_lang(scratch_site):
    wrong = ("build", "--site", str(scratch_site), "--date", "2026-13-40")
    german = run_cli(*wrong, lang="de")
    assert german.returncode == 2
    assert german.stderr == (
        "karriere build: --date: '2026-13-40' ist kein Datum (erwartet: JJJJ-MM-TT) "
        "(siehe karriere build --help)\n"
    )
    english = run_cli(*wrong, "--lang", "en", lang="de")  # --lang after the wrong option too
    assert english.stderr == (
        "karriere build: argument --date: '2026-13-40' is not a date (expected YYYY-MM-DD) "
        "(see karriere build --help)\n"
    )
    assert "fehlende Angaben: kind" in run_cli("new", lang="de").stderr
    assert "ungültige Auswahl: 'fr'" in run_cli("check", "--lang", "fr", lang="de").stderr


def dated(state: dict) -> bool:
    return not state["ok"] and state["errors"][0]["where"] == f"{VACANCY}:4"


GERMAN_PREVIEW = (
    "Die Vorschau zeigt den letzten fehlerfreien Stand",
    "ist kein Tag im Kalender",
    [
        "Fehler: die Vorschau zeigt den letzten guten Stand.",
        "Vorschau: http://",
        "Vorschau beendet.",
    ],
)
ENGLISH_PREVIEW = (
    "The preview shows the last good state",
    "is not a day in the calendar",
    ["Error: the preview shows the last good state.", "Preview: http://", "Preview stopped."],
)


@pytest.mark.parametrize(
    "options, expected", [((), GERMAN_PREVIEW), (("--lang", "en"), ENGLISH_PREVIEW)]
)
def test_preview_overlay_and_terminal_speak_the_editors_language(scratch_site, options, expected):
    """The same message, with the same path:line, in the browser's overlay and the
    terminal: German without options, English with --lang en."""
    title, says, printed_lines = expected
    preview = start_preview(scratch_site, *options, lang="de")  # (no KARRIERE_LANG)
    try:
        preview.edit(VACANCY, "posted: 2026-10-01", "posted: 2026-02-30")
        preview.wait_for(lambda: dated(preview.state()), "the error")  # (not a half-saved file)
        state = preview.state()
    finally:
        preview.proc.send_signal(signal.SIGINT)
        try:  # (stop() sends SIGTERM to a running preview: it raced with the Ctrl-C)
            preview.proc.wait(timeout=10)
        finally:
            printed = preview.stop()
    assert state["title"] == title
    error = state["errors"][0]
    assert error["where"] == f"{VACANCY}:4"
    assert error["message"].startswith("posted: '2026-02-30' ") and says in error["message"]
    assert f"{VACANCY}:4: {error['message']}" in printed.splitlines()
    for line in printed_lines:
        assert line in printed, printed
