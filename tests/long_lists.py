"""A scratch site with many vacancies, for the tests of lists in pages (pagination).

`write_long_site(root)` writes the scratch site (helpers.SCRATCH_FILES) plus `count`
generated vacancies: every seventh one expired, the categories taking turns, an employer
for every third, and posting dates spread over a year with ties (so that the order
needs its tie-breakers). Cards and posters are off: the tests read the HTML.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from helpers import BUILD_DATE, SCRATCH_FILES, SITE_YAML, write_files

BUILD_DAY = date.fromisoformat(BUILD_DATE)
CATEGORIES = ("ausbildung", "duales-studium", "praktikum", "fachkraft", "beamtenlaufbahn")
EMPLOYER = "stadtwerke"

EMPLOYER_FILE = """\
---
name: "Stadtwerke Teststadt"
article: die
summary: "Strom, Wasser und Busse für Teststadt."
---
Die Stadtwerke versorgen Teststadt.
"""


def vacancy(number: int) -> tuple[str, str, bool]:
    """(slug, file text, open?) of generated vacancy `number`."""
    slug = f"stelle-{number:03d}"
    posted = BUILD_DAY - timedelta(days=300 - number // 2)  # two a day: ties
    expired = number % 7 == 3
    deadline = BUILD_DAY - timedelta(days=5) if expired else BUILD_DAY + timedelta(days=number)
    employer = f"employer: {EMPLOYER}\n" if number % 3 == 0 else ""
    text = (
        "---\n"
        f'title: "Stelle Nummer {number:03d} (m/w/d)"\n'
        f"category: {CATEGORIES[number % len(CATEGORIES)]}\n"
        f"posted: {posted.isoformat()}\n"
        f"deadline: {deadline.isoformat()}\n"
        "location: Teststadt\n"
        f"{employer}"
        'apply_url: "https://example.org/bewerben"\n'
        "---\n"
        f"Aufgaben der Stelle {number}.\n"
    )
    return slug, text, not expired


def write_long_site(root: Path, count: int = 250, settings: str = "") -> tuple[Path, list[str]]:
    """The site in `root`, and the slugs of its open vacancies. `settings`: more lines
    of site.yaml (say "per_page: 0\\n")."""
    files = dict(SCRATCH_FILES)
    files["site.yaml"] = SITE_YAML + "cards: false\nposters: false\n" + settings
    files[f"content/employers/{EMPLOYER}.md"] = EMPLOYER_FILE
    open_slugs = [slug for slug, _, is_open in map(vacancy, range(count)) if is_open]
    for slug, text, _ in map(vacancy, range(count)):
        files[f"content/vacancies/{slug}.md"] = text
    site = write_files(root, files)
    return site, open_slugs + ["sachbearbeitung"]  # the scratch site's own open one


# A network whose employer and occupation have more vacancies than their pages show.
OCCUPATION, EMPTY_OCCUPATION = "gaertnerin", "leerberuf"
NETWORK_FILES = {
    f"content/employers/{EMPLOYER}.en.md": '---\nname: "Teststadt Utilities"\n---\nUtilities.\n',
    f"content/occupations/{OCCUPATION}.md": (
        '---\nname: "Gärtner*in"\nsummary: "Sie pflegen Parks."\n---\nGrün.\n'
    ),
    f"content/occupations/{OCCUPATION}.en.md": '---\nname: "Gardener"\n---\nGreen.\n',
    f"content/occupations/{EMPTY_OCCUPATION}.md": '---\nname: "Leerberuf"\n---\nNichts.\n',
}


def network_vacancy(number: int) -> str:
    """Vacancy `number` of the network site: one a day, newest with the highest number."""
    posted = BUILD_DAY - timedelta(days=100 - number)
    return (
        "---\n"
        f'title: "Gärtner*in Nummer {number:02d} (m/w/d)"\n'
        "category: fachkraft\n"
        f"posted: {posted.isoformat()}\n"
        "location: Teststadt\n"
        f"employer: {EMPLOYER}\n"
        f"occupations: [{OCCUPATION}]\n"
        'apply_url: "https://example.org/bewerben"\n'
        "---\n"
        f"Aufgaben im Park {number}.\n"
    )


def write_network_site(root: Path, count: int = 30, settings: str = "") -> tuple[Path, list[str]]:
    """A network site in German and English: `count` vacancies of one employer in one
    occupation, another occupation without any, and the scratch site's own vacancy
    (neither's). Returns the site and the slugs of the `count`, newest first."""
    files = dict(SCRATCH_FILES)
    files["site.yaml"] = (
        SITE_YAML
        + "cards: false\nposters: false\nper_page: 10\n"
        + 'languages:\n  - {code: de, label: "Deutsch"}\n  - {code: en, label: "English"}\n'
        + settings
    )
    files[f"content/employers/{EMPLOYER}.md"] = EMPLOYER_FILE
    files.update(NETWORK_FILES)
    for number in range(count):
        files[f"content/vacancies/park-{number:02d}.md"] = network_vacancy(number)
    return write_files(root, files), [f"park-{n:02d}" for n in reversed(range(count))]
