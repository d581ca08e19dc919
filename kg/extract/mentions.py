"""Mentions: the phrases of a sentence that may stand for an actor.

A mention covers a name with its title phrase ("Italian Foreign Minister Luigi
Di Maio"), a country or organisation, a group ("Russian and US officials"), a
pronoun, a plural reference ("the two men"), a definite title ("the prime
minister") or an unnamed source ("a Kremlin aide").  Roles read from the
phrase travel with the mention; :mod:`kg.extract.resolve` turns mentions into
actors.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.extract.lexicon import Lexicon
from kg.records import Role

__all__ = ["Mention", "find_mentions", "in_quote", "GENERIC_DETERMINERS", "HOME_COUNTRY", "HONORIFICS", "NAME_LABELS",
           "PARTY_POSSESSOR", "POSSESSOR"]

#: spaCy entity labels that can name an actor.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
#: Honorifics stripped from names ("Mr Blair" is Blair).
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "baroness", "mr.", "mrs.", "ms.", "dr."})
PRONOUNS_PERSON = frozenset({"he", "him", "his", "she", "her", "hers"})  # reflexives are the subject itself
#: Plural nouns that, after "the two" or "both", stand for the two actors of one kind named last
#: ("the two men", "both parties"): noun -> the kind ("party" is a political party's organisation).
PLURAL_NOUNS = {
    **dict.fromkeys(("men", "women", "leaders", "presidents", "ministers", "politicians"), "Person"),
    "parties": "party", "countries": "Country", "nations": "Country",
    "companies": "Organization", "firms": "Organization",
    "sides": "Any",  # "the two sides", "both sides": the two actors of any kind named last
}
#: Nouns that describe a person without being a title; as the definite subject opening a
#: sentence they refer back ("The former chat show host quit the party").
DESCRIPTION_NOUNS = frozenset({
    "man", "woman", "host", "presenter", "politician", "veteran", "businessman", "businesswoman",
    "tycoon", "millionaire", "billionaire", "entrepreneur", "campaigner", "activist", "actor",
    "singer", "star", "author", "academic", "economist", "banker", "lawyer", "broadcaster",
})
#: Nouns that make a country-modified group stand for the country itself.
STATE_NOUNS = frozenset({"government", "administration", "authorities", "authority", "state", "regime", "ministry"})
#: Nouns for a country's executive: "the Russian government", "the US administration" and,
#: unqualified, "the government" are one actor, the country's government.
GOVERNMENT_NOUNS = frozenset({"government", "administration"})
#: Group nouns that name one body, not its members: no plural "s" in the group's label
#: ("Russia's military" is "Russian military", not "Russian militarys").
COLLECTIVE_NOUNS = frozenset({"military", "army", "navy", "police", "delegation", "leadership", "opposition",
                              "coastguard", "junta", "cabinet", "union"})
#: Words that may occur inside a title phrase besides the head ("Prime", "Foreign", "of").
TITLE_MODIFIERS = frozenset({
    "prime", "foreign", "defence", "defense", "home", "interior", "finance", "trade", "deputy",
    "vice", "general", "chief", "state", "of", "the", "shadow", "acting", "former", "senior",
    "top", "supreme", "executive", "first", "health", "education", "culture", "energy",
    "environment", "transport", "justice", "economy", "economic", "labour", "treasury",
    "exchequer", "party", "opposition", "national", "security", "communications", "press",
    "chancellor", "assistant", "junior", "cabinet", "principal", "managing", "attorney",
    "commerce", "industry", "agriculture", "development", "international", "european",
    "affairs", "northern", "ireland", "scotland", "wales", "work", "pensions", "culture",
    "media", "sport", "business", "secretary", "minister", "world", "europe", "immigration",
})
SPEECH_LEMMAS = frozenset({"say", "add", "tell", "state", "confirm", "announce", "insist", "note"})
GENERIC_DETERMINERS = frozenset({"some", "many", "several", "few", "most", "all", "other", "others", "any", "another"})


@dataclass
class Mention:
    """A phrase that may stand for an actor.

    ``kind`` is one of ``name``, ``group``, ``government``, ``pronoun``, ``plural``,
    ``title``, ``unnamed``, ``orgref`` ("the firm"), ``description`` ("The former host"),
    ``it`` (an organisation's or a country's "it"), ``speaker`` ("I" or "we" in a quote).
    ``start``/``end`` are token indices of the whole phrase in the
    doc, ``head`` the token that carries the phrase's syntactic role.
    """

    kind: str
    start: int
    end: int
    head: int
    text: str
    ner: str = ""
    sent_index: int = 0
    roles: list[Role] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)  # country/org labels of a group
    group_noun: str = ""
    counterpart_of: int | None = None  # token index of the possessor in "his counterpart"
    possessive: bool = False
    speaker: bool = False  # the subject of a speech verb ("a Kremlin aide said")
    opens_sentence: bool = False  # a subject that starts its sentence ("The former UN commissioner told ...")
    actor: str | None = None  # resolved actor key
    members: tuple[str, ...] = ()  # actor keys of a plural or coordinated group
    org_signal: bool = False  # the phrase calls it a company or body ("oil firm Yukos")
    honorific: bool = False  # written with an honorific ("Mr Scholz", "Sir Keir")
    alias_of: str | None = None  # the name this one is declared an alias of ("Abu Mazen")
    named: str | None = None  # an organisation's name set after a description ("the US watchdog, the SEC")
    #: an untagged proper noun that acts or is acted on ("Gazprom signed a deal with CNPC"):
    #: a body, unless the document names a person so
    bare_actor: bool = False

    @property
    def tokens(self) -> range:
        return range(self.start, self.end)


def _affiliation_of(lex: Lexicon, text: str) -> str | None:
    """The actor label a modifier stands for: a country, a known organisation, or itself."""
    country = lex.country(text, demonyms=True)
    if country:
        return country.label
    org = lex.organization(text)
    if org:
        return org.label
    return None


#: Last words of newspaper names, which the tagger sometimes takes for people ("Daily Telegraph").
NEWSPAPER_TITLES = frozenset({"telegraph", "times", "guardian", "journal", "herald", "mail", "mirror", "express",
                              "chronicle", "gazette", "tribune", "observer"})
#: Verbs whose "of"/"for" phrase is a charge against their object ("accused X of ...").
CHARGE_VERBS = frozenset({"accuse", "suspect", "convict", "acquit", "clear", "blame", "criticise", "criticize",
                          "praise", "thank", "charge", "fine", "sue", "condemn", "attack"})

#: Capitalised words that make a name a law or a treaty, not an actor.
DOCUMENT_WORDS = frozenset({"Bill", "Act", "Treaty", "Convention", "Charter", "Directive", "Protocol", "Accord", "Accords",
                            "Policy", "Paper", "Agreement", "Constitution", "Declaration", "Resolution", "Plan"})
#: Verbs whose subject "it" is no actor ("it was clear", "it seems", "it takes time").
NOT_AN_ACT = frozenset({"be", "seem", "appear", "take", "remain", "mean", "matter", "happen", "look", "emerge"})
#: Stands for the country a document is about; the resolver replaces it ("MPs": its MPs).
HOME_COUNTRY = "@home"
#: Group nouns of people who bear arms: a group so named that "attacked" someone fought them.
ARMED_GROUP_NOUNS = frozenset({"troop", "force", "soldier", "army", "military", "rebel", "militant", "police", "fighter",
                               "militia", "guard", "gunmen", "gunman", "insurgent", "jihadist", "paramilitary"})
#: Plural nouns for legislators that stand for a group even unmodified ("told MPs").
LEGISLATOR_NOUNS = frozenset({"mp", "lawmaker", "legislator", "senator", "congressman"})
#: Stands for the organisation a title's possessor refers to ("its founder"); the resolver
#: replaces it with the organisation mentioned last.
POSSESSOR = "@its"
#: Nouns that refer back to an organisation as a title's possessor ("the company's lawyer").
ORGANIZATION_NOUNS = frozenset({"company", "firm", "group", "party", "bank", "union", "organisation", "organization", "club", "charity", "exchange", "regulator", "carrier", "airline"})
#: Stands for the political party mentioned last ("party leader Roger Knapman").
PARTY_POSSESSOR = "@party"
#: A title's first word that stands for the organisation named last ("party leader").
PARTY_WORDS = frozenset({"party", "company", "firm"})
#: Prepositions after a title that introduce its affiliation ("professor at Yale").
AFFILIATION_PREPS = frozenset({"of", "at", "for", "to"})
#: Words trimmed from the ends of a title.
TITLE_EDGE_WORDS = frozenset({"of", "the", "for", "at", "to", "-", "and", "new", "current", "then", "outgoing", "incoming"})
#: Letters after a name that mark a person ("Guy Mansfield QC"); not part of the name.
POSTNOMINALS = frozenset({"qc", "kc", "mp", "mep", "msp", "obe", "mbe", "cbe"})


def _title_role(lex: Lexicon, tokens: list[Any]) -> tuple[Role | None, list[str]]:
    """Read a role from the tokens of a title phrase ("Italian Foreign Minister",
    "BBC political correspondent", "chief executive of the London Stock Exchange").

    Countries, demonyms and organisations become affiliations; the title is the run of
    words around the last title head, with its inner modifiers ("senior policy adviser").
    Returns the role (or None) and the affiliations found.
    """
    if not tokens:
        return None, []
    affiliations: list[str] = []
    title_tokens: list[Any] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower_
        prev = tokens[i - 1].lower_ if i else ""
        if (low == "its" and tok.tag_ == "PRP$") or (tok.dep_ == "poss" and tok.lemma_.lower() in ORGANIZATION_NOUNS and not title_tokens):
            affiliations.append(POSSESSOR)  # "its founder", "the company's lawyer"
        elif tok.dep_ == "poss" and tok.text[:1].isupper() and not title_tokens:
            owner = _affiliation_of(lex, tok.text) or (tok.text if tok.ent_type_ in ("ORG", "GPE", "NORP") else None)
            if owner:
                affiliations.append(owner)  # "UKIP's deputy leader"
        if tok.dep_ in ("det", "poss", "case") or tok.tag_ in ("PRP$", "POS", "DT") or (tok.is_punct and tok.text not in ("-",)):
            i += 1
            continue
        # "adviser to President Vladimir Putin": a person, past their title, is the affiliation
        if prev in AFFILIATION_PREPS and tok.text[:1].isupper():
            k = i
            while k < len(tokens) and tokens[k].ent_type_ != "PERSON" and (lex.is_title_head(tokens[k].lower_) or tokens[k].lower_ in TITLE_MODIFIERS):
                k += 1
            if k < len(tokens) and tokens[k].ent_type_ == "PERSON":
                j = k
                while j + 1 < len(tokens) and tokens[j + 1].ent_type_ == "PERSON" and tokens[j + 1].ent_iob_ == "I":
                    j += 1
                affiliations.append(" ".join(t.text for t in tokens[k : j + 1]))
                if title_tokens and title_tokens[-1].lower_ in AFFILIATION_PREPS:
                    title_tokens.pop()
                i = j + 1
                continue
        # after "of"/"at"/"for", a run of capitalised words is the affiliation
        # ("of the London Stock Exchange"), unless it is part of the title ("of State")
        if prev in AFFILIATION_PREPS and tok.text[:1].isupper() and not (low in TITLE_MODIFIERS or lex.is_title_head(low)):
            j = i
            while j + 1 < len(tokens) and tokens[j + 1].i == tokens[j].i + 1 and (
                tokens[j + 1].text[:1].isupper() or tokens[j + 1].lower_ in ("of", "and", "&")
            ) and tokens[j + 1].tag_ != "POS":
                j += 1
            while j > i and tokens[j].lower_ in ("of", "and", "&"):
                j -= 1
            text = " ".join(t.text for t in tokens[i : j + 1])
            affiliations.append(_affiliation_of(lex, text) or text)
            if title_tokens and title_tokens[-1].lower_ in AFFILIATION_PREPS:
                title_tokens.pop()
            i = j + 1
            continue
        # known organisations, tagged or not ("State Department spokesperson", "Liberal Democrat")
        matched = False
        for width in (3, 2, 1):
            if i + width <= len(tokens):
                text = " ".join(t.text for t in tokens[i : i + width])
                org = lex.organization(text)
                if org and tokens[i].text[:1].isupper() and not lex.is_title_head(text):
                    affiliations.append(org.label)
                    i += width
                    matched = True
                    break
        if matched:
            continue
        # a run of entity tokens (a demonym, a country, an organisation)
        if tok.ent_type_ in ("NORP", "GPE", "ORG", "FAC") and not (low in TITLE_MODIFIERS or lex.is_title_head(low)):
            j = i
            while (j + 1 < len(tokens) and tokens[j + 1].ent_iob_ == "I" and tokens[j + 1].ent_type_ == tok.ent_type_
                   and not lex.is_title_head(tokens[j + 1].lower_)):
                j += 1  # "pro-Iraq war Labour MP" tagged as one name: the title is not in it
            text = " ".join(t.text for t in tokens[i : j + 1])
            label = _affiliation_of(lex, text)
            if label is None:  # "London UKIP", "pro-Iraq war Labour": the known part, not one inside "pro-Iraq"
                label = next((_affiliation_of(lex, t.text) for t in tokens[i : j + 1]
                              if _affiliation_of(lex, t.text) and not (t.i > 0 and t.nbor(-1).text == "-")), None)
            if label is None and tok.ent_type_ in ("ORG", "FAC", "NORP"):
                label = text
            if label:
                affiliations.append(label)
                i = j + 1
                continue
        if tok.pos_ == "PROPN" and tok.text.isupper() and len(tok.text) >= 2 and not title_tokens and not lex.is_title_head(low):
            affiliations.append(_affiliation_of(lex, tok.text) or tok.text)  # an acronym: "LSE chief executive"
            i += 1
            continue
        if (
            lex.is_title_head(low)
            or low in TITLE_MODIFIERS
            or (title_tokens and (low in AFFILIATION_PREPS or tok.text == "-"))
            or (tok.pos_ in ("NOUN", "ADJ", "PROPN") and not tok.ent_type_ and (tok.is_lower or title_tokens or tok.i + 1 < len(tok.doc) and tok.nbor().text == "-"))
        ):
            title_tokens.append(tok)
        i += 1
    # the title: the contiguous run of title words that ends with the last title head
    heads = [k for k, t in enumerate(title_tokens) if lex.is_title_head(t.lower_) or _hyphen_head(lex, title_tokens, k)]
    if not heads:
        return None, affiliations
    last = heads[-1]
    first = last
    while first > 0 and title_tokens[first - 1].i == title_tokens[first].i - 1:
        first -= 1
    end = last
    while end + 1 < len(title_tokens) and title_tokens[end + 1].i == title_tokens[end].i + 1:
        end += 1
    run = title_tokens[first : end + 1]
    while run and run[-1].lower_ in TITLE_EDGE_WORDS:
        run.pop()
    while run and run[0].lower_ in TITLE_EDGE_WORDS:
        run.pop(0)
    if not run:
        return None, affiliations
    if len(run) > 1 and run[0].lower_ in PARTY_WORDS and not affiliations:
        affiliations.append(PARTY_POSSESSOR if run[0].lower_ == "party" else POSSESSOR)
        run = run[1:]  # "party leader Roger Knapman": the leader of the party named last
    doc = run[0].doc
    title = doc[run[0].i : run[-1].i + 1].text.replace(" - ", "-")
    if title.lower() in ("official", "officer") and not affiliations:
        return None, affiliations
    return Role(title, affiliations[0] if affiliations else None), affiliations


def _hyphen_head(lex: Lexicon, tokens: list[Any], k: int) -> bool:
    """Whether tokens[k] ends a hyphenated title head ("co-ordinator", "Under-Secretary")."""
    if k < 2 or tokens[k - 1].text != "-":
        return False
    return lex.is_title_head(f"{tokens[k - 2].lower_}-{tokens[k].lower_}") or lex.is_title_head(tokens[k].lower_)


def _premodifier_tokens(doc: Any, start: int, head: int, floor: int, lex: Lexicon) -> list[Any]:
    """Tokens before ``start`` that belong to the same noun phrase (a title, a demonym)."""
    out: list[Any] = []
    i = start - 1
    while i >= floor:
        tok = doc[i]
        if tok.is_punct and tok.text not in ("-",):
            break
        if tok.pos_ in ("VERB", "AUX", "ADP") and tok.lower_ != "of" and not (i + 1 < len(doc) and doc[i + 1].text == "-"):
            break
        if tok.tag_ in ("PRP$", "DT", "POS"):
            out.append(tok)
            if tok.tag_ == "POS" and i - 1 >= floor and doc[i - 1].lemma_.lower() in ORGANIZATION_NOUNS:
                out.append(doc[i - 1])  # "the company's chief executive"
            break
        if tok.text == "-" or (i + 1 < len(doc) and doc[i + 1].text == "-" and i + 2 < start):
            out.append(tok)  # a hyphenated title word the parser split ("co - ordinator")
            i -= 1
            continue
        # must attach inside the phrase (to a token at or right of itself, up to the head)
        anchor = tok
        inside = False
        for _ in range(6):
            if anchor.i > i and anchor.i <= head:
                inside = True
                break
            if anchor.head.i == anchor.i:
                break
            anchor = anchor.head
        if not inside and not (
            tok.lower_ in TITLE_MODIFIERS or lex.is_title_head(tok.lower_) or tok.ent_type_ in ("NORP", "GPE", "ORG")
        ):
            break
        out.append(tok)
        i -= 1
    out.reverse()
    return out


def in_quote(tok: Any) -> bool:
    """Whether a token is inside quotation marks opened in its sentence (curly quotes nest by
    direction, straight ones by parity; news paragraphs often leave a quote open, so the
    count does not cross sentences)."""
    depth, straight = 0, False
    for t in tok.doc[tok.sent.start : tok.i]:
        if t.text in ("\u201c", "\u2018\u2018"):
            depth += 1
        elif t.text == "\u201d":
            depth = max(depth - 1, 0)
        elif t.text == '"':
            straight = not straight
    return depth > 0 or straight


def _first_word(sent: Any) -> int:
    """The index of a sentence's first token that is not white space."""
    return next((t.i for t in sent if not t.is_space), sent.start)


