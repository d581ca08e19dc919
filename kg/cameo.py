"""CAMEO-style actor codes: country + sector (``USAGOV``), or a known organisation's code.

CAMEO and PLOVER identify actors by a country code (ISO 3166 alpha-3) followed
by a sector code (GOV, MIL, LEG, ...).  kg derives them from data alone:

- a country is its ISO code (``RUS``);
- a known organisation takes the code of ``kg/lexicon/organizations.tsv``
  (``IGOWSTNAT`` for NATO, ``USAGOV`` for the State Department);
- any other organisation or group with a country takes the country code plus
  the sector of its head word (``kg/lexicon/sectors.tsv``: "US officials" →
  ``USAGOV``, "Russian troops" → ``RUSMIL``);
- a person takes the code of their first role whose affiliation has one: a
  country plus the sector of the title ("Foreign Minister of Italy" →
  ``ITAGOV``), or the affiliation's own code ("Secretary General of NATO" →
  ``IGOWSTNAT``).

>>> sector("Foreign Minister"), sector("Secretary General"), sector("general")
('GOV', 'GOV', 'MIL')
>>> sector("US officials"), sector("Russian troops"), sector("analyst") is None
('GOV', 'MIL', True)
>>> group_code("USA", "US officials"), group_code("RUS", "Russians")
('USAGOV', 'RUS')
>>> person_code([("Foreign Minister", "ITA", None), ("aide", None, None)])
'ITAGOV'
>>> person_code([("Secretary General", None, "IGOWSTNAT")])
'IGOWSTNAT'
>>> person_code([("columnist", None, None)]) is None
True
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from kg.names import norm

__all__ = ["SECTORS_FILE", "CameoError", "sectors", "sector", "group_code", "person_code",
           "organization_code"]

#: The data table of head words to CAMEO sector codes (in ``kg/lexicon/``).
SECTORS_FILE = "sectors.tsv"
#: Words after which the rest of a title names the affiliation ("Secretary of State").
_TITLE_CUT = re.compile(r"\s+(?:of|for|to|at)\s+.*$")
_SECTOR_CODE = re.compile(r"^[A-Z]{3}$")


class CameoError(ValueError):
    """The sector table is malformed."""


def _read_table() -> str:
    try:
        return resources.files("kg.lexicon").joinpath(SECTORS_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):  # pragma: no cover - source checkout
        return (Path(__file__).resolve().parent / "lexicon" / SECTORS_FILE).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def sectors() -> dict[str, str]:
    """Normalised head words (one or more words) to CAMEO sector codes, read once."""
    table: dict[str, str] = {}
    rows = [line.split("\t") for line in _read_table().splitlines()
            if line.strip() and not line.startswith("#")]
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 2 or not _SECTOR_CODE.match(row[1].strip()):
            raise CameoError(f"{SECTORS_FILE}: row {number} is not 'word<TAB>SECTOR': {row!r}")
        table[norm(row[0])] = row[1].strip()
    return table


def _singular(word: str) -> str:
    """A crude singular for table lookups ("troops" → "troop", "police" stays)."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def sector(phrase: str) -> str | None:
    """The CAMEO sector of a title or label: its longest trailing words found in the table.

    The words after "of" are dropped first ("Secretary of State" → "secretary").
    """
    words = norm(_TITLE_CUT.sub("", phrase.strip())).replace("-", " ").split()
    table = sectors()
    for start in range(len(words)):
        tail = words[start:]
        for candidate in (" ".join(tail), " ".join([*tail[:-1], _singular(tail[-1])])):
            if candidate in table:
                return table[candidate]
    return None


def group_code(iso3: str | None, label: str) -> str | None:
    """The code of a group or organisation with a country: country + sector of its head word."""
    if not iso3:
        return None
    return iso3 + (sector(label) or "")


def person_code(roles: Iterable[tuple[str, str | None, str | None]]) -> str | None:
    """The code of a person from their roles, each ``(title, affiliation ISO code,
    affiliation CAMEO code)``: the first role whose affiliation is a country (country +
    sector of the title) or has a code of its own."""
    for title, iso3, code in roles:
        if iso3 and (code is None or code == iso3):
            return iso3 + (sector(title) or "")
        if code:
            return code
    return None


def organization_code(label: str) -> str | None:
    """The code of an organisation listed in ``kg/lexicon/organizations.tsv``.

    >>> organization_code("NATO"), organization_code("the Kremlin"), organization_code("Acme")
    ('IGOWSTNAT', 'RUSGOV', None)
    """
    from kg.extract.lexicon import load

    known = load().organization(label)
    return known.code if known is not None else None
