"""site.yaml's `address` and the article of names: wrong values are errors with a line."""

from __future__ import annotations

import pickle

import pytest
from helpers import BUILD_DATE, SCRATCH_FILES, SITE_YAML, run_cli, write_files

from karriere.base.strings import Name
from karriere.config.settings import load_config


def build(tmp_path, site_yaml: str, **extra: str):
    site = write_files(tmp_path / "site", {**SCRATCH_FILES, "site.yaml": site_yaml, **extra})
    return site, run_cli("build", "--site", str(site), "--date", BUILD_DATE)


def with_org(lines: str) -> str:
    """SITE_YAML with `lines` added to organisation (line 5 is its name)."""
    return SITE_YAML.replace('  name: "Stadt Teststadt"\n', '  name: "Stadt Teststadt"\n' + lines)


@pytest.mark.parametrize(
    ("site_yaml", "expected"),
    [
        (
            "address: ihr\n" + SITE_YAML,
            "site.yaml:1: address: invalid value 'ihr' (expected one of: 'du', 'sie')",
        ),
        (
            with_org("  article: dem\n"),
            "site.yaml:5: organisation.article: invalid value 'dem' (expected one of: "
            "'der', 'die', 'das')",
        ),
        (
            with_org('  article: die\n  dative: "der Stadt Teststadt"\n'),
            "site.yaml:6: organisation.dative: give article or dative, not both",
        ),
        (
            with_org('  dative: "Stadtwerken Teststadt"\n'),
            "site.yaml:5: organisation.dative: 'Stadtwerken Teststadt' has no article "
            "(expected the name as after 'bei', with der, dem or den",
        ),
    ],
)
def test_wrong_address_or_article_is_an_error_with_its_line(tmp_path, site_yaml, expected):
    _, result = build(tmp_path, site_yaml)
    assert result.returncode == 1
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_an_employers_unknown_article_is_an_error(tmp_path):
    employer = '---\nname: "Jobcenter Teststadt"\narticle: "des"\n---\nText.\n'
    _, result = build(tmp_path, SITE_YAML, **{"content/employers/jobcenter.md": employer})
    assert result.returncode == 1
    assert (
        "content/employers/jobcenter.md:3: article: invalid value 'des' (expected one of: "
        "'der', 'die', 'das')" in result.stderr
    ), result.stderr


def test_address_defaults_to_sie_and_the_name_knows_its_dative(tmp_path):
    site, result = build(tmp_path, with_org("  article: die\n"))
    assert result.returncode == 0, result.stderr
    settings = load_config(site).settings
    assert settings.address == "sie"
    name = settings.organisation.name
    assert name == "Stadt Teststadt" and isinstance(name, Name)
    assert (f"{name:bei}", f"{name:von}") == ("bei der Stadt Teststadt", "von der Stadt Teststadt")


@pytest.mark.parametrize(
    ("name", "bei", "von", "dativ"),
    [
        (Name.of("Stadt Lindenfeld", "die"), "bei der Stadt Lindenfeld", "von der Stadt Lindenfeld", "der Stadt Lindenfeld"),
        (Name.of("Jobcenter Lindenfeld", "das"), "beim Jobcenter Lindenfeld", "vom Jobcenter Lindenfeld", "dem Jobcenter Lindenfeld"),
        (Name.of("Kreis Lindenfeld", "der"), "beim Kreis Lindenfeld", "vom Kreis Lindenfeld", "dem Kreis Lindenfeld"),
        (Name.of("Stadtwerke", dative="den Stadtwerken"), "bei den Stadtwerken", "von den Stadtwerken", "den Stadtwerken"),
    ],
)  # fmt: skip
def test_names_take_their_case(name, bei, von, dativ):
    assert (f"{name:bei}", f"{name:von}", f"{name:dativ}", f"{name}") == (bei, von, dativ, name)
    copy = pickle.loads(pickle.dumps(name))  # the content cache keeps front matter pickled
    assert copy == name and copy.dative == name.dative and type(copy) is Name