def _appositive_title(tok: Any, start: int, lex: Lexicon) -> Any:
    """The title noun a person's name stands in apposition to, or None.

    "his counterpart, Ariel Sharon" (the name is the title's appositive); "the head of the
    IMF, Kristalina Georgieva" (the parser hung the name on the IMF); "The new chairman of
    the Bar Council, Guy Mansfield QC warned" (the parser made both subjects of the verb);
    "Labour's minister for women Jacqui Smith accused" (the parser made the name the object of
    "for", with the title's own object "women" as its compound).
    """
    doc = tok.doc
    if (tok.dep_ == "pobj" and tok.head.lower_ == "for" and lex.is_title_head(tok.head.head.lemma_)
            and start > tok.head.i + 1 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == tok
            and doc[start - 1].ent_type_ != "PERSON" and max(t.i for t in tok.head.head.subtree) == tok.i):
        return tok.head.head
    if tok.dep_ == "appos":
        head = tok.head
        if (not lex.is_title_head(head.lemma_) and head.dep_ == "pobj" and head.head.lower_ == "of"
                and lex.is_title_head(head.head.head.lemma_)):
            head = head.head.head
        return head if lex.is_title_head(head.lemma_) else None
    if tok.dep_ == "nsubj" and start > 0 and doc[start - 1].text == ",":
        before = [c for c in tok.head.children if c.dep_ == "nsubj" and c.i < start and lex.is_title_head(c.lemma_)]
        if before and all(t.i == before[-1].i or before[-1] in t.ancestors for t in doc[before[-1].i : start - 1]):
            return before[-1]
    return None


