"""The extractor's data: verb and noun lexicons, titles, group nouns, countries, organisations.

Everything is read from the TSV and text files in ``kg/lexicon/``; the code
never names a verb, country or organisation itself.

>>> lex = load()
>>> lex.verb_entries("urge")[0].cls
'Appeal'
>>> lex.country("U.S.").label
'United States'
>>> lex.country("Ukrainian").iso3
'UKR'
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.classes import CLASSES
from kg.names import norm

__all__ = ["VerbEntry", "Country", "Organization", "Lexicon", "LexiconError", "TITLE_PREFIXES", "load", "norm"]

#: Prefixes a title may carry with a hyphen ("co-chairman", "vice-president", "ex-minister").
TITLE_PREFIXES = ("co", "vice", "ex")


class LexiconError(ValueError):
    """A lexicon file is malformed."""


@dataclass(frozen=True)
class VerbEntry:
    lemma: str
    slot: str  # "-" direct object, "with" a preposition, "prt:on" a particle
    cls: str  # class local name; "A|B" means A for civilian subjects (people, parties, firms), else B
    symmetric: bool
    reverse: bool = False  # the object is the agent ("received aid from Germany")
    targets: frozenset[str] = frozenset()  # actor types the target must have ("left the EU")

    def class_for(self, *, civilian: bool) -> str:
        first, _, second = self.cls.partition("|")
        return first if civilian or not second else second


@dataclass(frozen=True)
class Country:
    iso3: str
    label: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class Organization:
    label: str
    aliases: tuple[str, ...]
    country: str | None
    code: str | None
    sector: str | None


def _read(name: str) -> list[list[str]]:
    try:
        text = resources.files("kg.lexicon").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        text = (Path(__file__).resolve().parent.parent / "lexicon" / name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def _is_acronym(name: str) -> bool:
    """Whether a name is written in capitals ("UN", "U.S.", "the EU"): such names match only so.

    >>> _is_acronym("U.S."), _is_acronym("the EU"), _is_acronym("Un"), _is_acronym("NATO")
    (True, True, False, True)
    """
    letters = [c for c in name.removeprefix("the ") if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


class Lexicon:
    """All lexicon tables, with lookups by normalised text."""

    def __init__(self) -> None:
        self._acronyms: set[str] = set()  # names that match only in capitals ("UN", not "Un")
        self._plain_names: set[str] = set()  # ... unless also listed otherwise ("Nato")
        self.verbs: dict[str, list[VerbEntry]] = {}
        for row in _read("verbs.tsv")[1:]:
            lemma, slot, cls, sym, targets = (row + ["", "", "", "", ""])[:5]
            for name in cls.split("|"):
                if name not in CLASSES:
                    raise LexiconError(f"verbs.tsv: unknown class {name!r} for {lemma!r}")
            kinds = frozenset(t.strip() for t in targets.split(",") if t.strip())
            self.verbs.setdefault(lemma, []).append(VerbEntry(lemma, slot, cls, sym == "1", reverse=sym == "<", targets=kinds))
        self.nouns: dict[str, list[VerbEntry]] = {}
        for row in _read("nouns.tsv")[1:]:
            lemma, slot, cls, sym = (row + ["", "", "", ""])[:4]
            for name in cls.split("|"):
                if name not in CLASSES:
                    raise LexiconError(f"nouns.tsv: unknown class {name!r} for {lemma!r}")
            self.nouns.setdefault(lemma, []).append(VerbEntry(lemma, slot, cls, sym == "1"))
        self.light_verbs = frozenset(r[0].strip() for r in _read("light_verbs.txt"))
        #: (verb lemma, class of the event its object noun names) -> class of the act
        self.undo_verbs: dict[tuple[str, str], str] = {}
        for row in _read("undo_verbs.tsv")[1:]:
            lemma, undone, cls = (row + ["", "", ""])[:3]
            for name in (undone, cls):
                if name not in CLASSES:
                    raise LexiconError(f"undo_verbs.tsv: unknown class {name!r} for {lemma!r}")
            self.undo_verbs[lemma, undone] = cls
        self.undoing_verbs = frozenset(lemma for lemma, _ in self.undo_verbs)
        self.receiving_verbs = frozenset(r[0].strip() for r in _read("receiving_verbs.txt"))
        self.title_heads = frozenset(r[0].strip() for r in _read("titles.txt"))
        self.group_nouns = frozenset(r[0].strip() for r in _read("groups.txt"))
        self.media_words = frozenset(r[0].strip() for r in _read("media.txt"))
        self.wrongdoing_verbs = frozenset(r[0].strip() for r in _read("wrongdoing.txt"))
        #: judging word -> "-" (disapproves) or "+" (praises)
        self.evaluative = {r[0].strip(): r[1].strip() for r in _read("evaluative.tsv")[1:]}
        #: given name -> "m" or "f" (the pronouns it takes)
        self.first_name_gender = {r[0].strip(): r[1].strip() for r in _read("first_names.tsv")[1:]}
        self.countries: list[Country] = []
        self._country_index: dict[str, Country] = {}
        self._demonyms: dict[str, Country] = {}
        self._capitals: dict[str, Country] = {}
        for row in _read("countries.tsv")[1:]:
            iso3, label, aliases, demonyms, capitals = (row + [""] * 5)[:5]
            country = Country(iso3, label, _split(aliases), _split(demonyms), _split(capitals))
            self.countries.append(country)
            for name in (label, iso3, *country.aliases):
                self._country_index.setdefault(norm(name), country)
                (self._acronyms if _is_acronym(name) else self._plain_names).add(norm(name))
            for name in country.demonyms:
                self._demonyms.setdefault(norm(name), country)
            for name in country.capitals:
                self._capitals.setdefault(norm(name), country)
        self._add_iso_countries()
        self.by_iso3 = {c.iso3: c for c in self.countries}
        self.organizations: list[Organization] = []
        self._org_index: dict[str, Organization] = {}
        #: Aliases listed only with "the" ("the Alliance", "the Commission"): common words that
        #: stand for the organisation only where the document names it.
        self.context_aliases: set[str] = set()
        plain: set[str] = set()
        for row in _read("organizations.tsv")[1:]:
            label, aliases, country, code, sector = (row + [""] * 5)[:5]
            org = Organization(label, _split(aliases), country or None, code or None, sector or None)
            self.organizations.append(org)
            for name in (label, *org.aliases):
                self._org_index.setdefault(norm(name), org)
                (self._acronyms if _is_acronym(name) else self._plain_names).add(norm(name))
                (self.context_aliases if name.lower().startswith("the ") else plain).add(norm(name))
        self.context_aliases -= plain
        self._acronyms -= self._plain_names

    def _add_iso_countries(self) -> None:
        """Countries ``countries.tsv`` does not list, from ISO 3166 (pycountry): their short
        names only ("Tanzania", "Burkina Faso"), no demonyms or capitals."""
        import pycountry

        listed = {c.iso3 for c in self.countries}
        for entry in pycountry.countries:
            if entry.alpha_3 in listed:
                continue
            names = [getattr(entry, "common_name", None), entry.name, getattr(entry, "official_name", None)]
            names = [n for n in names if n and not any(ch in n for ch in ",()")]
            if not names:
                continue
            country = Country(entry.alpha_3, names[0], tuple(dict.fromkeys(names[1:])), (), ())
            self.countries.append(country)
            for name in names:
                self._country_index.setdefault(norm(name), country)

    def verb_entries(self, lemma: str) -> list[VerbEntry]:
        return self.verbs.get(lemma.lower(), [])

    def noun_entries(self, lemma: str) -> list[VerbEntry]:
        return self.nouns.get(lemma.lower(), [])

    def country(self, name: str, *, demonyms: bool = True, capitals: bool = False) -> Country | None:
        """The country a name, alias or (optionally) demonym or capital stands for."""
        key = norm(name)
        if key in self._acronyms and not _is_acronym(name):
            return None
        found = self._country_index.get(key)
        if found is None and demonyms:
            found = self._demonyms.get(key)
            if found is None and key.endswith("s"):
                found = self._demonyms.get(key[:-1])
        if found is None and capitals:
            found = self._capitals.get(key)
        return found

    def demonym(self, word: str) -> Country | None:
        return self._demonyms.get(norm(word))

    def capital(self, word: str) -> Country | None:
        return self._capitals.get(norm(word))

    def organization(self, name: str) -> Organization | None:
        key = norm(name)
        if key in self._acronyms and not _is_acronym(name):
            return None  # "Un" in "Kim Jong Un" is not the UN
        return self._org_index.get(key)

    def is_media(self, phrase: str) -> bool:
        """Whether a phrase names a news outlet ("the BBC", "Radio 4's Today programme").

        >>> load().is_media("BBC Radio 4")
        True
        >>> load().is_media("European Commission")
        False
        """
        words = norm(phrase).replace("'s", " ").split()
        return any(w in self.media_words for w in words)

    def is_title_head(self, word: str) -> bool:
        """Whether a word heads a title: a title of titles.txt, or one with a prefix of
        :data:`TITLE_PREFIXES` ("co-chairman", "vice-president")."""
        word = word.lower()
        prefix, _, rest = word.partition("-")
        return word in self.title_heads or (prefix in TITLE_PREFIXES and rest in self.title_heads)


@functools.lru_cache(maxsize=1)
def load() -> Lexicon:
    """The lexicon, read once per process."""
    return Lexicon()
