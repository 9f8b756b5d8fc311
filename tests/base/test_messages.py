"""Editors' messages: English in the code, German from the catalog by default."""

from __future__ import annotations

import ast
import pickle
import string
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from karriere.base.errors import Problem
from karriere.base.messages import Message, catalog_path, editor_language, messages_in, say
from tests.conftest import BUILD_DATE, SCRATCH_FILES, run_cli, write_files

PACKAGE = Path(__file__).resolve().parents[2] / "karriere"
# Calls whose text reaches an editor: they take a say(...) Message, never a plain literal.
SPEAKERS = {
    "Problem", "BuildError", "UsageError", "KarriereError", "MachineError", "ValueError",
    "SvgProblem", "Mp4Problem", "YamlProblem", "ArgumentTypeError",
}  # fmt: skip


def german() -> dict[str, str]:
    with catalog_path("de").open("rb") as f:
        catalog = read_po(f, locale="de", domain="messages")
    return {m.id: m.string for m in catalog if m.id}


def said() -> set[str]:
    found = extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords={"say": None},
        comment_tags=(), strip_comment_tags=True,
    )  # fmt: skip
    return {message for _, _, message, _, _ in found}


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_message_in_the_code_has_a_german_translation():
    catalog = german()
    missing = sorted(said() - {k for k, v in catalog.items() if v})
    assert missing == [], "run python scripts/messages_catalog.py, then translate:\n" + "\n".join(
        missing
    )


def test_translations_keep_the_placeholders():
    for msgid, msgstr in german().items():
        if msgstr:
            assert fields(msgstr) == fields(msgid), (msgid, msgstr)


def test_the_catalog_holds_no_message_the_code_no_longer_says():
    assert set(german()) - said() == set()


def test_no_editor_message_is_a_plain_literal():
    """A literal or f-string would reach German editors in English."""
    plain = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in SPEAKERS:
                continue
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                literal = isinstance(arg, ast.JoinedStr) or (
                    isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                )
                if literal:
                    plain.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert plain == []


def test_a_message_is_its_english_text_and_survives_pickling_and_json():
    inner = say("expected a date like 2026-06-05")
    message = say("{name}: is empty ({expected})", name="deadline", expected=inner)
    assert message == "deadline: is empty (expected a date like 2026-06-05)"
    again = pickle.loads(pickle.dumps(Problem("a.md", 3, message)))
    assert messages_in("de").problem(again) == (
        "a.md:3: deadline: ist leer (erwartet: ein Datum wie 2026-06-05)"
    )
    row = Problem.from_row(Problem("a.md", 3, message).row())
    assert isinstance(row.message, Message) and row.message == message


def test_the_editors_language_comes_from_the_option_then_the_environment(monkeypatch):
    monkeypatch.delenv("KARRIERE_LANG", raising=False)
    assert editor_language(None) == "de"
    monkeypatch.setenv("KARRIERE_LANG", "en_GB.UTF-8")
    assert editor_language(None) == "en"
    assert editor_language("de") == "de"
    assert messages_in("en").text(say("expected text")) == "expected text"


def test_the_compiled_catalog_is_kept_in_the_cache(tmp_path):
    first = messages_in("de", tmp_path).text(say("expected text"))
    assert [p.suffix for p in tmp_path.iterdir()] == [".mo"]
    assert messages_in("de", tmp_path).text(say("expected text")) == first == "erwartet: Text"


def _broken_site(tmp_path: Path) -> Path:
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    vacancy = site / "content/vacancies/sachbearbeitung.md"
    text = vacancy.read_text(encoding="utf-8")
    vacancy.write_text(text.replace("title:", "titel:", 1), encoding="utf-8")
    return site


def test_the_command_line_speaks_german_by_default_and_english_when_asked(tmp_path):
    site = _broken_site(tmp_path)
    args = ("build", "--site", str(site), "--out", str(tmp_path / "out"), "--date", BUILD_DATE)
    in_german = run_cli(*args, lang="de")
    in_english = run_cli(*args, "--lang", "en", lang="de")
    by_environment = run_cli(*args, lang="en")
    assert in_german.returncode == in_english.returncode == 1
    german_lines, english_lines = in_german.stderr.splitlines(), in_english.stderr.splitlines()
    assert "titel: unbekanntes Feld; meinten Sie „title“?" in german_lines[0]
    assert "titel: unknown field; did you mean 'title'?" in english_lines[0]
    assert german_lines[-1].startswith("Build abgebrochen: 1 Fehler")
    assert english_lines[-1].startswith("Build failed: 1 error")
    assert by_environment.stderr == in_english.stderr
    prefix = "content/vacancies/sachbearbeitung.md:"
    assert german_lines[0].split(" ")[0] == english_lines[0].split(" ")[0]
    assert german_lines[0].startswith(prefix)