def _complement_cut(pre: list[Any], lex: Lexicon, person: bool) -> list[Any]:
    """The premodifiers of an organisation's or a place's name that still belong to it.

    In "the majority owner of embattled oil firm Yukos" or "the chief executive of BP" the
    name is the complement of "owner of": the phrase names someone else, so only the words
    after the last "of" stay with the name.  A person's title keeps its "of" ("Secretary of
    State Condoleezza Rice") unless a common noun describes the name ("oil firm Yukos",
    when the tagger took Yukos for a person).
    """
    ofs = [k for k, t in enumerate(pre) if t.lower_ == "of"]
    if not ofs:
        return pre
    after = pre[ofs[-1] + 1:]
    if not person or any(t.pos_ == "NOUN" and not (lex.is_title_head(t.lower_) or t.lower_ in TITLE_MODIFIERS) for t in after):
        return after
    return pre


def find_mentions(sent: Any, lex: Lexicon, *, sent_index: int = 0) -> list[Mention]:
    """All mentions in one sentence (a spaCy ``Span``), left to right."""
    doc = sent.doc
    mentions: list[Mention] = []
    taken: set[int] = set()

    # 1. named entities, with their title phrases; people first, so that an
    #    organisation inside a title ("Secretary of State") is not taken for an actor
    ents = sorted(_with_name_chains(sent, lex), key=lambda e: (e.label_ != "PERSON", e.start))
    for ent in ents:
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        if ent.label_ not in NAME_LABELS and not (lex.country(ent.text, demonyms=False) or lex.organization(ent.text)):
            continue  # "Cyprus" tagged PRODUCT is still Cyprus
        toks = list(ent)
        inner_honorific = [k for k, t in enumerate(toks) if k > 0 and t.lower_ in HONORIFICS]
        if inner_honorific:  # "Wednesday Mr Blair" tagged as one name
            toks = toks[inner_honorific[0]:]
        if ent.label_ == "PERSON" and any(t.pos_ == "CCONJ" for t in toks):
            continue  # "Blair and Brown" tagged as one person: the bare names are read below
        if any(t.text in DOCUMENT_WORDS for t in toks[1:]) or (
                len(toks) == 1 and toks[0].text in DOCUMENT_WORDS and toks[0].i > 0 and doc[toks[0].i - 1].lower_ == "the"):
            continue  # "the Prevention of Terrorism Bill", "the Kyoto Protocol": a text, not an actor
        if ent.label_ == "PERSON" and toks[-1].text[:1].isdigit():
            continue  # "$280bn" tagged as a person: a sum, not a name
        if len(toks) == 1 and toks[0].lower_ in STATE_NOUNS:
            continue  # "the Argentine State", "the Government": read as the country's below
        if any(t.is_quote and t.dep_ != "case" and t.tag_ != "POS" for t in toks) or (ent.start > sent.start and doc[ent.start - 1].is_quote and ent.end < len(doc) and doc[ent.end].is_quote):
            continue  # a name in scare quotes ("the "Abstentions Party"") is not an actor
        while toks and (toks[0].lower_ in HONORIFICS or toks[0].lower_ in ("the", "a", "an") or (
            ent.label_ == "PERSON" and len(toks) > 2 and (lex.is_title_head(toks[0].lower_) or toks[0].lower_ in TITLE_MODIFIERS)
        )):
            toks = toks[1:]  # "Mr", "the", and a title the tagger took into the name ("MEP Nigel Farage")
        while len(toks) > 1 and (
                (toks[0].tag_ in ("VBG", "VBN", "VBD") and toks[0].head.i not in (t.i for t in toks))
                or (toks[0].tag_ in ("NN", "NNS") and toks[0].text.isalpha() and toks[0].text.islower())):
            # "Praising Celtic and Rangers, she said": the verb that opens the sentence; "broadcaster
            # BSkyB": a lower-case description the tagger took into the name
            toks = toks[1:]
        paren = [k for k, t in enumerate(toks) if (t.text in ("(", "[", "\u2013", "\u2014") or t.text == "," and ent.label_ in ("PERSON", "ORG")
                                                    or t.text == "-" and t.whitespace_ and doc[t.i - 1].whitespace_) and k > 0]
        if paren:  # "Hindustan Aeronautics (HAL" tagged as one name: the name, its alias read apart;
            # "Priti Patel, Downing Street": a name (not a place: "Paris, Texas") ends at a comma,
            # and any name at a spaced dash ("John Prescott - the deputy prime minister -")
            toks = toks[: paren[0]]
        label = ent.label_
        inner = [k for k, t in enumerate(toks[:-1]) if t.tag_ == "POS" and k > 0]
        if inner:  # "Brown's International Finance Facility": the owner is the name
            toks, label = toks[: inner[0]], ""
        if label == "PERSON" and toks and toks[-1].lower_ in NEWSPAPER_TITLES and toks[0].lower_ not in HONORIFICS and (
                len(toks) > 1 or (toks[0].i > 0 and doc[toks[0].i - 1].lower_ == "the")):
            label = "ORG"  # "the Daily Telegraph", "the Telegraph", tagged as a person
        if label == "PERSON" and len(toks) == 1 and lex.demonym(toks[0].text) is not None:
            label = "NORP"  # "Bangladeshi", tagged as a person
        if label == "PERSON" and len(toks) > 1 and (lex.organization(toks[-1].text) or lex.country(toks[-1].text, demonyms=False)):
            toks, label = toks[-1:], "ORG"  # "pro-Iraq war Labour" tagged PERSON: the party
        postnominal = None
        while toks and (toks[-1].tag_ == "POS" or toks[-1].is_punct or toks[-1].lower_ in POSTNOMINALS):
            if toks[-1].lower_ in POSTNOMINALS and len(toks) > 2:
                label, postnominal = "PERSON", toks[-1]  # "Guy Mansfield QC", tagged ORG
            toks = toks[:-1]
        if not toks:
            continue
        start, end = toks[0].i, toks[-1].i + 1
        head = max(toks, key=lambda t: (t.head.i < start or t.head.i >= end, t.i)).i
        if postnominal is not None and doc[head].head.i == postnominal.i:
            head = postnominal.i  # the phrase's syntactic head
        text = " ".join(t.text for t in toks).replace(" - ", "-").replace(" '", "'")
        if label in ("ORG", "GPE", "NORP", "FAC") and doc[head].dep_ in ("compound", "amod", "nmod") and (
            lex.is_title_head(doc[head].head.lemma_) and doc[head].head.ent_type_ != "PERSON" and doc[head].head.i > head
        ):
            continue  # "a Kremlin aide", "the White House spokesman": the title noun is the mention
        if label == "NORP":
            # a demonym modifying a noun is handled with the noun (groups, titles, nominal events)
            if doc[head].dep_ in ("amod", "compound", "nmod") or doc[head].tag_ == "JJ":
                continue
        if label in ("ORG", "GPE", "FAC") and lex.is_title_head(text.split()[-1]) and len(toks) > 1 and all(
            lex.is_title_head(t.lower_) or t.lower_ in TITLE_MODIFIERS for t in toks
        ):
            continue  # NER swallowed a title ("Foreign Minister") into an ORG: not a name
        # an organisation's name the tagger cut short: "Lockheed" + "Martin" (tagged PRODUCT)
        while (label == "ORG" and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end
               and doc[end].pos_ == "PROPN" and doc[end].ent_type_ not in ("PERSON", "GPE", "NORP") and end < sent.end):
            end += 1
            head = end - 1
            text = f"{text} {doc[end - 1].text}"
        mention = Mention("name", start, end, head, text, ner=label, sent_index=sent_index)
        # a "place" that acts ("was welcomed by Oxfam", tagged LOC): a body, if no country
        mention.bare_actor = label in ("GPE", "LOC") and end - start == 1 and (
            doc[head].dep_ == "nsubj" or doc[head].dep_ == "pobj" and doc[head].head.dep_ == "agent")
        if doc[head].dep_ == "poss" or (end < len(doc) and doc[end].tag_ == "POS"):
            mention.possessive = True
        # honorific before the entity
        if start > sent.start and doc[start - 1].lower_ in HONORIFICS:
            mention.start = start - 1
            mention.honorific = True
            if label in ("ORG", "GPE", "FAC", "NORP") and not (lex.organization(text) or lex.country(text)):
                label = mention.ner = "PERSON"  # "Lord Campbell-Savours", tagged ORG
        floor = sent.start
        pre = _premodifier_tokens(doc, mention.start, head, floor, lex)
        if pre:
            pre = _complement_cut(pre, lex, label == "PERSON")  # "the majority owner of oil firm Yukos": Yukos is owned
        if pre and label in ("PERSON", "ORG", "GPE"):
            role, _ = _title_role(lex, pre)
            if role is not None and label == "ORG" and 2 <= len(toks) <= 3 and not lex.organization(text) and all(
                t.text[:1].isupper() and t.pos_ == "PROPN" for t in toks
            ):
                label = mention.ner = "PERSON"  # "senior policy adviser Nadia Daar", tagged ORG
            if role is not None and label != "PERSON" and len(text.split()) > 1:
                role = None
            if role is not None:
                mention.roles.append(role)
                mention.start = pre[0].i
                if pre[0].tag_ == "PRP$" and role.title.lower().endswith("counterpart"):
                    mention.counterpart_of = pre[0].i
        # postmodifier: "President Zelensky of Ukraine"
        for child in doc[head].children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    label = _affiliation_of(lex, pobj[0].text) or (
                        pobj[0].text if pobj[0].ent_type_ in ("GPE", "ORG") else None
                    )
                    if label and mention.roles and mention.roles[-1].affiliation is None:
                        mention.roles[-1] = Role(mention.roles[-1].title, label)
        # "oil firm Yukos", but "the London exchange" is an exchange in London
        mention.org_signal = _called_an_organization(doc[head]) and not (label == "GPE" and lex.country(text, capitals=True))
        # apposition after the name: "Dmitry Peskov, the Kremlin spokesman,"
        for child in doc[head].children:
            if child.dep_ == "appos" and child.ent_type_ not in ("PERSON",) and lex.is_title_head(child.lemma_):
                sub = [t for t in child.subtree if t.i <= child.i]
                role, _ = _title_role(lex, sub + _postmods(child))
                if role is not None and label in ("ORG", "GPE", "FAC") and 2 <= len(toks) <= 3 and not (
                    lex.organization(text) or lex.country(text)
                ) and all(t.pos_ == "PROPN" for t in toks) and not mention.org_signal:
                    label = mention.ner = "PERSON"  # "Dominic Cummings, then chief adviser", tagged ORG
                if role is not None and label == "PERSON":
                    mention.roles.append(role)
            # "Hans Reckers, a board member of Germany's central bank, the Bundesbank,"
            if (child.dep_ == "appos" and child.ent_type_ == "ORG" and label == "PERSON" and mention.roles
                    and mention.roles[-1].affiliation is None and child.i > head):
                ent = next((e for e in sent.ents if e.start <= child.i < e.end), None)
                if ent is not None:
                    mention.roles[-1] = Role(mention.roles[-1].title, _affiliation_of(lex, ent.text) or ent.text)
            # "Lord Woolf, who is Lord Chief Justice of England,"
            if child.dep_ == "relcl" and child.lemma_ == "be" and label == "PERSON" and any(
                c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in child.children
            ):
                for attr in (c for c in child.children if c.dep_ == "attr" and lex.is_title_head(c.lemma_)):
                    role, _ = _title_role(lex, [t for t in attr.subtree if t.i <= attr.i] + _postmods(attr))
                    if role is not None:
                        mention.roles.append(role)
        mentions.append(mention)
        taken.update(range(mention.start, mention.end))

    # 1b. capitalised words the tagger left untagged in an argument position ("Howard rejects
    #     BNP's claim"): the resolver keeps them only if they name a person of the document
    for tok in sent:
        if (tok.i not in taken and (tok.pos_ == "PROPN" or lex.organization(tok.text)) and tok.text[:1].isupper() and tok.ent_type_ == ""
                and tok.dep_ in BARE_NAME_DEPS and not lex.is_title_head(tok.lower_) and tok.lower_ not in HONORIFICS
                and tok.lower_.rstrip("s") not in LEGISLATOR_NOUNS):
            first = tok.i
            while (first - 2 >= sent.start and doc[first - 1].text == "-" and doc[first - 2].pos_ == "PROPN"
                   and doc[first - 2].text[:1].isupper() and first - 2 not in taken):
                first -= 2  # "Mr Kilroy-Silk", split at the hyphen
            start = first - 1 if first > sent.start and doc[first - 1].lower_ in HONORIFICS else first
            text = doc[first : tok.i + 1].text.replace(" - ", "-").replace(" ", "")
            bare = Mention("name", start, tok.i + 1, tok.i, text, ner="PERSON" if start < first else "", sent_index=sent_index)
            bare.honorific = start < first  # "Dr Tedros"
            bare.org_signal = _called_an_organization(tok)  # "mining giant Glencore"
            bare.bare_actor = (start == first == tok.i and tok.tag_ == "NNP" and tok.dep_ in ACTING_DEPS and tok.is_alpha
                               and len(tok.text) >= 3 and tok.lower_ not in lex.first_name_gender
                               and tok.lower_ not in STATE_NOUNS and tok.lemma_.lower() not in lex.group_nouns
                               # a name stands alone: not "the White Paper", "Brown's Budget", "Scottish Water",
                               # "Number 10" (but "France's Total"), and in a list, a list of bodies or people
                               and not any(c.dep_ in ("det", "amod", "compound", "nummod") or c.dep_ == "poss"
                                           and c.ent_type_ not in ("GPE", "NORP") for c in tok.children)
                               and (tok.dep_ != "conj" or tok.head.ent_type_ in ("ORG", "PERSON"))
                               and (tok.dep_ != "pobj" or tok.head.lower_ in PARTNER_PREPS)  # not "in Cardiff"
                               and not _headline(sent))
            if bare.org_signal and not bare.honorific:
                bare.ner = "ORG"
            mentions.append(bare)
            taken.update(range(start, tok.i + 1))

    # 2. title phrases with an appositive name: "his Israeli counterpart, Ariel Sharon"
    for m in list(mentions):
        if m.kind != "name" or m.ner != "PERSON":
            continue
        title_head = _appositive_title(doc[m.head], m.start, lex)
        if title_head is not None and title_head.i not in taken:
            sub = [t for t in title_head.subtree if t.i <= title_head.i and t.i not in taken]
            role, _ = _title_role(lex, sub + [t for t in _postmods(title_head) if not m.start <= t.i < m.end])
            if role is not None:
                m.roles.append(role)
            poss = [t for t in sub if t.tag_ == "PRP$" or t.dep_ == "poss"]
            if poss and title_head.lemma_.lower() == "counterpart":
                m.counterpart_of = poss[0].i
            # the title noun stands for the person in the clause
            m.head = title_head.i if title_head.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass", "conj") else m.head
            lo = min(t.i for t in sub) if sub else title_head.i
            m.start = min(m.start, lo)
            taken.update(range(m.start, m.end))

    # 3. groups: "Russian and US officials", "European leaders", "the Chinese government"
    for tok in sent:
        if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        lemma = tok.lemma_.lower()
        is_group_noun = lemma in lex.group_nouns or lemma.rstrip("s") in lex.group_nouns
        if not is_group_noun or (lemma == "state" and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)):
            continue  # "the Indian state of Kerala" is a place
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < tok.i]
        expanded: list[Any] = []
        for mod in mods:
            expanded.append(mod)
            expanded.extend(c for c in mod.children if c.dep_ == "conj")
            if mod.dep_ == "compound" and mod.pos_ == "NOUN":  # "EU member states", "US trade officials"
                expanded.extend(c for c in mod.children if c.dep_ == "compound" and c.i < mod.i)
        affs: list[str] = []
        words: list[str] = []
        for mod in expanded:
            span_text = mod.text
            if mod.ent_iob_ in ("B", "I") and mod.ent_type_ in ("ORG", "NORP", "GPE"):
                ent = next((e for e in sent.ents if e.start <= mod.i < e.end), None)
                if ent is not None:
                    span_text = ent.text
            label = _affiliation_of(lex, span_text)
            if label is None and mod.ent_type_ in ("ORG", "NORP", "GPE"):
                label = span_text
            if label and label not in affs:
                affs.append(label)
                words.append(span_text)
        if not affs and tok.tag_ == "NNS":  # "officials in Kyiv", "diplomats from France"
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "from")):
                place = next((p for p in prep.children if p.dep_ == "pobj" and p.ent_type_ == "GPE"), None)
                country = lex.country(place.text, capitals=True) if place is not None else None
                if country is not None:
                    affs, words = [country.label], [place.text]
        det = [c for c in tok.children if c.dep_ == "det"]
        if (tok.dep_ == "conj" and not det and tok.tag_ == "NN" and lex.is_title_head(tok.head.lemma_)
                and any(c.dep_ in ("det", "poss") for c in tok.head.children)):
            continue  # "The European commissioner and former Labour minister": one person, described twice
        if not affs and lemma.rstrip("s") in LEGISLATOR_NOUNS and tok.lower_.endswith("s") and not mods and (
                not det or det[0].lower_ == "the"):
            affs, words = [HOME_COUNTRY], []  # "told MPs": the legislators of the document's country
        if not affs:
            if lemma == "prosecutor" and tok.tag_ == "NNS" and not mods and (not det or det[0].lower_ == "the") and not any(
                    c.dep_ == "prep" for c in tok.children):
                # "Prosecutors had argued ...": the prosecuting body the document names, found by the resolver
                start = det[0].i if det else tok.i
                ref = Mention("orgref", start, tok.i + 1, tok.i, doc[start : tok.i + 1].text, sent_index=sent_index)
                ref.group_noun = lemma
                mentions.append(ref)
                taken.update(range(start, tok.i + 1))
                continue
            if lemma == "minister" and tok.tag_ == "NNS" and not mods and (not det or det[0].lower_ == "the") and not any(
                    c.dep_ == "prep" and c.lower_ in ("of", "from", "in") for c in tok.children):
                # "clashes with ministers": the government of the document's country
                start = det[0].i if det else tok.i
                mentions.append(Mention("government", start, tok.i + 1, tok.i, tok.text, sent_index=sent_index))
                taken.update(range(start, tok.i + 1))
                continue
            ours = [c for c in mods if c.dep_ == "poss" and c.lower_ == "our"] if in_quote(tok) else []
            if lemma in GOVERNMENT_NOUNS and tok.tag_ in ("NN", "NNP") and (det and det[0].lower_ == "the" or ours) and not [
                    c for c in mods if c.lower_ != "our"]:
                # "the government", a speaker's "our government": the document's own country's, found by the resolver
                start = det[0].i if det else ours[0].i
                mentions.append(Mention("government", start, tok.i + 1, tok.i, f"the {tok.text}", sent_index=sent_index))
                taken.update(range(start, tok.i + 1))
            elif (lemma in GOVERNMENT_NOUNS and tok.tag_ == "NN" and not det and not mods and tok.dep_ == "compound"
                  and (tok.head.pos_ == "NOUN" or tok.head.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"))
                  and not lex.is_title_head(tok.head.lemma_)):
                # "controversial government plans": the plans of the document's government
                mentions.append(Mention("government", tok.i, tok.i + 1, tok.i, tok.text, sent_index=sent_index))
                taken.add(tok.i)
            continue
        if (det and det[0].lower_ in GENERIC_DETERMINERS) or any(c.dep_ == "amod" and c.lower_ == "other" for c in tok.children):
            continue  # "some US officials", "other Cabinet ministers": no one in particular
        if tok.tag_ == "NN" and tok.i + 1 < sent.end and doc[tok.i + 1].pos_ == "PROPN" and doc[tok.i + 1].text[:1].isupper():
            continue  # "the French firm Suez": a description of the name that follows
        start = min([tok.i] + [t.i for t in tok.subtree if t.i < tok.i and t.dep_ not in ("det",)])
        # "MPs" is tagged NNP
        plural = tok.tag_ in ("NNS", "NNPS") or HOME_COUNTRY in affs or (tok.text.endswith("s") and tok.text[:-1].isupper())
        indefinite = bool(det) and det[0].lower_ in ("a", "an")
        if lemma in COMPANY_NOUNS and not plural and det and det[0].lower_ == "the" and all(
                lex.country(a, capitals=True) for a in affs):
            # "the US company", "the London exchange": the company named last; its country or
            # capital is no actor of the phrase
            m = Mention("orgref", det[0].i, tok.i + 1, tok.i, doc[det[0].i : tok.i + 1].text, sent_index=sent_index)
            m.group_noun = lemma
            m.named = _named_after(tok)
        elif lemma in GOVERNMENT_NOUNS and not plural and any(lex.country(a) for a in affs):
            m = Mention("government", start, tok.i + 1, tok.i, doc[start : tok.i + 1].text, sent_index=sent_index)
            m.affiliations = [a for a in affs if lex.country(a)][:1]
        elif lemma in STATE_NOUNS and len(affs) == 1 and lex.country(affs[0]):
            m = Mention("name", start, tok.i + 1, tok.i, affs[0], ner="GPE", sent_index=sent_index)
        elif not plural and lex.is_title_head(lemma) and det and det[0].lower_ == "the" and len(affs) == 1:
            # "the Tory leader": a title standing for its holder (the resolver finds who)
            m = Mention("title", start, tok.i + 1, tok.i, doc[start : tok.i + 1].text, sent_index=sent_index)
            m.roles.append(Role(tok.text.lower() if tok.text[1:].islower() else tok.text, affs[0]))
            m.affiliations = affs
            m.group_noun = lemma
        elif indefinite or (not plural and lex.is_title_head(lemma)):
            m = Mention("unnamed", start, tok.i + 1, tok.i, f"{det[0].text if det else ''} {' '.join(words)} {tok.text}".strip(),
                        sent_index=sent_index)
            m.affiliations = affs
            m.group_noun = lemma
        else:
            m = Mention("group", start, tok.i + 1, tok.i, " ".join(t.text for t in doc[start : tok.i + 1]), sent_index=sent_index)
            m.affiliations = affs
            noun = tok.text if tok.text.rstrip("s").isupper() else tok.text.lower()  # "MPs", "officials"
            m.group_noun = noun if plural or lemma in COLLECTIVE_NOUNS else noun + "s"
            if lemma in STATE_NOUNS:
                m.group_noun = tok.text.lower()
        mentions.append(m)
        taken.update(range(start, tok.i + 1))

    # 4. pronouns, plural references and definite titles
    for tok in sent:
        if tok.i in taken:
            continue
        low = tok.lower_
        if tok.tag_ in ("PRP", "PRP$") and low in PRONOUNS_PERSON:
            m = Mention("pronoun", tok.i, tok.i + 1, tok.i, tok.text, sent_index=sent_index)
            m.possessive = tok.tag_ == "PRP$"
            mentions.append(m)
        elif low in ("its", "their") and tok.tag_ == "PRP$" and tok.dep_ == "poss" and not in_quote(tok):
            # "Deutsche Boerse ... its bid", "the Tories ... their plans": the body the clause is about
            m = Mention("it", tok.i, tok.i + 1, tok.i, tok.text, sent_index=sent_index)
            m.possessive = True
            m.opens_sentence = tok.i == _first_word(sent)
            mentions.append(m)
        elif low in ("i", "we") and tok.dep_ in ("nsubj", "nsubjpass") and in_quote(tok):
            # "Mr Clarke said: "I will be asking Parliament ...": the speaker, or for "we" the
            # body the speaker works for
            mentions.append(Mention("speaker", tok.i, tok.i + 1, tok.i, tok.text, sent_index=sent_index))
        elif low in ("it", "they") and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ not in NOT_AN_ACT and not any(
                c.dep_ in ("ccomp", "xcomp") and c.i > tok.head.i for c in tok.head.children if tok.head.lemma_ == "become"):
            # "the US says it cannot support ...", "It accused the firm ...": the resolver
            # looks for an organisation, a country or a government (never "it was clear")
            m = Mention("it", tok.i, tok.i + 1, tok.i, tok.text, sent_index=sent_index)
            m.opens_sentence = tok.i == _first_word(sent)
            mentions.append(m)
        elif tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lemma_.lower() in COMPANY_NOUNS and tok.dep_ in BARE_NAME_DEPS:
            # "the firm", "the company": the organisation named last
            dets = [c for c in tok.children if c.dep_ == "det"]
            # a common-noun description may modify it ("the chemicals firm", "the oil giant");
            # a name, a possessor or a demonym makes it another organisation
            mods = [c for c in tok.children if (c.dep_ == "poss" or c.ent_type_ or c.pos_ == "PROPN")
                    and not (c.dep_ != "poss" and lex.country(c.text, capitals=True))]  # "the London exchange"
            if dets and dets[0].lower_ == "the" and not mods and not any(
                    c.dep_ in ("relcl", "acl", "prep") and not _charge(c, lex) for c in tok.children):
                # "the newspaper" is only an outlet named before (and "told the newspaper" is press)
                ref = Mention("orgref", dets[0].i, tok.i + 1, tok.i, f"the {tok.text}", sent_index=sent_index)
                ref.group_noun = tok.lemma_.lower()
                ref.named = _named_after(tok)
                ref.affiliations = [c.text for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ == "GPE"]
                mentions.append(ref)
                taken.update(range(dets[0].i, tok.i + 1))
        elif tok.pos_ == "NOUN" and low in PLURAL_NOUNS:
            nums = [c for c in tok.children if c.lower_ in ("two", "both")]
            dets = [c for c in tok.children if c.lower_ in ("the", "both")]
            if nums and (dets or nums[0].lower_ == "both"):
                start = min(c.i for c in nums + dets)
                m = Mention("plural", start, tok.i + 1, tok.i, doc[start : tok.i + 1].text, sent_index=sent_index)
                m.group_noun = low
                mentions.append(m)
                taken.update(range(start, tok.i + 1))
        elif (tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lemma_.lower() in DESCRIPTION_NOUNS and tok.dep_ in ("nsubj", "nsubjpass")
              and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
              and min(t.i for t in tok.subtree) == _first_word(sent) and not any(t.i in taken for t in tok.subtree if t.i <= tok.i)):
            # "The former chat show host quit the party": the person the previous sentence named
            first = _first_word(sent)
            m = Mention("description", first, tok.i + 1, tok.i, doc[first : tok.i + 1].text, sent_index=sent_index)
            m.opens_sentence = True
            mentions.append(m)
            taken.update(range(first, tok.i + 1))
        elif tok.pos_ in ("NOUN", "PROPN") and lex.is_title_head(tok.lemma_) and tok.tag_ in ("NN", "NNP"):
            dets = [c for c in tok.children if c.dep_ in ("det", "poss")]
            if not dets or dets[0].lower_ not in ("the",):
                if not (dets and dets[0].lower_ in ("a", "an") and tok.lemma_.lower() in ("spokesman", "spokeswoman", "spokesperson", "aide", "official", "adviser")):
                    continue
            sub = [t for t in tok.subtree if t.i <= tok.i]
            # an organisation named inside the title is its affiliation ("the Labour leader")
            inner = [x for x in mentions if x.kind == "name" and x.ner != "PERSON" and sub[0].i <= x.start
                     and x.end <= tok.i and doc[x.head].dep_ == "compound" and doc[x.head].head.i == tok.i]
            if any(t.i in taken and not any(t.i in x.tokens for x in inner) for t in sub):
                continue
            role, affs = _title_role(lex, sub + _postmods(tok))
            if role is None:
                continue
            kind = "title" if dets[0].lower_ == "the" else "unnamed"
            m = Mention(kind, sub[0].i, tok.i + 1, tok.i, doc[sub[0].i : tok.i + 1].text, sent_index=sent_index)
            m.opens_sentence = sub[0].i == _first_word(sent) and tok.dep_ in ("nsubj", "nsubjpass")
            m.roles.append(role)
            m.affiliations = affs
            m.group_noun = tok.lemma_.lower()
            mentions[:] = [x for x in mentions if x not in inner] + [m]
            taken.update(range(sub[0].i, tok.i + 1))
    for m in mentions:
        tok = doc[m.head]
        m.speaker = tok.dep_ == "nsubj" and tok.head.lemma_ in SPEECH_LEMMAS
    mentions.sort(key=lambda m: m.start)
    _declared_aliases(mentions, doc)
    return mentions


#: Words between a name and the alias it declares: "Mahmoud Abbas (Abu Mazen)",
#: "Mahmoud Abbas, also known as Abu Mazen,".
ALIAS_MARKERS = frozenset({("(",), (",", "also", "known", "as"), (",", "known", "as"), ("also", "known", "as"),
                           (",", "better", "known", "as"), (",", "nicknamed"), ("known", "as")})


def _declared_aliases(mentions: list[Mention], doc: Any) -> None:
    """Mark a person's name written right after another person's name with an alias marker
    (:data:`ALIAS_MARKERS`) as that person's alias."""
    names = [m for m in mentions if m.kind == "name" and m.ner == "PERSON"]
    for first, second in zip(names, names[1:]):
        between = tuple(t.lower_ for t in doc[first.end : second.start])
        if between in ALIAS_MARKERS and len(first.text.split()) > 1:
            second.alias_of = first.text


NAME_PARTICLES = frozenset({"von", "der", "van", "de", "di", "da", "bin", "al", "el", "le", "la", "du", "del", "ben"})


def _with_name_chains(sent: Any, lex: Lexicon) -> list[Any]:
    """The sentence's entities, with personal names the model missed or cut short.

    A chain of capitalised proper nouns joined by ``compound`` ("Xi Jinping",
    "Ursula von der Leyen") is a person's name when the model tagged none of it,
    or tagged part of it PERSON, and no lexicon knows it as a place or body.
    """
    from spacy.tokens import Span

    ents = list(sent.ents)
    # known organisations the tagger split or missed ("Liberal" ORG + "Democrat" NORP)
    i = sent.start
    while i < sent.end:
        for width in (4, 3, 2):
            window = sent.doc[i : i + width]
            if window.end > sent.end or not all(t.text[:1].isupper() for t in window):
                continue
            if lex.organization(window.text) and not any(e.start <= window.start and e.end >= window.end for e in ents):
                span = Span(sent.doc, window.start, window.end, label="ORG")
                ents = [e for e in ents if e.end <= span.start or e.start >= span.end] + [span]
                i += width - 1
                break
        i += 1
    tagged = {i for e in ents for i in range(e.start, e.end)}
    for tok in sent:  # an untagged acronym after "the" names a body ("blamed the IRA", "the CBI said")
        if (tok.pos_ == "PROPN" and tok.dep_ != "compound" and tok.i not in tagged and tok.is_alpha
                and tok.text.isupper() and 2 <= len(tok.text) <= 5 and not lex.is_title_head(tok.text)
                and not lex.country(tok.text) and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)):
            ents.append(Span(sent.doc, tok.i, tok.i + 1, label="ORG"))
        # "the Scottish Executive", "the Welsh Assembly": a capitalised body of a people, left untagged
        # (but "the Tory Leader" is a person)
        demonym = sent.doc[tok.i - 1] if tok.i > sent.start else None
        if (tok.pos_ == "PROPN" and tok.dep_ in BARE_NAME_DEPS and tok.i not in tagged and tok.is_title and tok.is_alpha
                and tok.lower_ not in STATE_NOUNS and (not lex.is_title_head(tok.lower_) or tok.lower_ == "executive")
                and demonym is not None and demonym.head.i == tok.i and demonym.ent_type_ == "NORP"
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)):
            ents = [e for e in ents if not (e.start <= demonym.i < e.end)] + [Span(sent.doc, demonym.i, tok.i + 1, label="ORG")]
    for tok in sent:
        if tok.pos_ != "PROPN" or tok.dep_ == "compound" or not tok.text[:1].isupper():
            continue
        chain = [tok]
        i = tok.i - 1
        while i >= sent.start:
            prev = sent.doc[i]
            if prev.head.i in [c.i for c in chain] and prev.dep_ == "compound" and (
                prev.pos_ == "PROPN" and prev.text[:1].isupper() or prev.lower_ in NAME_PARTICLES
            ):
                chain.insert(0, prev)
                i -= 1
            else:
                break
        while chain and (lex.is_title_head(chain[0].lower_) or chain[0].lower_ in TITLE_MODIFIERS or chain[0].lower_ in HONORIFICS
                         or chain[0].ent_type_ in ("NORP", "GPE", "ORG") and chain[0].ent_type_ != chain[-1].ent_type_
                         and chain[0].lower_ not in lex.first_name_gender):  # but "Giorgia" (GPE) "Meloni"
            chain.pop(0)
        if len(chain) < 2 or chain[0].lower_ in NAME_PARTICLES:
            continue
        text = " ".join(t.text for t in chain)
        if lex.country(text) or lex.organization(text) or any(lex.is_title_head(t.lower_) for t in chain):
            continue
        tags = {t.ent_type_ for t in chain}
        facility = tags == {"FAC"} and len(chain) <= 3 and not any(t.lower_ in FACILITY_WORDS for t in chain)
        # "Giorgia" (GPE) "Meloni" (untagged); but "Philip Morris" (ORG) is a company
        given = chain[0].lower_ in lex.first_name_gender and chain[-1].ent_type_ == "" and "PERSON" not in tags
        if tags <= {""} or facility or given or ("PERSON" in tags and tags != {"PERSON"}) or (
            tags == {"PERSON"} and any(t.ent_iob_ == "B" for t in chain[1:])
        ):
            span = Span(sent.doc, chain[0].i, chain[-1].i + 1, label="PERSON")
            ents = [e for e in ents if e.end <= span.start or e.start >= span.end] + [span]
    # a name cut after its particle: "Ursula von der" + "Leyen"
    for ent in list(ents):
        end = ent.end
        while ent.label_ == "PERSON" and end < sent.end and sent.doc[end - 1].lower_ in NAME_PARTICLES and sent.doc[end].text[:1].isupper():
            end += 1
        if end > ent.end:
            span = Span(sent.doc, ent.start, end, label="PERSON")
            ents = [e for e in ents if e.end <= span.start or e.start >= span.end] + [span]
    return ents


