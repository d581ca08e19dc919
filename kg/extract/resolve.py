"""In-document resolution: mentions become actors.

Rule-based, in reading order: full names first (so a later "Biden" tagged as an
organisation still finds Joe Biden), then surnames and honorifics, country
aliases and demonyms, known organisations and their aliases, groups by country,
pronouns by salience, "the two men" by the last two people, definite titles by
their holders.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from kg.extract.attributes import CLAIM_NOUNS, SPEECH_VERBS
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import ARMED_GROUP_NOUNS, HOME_COUNTRY, PARTY_POSSESSOR, PLURAL_NOUNS, POSSESSOR, Mention
from kg.extract.mentions import in_quote
from kg.names import actor_key, norm
from kg.records import Actor, Role

__all__ = ["Resolver", "Carry", "CARRY_ACTORS"]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "attr", "oprd"})
SURNAME_PARTICLES = frozenset({"di", "de", "da", "del", "della", "van", "von", "der", "den", "le", "la", "du", "al", "el", "bin", "ben", "ter", "ten", "dos", "das"})
#: Parts of the world, which a tagger's "place" that acts may be but no body is ("Europe must invest").
REGIONS = frozenset({"europe", "asia", "africa", "america", "americas", "oceania", "antarctica", "arctic", "eurasia",
                     "scandinavia", "balkans", "caucasus", "gulf", "west", "east", "north", "south", "middle east"})
#: Group nouns for the member states of an intergovernmental body ("EU countries", "Nato allies").
MEMBER_NOUNS = frozenset({"country", "countries", "member", "members", "state", "states", "nation", "nations",
                          "ally", "allies"})
#: The rank of a main-clause subject in the mention history (other subjects are 1, others 0).
ROOT_SUBJECT = 2
#: Titles many people hold at once: "the MP" does not stand for the MP named before.
SHARED_TITLES = frozenset({"mp", "mps", "mep", "msp", "senator", "congressman", "lawmaker", "peer", "councillor",
                           "official", "diplomat"})
#: Words in an organisation's name that make it an armed one.
ARMED_NAME_WORDS = frozenset({"forces", "army", "militia", "militias", "brigade", "brigades", "guard", "guards", "military", "navy", "rebels", "regiment", "battalion", "mujahideen"})
#: Words in the name of a public body ("the Financial Services Authority"), which "the company" never means.
PUBLIC_NAME_WORDS = frozenset({"authority", "commission", "office", "agency", "department", "ministry", "council",
                               "inspectorate", "tribunal", "court", "parliament", "assembly", "executive"})
#: Words in the name of a prosecuting body, which bare "prosecutors" stand for ("the US Justice
#: Department ... Prosecutors had argued ..."; the Crown Prosecution Service, the Serious Fraud Office).
PROSECUTION_WORDS = frozenset({"justice", "prosecution", "prosecutor", "prosecutors", "fraud"})
#: "The regulator", "the watchdog": a public body named before.
REGULATOR_NOUNS = frozenset({"regulator", "watchdog"})
#: "The newspaper", "the broadcaster": an outlet named before.
MEDIA_NOUNS = frozenset({"newspaper", "paper", "broadcaster", "channel", "network"})
#: Lexicon sectors of public bodies, which "the company" or "the firm" never means.
PUBLIC_SECTORS = frozenset({"GOV", "MIL", "IGO", "LEG", "JUD", "PTY", "COP"})
#: Nouns for a business ("the company", "the firm").
BUSINESS_NOUNS = frozenset({"company", "firm", "bank", "carrier", "airline", "group", "giant", "maker", "retailer", "insurer", "lender"})
#: How many sentences back "the firm" may look for its organisation.
ORGREF_WINDOW = 3
#: How far (in sentences) a country may be from a head-of-state title to claim it.
NEAR_SENTENCES = 2
#: CAMEO sectors of organisations that act by force (rebels, the military, insurgents).
ARMED_SECTORS = frozenset({"REB", "MIL", "INS", "SPY"})
#: Titles of people who speak or act for their organisation: unnamed, they stand for it.
SPOKES_TITLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "aide", "official", "source", "sources", "representative"})
#: Words that make a title an office someone holds alone ("the prime minister", "the home
#: secretary", "the first minister"), unlike "the minister" or "the new chairman".
OFFICE_WORDS = frozenset({"prime", "foreign", "defence", "defense", "home", "interior", "finance", "trade", "first",
                          "health", "education", "culture", "energy", "environment", "transport", "justice",
                          "treasury", "exchequer", "attorney", "shadow", "deputy"})
#: Last words that make a name an organisation's, whatever the tagger said ("Unity Coalition").
ORG_NAME_HEADS = frozenset({"coalition", "association", "party", "union", "council", "trust", "foundation",
                            "institute", "committee", "commission", "campaign", "alliance", "federation", "league",
                            "society", "movement", "front", "network", "corporation", "agency", "authority"})
#: Last words that make a name a place's ("Brick Lane", "Downing Street").
PLACE_NAME_HEADS = frozenset({"lane", "street", "road", "square", "avenue"})
#: Titles of those who represent their country abroad: unnamed, they stand for it
#: ("Poland summoned the Russian ambassador").
ENVOY_TITLES = frozenset({"ambassador", "envoy", "consul", "high commissioner"})
#: Honorifics that tell which pronouns fit their bearer.
GENDERED_HONORIFICS = {**dict.fromkeys(("mr", "sir", "lord"), "m"),
                       **dict.fromkeys(("mrs", "ms", "miss", "lady", "dame", "baroness"), "f")}
#: The gender of personal pronouns.
PRONOUN_GENDER = {**dict.fromkeys(("he", "him", "his", "himself"), "m"), **dict.fromkeys(("she", "her", "hers", "herself"), "f")}
#: Words that make "both parties" the two the document names most ("both the main parties").
MAIN_WORDS = frozenset({"main", "big", "major", "mainstream"})
HEAD_OF_STATE_TITLES = frozenset({"president", "prime minister", "premier", "chancellor", "king", "queen"})
#: At most this many actors are carried from one window of a long document to the next
#: (the least recently mentioned are dropped first), so the carried state stays bounded.
CARRY_ACTORS = 5_000


@dataclass
class _ActorState:
    key: str
    label: str
    type: str
    code: str | None = None
    aliases: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)
    mentions: int = 0
    first_name_known: bool = False
    speech_only: bool = True
    gender: str | None = None  # "m" or "f", from an honorific or a given name: which pronouns fit

    def add_role(self, role: Role) -> None:
        for i, old in enumerate(self.roles):
            if norm(old.title) == norm(role.title):
                if old.affiliation is None and role.affiliation:
                    self.roles[i] = role
                return
        self.roles.append(role)


def _title_norm(title: str) -> str:
    """A title compared without a leading "Lord" ("the Lord Chancellor" is "Chancellor").

    >>> _title_norm("Lord Chancellor")
    'chancellor'
    """
    words = norm(title).split()
    while len(words) > 1 and words[0] in ("lord", "the"):
        words = words[1:]
    return " ".join(words)


def _other_affiliation(one: str | None, other: str | None) -> bool:
    """Whether two affiliations of a title are both given and differ (the Tory leader is not
    the Labour leader).

    >>> _other_affiliation("Labour", "Conservative Party"), _other_affiliation("Labour", None)
    (True, False)
    """
    return bool(one and other and norm(one) != norm(other))


@dataclass
class Carry:
    """What one window of a long document hands to the next (see :mod:`kg.extract`): the
    actors known so far and the name tables that find them, so that "Mr Blair" in a late
    window still resolves to the Tony Blair named in the first.  Mention histories
    (pronouns, "the two men", "the firm") are not carried: they reach back a few sentences.
    At most :data:`CARRY_ACTORS` actors are kept, the most recently mentioned ones.
    """

    actors: dict[str, _ActorState] = field(default_factory=dict)
    full_names: dict[str, str] = field(default_factory=dict)
    surnames: dict[str, set[str]] = field(default_factory=dict)
    first_names: dict[str, set[str]] = field(default_factory=dict)
    called_organizations: set[str] = field(default_factory=set)
    last_seen: dict[str, int] = field(default_factory=dict)  # actor key -> last window mentioning it
    windows: int = 0

    def prune(self, limit: int = CARRY_ACTORS) -> None:
        """Drop the least recently mentioned actors beyond ``limit`` from every table."""
        if len(self.actors) <= limit:
            return
        keep = set(sorted(self.actors, key=lambda k: self.last_seen.get(k, -1), reverse=True)[:limit])
        self.actors = {k: v for k, v in self.actors.items() if k in keep}
        self.last_seen = {k: v for k, v in self.last_seen.items() if k in keep}
        self.full_names = {n: k for n, k in self.full_names.items() if k in keep}
        for table in (self.surnames, self.first_names):
            for name in list(table):
                table[name] &= keep
                if not table[name]:
                    del table[name]


class Resolver:
    """Resolves the mentions of one document, sentence by sentence, in order.

    With ``carry`` (a window of a long document) it starts from the actors the earlier
    windows named, and :meth:`hand_over` updates ``carry`` for the next window.
    """

    def __init__(self, lex: Lexicon, all_mentions: list[Mention], doc_text: str, carry: Carry | None = None) -> None:
        self.lex = lex
        self.actors: dict[str, _ActorState] = {}
        self._org_affixes: dict[str, str] = {}  # leading/trailing words of organisations' names -> key
        self.full_names: dict[str, str] = {}  # norm(full name) -> key
        self.surnames: dict[str, set[str]] = {}  # norm(surname) -> keys
        self.first_names: dict[str, set[str]] = {}  # norm(first word of a full name) -> keys
        self.history: list[tuple[str, int, int, int]] = []  # (person key, sentence, token, subject rank)
        self.unnamed_speakers: list[Mention] = []
        self._token_person: dict[int, str] = {}  # person named at a token of the current sentence
        self._token_actor: dict[int, str] = {}  # any actor named at a token of the current sentence
        self.body_subjects: list[tuple[str, int]] = []  # (non-person main subject, sentence)
        self.doc_text_norm = norm(doc_text)
        self.country_counts: Counter[str] = Counter()
        self._all_mentions = all_mentions
        self.role_sentences: dict[tuple[str, str], int] = {}  # (person, title) -> first sentence
        self.country_sentences: dict[str, list[int]] = {}  # country label -> sentences naming it
        self.org_history: list[tuple[str, int, int]] = []  # (organisation key, sentence, token)
        #: who speaks a quote that goes on into the next sentences ('Mr X said: "... . "..."')
        self.quote_speaker: str | None = None
        self.continued_speaker: str | None = None  # the speaker of the sentence being resolved, if it goes on a quote
        self.quoted_by: dict[int, str] = {}  # sentence index -> the speaker of the earlier quote it goes on
        self.quoted: set[tuple[int, int]] = set()  # (sentence, token) of the people named inside quotes
        self.country_history: list[tuple[str, int, int]] = []  # (country key, sentence, token)
        self._home: Any = None
        #: names a phrase somewhere calls a company or body, whatever the tagger said
        self.called_organizations = {norm(m.text) for m in all_mentions if m.kind == "name" and m.org_signal}
        #: keys of the actors carried in from earlier windows
        self.carried: frozenset[str] = frozenset()
        if carry is not None:
            self._take_over(carry)
        # a name the tagger called a place or body is a person's when the document also
        # writes its last word with an honorific ("Olaf Scholz" tagged ORG, then "Mr Scholz")
        honorific = {norm(m.text) for m in all_mentions if m.kind == "name" and m.honorific and len(m.text.split()) == 1}
        for m in all_mentions:
            words = m.text.split()
            if (m.kind == "name" and m.ner in ("ORG", "GPE", "FAC") and 2 <= len(words) <= 3 and norm(words[-1]) in honorific
                    and not self.lex.country(m.text) and not self.lex.organization(m.text) and not m.org_signal):
                m.ner = "PERSON"
        for m in all_mentions:  # "Unity Coalition", "Brick Lane" tagged as people: a body, a place
            last = norm(m.text).split()[-1:] if m.kind == "name" and m.ner == "PERSON" and " " in m.text else []
            if last and last[0] in ORG_NAME_HEADS:
                m.ner = "ORG"
            elif last and last[0] in PLACE_NAME_HEADS:
                m.ner = "FAC"
        #: initials -> the body's name written in full in the document ("LSE": "London Stock Exchange")
        self.initials: dict[str, str] = {}
        for m in all_mentions:
            words = [w for w in m.text.split() if w[:1].isupper()]
            if m.kind == "name" and m.ner in ("ORG", "FAC") and len(words) >= 2:
                full = m.text.split()
                while full and not full[0][:1].isupper():
                    full.pop(0)  # "an International Finance Facility"
                self.initials.setdefault("".join(w[0] for w in words), " ".join(full))
        declared = {norm(m.text): m.alias_of for m in all_mentions if m.alias_of is not None}
        for m in all_mentions:
            if norm(m.text) in declared:
                continue
            if m.kind == "name" and m.ner == "PERSON" and norm(m.text) not in self.called_organizations:
                words = m.text.split()
                if len(words) >= 2 and not self.lex.country(m.text) and not self.lex.organization(m.text):
                    self._person(m.text, full=True)
        for alias, name in declared.items():  # declared aliases: "Mahmoud Abbas (Abu Mazen)"
            if norm(name) in self.full_names:
                key = self.full_names[norm(name)]
                self.full_names.setdefault(alias, key)
                self.actors[key].aliases.add(next(m.text for m in all_mentions if m.alias_of == name))
        for m in all_mentions:
            if m.kind == "name" and m.ner == "PERSON" and len(m.text.split()) == 1 and norm(m.text) not in self.called_organizations:
                if (norm(m.text) not in self.surnames and norm(m.text) not in self.first_names and not self.lex.country(m.text)
                        and not self.lex.organization(m.text)):  # "Labour" tagged as a person is the party
                    variant = self._spelling_variant(norm(m.text)) if m.honorific else None
                    if variant is not None:  # "Mr Iliaronov" beside "Andrei Illarionov": one man, misspelt
                        self.full_names[norm(m.text)] = variant
                        self.actors[variant].aliases.add(m.text)
                    else:
                        self._person(m.text, full=False)

        # who holds which title anywhere in the document, for a title used before its holder is
        # named with it ("failed to agree with the lord chancellor ... the Lord Chancellor, Lord
        # Falconer"): norm(title) -> {(key, affiliation)}
        self.titles_named: dict[str, set[tuple[str, str | None]]] = {}
        for m in all_mentions:
            key = self._known_person(m) if m.kind == "name" and m.ner == "PERSON" and m.roles else None
            for role in m.roles if key else ():
                self.titles_named.setdefault(_title_norm(role.title), set()).add((key, role.affiliation))

    def _known_person(self, m: Mention) -> str | None:
        """The person a name mention stands for, by full name or a surname only one has."""
        n = norm(m.text)
        if n in self.full_names:
            return self.full_names[n]
        keys = self.surnames.get(n, set())
        return next(iter(keys)) if len(keys) == 1 else None

    # -- windows of a long document --------------------------------------
    def _take_over(self, carry: Carry) -> None:
        """Start from the actors of earlier windows (their mention counts restart at 0)."""
        for key, state in carry.actors.items():
            self.actors[key] = replace(state, aliases=set(state.aliases), roles=list(state.roles), mentions=0)
            self._index_affixes(self.actors[key])
        self.full_names.update(carry.full_names)
        self.surnames.update({n: set(keys) for n, keys in carry.surnames.items()})
        self.first_names.update({n: set(keys) for n, keys in carry.first_names.items()})
        self.called_organizations |= carry.called_organizations
        self.carried = frozenset(carry.actors)

    def window_keys(self) -> set[str]:
        """The actors this window names or made: mentioned here, or not carried in."""
        return {key for key, state in self.actors.items() if state.mentions > 0 or key not in self.carried}

    def hand_over(self, carry: Carry) -> None:
        """Update ``carry`` with this window's actors and names (call after :meth:`finish`)."""
        carry.windows += 1
        for key in self.window_keys():
            carry.last_seen[key] = carry.windows
        carry.actors = dict(self.actors)
        carry.full_names = dict(self.full_names)
        carry.surnames = self.surnames
        carry.first_names = self.first_names
        carry.called_organizations = self.called_organizations
        carry.prune()

    # -- actor creation -------------------------------------------------
    def _state(self, key: str, label: str, type_: str, code: str | None = None) -> _ActorState:
        state = self.actors.get(key)
        if state is None:
            state = self.actors[key] = _ActorState(key, label, type_, code)
            self._index_affixes(state)
        return state

    def _index_affixes(self, state: _ActorState) -> None:
        """Index an organisation by the leading and trailing words of its name ("group" and
        "menatep" for Group Menatep), the first organisation named winning: a short form
        finds it in one lookup, not by a scan of every actor."""
        if state.type != "Organization":
            return
        words = norm(state.label).split()
        for i in range(1, len(words)):
            self._org_affixes.setdefault(" ".join(words[:i]), state.key)
            self._org_affixes.setdefault(" ".join(words[i:]), state.key)

    def _person(self, text: str, *, full: bool) -> str:
        n = norm(text)
        if n in self.full_names:
            return self.full_names[n]
        key = actor_key(text)
        state = self._state(key, text, "Person")
        state.first_name_known = state.first_name_known or full
        if full and state.gender is None:
            state.gender = self.lex.first_name_gender.get(norm(text).split()[0])
        self.full_names[n] = key
        words = n.split()
        for width in (1, 2):
            if len(words) > width:
                self.surnames.setdefault(" ".join(words[-width:]), set()).add(key)
        if full and len(words) > 1 and words[0] not in SURNAME_PARTICLES:
            self.first_names.setdefault(words[0], set()).add(key)
        if len(words) == 1:
            self.surnames.setdefault(n, set()).add(key)
        return key

    def _country(self, label: str) -> str:
        country = self.lex.country(label)
        if country is None:
            return self._state(actor_key(label), label, "Country").key
        self.country_counts[country.label] += 1
        return self._state(actor_key(country.label), country.label, "Country", country.iso3).key

    def _organization(self, label: str) -> str:
        org = self.lex.organization(label)
        if org is not None:
            state = self._state(actor_key(org.label), org.label, "Organization", org.country)
            if norm(label) != norm(org.label):
                state.aliases.add(label)
            if org.country and org.country in self.lex.by_iso3:
                self.country_counts[self.lex.by_iso3[org.country].label] += 1
            return state.key
        # a short form of an organisation named before ("Group Menatep" ... "Menatep")
        return self._short_form(label) or self._state(actor_key(label), label, "Organization").key

    def _spelling_variant(self, n: str) -> str | None:
        """The one person whose surname (of eight letters or more) a surname no one has differs
        from by at most two letters, keeping its first ("iliaronov" for Illarionov; not
        "robinson" for Robertson)."""
        if len(n) < 8:
            return None
        found = {k for name, keys in self.surnames.items() if len(keys) == 1 and " " not in name and len(name) >= 8
                 and name[0] == n[0] and abs(len(name) - len(n)) <= 2 and _edits(name, n) <= 2 for k in keys}
        return found.pop() if len(found) == 1 else None

    def _known_org_alias_ok(self, text: str) -> bool:
        org = self.lex.organization(text)
        if org is None:
            return False
        if norm(text) not in self.lex.context_aliases:
            return True
        # a common-word alias ("the Alliance") needs the organisation named in the document
        names = [org.label, *[a for a in org.aliases if a.isupper()]]
        return any(norm(n) in self.doc_text_norm for n in names)

    # -- per mention ----------------------------------------------------
    def resolve_name(self, m: Mention) -> str | None:
        text = m.text
        n = norm(text)
        if n in self.full_names:
            return self.full_names[n]
        if text in self.initials and text.isupper() and not self.lex.organization(text) and not self.lex.country(text):
            key = self._organization(self.initials[text])  # "LSE" after or before "the London Stock Exchange"
            self.actors[key].aliases.add(text)
            return key
        words = n.split()
        if len(words) <= 2 and n in self.surnames and len(self.surnames[n]) == 1:
            return next(iter(self.surnames[n]))
        if len(words) <= 2 and n in self.surnames:
            recent = [k for k, *_ in reversed(self.history) if k in self.surnames[n]]
            if recent:
                return recent[0]
        if len(words) == 1 and n not in self.surnames and len(self.first_names.get(n, ())) == 1 and m.ner in ("PERSON", ""):
            return next(iter(self.first_names[n]))  # "Mike" for Mike Nattrass, "Sir Keir", "Mr Xi"
        if m.ner not in ("NORP",) and self.lex.country(text, demonyms=False):
            return self._country(text)  # a country's name, whatever the tagger said ("Mali" as PERSON)
        if n in self.called_organizations and not self.lex.organization(text):
            return self._organization(text)  # "oil firm Yukos", tagged PERSON elsewhere
        if m.ner == "PERSON" and len(words) == 1 and not m.honorific and not self.lex.organization(text):
            short = self._short_form(text)
            if short:
                return short  # "the Telegraph", tagged as a person, after "the Daily Telegraph"
        if m.ner == "PERSON" and not self.lex.organization(text):
            return self._person(text, full=len(words) > 1)
        if m.ner in ("GPE", "LOC", "NORP", "ORG", "FAC"):
            country = self.lex.country(text, demonyms=m.ner == "NORP" or m.ner == "GPE", capitals=m.ner == "GPE")
            if country is not None:
                if m.ner == "NORP" and norm(text) in [norm(d) for d in country.demonyms] and text.endswith("s"):
                    key = actor_key(text)
                    state = self._state(key, text, "Group", country.iso3)
                    state.add_role(Role("people", country.label))
                    return key
                return self._country(country.label)
        if m.ner in ("ORG", "FAC", "PERSON", "GPE", "NORP", "") and self.lex.organization(text):
            if self._known_org_alias_ok(text):
                return self._organization(text)
            return None
        if m.ner == "ORG":
            return self._organization(text)
        if m.ner in ("GPE", "LOC") and m.bare_actor and not self.lex.country(text, capitals=True) and n not in REGIONS:
            return self._organization(text)  # "was welcomed by Oxfam", Oxfam tagged a place
        if m.ner == "" and len(words) == 1:
            capital = self.lex.country(text, demonyms=False, capitals=True)
            if capital is not None:
                return self._country(capital.label)  # "warned Kyiv", left untagged
            short = self._short_form(text)  # "Menatep", untagged, after "Group Menatep"
            if short is None and m.bare_actor:
                return self._organization(text)  # "Gazprom signed a deal with CNPC", left untagged
            return short
        return None

    def _short_form(self, label: str) -> str | None:
        """The organisation named before whose name starts or ends with ``label`` (one lookup
        in the index of organisations' leading and trailing words)."""
        n = norm(label)
        key = self._org_affixes.get(n) if len(n) >= 4 else None
        if key is None:
            return None
        self.actors[key].aliases.add(label)
        return key

    def resolve_group(self, m: Mention) -> tuple[str | None, tuple[str, ...]]:
        keys: list[str] = []
        for aff in m.affiliations:
            if aff == HOME_COUNTRY:
                home = self.home_country()
                if home is None:
                    continue  # "MPs" in a document that names no country
                aff = home.label
            if norm(aff) in self.full_names or norm(aff) in self.surnames:
                continue  # "Biden and European leaders": a person, not an affiliation
            if m.group_noun in MEMBER_NOUNS:
                # "EU countries", "Nato allies", "Opec members": the intergovernmental body acts;
                # "US allies" are no group of their own
                body = self.lex.organization(aff)
                if body is not None and body.sector == "IGO":
                    keys.append(self._organization(body.label))
                    continue
                if not (m.group_noun.startswith("member") and body is not None):
                    continue  # but "Labour members" are the party's people
            country = self.lex.country(aff)
            code = country.iso3 if country else None
            word = aff
            # the group's label uses the country's first singular demonym ("US officials",
            # "Russian troops"; the lexicon lists the preferred form first), else the name
            if country:
                word = next((d for d in country.demonyms if not d.endswith("s")), word)
                self.country_counts[country.label] += 1
            label = f"{word} {m.group_noun}"
            key = actor_key(label)
            state = self._state(key, label, "Group", code)
            if country or self.lex.organization(aff):
                state.add_role(Role(m.group_noun, country.label if country else aff))
            if HOME_COUNTRY in m.affiliations and norm(m.text) != norm(label):
                state.aliases.add(m.text)  # "MPs"
            keys.append(key)
        if len(keys) == 1:
            return keys[0], ()
        return None, tuple(keys)

    def resolve_government(self, m: Mention) -> str | None:
        """A country's government: the one named ("the Russian government"), else, for "the
        government", the document's home country (None when the document names none)."""
        country = self.lex.country(m.affiliations[0]) if m.affiliations else self.home_country()
        if country is None:
            return None
        adjective = next((d for d in country.demonyms if not d.endswith("s")), country.label)
        state = self._state(actor_key(f"{adjective} government"), f"{adjective} government", "Organization", country.iso3)
        if norm(m.text) != norm(state.label):
            state.aliases.add(m.text if m.affiliations else "the government")
        state.add_role(Role("government", country.label))
        self.country_counts[country.label] += 1
        return state.key

    def civilian(self, key: str) -> bool:
        """Whether an actor acts by words, not arms: a person, an organisation that is not
        an armed one in the lexicon (sectors in ``ARMED_SECTORS``), or a group of people who are
        not armed ("Tory peers", "Labour MPs"; not "Russian troops", "Hamas militants")."""
        state = self.actors.get(key)
        if state is None:
            return False
        if state.type == "Person":
            return True
        if state.type == "Group":
            return bool(state.roles) and not any(word.rstrip("s") in ARMED_GROUP_NOUNS
                                                 for r in state.roles for word in norm(r.title).split()[-1:])
        if state.type != "Organization":
            return False
        org = self.lex.organization(state.label)
        if org is not None:
            return (org.sector or "") not in ARMED_SECTORS
        return not (set(norm(state.label).split()) & ARMED_NAME_WORDS)  # "Rapid Support Forces"

    def resolve_orgref(self, m: Mention) -> str | None:
        """"The firm", "the company": the organisation of that kind named last in an earlier sentence,
        within the last :data:`ORGREF_WINDOW` sentences ("prosecutors": in any sentence so far);
        with a place ("the London exchange"),
        the one named last whose name has the place in it (the London Stock Exchange); followed
        by a name ("the watchdog, the SEC"), that one."""
        if m.named:  # "the US financial watchdog, the Securities and Exchange Commission"
            return self._organization(m.named)
        for place in (norm(a) for a in m.affiliations):
            for key, sent, tok in reversed(self.org_history):
                if sent <= m.sent_index and place in norm(self.actors[key].label).split():
                    return key
        prosecutors = m.group_noun == "prosecutor"  # the prosecuting body named anywhere before, or in the sentence
        for key, sent, tok in reversed(self.org_history):
            # not the clause's own agent ("Shell said the company ..."), but an outlet named before
            # in the sentence is ("The Telegraph was sued by Mr Galloway after the newspaper claimed")
            here = sent == m.sent_index and (prosecutors or tok < m.start and m.group_noun in MEDIA_NOUNS)
            if (sent < m.sent_index or here) and (prosecutors or m.sent_index - sent <= ORGREF_WINDOW):
                if self.actors[key].label.endswith(" government"):
                    continue
                if not self._fits(key, m.group_noun):
                    continue
                return key
        return None

    def _fits(self, key: str, noun: str) -> bool:
        """Whether an organisation can be what "the <noun>" means: "the company" is not the
        Pentagon nor the Financial Services Authority; "the regulator" or "the watchdog" is no
        business or outlet; "prosecutors" a prosecuting body; "the newspaper" is an outlet; "the
        party" a party; "the bloc" an intergovernmental body."""
        label = self.actors[key].label
        org = self.lex.organization(label)
        words = set(norm(label).split())
        public = (org is not None and (org.sector or "") in PUBLIC_SECTORS) or bool(words & PUBLIC_NAME_WORDS)
        if noun in BUSINESS_NOUNS:
            return not public
        if noun in REGULATOR_NOUNS:  # a public body, or one the lexicon does not call a business; no party
            business = org is not None and org.sector == "BUS"
            return not self._is_party(key) and (public or not (business or self.lex.is_media(label)))
        if noun == "prosecutor":  # "Prosecutors": a Justice Department, a Prosecution Service
            return bool(words & PROSECUTION_WORDS)
        if noun in MEDIA_NOUNS:
            return not public and (self.lex.is_media(label) or any(self.lex.is_media(a) for a in self.actors[key].aliases))
        if noun == "party":
            return self._is_party(key)  # "quit the party": a party, not the broadcaster named last
        if noun == "bloc":  # "the bloc": an intergovernmental body (the EU, Opec), not a firm
            return org is not None and org.sector == "IGO"
        return True

    def is_home_country(self, key: str) -> bool:
        """Whether an actor is the country the document is about."""
        home = self.home_country()
        state = self.actors.get(key)
        return home is not None and state is not None and state.type == "Country" and state.label == home.label

    def home_country(self) -> Any:
        """The country a document is about: the one its names, demonyms, groups and known
        organisations point to most often (ties go to the first named)."""
        if self._home is None:
            counts: Counter[str] = Counter()
            for m in self._all_mentions:
                names = [m.text] if m.kind == "name" else list(m.affiliations)
                names += [r.affiliation for r in m.roles if r.affiliation]  # "US Secretary of State X"
                for name in names:
                    country = self.lex.country(name)
                    org = self.lex.organization(name) if country is None else None
                    if org is not None and org.country in self.lex.by_iso3:
                        country = self.lex.by_iso3[org.country]
                    if country is not None:
                        counts[country.iso3] += 1
            best = counts.most_common(1)
            self._home = self.lex.by_iso3[best[0][0]] if best else False
        return self._home or None

    def resolve_pronoun(self, m: Mention, doc: Any) -> str | None:
        """A person's pronoun: one of the people named before it that its gender fits (see the rules inside)."""
        tok = doc[m.head]
        want = PRONOUN_GENDER.get(tok.lower_)
        return self._resolve_pronoun(m, doc, tok, want, [h for h in self.history if self.actors[h[0]].gender in (None, want)])

    def _resolve_pronoun(self, m: Mention, doc: Any, tok: Any, want: str | None,
                         history: list[tuple[str, int, int, int]]) -> str | None:
        if not history:
            return None
        clause = tok.head if tok.dep_ != "poss" else tok.head.head
        while clause.dep_ in ("prep", "pobj") and clause.head.i != clause.i:
            clause = clause.head
        heads = {clause.i}  # the clause, and the first conjunct whose subject it shares ("He met X and urged him")
        while clause.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in clause.children) and clause.head.i != clause.i:
            clause = clause.head
            heads.add(clause.i)
        subj_keys = {
            k for k, s, i, is_subj in history if s == m.sent_index and is_subj and i < tok.i and doc[i].head.i in heads
        }
        if tok.tag_ == "PRP$":
            # a possessive in a fronted adjunct refers forward to the clause's subject
            main = tok.head
            while main.head.i != main.i and main.pos_ not in ("VERB", "AUX"):
                main = main.head
            subj = [c for c in main.children if c.dep_ in SUBJECT_DEPS and c.i > tok.i]
            if subj and tok.i < main.i:
                key = self._token_person.get(subj[0].i)
                if key and self.actors[key].gender in (None, want):
                    return key
        # in reading order (names are resolved before the pronouns of their sentence)
        candidates = sorted(((k, s, i, is_subj) for k, s, i, is_subj in history if (s, i) < (m.sent_index, tok.i)),
                            key=lambda c: (c[1], c[2]))
        if not candidates:
            return None
        if tok.dep_ in SUBJECT_DEPS:
            # inside what someone was urged to do, the one urged: "challenged Mr Brown to deny
            # reports that he had told ..."
            anc = tok.head
            for _ in range(6):
                if anc.dep_ == "xcomp":
                    objs = [c for c in anc.head.children if c.dep_ == "dobj" and c.i in self._token_person
                            and self.actors[self._token_person[c.i]].gender in (None, want)]
                    if objs:
                        return self._token_person[objs[0].i]
                    break
                if anc.head.i == anc.i:
                    break
                anc = anc.head
            # in what someone said, that speaker; if the speaker is a title the document never names
            # ("the prime minister said he had discussed ..."), no one rather than the wrong person
            said = tok.head if tok.head.dep_ == "ccomp" and tok.head.head.lemma_ in SPEECH_VERBS else None
            speakers = [c for c in said.head.children if c.dep_ == "nsubj" and c.i < tok.i] if said is not None else []
            if speakers and speakers[0].i not in self._token_person and (speakers[0].ent_type_ == "PERSON" or (
                    self.lex.is_title_head(speakers[0].lemma_) and speakers[0].tag_ == "NN"
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in speakers[0].children))):
                return None
            # a subordinate clause's subject: the person subject before it in the sentence
            # ("Mr Kennedy is touring the country as he visits ...")
            # (or of a main clause after a fronted one: "When Blinken met Wang Yi, he warned him")
            if not in_quote(tok):  # "... chancellor," Mr Bannatyne said. He ...": not the one quoted
                candidates = [c for c in candidates if (c[1], c[2]) not in self.quoted] or candidates
            same = [k for k, s, i, is_subj in reversed(candidates) if is_subj and s == m.sent_index]
            if same:
                return same[0]
            # else the main subject of the latest sentence that has one, else the latest person
            earlier = [(s, i, k, is_subj) for k, s, i, is_subj in candidates if is_subj and s < m.sent_index]
            if earlier:
                last = max(s for s, *_ in earlier)
                in_last = sorted(e for e in earlier if e[0] == last)
                main = [e for e in in_last if e[3] == ROOT_SUBJECT]
                return (main or in_last)[0][2]
            return candidates[-1][0]
        if tok.dep_ in OBJECT_DEPS or tok.dep_ == "poss":
            if tok.tag_ != "PRP$" and not any(s == m.sent_index and k not in subj_keys for k, s, _, _ in candidates):
                # no one else named in its sentence: the previous sentence's main subject, what it was
                # about ("Kara-Murza criticised Putin. Weeks later, Russia arrested him")
                before = [(s, i, k) for k, s, i, rank in candidates if rank == ROOT_SUBJECT and k not in subj_keys]
                if before:
                    return max(before)[2]
            for k, s, i, is_subj in reversed(candidates):
                if tok.tag_ != "PRP$" and k in subj_keys:
                    continue
                return k
        return candidates[-1][0]

    def resolve_plural(self, m: Mention, doc: Any) -> tuple[str, ...]:
        """"The two men", "both parties": the two actors of the noun's kind named last, within three
        sentences (for an object, not those its own sentence named before it: "the Liberal Democrats
        warned both parties"); "both the main parties": the two of that kind the document named most.
        "The two presidents" are two who hold that title, when two named so far do; "the two men"
        are no women."""
        kind = PLURAL_NOUNS.get(m.group_noun, "Person")
        if kind == "Person":
            named = [(k, s, i) for k, s, i, _ in self.history]
        elif kind == "Country":
            named = self.country_history
        elif kind == "Any":
            named = sorted({*((k, s, i) for k, s, i, _ in self.history), *self.country_history, *self.org_history},
                           key=lambda e: (e[1], e[2], e[0]))  # the key breaks ties: same output every run
        else:
            named = [(k, s, i) for k, s, i in self.org_history if self._is_party(k) == (kind == "party")]
        own_sentence = doc[m.head].dep_ in SUBJECT_DEPS
        earlier = [(k, s) for k, s, i in named if (s, i) < (m.sent_index, m.start) and (own_sentence or s < m.sent_index)]
        if MAIN_WORDS & set(norm(m.text).split()):
            ranked = sorted(dict.fromkeys(k for k, _ in reversed(earlier)), key=lambda k: -self.actors[k].mentions)
            return tuple(ranked[:2]) if len(ranked) >= 2 else ()
        if kind == "Person":  # "the two presidents": two who hold the title, if two do; "the two men": men
            title = m.group_noun[:-1]
            holders = [(k, s) for k, s in earlier if any(norm(r.title).split()[-1:] == [title] for r in self.actors[k].roles)]
            if len(dict.fromkeys(k for k, _ in holders)) >= 2:
                return tuple(reversed(list(dict.fromkeys(k for k, _ in reversed(holders)))[:2]))
            unfit = {"men": "f", "women": "m"}.get(m.group_noun)
            earlier = [(k, s) for k, s in earlier if unfit is None or self.actors[k].gender != unfit]
        seen = list(dict.fromkeys(k for k, s in reversed(earlier) if s >= m.sent_index - 3))[:2]
        return tuple(reversed(seen)) if len(seen) == 2 else ()

    def resolve_title(self, m: Mention) -> str | None:
        if not m.roles:
            return None
        want = m.roles[0]
        best = None
        shared = norm(want.title).split()[-1] in SHARED_TITLES
        for key, state in self.actors.items():
            if shared:
                break  # "the Glasgow Kelvin MP" is not the other MP named before
            if state.type != "Person":
                continue
            for role in state.roles:
                if _title_norm(role.title) == _title_norm(want.title):
                    if _other_affiliation(want.affiliation, role.affiliation):
                        continue
                    best = key if best is None else best
                    # prefer the most recently mentioned holder
                    for k, *_ in reversed(self.history):
                        if k == key:
                            best = key
                            break
        if best is None and not shared:  # named with the title only later in the document
            holder = self._named_holder(want.title, want.affiliation)
            if holder is not None:
                return holder
        if best is None and norm(want.title).split()[-1] in SPOKES_TITLES:
            return self.resolve_unnamed(m)  # "the Tory spokesman" speaks for the party
        if best is None and _title_norm(want.title) in ENVOY_TITLES and want.affiliation \
                and self.lex.country(want.affiliation):
            return self._country(want.affiliation)  # "the Russian ambassador" represents Russia
        if best is None and m.opens_sentence:
            best = self.resolve_description(m)
        return best

    def salient_holder(self, m: Mention, doc: Any) -> str | None:
        """A definite title that no one was named with stands for the person the document
        is about so far ("Michael Howard has said ... Mr Hain ... accused the Tory leader";
        "Tony Blair ... Mr Blair ... the prime minister"): the person mentioned most often
        before its sentence, at least twice and more often than anyone else who could hold
        it; or, for a title that is its sentence's subject, the only one named so far if they
        were the previous sentence's subject.  No one can who holds another title, or the same
        title for another affiliation, or who is named in the title's own sentence (this runs after the sentence's other
        mentions are resolved, pronouns included: "She urged the prime minister").
        Once given a title so, a person holds it, and no other title is read as theirs.
        Only an office is read so: a title with one of :data:`OFFICE_WORDS`, or of an
        organisation the lexicon or the document knows ("the prime minister", "the Tory
        leader"; not "the barrister", "the minister").  Left alone: a title of a country ("the French
        president": the text seldom says who is of which country) or of a place ("the
        archbishop of Cardiff"), a former holder (someone else than the one the text is
        about), and the body a capitalised "Executive" names ("the Scottish Executive")."""
        want = m.roles[0]
        words = norm(want.title).split()
        if want.affiliation and not self._known_body(want.affiliation):
            return None  # a country's, or a place's ("the archbishop of Cardiff")
        if not want.affiliation and not set(words[:-1]) & OFFICE_WORDS:
            return None  # "the barrister", "the odd journalist": no office
        if "former" in norm(m.text).split() or want.title == "Executive":
            return None
        title = _title_norm(want.title)

        def may_hold(key: str) -> bool:
            state = self.actors[key]
            return state.type == "Person" and not any(
                _title_norm(r.title) != title or _other_affiliation(want.affiliation, r.affiliation) for r in state.roles)

        # "Mr Howard said the prime minister ...", "She urged the prime minister"; but "his" may
        # be the holder's own ("criticised the Labour leader over his plans")
        named_here = {k for i, k in self._token_person.items() if doc[i].dep_ != "poss"}
        counts = Counter(k for k, s, _, _ in self.history if s < m.sent_index and k not in named_here and may_hold(k))
        ranked = counts.most_common(2)
        subject = doc[m.head].dep_ == "nsubj" and doc[m.head].head.dep_ == "ROOT"
        if len(ranked) == 1 and ranked[0][1] == 1 and subject and any(
                k == ranked[0][0] and s == m.sent_index - 1 and rank == ROOT_SUBJECT for k, s, _, rank in self.history):
            # the story goes on with the one person it has named, who was the last sentence's
            # subject ("Michael Howard was in Manchester. The Tory leader accused Labour ...")
            return ranked[0][0]
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]

    def office_body(self, m: Mention) -> str | None:
        """The organisation a definite title no one holds is an office of: "the UN chief thanked
        Egypt" is the UN acting (as "a Kremlin aide" is the Kremlin); not a country's office, nor
        a party's ("the Tory leader" is someone the text names, if not with the title)."""
        affiliation = m.roles[0].affiliation if m.roles else None
        if affiliation is None or not self._known_body(affiliation):
            return None
        known = self.lex.organization(affiliation)
        if known is not None and known.sector == "PTY":
            return None  # "the Tory leader" is a person of the story, not the party
        return self._organization(affiliation)

    def _named_holder(self, title: str, affiliation: str | None) -> str | None:
        """The one person the document names with ``title`` anywhere in it (for ``affiliation``,
        when both say one), or None when no one or several are."""
        holders = {k for k, aff in self.titles_named.get(_title_norm(title), ()) if not _other_affiliation(affiliation, aff)}
        return next(iter(holders)) if len(holders) == 1 else None

    def _known_body(self, label: str) -> bool:
        """Whether a label names an organisation the lexicon or the document knows (not a
        country, nor a place)."""
        if self.lex.country(label):
            return False
        state = self.actors.get(actor_key(label))
        return self.lex.organization(label) is not None or (state is not None and state.type == "Organization")

    def resolve_description(self, m: Mention) -> str | None:
        """A title or a description that opens a sentence as its subject, and that no one
        was named with, refers to the person the previous sentence was about: its main
        subject, or the one person it named ("..., Mary Robinson has said. The former UN
        commissioner told ..."), unless that person holds another title."""
        before = [(k, rank) for k, s, i, rank in self.history if s == m.sent_index - 1 and (s, i) not in self.quoted]
        if not before and m.sent_index - 1 in self.quoted_by:  # '"Gordon Brown is a great chancellor ..." The businessman'
            return self.quoted_by[m.sent_index - 1]
        people = {k for k, _ in before}
        main = [k for k, rank in before if rank == ROOT_SUBJECT]
        key = main[0] if main else next(iter(people)) if len(people) == 1 else None
        if key is not None and m.roles and any(
                norm(r.title).split()[-1] != norm(m.roles[0].title).split()[-1] for r in self.actors[key].roles):
            return None  # "Michael Howard ... The prime minister": he holds another title
        return key

    def resolve_unnamed(self, m: Mention) -> str | None:
        """An unnamed official acts for its organisation or country ("a Kremlin aide").  A
        title with no article, as in a headline ("Tory leader urges Harry apology"), is the one
        person the document names with it, if one is."""
        first = norm(m.text).split()[:1]
        if m.group_noun and first not in (["a"], ["an"]):
            holder = self._named_holder(m.group_noun, m.affiliations[0] if m.affiliations else None)
            if holder is not None:
                return holder
        if m.speaker:
            self.unnamed_speakers.append(m)
        for aff in m.affiliations:
            if self.lex.country(aff):
                return None
            return self._organization(aff)
        return None

    def demonym_actor(self, word: str) -> str | None:
        """The country actor a demonym stands for ("Russian invasion" -> Russia), or the party a
        party's adjective does ("Tory promises")."""
        country = self.lex.demonym(word)
        if country is not None:
            return self._country(country.label)
        org = self.lex.organization(word)
        return self._organization(word) if org is not None and org.sector == "PTY" else None

    def fill_possessor(self, m: Mention) -> None:
        """Replace "its" in a mention's roles and affiliations by the organisation mentioned
        last ("Yukos ... its founder Mikhail Khodorkovsky"), or drop it when there is none."""
        for marker in (POSSESSOR, PARTY_POSSESSOR):
            if marker not in m.affiliations and not any(r.affiliation == marker for r in m.roles):
                continue
            recent = next((k for k, s, i in reversed(self.org_history) if (s, i) < (m.sent_index, m.start)
                           and (marker == POSSESSOR or self._is_party(k))), None)
            label = self.actors[recent].label if recent else None
            m.affiliations = [label if a == marker else a for a in m.affiliations if a != marker or label]
            m.roles = [Role(r.title, label) if r.affiliation == marker else r for r in m.roles]

    def _is_party(self, key: str) -> bool:
        """Whether an organisation is a political party (by the lexicon, or by its name)."""
        org = self.lex.organization(self.actors[key].label)
        return (org is not None and org.sector == "PTY") or "party" in norm(self.actors[key].label).split()

    # -- bookkeeping ----------------------------------------------------
    def start_sentence(self) -> None:
        """Forget the token positions of the previous sentence (each sentence is its own Doc span)."""
        self._token_person = {}
        self._token_actor = {}

    def resolve_it(self, m: Mention, doc: Any) -> str | None:
        """"It" or "they" as the subject of a clause, for an organisation, a country, a
        government or a group:
        the speaker when it is what the speaker says ("the US says it cannot support ...") or
        denies ("the firm denied reports it was withdrawing"), else, opening a sentence, the
        non-person main subject of the previous sentence ("The Russian government argued ... It
        accused the firm ...")."""
        tok = doc[m.head]
        if m.possessive:
            return self._its(tok, m)
        clause = tok.head
        if clause.dep_ == "acl" and clause.head.dep_ == "dobj" and clause.head.lemma_ in CLAIM_NOUNS:
            clause = clause.head  # "the firm denied reports it was withdrawing": what the reports say of it
        if clause.dep_ in ("ccomp", "dobj") and clause.head.lemma_ in SPEECH_VERBS and (
                clause.dep_ == "ccomp" or clause.lemma_ in CLAIM_NOUNS):
            subj = [c for c in clause.head.children if c.dep_ in SUBJECT_DEPS and c.i < tok.i]
            key = self._token_actor.get(subj[0].i) if subj else None
            if key is not None and self.actors[key].type != "Person":
                return key
            return None
        if m.opens_sentence and clause.dep_ == "ROOT":
            return self._previous_body_subject(m)
        return None

    def _its(self, tok: Any, m: Mention) -> str | None:
        """"Its": the body or country that is the subject of a clause governing it, before it
        ("Deutsche Boerse has raised its offer", "the EU said its sanctions would stay"); when that
        subject is a person, the last body named between it and "its" ("Blinken warned China over
        its support"); else, opening a sentence, the previous sentence's main subject that is no person."""
        cur = tok.head
        for _ in range(8):
            subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i and c.i != tok.head.i]
            key = self._token_actor.get(subj[0].i) if subj else None
            if key is not None and self.actors[key].type != "Person":
                return key
            if key is not None:  # "Blinken warned China over its support for Russia": the body before it
                bodies = [k for i, k in sorted(self._token_actor.items()) if subj[0].i < i < tok.i and self.actors[k].type != "Person"]
                return bodies[-1] if bodies else None
            if (subj and subj[0].pos_ != "NOUN") or cur.head.i == cur.i:
                break
            cur = cur.head  # no subject, or a thing ("said the ruling was right and praised their majority")
        if m.opens_sentence or tok.head.dep_ in ("nsubj", "nsubjpass"):  # "Its shares fell"
            return self._previous_body_subject(m)
        return None

    def _previous_body_subject(self, m: Mention) -> str | None:
        """The last main subject of the sentence before ``m``'s that is no person."""
        before = [k for k, s in self.body_subjects if s == m.sent_index - 1]
        return before[-1] if before else None

    def resolve_speaker(self, m: Mention, doc: Any) -> str | None:
        """"I" or "we" in a quote: the subject of the speech verb outside the quote in the same
        sentence, or the speaker of the quote the sentence goes on; for "we", the organisation
        the speaker holds a role in, when there is one."""
        tok = doc[m.head]
        key = self._sentence_speaker(tok.sent) or self.continued_speaker
        if key is not None and tok.lower_ == "we":
            for role in self.actors[key].roles:
                org = self.actors.get(actor_key(role.affiliation)) if role.affiliation else None
                if org is not None and org.type in ("Organization", "Country"):
                    return org.key
        return key

    def _sentence_speaker(self, sent: Any) -> str | None:
        """The actor who speaks in a sentence: the subject of a speech verb outside its quotes."""
        for verb in sent:
            if verb.lemma_ not in SPEECH_VERBS or in_quote(verb):
                continue
            for subj in (c for c in verb.children if c.dep_ == "nsubj" and not in_quote(c)):
                key = self._token_actor.get(subj.i)
                if key is not None:
                    return key
        return None

    def open_quote(self, sent: Any, index: int) -> None:
        """Before sentence ``index`` is resolved: whether it goes on the quote of the sentence
        before (it opens with a quotation mark and has no speaker of its own), in its paragraph
        or, when that sentence quoted someone, the paragraph before ('... must be privatised," he
        said.' then a paragraph '"Today our government is ineffective ..."')."""
        first = next((t for t in sent if not t.is_space), None)
        own = any(v.lemma_ in SPEECH_VERBS and not in_quote(v) for v in sent)
        self.continued_speaker = self.quote_speaker if first is not None and first.is_quote and not own else None
        if self.continued_speaker is not None:
            self.quoted_by[index] = self.continued_speaker

    def close_quote(self, sent: Any) -> None:
        """After a sentence is resolved: its speaker, if it quotes, speaks the quotes that follow."""
        quoting = any(t.is_quote for t in sent)
        speaker = self._sentence_speaker(sent) if quoting else None
        if speaker is not None:
            self.quote_speaker = speaker
        elif not quoting:
            self.quote_speaker = None

    def note(self, m: Mention, key: str, doc: Any) -> None:
        state = self.actors[key]
        state.mentions += 1
        if m.kind == "name" and norm(m.text) != norm(state.label) and m.text not in state.aliases:
            state.aliases.add(m.text)
        if m.kind != "unnamed" and state.type in ("Person", "Group"):  # "the Tory spokesman" for the party
            for role in m.roles:
                state.add_role(role)
                self.role_sentences.setdefault((key, norm(role.title)), m.sent_index)
        for role in m.roles:  # "UKIP's deputy leader": UKIP is named here too, for "the party"
            aff = self.actors.get(actor_key(role.affiliation)) if role.affiliation else None
            if aff is not None and aff.type == "Organization":
                self.org_history.append((aff.key, m.sent_index, m.head))
        if state.type == "Country":
            self.country_sentences.setdefault(state.label, []).append(m.sent_index)
            self.country_history.append((key, m.sent_index, m.head))
        tok = doc[m.head]
        self._token_actor[m.head] = key
        owner_of_subject = tok.dep_ == "poss" and tok.head.dep_ in SUBJECT_DEPS  # "The Russian government's argument was"
        if state.type != "Person" and (tok.dep_ in SUBJECT_DEPS or owner_of_subject) and (
                tok.head.head if owner_of_subject else tok.head).dep_ == "ROOT":
            self.body_subjects.append((key, m.sent_index))
        if state.type == "Organization":
            self.org_history.append((key, m.sent_index, m.head))
        if state.type == "Person":
            honorifics = [doc[i].lower_.rstrip(".") for i in (m.start - 1, m.start) if 0 <= i < len(doc)]
            state.gender = next((GENDERED_HONORIFICS[h] for h in honorifics if h in GENDERED_HONORIFICS), state.gender)
            is_subject = tok.dep_ in SUBJECT_DEPS
            rank = ROOT_SUBJECT if is_subject and tok.head.dep_ == "ROOT" else int(is_subject)
            if in_quote(tok):  # whom a speaker talks about, not whom the text goes on about
                self.quoted.add((m.sent_index, m.head))
            self.history.append((key, m.sent_index, m.head, rank))
            self._token_person[m.head] = key
            if not (is_subject and tok.head.lemma_ in ("say", "add", "tell", "state")):
                state.speech_only = False

    def finish(self) -> list[Actor]:
        """Post-pass inferences, then the actor records."""
        self._infer_affiliations()
        self._name_unnamed_speakers()
        self._affiliation_actors()
        out = []
        for state in self.actors.values():
            aliases = sorted(a for a in state.aliases if norm(a) != norm(state.label))
            if state.type == "Person" and len(state.label.split()) > 1:
                words = state.label.split()
                surname = words[-1]
                if len(words) > 2 and words[-2].lower() in SURNAME_PARTICLES:
                    surname = " ".join(words[-2:])
                if surname not in aliases:
                    aliases.append(surname)
            if state.type == "Country":
                country = self.lex.country(state.label)
                if country:
                    for alias in country.aliases[:3]:
                        if alias not in aliases and not alias.lower().startswith("the "):
                            aliases.append(alias)
            out.append(
                Actor(
                    key=state.key,
                    label=state.label,
                    type=state.type,
                    aliases=tuple(aliases),
                    roles=tuple(state.roles),
                    mentions=max(state.mentions, 1),
                    code=state.code if state.code and len(state.code) == 3 else None,
                )
            )
        return out

    def _infer_affiliations(self) -> None:
        """A head-of-state title with no affiliation belongs to a country whose same title is
        not held by another person in the document: the nearest one named within
        :data:`NEAR_SENTENCES` sentences of the title, else the most mentioned."""
        held: dict[str, set[str]] = {}
        for state in self.actors.values():
            for role in state.roles:
                if role.affiliation:
                    held.setdefault(norm(role.title), set()).add(norm(role.affiliation))
        for state in self.actors.values():
            if state.type != "Person":
                continue
            for i, role in enumerate(state.roles):
                if role.affiliation or norm(role.title) not in HEAD_OF_STATE_TITLES:
                    continue
                taken = held.get(norm(role.title), set())
                # the nearest country named around the title, then the most mentioned one
                where = self.role_sentences.get((state.key, norm(role.title)))
                counts = self.country_counts

                def distance(country: str, where: int | None = where) -> int:
                    near = [abs(s - where) for s in self.country_sentences.get(country, ())] if where is not None else []
                    return min(near) if near and min(near) <= NEAR_SENTENCES else NEAR_SENTENCES + 1

                ranked = sorted((c for c in counts if norm(c) not in taken), key=lambda c: (distance(c), -counts[c]))
                if ranked:
                    state.roles[i] = Role(role.title, ranked[0])
                    held.setdefault(norm(role.title), set()).add(norm(ranked[0]))

    def _affiliation_actors(self) -> None:
        """Every affiliation a role names is an actor of the document, typed and coded from
        the lexicon ("Foreign Minister (Russia)" makes Russia a Country, RUS)."""
        named = {norm(n) for s in self.actors.values() for n in (s.label, *s.aliases)}
        for state in list(self.actors.values()):
            for role in state.roles:
                if role.affiliation and norm(role.affiliation) not in named:
                    if self.lex.country(role.affiliation):
                        self._country(role.affiliation)
                    else:
                        self._organization(role.affiliation)
                    named.add(norm(role.affiliation))

    def _name_unnamed_speakers(self) -> None:
        """A person known only by surname, who only ever speaks, is the unnamed source
        quoted before ("a Kremlin aide said ... Ushakov said")."""
        used: set[int] = set()
        for state in self.actors.values():
            if state.type != "Person" or state.first_name_known or state.roles or not state.speech_only:
                continue
            first = next((s for k, s, i, _ in self.history if k == state.key), None)
            if first is None:
                continue
            for idx in range(len(self.unnamed_speakers) - 1, -1, -1):
                m = self.unnamed_speakers[idx]
                if idx in used or m.sent_index > first or not m.affiliations:
                    continue
                state.add_role(Role(m.group_noun, m.affiliations[0]))
                used.add(idx)
                break


def _edits(a: str, b: str) -> int:
    """Levenshtein distance.

    >>> _edits("illarionov", "iliaronov"), _edits("robertson", "robinson")
    (2, 3)
    """
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]
