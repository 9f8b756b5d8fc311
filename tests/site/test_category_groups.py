"""Vacancies grouped by category: after an edit, last build's groups revised at the
changed places give exactly what grouping every vacancy again gives."""

from __future__ import annotations

import random
import re
from types import SimpleNamespace

from helpers import BUILD_DATE, SCRATCH_FILES, run_cli, write_files

from karriere.base.recall import Recall
from karriere.site.pages import vacancies_by_category

CATEGORIES = {"ausbildung": "Ausbildung", "verwaltung": "Verwaltung", "technik": "Technik"}
SITE = SimpleNamespace(categories=CATEGORIES)


def vacancy(number: int, category: str) -> SimpleNamespace:
    meta = SimpleNamespace(category=category)
    return SimpleNamespace(number=number, entry=SimpleNamespace(meta=meta))


def as_numbers(groups: dict) -> dict:
    return {key: [v.number for v in found] for key, found in groups.items()}


def test_revised_groups_equal_groups_made_anew():
    rng = random.Random(7)
    keys = list(CATEGORIES)
    vacancies = [vacancy(n, rng.choice(keys)) for n in range(300)]
    recall = Recall()
    vacancies_by_category(SITE, vacancies, recall)
    for edit in range(40):
        recall.next_build()
        vacancies = list(vacancies)
        for n in rng.sample(range(len(vacancies)), rng.randint(1, 5)):
            # a new object (an edited file), in the same or another category
            vacancies[n] = vacancy(1000 * (edit + 1) + n, rng.choice(keys))
        revised = vacancies_by_category(SITE, vacancies, recall)
        anew = vacancies_by_category(SITE, vacancies, Recall())
        assert as_numbers(revised) == as_numbers(anew)
        assert sum(map(len, revised.values())) == len(vacancies)


def test_last_builds_groups_are_left_as_they_were():
    vacancies = [vacancy(n, "technik") for n in range(10)]
    recall = Recall()
    first = vacancies_by_category(SITE, vacancies, recall)
    before = as_numbers(first)
    recall.next_build()
    moved = list(vacancies)
    moved[4] = vacancy(99, "verwaltung")
    second = vacancies_by_category(SITE, moved, recall)
    assert as_numbers(first) == before
    assert [v.number for v in second["verwaltung"]] == [99]
    assert 4 not in [v.number for v in second["technik"]]


def test_the_home_pages_tiles_count_what_each_category_page_lists(tmp_path):
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    out = tmp_path / "out"
    done = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
    assert done.returncode == 0, done.stderr
    home = (out / "index.html").read_text(encoding="utf-8")
    tiles = re.findall(r'kategorie/([^/]+)/"><span>.*?</span><span class="tile-count">(\d+) ', home)
    assert tiles and sum(int(n) for _, n in tiles) > 0
    for key, count in tiles:
        listed = (out / "stellen/kategorie" / key / "index.html").read_text(encoding="utf-8")
        assert listed.count('<li class="card"') == int(count), key