#: Words that make a name tagged FAC a real facility ("Heathrow Airport"), not a person the
#: tagger mislabelled ("Antony Blinken" as FAC).
FACILITY_WORDS = frozenset({
    "airport", "bridge", "stadium", "street", "square", "palace", "house", "hall", "tower",
    "building", "centre", "center", "road", "avenue", "park", "station", "prison", "bay",
    "hotel", "church", "cathedral", "mosque", "temple", "museum", "hospital", "port", "dam",
    "base", "camp", "wall", "gate", "university", "college", "school", "arena", "court",
    "plant", "field", "line", "canal", "tunnel", "highway", "motorway", "club",
})


#: Dependencies of an untagged capitalised word that make it a possible name.
BARE_NAME_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos", "dative"})


def _named_after(tok: Any) -> str | None:
    """The organisation's name that follows a description after a comma, whatever the parse
    ("... brought by the US financial watchdog, the Securities and Exchange Commission (SEC)")."""
    sent = tok.sent
    k = tok.i + 1
    if k + 1 >= sent.end or tok.doc[k].text != ",":
        return None
    k += 1
    starts = (k, k + 1) if tok.doc[k].lower_ == "the" else (k,)  # "the" in the entity or not
    ent = next((e for e in sent.ents if e.start in starts), None)
    if ent is None or ent.label_ != "ORG":
        return None
    return ent.text[4:] if ent.text.lower().startswith("the ") else ent.text


