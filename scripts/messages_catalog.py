"""Keep the editors' messages catalog current: extract `say(...)` templates into
karriere/locales/messages.pot and merge them into de/LC_MESSAGES/messages.po, keeping
every translation (also from other .po files named on the command line, e.g. a branch's).

    python scripts/messages_catalog.py [other.po ...]

Then translate every empty msgstr; tests/base/test_messages.py fails while one is empty.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "karriere/locales/messages.pot"
PO = ROOT / "karriere/locales/de/LC_MESSAGES/messages.po"
EXTRACT = [
    "pybabel", "extract", "-F", "babel-messages.cfg", "--no-default-keywords", "-k", "say",
    "--no-location", "--sort-output", "--project=karriere", "--omit-header", "-o", str(POT), ".",
]  # fmt: skip


def translations(path: Path) -> dict[str, str]:
    with path.open("rb") as f:
        catalog = read_po(f, locale="de", domain="messages")
    return {m.id: m.string for m in catalog if m.id and m.string}


def main(others: list[str]) -> int:
    known = {}
    for path in [*map(Path, others), PO]:
        if path.is_file():
            known.update(translations(path))
    subprocess.run(EXTRACT, cwd=ROOT, check=True, capture_output=True)
    with POT.open("rb") as f:
        template = read_po(f)
    with PO.open("rb") as f:
        catalog = read_po(f, locale="de", domain="messages")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    for message in catalog:
        if message.id and not message.string and message.id in known:
            message.string = known[message.id]
    with PO.open("wb") as f:
        write_po(f, catalog, omit_header=False, no_location=True, sort_output=True, width=96)
    empty = [m.id for m in catalog if m.id and not m.string]
    print(f"{len(catalog)} messages, {len(empty)} without German")
    for msgid in empty:
        print("  ", msgid)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