def _headline(sent: Any) -> bool:
    """Whether a sentence is a headline: no final punctuation ("Winemaker rejects Foster's offer")."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and not (last.is_punct or last.is_quote)


#: Prepositions whose object is a party to an act, not a place ("a deal with Gazprom", "sued by Yukos").
PARTNER_PREPS = frozenset({"with", "by", "against", "between"})
#: Dependencies of an untagged name that acts or is acted on.
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj"})
#: Nouns that call a name an organisation: "oil firm Yukos", "Yukos, the oil giant".
COMPANY_NOUNS = ORGANIZATION_NOUNS | frozenset({
    "giant", "maker", "producer", "operator", "retailer", "manufacturer", "conglomerate",
    "insurer", "lender", "broker", "supermarket", "chain", "brand", "subsidiary", "unit",
    "watchdog", "agency", "newspaper", "broadcaster", "channel", "network", "utility", "bloc",
})


def _charge(prep: Any, lex: Lexicon) -> bool:
    """Whether an "of" phrase on an object is the charge the parser hung there ("accused the firm of
    using ...", "accused the firm of hiding risks" with "hiding" tagged a noun)."""
    noun = prep.head
    return prep.dep_ == "prep" and prep.lower_ == "of" and (
        any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children)
        or (noun.dep_ == "dobj" and bool(lex.verb_entries(noun.head.lemma_))))


def _called_an_organization(head: Any) -> bool:
    """Whether a name's phrase calls it a company or body: a compound or appositive head noun
    from :data:`COMPANY_NOUNS` ("oil firm Yukos", "Yukos, the oil firm", "the Yukos group")."""
    for child in head.children:
        if child.dep_ in ("compound", "appos") and child.pos_ == "NOUN" and child.lemma_.lower() in COMPANY_NOUNS:
            return True
    parent = head.head
    if head.dep_ in ("compound", "appos") and parent.pos_ == "NOUN" and parent.lemma_.lower() in COMPANY_NOUNS and parent.i != head.i:
        return True
    # right after the noun, whatever the parse: "the Spanish firm Repsol"
    before = head.doc[head.i - 1] if head.i > head.sent.start else None
    return before is not None and before.tag_ == "NN" and before.lemma_.lower() in COMPANY_NOUNS


def _postmods(tok: Any) -> list[Any]:
    """``of``/``at``/``for`` phrases after a title noun ("Secretary of State", "President of
    Ukraine", "a professor at Yale", "minister for economic affairs").  Not the charge of a
    verb of accusing that the parser hung on its object ("accused the prime minister of
    delay", "charged the chairman with fraud")."""
    out: list[Any] = []
    charged = tok.dep_ == "dobj" and tok.head.lemma_ in CHARGE_VERBS
    for child in tok.children:
        if charged and child.lower_ in ("of", "for", "with"):
            continue
        if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPS and child.i > tok.i:
            out.append(child)
            out.extend(t for t in child.subtree if t.i > child.i)
    return out
