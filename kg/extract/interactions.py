"""Interactions: dependency patterns over verbs and event nouns, typed by the lexicon.

One mechanism serves every class: find the event word (a verb in
``verbs.tsv`` or a noun in ``nouns.tsv``), find its agent and its target
through a small set of dependency paths, expand coordination, and type the
event from the lexicon entry.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from kg.extract import attributes
from kg.extract.lexicon import Lexicon, VerbEntry
from kg.extract.mentions import GENERIC_DETERMINERS as GENERIC_WORDS  # "fears from some Conservatives"
from kg.extract.mentions import ARMED_GROUP_NOUNS, COMPANY_NOUNS, in_quote

__all__ = ["RawInteraction", "sentence_interactions"]

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass",)
#: Prepositions that attach an event noun to the clause whose subject is its agent.
EVENT_ADJUNCT_PREPS = frozenset({"during", "after", "before", "in", "at", "following", "ahead", "amid", "since", "of", "under"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
#: Nouns for agreements, whose city modifier is where they were made ("the Paris agreement").
PACT_NOUNS = frozenset({"agreement", "accord", "accords", "treaty", "pact", "protocol", "convention", "declaration", "deal"})
#: Adverbs right after a verb that make it a particle verb ("calling back", tagged an adverb).
PARTICLES = frozenset({"back", "off", "up", "out", "down", "in"})
#: What one receives that is words, not aid ("received a letter from").
MESSAGE_NOUNS = frozenset({"information", "letter", "message", "call", "report", "request", "invitation", "complaint",
                           "assurance", "news", "reply", "response", "answer", "signal", "email", "note", "question"})


def _each_other(objects: list[Any]) -> bool:
    """Whether a verb's object is reciprocal: "each other", "one another"."""
    return any(o.lower_ in ("other", "another", "one") and any(c.lower_ in ("each", "one", "another") for c in o.children)
               or o.lower_ == "another" and o.i > 0 and o.nbor(-1).lower_ == "one" for o in objects)


def _acts_as_verb(tok: Any) -> bool:
    """Whether a word tagged a noun heads a clause, with a subject and an object of its own
    ("Robert Kilroy-Silk quit UKIP", "quit" tagged a noun)."""
    return any(c.dep_ == "nsubj" for c in tok.children) and any(c.dep_ == "dobj" for c in tok.children)


def _question_clause(clause: Any) -> bool:
    """Whether a clause is an "if"/"whether" question put ("asked Mr Myers if he knew Ebbers")."""
    return clause.dep_ in ("ccomp", "advcl") and any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in clause.children)


def _questioned(verb: Any) -> bool:
    """Whether a verb is what a question asks ("Asked whether he would back the deal, Mr Blair
    said ...", "reporters asked if Paris would recognise Palestine"): no one did it."""
    return _question_clause(verb) and verb.head.lemma_ in attributes.ASKING_VERBS


def _asks_a_question(verb: Any) -> bool:
    """Whether a verb asks a question ("asked Mr Myers if he knew", "asked him whether ...",
    'asked Mr Sullivan: "If you believe ..."', "asked Putin about Ukraine"): words to someone,
    not a request (which asks someone to act or for something)."""
    kids = list(verb.children)
    if any(_question_clause(c) for c in kids):
        return True
    asked_to = any(c.dep_ == "xcomp" or c.dep_ == "ccomp" and not in_quote(c) or c.dep_ == "prep" and c.lower_ == "for"
                   for c in kids) or any(
        p.dep_ == "prep" and p.lower_ == "for" for c in kids if c.dep_ == "dobj" for p in c.children)
    return not asked_to and any(c.lower_ == ":" or c.dep_ == "prep" and c.lower_ == "about" for c in kids)


#: Light verbs that turn down what their object says ("rejected the allegation that ...").
REFUSING_VERBS = frozenset({"reject", "refuse", "decline", "deny", "dismiss", "cancel"})
#: Verbs whose subject takes part in the event a "to" phrase names ("agreed to a ceasefire with
#: Israel", "returned to talks with the EU").
TO_EVENT_VERBS = frozenset({"agree", "commit", "consent", "return"})
#: Verbs whose subject takes part in the event an "in" phrase names ("is in talks with",
#: "was involved in a row with").
IN_EVENT_VERBS = frozenset({"be", "remain", "engage", "involve", "embroil", "lock", "enter", "join", "take", "participate"})
#: Nouns of a stance that an "in" phrase gives the verb's subject ("ruled in favour of Apple",
#: "spoke in support of the strikers").
STANCE_NOUNS = frozenset({"favour", "favor", "support", "defence", "defense", "solidarity"})


@dataclass(frozen=True)
class RawInteraction:
    subject: str
    object: str
    relation: str
    type: str
    modality: str
    symmetric: bool
    date_text: str | None
    place: str | None
    source: str | None
    source_text: str | None
    trigger: int  # token index of the event word
    targets: frozenset[str] = frozenset()  # actor types the target must have (empty: any)


# ``Resolve`` maps a token to the actor keys it stands for (empty when none).
Resolve = Callable[[Any], tuple[str, ...]]
# ``Demonym`` maps a demonym ("Russian") to the key of its country's actor.
Demonym = Callable[[str], "str | None"]


#: Slots that name a clause's subject, which is no thing an owner acted on ("claiming the EU
#: constitution would ..." is not about the EU).
CLAUSE_SLOTS = frozenset({"clause", "that", "inf", "xcomp", "wrongdoing"})
#: Plural things an actor proposes or does, owned by the demonym or party that modifies them
#: ("Tory promises", "Russian demands").
PROPOSAL_NOUNS = frozenset({"promise", "proposal", "plan", "policy", "demand", "claim", "comment", "remark", "measure",
                            "reform", "pledge", "tactic", "action", "attack", "threat", "offer", "idea", "statement"})
#: Plural things an actor holds, owned by the demonym that modifies them: what is struck
#: when "Ukrainian forces shelled Russian positions" is Russia's.
HELD_NOUNS = frozenset({"position", "base", "bases", "target", "city", "town", "village", "outpost", "ship", "vessel",
                        "facility", "installation", "embassy", "consulate", "interest", "asset", "port", "airfield",
                        "part", "territory", "area", "region", "goods", "product", "export", "import",
                        "merger", "takeover", "acquisition",  # "blocked the merger of GE and Honeywell"
                        "office", "headquarters", "premises", "compound", "residence"})
#: Adverbs that keep coordinated subjects apart: "both men separately spoke" is no call between them.
APART_WORDS = frozenset({"separately", "independently", "individually"})
#: Punctuation that ends a coordination or apposition chain ("NATO — Russia Council").
CHAIN_BREAKERS = frozenset({"—", "–", "(", ")", "“", "”", '"', ":", ";"})


def _expand(tok: Any, *, appos: bool = True) -> list[Any]:
    """A token and the tokens coordinated (or, for objects, in apposition) with it."""
    doc = tok.doc
    out = [tok]
    stack = [tok]
    while stack:
        cur = stack.pop()
        for child in cur.children:
            if child.dep_ == "conj" or (appos and child.dep_ == "appos"):
                lo, hi = sorted((cur.i, child.i))
                if any(doc[i].text in CHAIN_BREAKERS for i in range(lo, hi)) or hi - lo > 10:
                    continue
                if all(child.i != o.i for o in out):
                    out.append(child)
                    stack.append(child)
    return out


def _actors(tokens: list[Any], resolve: Resolve, *, appos: bool = True) -> list[str]:
    """The actors some tokens name, with those coordinated (and, with ``appos``, in apposition)
    with them. A subject noun that names no one stands for its appositive name ("Following Mr
    Straw's announcement, lawyer Louise Christian said": the parser hung her on "announcement")."""
    keys: list[str] = []
    for tok in tokens:
        found = [key for tok2 in _expand(tok, appos=appos) for key in resolve(tok2)]
        if not found and not appos and tok.pos_ == "NOUN":
            found = [key for c in tok.children if c.dep_ == "appos" and c.ent_type_ == "PERSON" for key in resolve(c)]
        for key in found:
            if key not in keys:
                keys.append(key)
    return keys


def _subjects(verb: Any) -> tuple[list[Any], bool]:
    """Subject tokens of a verb (following control, coordination and relative clauses),
    and whether the verb is passive."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        and (verb.tag_ == "VBN" or verb.tag_ == "VBD" and any(c.dep_ == "dobj" for c in verb.children))
        and any(c.dep_ == "auxpass" for c in verb.head.children))  # "was investigated ... and fined"
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if (verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl", "pcomp") and before is not None and before.dep_ == "pobj"
            and before.pos_ == "PROPN" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)):
        return [before], passive  # "its objection to Sweden joining NATO": Sweden joins
    if verb.dep_ in ("advcl", "acl", "xcomp") and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        reflexive = attributes.reflexive_beside(verb)  # "firm Rosneft, itself shortly to merge with Gazprom"
        if reflexive is not None:
            return [reflexive.head], passive
    cur = verb
    for _ in range(5):
        subj = [c for c in cur.children if c.dep_ in SUBJECT_DEPS] or [
            s for a in cur.children if a.dep_ == "aux" for s in a.children if s.dep_ in SUBJECT_DEPS]  # hung on "have"
        if not subj and not passive and cur.i != verb.i and verb.dep_ == "conj":
            subj = [c for c in cur.children if c.dep_ == "nsubjpass"]  # "was elected and resigned from"
        if passive and cur.i == verb.i:
            agent = [
                p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
            ]
            if not agent:  # "was accused of breaking its promise by the NUS": "by" hung on the gerund
                agent = [p for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"
                         and g.tag_ == "VBG" for b in g.children if b.dep_ == "prep" and b.lower_ == "by"
                         for p in b.children if p.dep_ == "pobj"]
            if not agent and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.head.children):
                # "was investigated by the Commission and fined": the first conjunct's agent
                agent = [p for c in verb.head.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            return agent, True
        if len(subj) > 1 and subj[0].pos_ == "NOUN" and any(t.lower_ == "of" for t in cur.doc[subj[0].i : subj[1].i]):
            subj = subj[:1]  # "the parent company of carmaker Nissan" split by the parser: the company acts
        if subj:
            if subj[0].lower_ in RELATIVE_PRONOUNS and cur.dep_ == "relcl":
                return [cur.head], passive
            return subj, passive
        if cur.dep_ == "xcomp":
            head = cur.head
            obj = [c for c in head.children if c.dep_ in ("dobj",)] or [
                p for c in head.children if (c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ == "on"))
                for p in c.children if p.dep_ == "pobj"]  # "called on Blair to sack ..."
            if obj and head.lemma_ not in attributes.PLAN_GOVERNORS:
                return obj, passive  # object control: "urged Putin to meet"
            subjp = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjp:
                return subjp, passive
            cur = head
            continue
        if cur.dep_ == "acomp" and cur.i != verb.i:  # "Putin is unlikely to meet Zelensky": the subject of "is"
            cur = cur.head
            continue
        if cur.dep_ == "acl" and cur.head.lemma_ in attributes.INTENT_NOUNS and attributes.infinitive(cur):
            owner = [c for c in cur.head.children if c.dep_ == "poss"]
            if owner:
                return owner, passive  # "Britain's decision to leave the EU": Britain leaves
            if cur.head.dep_ == "dobj":
                cur = cur.head.head  # "Putin had no plans to meet Zelensky": who has the plans
                continue
        if cur.dep_ in ("conj", "advcl") or (cur.dep_ == "acl" and cur.tag_ == "VBG"):
            if cur.dep_ == "acl":
                return [cur.head], passive
            cur = attributes.conjunct_head(cur) if cur.dep_ == "conj" else cur.head
            continue
        if cur.dep_ == "relcl" and not subj:
            return [cur.head], passive
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ in ("VERB", "AUX") and cur.tag_ == "VBG":
            charged = [c for c in cur.head.head.children if c.dep_ == "dobj"] if cur.head.lower_ in ("for", "of", "against") else []
            if charged:  # "sanctioned three firms for supplying Russia", "accused Labour of lying", "warned Iran
                # against sending drones": the object did it (or would)
                return charged, passive
            cur = cur.head.head  # "waited before informing the SEC": the clause's subject
            continue
        break
    return [], passive


def _prep_objects(hosts: list[Any], prep: str) -> list[Any]:
    """The objects of the ``prep`` phrases hung on any of ``hosts`` (the verb, and the words the
    parser may hang the phrase on instead: its particle or its object)."""
    return [p for h in hosts for c in h.children if c.dep_ in ("prep", "dative") and c.lower_ == prep
            for p in c.children if p.dep_ == "pobj"]


def _slot_objects(verb: Any, entry: VerbEntry, passive: bool, lex: Lexicon) -> list[Any]:
    slot = entry.slot
    if slot == "-":
        if passive:  # "X, who was expelled by Labour": the relative pronoun's antecedent
            patients = [verb.head if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else c
                        for c in verb.children if c.dep_ == "nsubjpass"]
            if not patients and verb.dep_ == "conj":  # "Apple was investigated ... and fined"
                patients = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
            return patients
        # an object after ", and" belongs to a clause the parser failed to split off ("accepts
        # that nicotine is harmful, and the company's lawyer Ohlemeyer told ...")
        breaks = [c.i for c in verb.children if c.dep_ == "cc" and c.i > verb.i and c.nbor(-1).text == ","]
        direct = [c for c in verb.children if c.dep_ in ("dobj", "dative") and not any(b < c.i for b in breaks)]
        if not direct:  # "helped Ukraine rebuild": the bare infinitive's subject
            direct = [s for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.tag_ == "VB"
                      and not any(a.dep_ in ("aux", "mark") for a in c.children) for s in c.children if s.dep_ == "nsubj"]
        if not direct:  # "sued the state alleging that ...": the parser made the object the gerund's subject
            direct = [s for c in verb.children if c.dep_ in ("ccomp", "advcl") and c.tag_ == "VBG" and c.i > verb.i
                      for s in c.children if s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN")
                      and s.left_edge.i == verb.i + 1 and s.right_edge.i == c.i - 1]
        return direct
    if slot.startswith("prt:"):  # "prt:on": "called on X"; "prt:in:to": "gave in to X"
        particle, _, prep = slot[4:].partition(":")
        # the parser may tag the particle a preposition or an adverb ("pulled out of the EU")
        particles = [c for c in verb.children if c.dep_ in ("prt", "prep", "advmod") and c.lower_ == particle]
        if not particles:
            return []
        if prep:  # on the verb, on the particle, or on the object ("hand over the suspects to Serbia")
            return _prep_objects([verb, *particles, *(c for c in verb.children if c.dep_ == "dobj")], prep)
        direct = _slot_objects(verb, replace(entry, slot="-"), passive, lex)  # "was turned down by"
        return direct + [
            p for c in verb.children if c.lower_ == particle and (c.dep_ == "prep" or c.dep_ == "prt")
            for p in c.children if p.dep_ == "pobj"]  # the parser may hang the object on the particle
    if slot == "inf":  # "wants Iran to halt enrichment": whom the verb wants to act
        clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and attributes.infinitive(c)]
        subjects = [s for c in clauses for s in c.children if s.dep_ == "nsubj"]
        if any(c.dep_ == "xcomp" for c in clauses):
            subjects += [c for c in verb.children if c.dep_ == "dobj"]
        return subjects
    if slot == "xcomp":  # "threatened to attack Hezbollah", "to retaliate against Israel": whom what is threatened is done to
        acts = [c for c in verb.children if c.dep_ == "xcomp"]
        return [o for c in acts for o in c.children if o.dep_ == "dobj"] or _prep_objects(acts, "against")
    if slot == "deal":
        # "agreed to pay $1m to the Justice Department", "agreed to buy Alfa-Eco's stake" (its owner, found
        # by the caller), "agreed to give Mr Glazer access": the other side of what is agreed; a verb that is an
        # interaction of its own ("agreed to meet Putin") says so itself
        acts = [c for c in verb.children if c.dep_ == "xcomp" and not lex.verb_entries(c.lemma_)]
        return [o for c in acts for o in c.children if o.dep_ in ("dobj", "dative")] + [
            o for c in acts for p in c.children if p.dep_ in ("prep", "dative") and p.lower_ == "to"
            for o in p.children if o.dep_ == "pobj"]
    if slot.startswith("verdict:"):  # "said Labour's pledges were vacuous", "called Putin a war criminal"
        return [judged for judged, polarity in _verdicts(verb, lex) if polarity == slot[8:]]
    if slot == "wrongdoing":  # "said Mr Blair had lied", "said Labour could not be trusted": whom it charges
        # a passive's subject suffered the wrong ("said Krivorizhstal was stolen"), unless it cannot be trusted
        return [s for c in verb.children if c.dep_ == "ccomp" and _wrongdoing(c, lex)
                for s in c.children if (s.dep_ == "nsubj" or s.dep_ == "nsubjpass" and c.lemma_ == "trust")
                and s.lower_ not in RELATIVE_PRONOUNS]
    if slot == "clause":  # "Labour claims Mr Howard used Mrs Dixon": whom the claim is about
        # not "claims Labour is united", nor "claims Mr Blair said he would stand down" (what he said)
        return [s for c in verb.children if c.dep_ == "ccomp" and c.lemma_ != "be" and c.lemma_ not in attributes.SPEECH_VERBS
                for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    if slot == "that":  # "demanded that Hamas free the hostages": the clause's subject
        clauses = [c for c in verb.children if c.dep_ == "ccomp" and _mandative(c)]
        return [s for c in clauses for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    if slot.startswith("host:"):  # "welcomed Olaf Scholz to the Elysee": a guest received at a place
        places = [p for p in _prep_objects([verb], slot[5:]) if p.ent_type_ in ("FAC", "GPE", "LOC", "")]
        return [c for c in verb.children if c.dep_ == "dobj" and c.ent_type_ == "PERSON"] if places else []
    if slot.startswith("money:"):  # "pledged $2bn to Egypt", "pledged 500m euros in aid to Kyiv"; not "pledged unity to MPs"
        sums = [c for c in verb.children if c.dep_ == "dobj" and _money(c)]
        return _prep_objects([verb, *sums], slot[6:]) if sums else []
    if slot.startswith("envoy:"):  # "recalled its ambassador from France": only a country's envoy
        envoys = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ENVOY_NOUNS]
        return _prep_objects([verb, *envoys], slot[6:]) if envoys else []  # the "from" may hang on the envoy
    if slot.startswith("border:"):  # "sent troops to the border with Kosovo": only a border
        forces = [c for c in verb.children if c.dep_ == "dobj"]  # "massed troops on the border": or off the troops
        return [across for p in _prep_objects([verb, *forces], slot[7:]) if (across := _across_border(p)) is not p]
    out = []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == slot:
            out.extend(_across_border(p) for p in c.children if p.dep_ == "pobj")
        if c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == slot for m in c.children):
            out.extend(s for s in c.children if s.dep_ == "nsubj")  # "called for Clarke to resign"
        if c.dep_ == "dobj":  # "demanded compensation from the UK", "conceded defeat to X"
            out.extend(p for pp in c.children if pp.dep_ == "prep" and pp.lower_ == slot for p in pp.children if p.dep_ == "pobj")
        if c.dep_ == "prt" and c.lower_ == slot:  # "spoke to X" parsed as particle
            out.extend(p for p in verb.children if p.dep_ == "dobj")
    # "hit out at", "lash out at": the preposition hangs off the particle
    for c in verb.children:
        if c.dep_ in ("prt", "advmod"):
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == slot:
                    out.extend(o for o in p.children if o.dep_ == "pobj")
    return out


#: Words for money that the tagger may not mark as a sum ("500 million euros").
CURRENCY_WORDS = frozenset({"pound", "dollar", "euro", "yen", "rouble", "ruble", "yuan", "rupee", "franc", "peso"})


def _money(noun: Any) -> bool:
    """Whether a noun is a sum of money ("$2bn", "500 million euros"; "pledged aid to X" is the
    noun's own event)."""
    return (noun.ent_type_ == "MONEY" or noun.lemma_.lower() in CURRENCY_WORDS
            or any(c.ent_type_ == "MONEY" or c.text in "$£€¥" for c in noun.children))


#: Nouns for a country's envoys ("recalled its ambassador from Algiers").
ENVOY_NOUNS = frozenset({"ambassador", "envoy", "diplomat", "consul", "commissioner", "representative"})
#: Nouns for a frontier; "near its border with Armenia" points at Armenia.
BORDER_NOUNS = frozenset({"border", "borders", "frontier", "boundary"})
#: Objects that make a deployment a military one ("massed troops near ...").
MILITARY_NOUNS = frozenset({
    "troop", "force", "soldier", "warship", "ship", "tank", "jet", "missile", "reservist", "unit", "battalion",
    "brigade", "division", "army", "vessel", "submarine", "aircraft", "bomber", "fighter", "artillery", "drone",
})


def _across_border(noun: Any) -> Any:
    """The country across a border named by ``noun`` ("the border with Kosovo", "Ukraine's
    border"), or ``noun`` itself."""
    if noun.lemma_.lower() in BORDER_NOUNS:
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "of"):
                pobj = [p for p in c.children if p.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
            if c.dep_ == "poss" and c.tag_ != "PRP$":  # "Ukraine's border" (not "its border")
                return c
    return noun


def _military_deployment(verb: Any) -> bool:
    """Whether a verb moves armed forces: its object is troops, warships, tanks ..."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in MILITARY_NOUNS for c in verb.children)


def _demonym_like(tok: Any) -> bool:
    """Whether a modifier may be a demonym or a party's adjective: tagged so, or capitalised
    inside the sentence ("Conservative claims", left untagged)."""
    return tok.ent_type_ in ("NORP", "GPE") or (tok.text[:1].isupper() and tok.i > tok.sent.start)


def _held(noun: Any) -> bool:
    """Whether a noun names a thing an actor proposes, does or holds (its owner may be a
    demonym, or the object of "of")."""
    return noun.lemma_.lower() in PROPOSAL_NOUNS or bool({noun.lemma_.lower(), noun.lower_} & HELD_NOUNS)


def _owners(nouns: list[Any], resolve: Resolve, demonym: Demonym, lex: Lexicon) -> list[str]:
    """The actors a thing belongs to: its possessor, an actor or demonym modifying it, or the
    object of its "from"/"by" phrase ("Russia's proposal", "the US plan", "Tory promises",
    "a request from Ukraine").  A person a possessor has ("sacked Mr Brown's deputy") is
    someone of their own, not the possessor."""
    for noun in nouns:
        if lex.is_title_head(noun.lemma_.lower()):
            continue
        for deps in (("poss",), ("compound", "nmod", "amod")):
            mods = [c for c in noun.children if c.dep_ in deps and c.i < noun.i]
            if deps != ("poss",) and noun.lemma_.lower() in PACT_NOUNS:  # "the Paris climate agreement": a place
                mods = [c for c in mods if not lex.country(c.text, capitals=True) or lex.country(c.text, capitals=False)]
            if deps == ("poss",):  # "Turkey's membership bid": the possessor of the compound
                mods += [p for c in noun.children if c.dep_ == "compound" and c.i < noun.i
                         for p in c.children if p.dep_ == "poss"]
            keys = _actors(mods, resolve)
            if not keys and (noun.tag_ == "NN" or _held(noun)) and noun.lemma_.lower() not in COMPANY_NOUNS:
                # "the US proposal", "Tory promises"; but "British detainees" are people, not a thing,
                # and "an Indian airline" is a company of India, not India
                keys = [k for c in mods if _demonym_like(c) for k in [demonym(c.text)] if k]
            if keys:
                return keys
        preps = ("from", "by", "of") if _held(noun) else ("from", "by")  # "the assets of Alexander Lukashenko"
        agents = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children
                  if p.dep_ == "pobj" and not any(d.lower_ in GENERIC_WORDS for d in p.children if d.dep_ == "det")]
        # "the scheme proposed by Mr Blair", "a lawsuit brought by the SEC": the agent of its participle
        agents += [p for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" for a in c.children
                   if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        keys = _actors(agents, resolve)
        if keys:
            return keys
    return []


#: Nouns of backing whose "of" phrase names who gives it when someone has or wins it ("has the
#: support of Gordon Brown", "won the backing of the unions").
BACKING_NOUNS = frozenset({"support", "backing", "blessing", "endorsement", "confidence"})
#: Verbs by which one has or wins backing.
HOLDING_VERBS = frozenset({"have", "win", "enjoy", "gain", "secure", "get", "retain", "keep", "lose", "receive", "earn"})


def _received(noun: Any, lex: Lexicon, resolve: Resolve) -> tuple[list[str], list[str], Any] | None:
    """An event noun its clause's subject receives: the agents of its "from"/"by" phrase, the
    subjects of the receiving verb, and that verb ("faced charges from the SEC", "came under
    pressure from Brussels", "pressed on despite criticism from the IMF"); None when the noun
    is not used so."""
    head = noun.head
    backing = noun.lemma_.lower() in BACKING_NOUNS and noun.dep_ == "dobj" and head.lemma_ in HOLDING_VERBS
    if noun.dep_ == "dobj" and (head.lemma_ in lex.receiving_verbs or backing):
        verb = head
    elif noun.dep_ == "pobj" and head.lower_ in ("under", "despite", "amid") and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head  # "came under pressure from", "insisted ..., despite criticism from the IMF"
    else:
        return None
    # the phrase hangs off the noun, or off the verb it is the object of ("faced charges from the SEC";
    # not "agreed to withdraw from Lebanon under pressure from the US")
    hosts = (*noun.children, *(c for c in verb.children if c.i > noun.i))
    preps = [c for c in hosts if c.dep_ == "prep" and (c.lower_ in ("from", "by") or backing and c.lower_ == "of")]
    agents = _actors([p for c in preps for p in c.children if p.dep_ == "pobj"], resolve)
    if not agents:
        return None
    subjects, _ = _subjects(verb)
    if head.lower_ in ("despite", "amid") and any(t.lemma_.lower().rstrip("s") in ARMED_GROUP_NOUNS for t in subjects):
        return None  # "troops remained massed at the border despite warnings from Biden": warned was their state
    targets = _actors(subjects, resolve, appos=False)
    if not targets and head.lower_ != "under" and verb.dep_ == "ccomp":
        # "Mr Brown insisted the economy was strong, despite criticism from the IMF": the parser
        # hung the phrase in what he said; it is he who holds on despite it
        targets = _actors(_subjects(verb.head)[0], resolve, appos=False)
    # the word the relation is told with: "faced charges", "under pressure", "despite criticism"
    return (agents, targets, verb if noun.dep_ == "dobj" else head) if targets else None


#: Nouns of a flow that is an event only when cut off ("cut gas supplies to Ukraine").
UNDONE_ONLY_NOUNS = frozenset({"supply", "supplies", "delivery", "deliveries", "shipment", "shipments"})
#: Nouns for charges brought against someone, which they deny or reject ("denied the charges").
CHARGE_NOUNS = frozenset({"charge", "allegation", "accusation", "claim"})
#: Classes whose refusal ("will not back", "cannot accept") is a rejection.
REFUSABLE_CLASSES = frozenset({"Support", "Agree"})
#: Auxiliaries that make a negated verb a stance taken now: "cannot", "will not", "would not".
REFUSING_AUX = frozenset({"can", "ca", "could", "will", "wo", "would"})


def _refused(verb: Any) -> bool:
    """Whether a verb is what someone refused or declined to do ("refused to back Lord Dubs'
    bill", "declined to endorse Mr Brown")."""
    return verb.dep_ == "xcomp" and verb.head.lemma_ in ("refuse", "decline") and not any(
        c.dep_ == "neg" for c in verb.head.children)


def _refuses(verb: Any, cls: str) -> bool:
    """Whether a negated verb declares a refusal ("the US says it cannot support the plan", "Germany
    will not back the proposal"), not that something did not happen ("has not endorsed"), might
    not ("would not back it if ...") or could not be reached ("could not agree with Hamas")."""
    kids = list(verb.children)
    return (verb.pos_ == "VERB" and any(c.dep_ == "neg" for c in kids)
            and any(c.dep_ == "aux" and c.lower_ in REFUSING_AUX and (cls == "Support" or c.lower_ != "could") for c in kids)
            and not any(c.dep_ == "mark" and c.lower_ in attributes.CONDITIONAL_MARKS for c in kids)
            and not any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in attributes.CONDITIONAL_MARKS
                                                    for m in c.children) for c in kids))


def _mandative(clause: Any) -> bool:
    """Whether a complement clause states what someone must do: "that" and a bare or modal
    verb ("demanded that Sweden extradite", "that Israel should stop"), not a question
    ("asked whether he was comfortable")."""
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    if marks - {"that"} or any(c.dep_ == "aux" and c.lower_ in ("would", "will", "could", "can", "may", "might")
                               for c in clause.children):
        return False  # "insist the bill would not change the law": a claim, not a demand
    return clause.tag_ in ("VB", "VBP") or any(c.dep_ == "aux" and c.lower_ in ("should", "must") for c in clause.children)


def _relation(trigger: Any, entry: VerbEntry) -> str:
    words = [trigger.text]
    prt = [c.text for c in trigger.children if c.dep_ == "prt"]
    if not prt and entry.slot.startswith("prt:"):  # the particle tagged otherwise ("pulled out of")
        prt = entry.slot[4:].split(":")
    words.extend(prt)
    if entry.slot == "deal":  # "agreed to pay"
        words.extend(w for c in trigger.children if c.dep_ == "xcomp" for w in ("to", c.text))
    elif (entry.slot not in ("-", "inf", "clause", "xcomp", "wrongdoing") and not entry.slot.startswith(("prt:", "verdict:"))
          and entry.slot not in prt):
        words.append(entry.slot.rpartition(":")[2])  # "border:to", "envoy:from": the preposition
    return " ".join(words)


def _gone_to(noun: Any) -> bool:
    """Whether an event noun is where its agents go ("went to war with Argentina")."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lemma_ == "go"


def _noun_agent(noun: Any, resolve: Resolve, lex: Lexicon, demonym: Demonym, slot: str | None = None) -> list[str]:
    """The agent of an event noun: possessor, demonym, by/from phrase, light-verb or clause subject.
    When the noun's target is in a phrase other than "of" (``slot``), an "of" phrase names the
    agent ("the visit of Li Qiang to Australia")."""
    for child in noun.children:
        if child.dep_ in ("poss", "nsubj"):  # "Russia's invasion"; "the US claim" parsed with a subject
            keys = _actors([child], resolve)
            if keys:
                return keys
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i:
            keys = _actors([child], resolve)
            if keys:
                return keys
            key = demonym(child.text) if _demonym_like(child) else None
            if key is not None:
                return [key]
    agent_preps = ("by", "from", "of") if slot not in (None, "of") else ("by", "from")
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in agent_preps:
            keys = _actors([p for p in child.children if p.dep_ == "pobj"], resolve)
            if keys:
                return keys
    head = noun.head
    if noun.dep_ == "dobj" and (head.lemma_ in lex.light_verbs or head.lemma_ in lex.undoing_verbs) and not (
            slot == "clause" and head.lemma_ in REFUSING_VERBS):  # "rejected the allegation that ...": not its author
        subj, passive = _subjects(head)
        return _actors(subj, resolve)
    if noun.dep_ == "pobj" and head.lower_ == "in" and head.head.dep_ == "dobj" and _money(head.head):
        subj, passive = _subjects(head.head.head)  # "pledged 500m euros in military aid to Ukraine"
        return _actors(subj, resolve)
    if noun.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_ in TO_EVENT_VERBS:
        subj, passive = _subjects(head.head)  # "agreed to a ceasefire with Israel", "returned to talks with"
        return _actors(subj, resolve)
    if _gone_to(noun):  # "will not go to war with Kosovo"
        subj, passive = _subjects(head.head)
        return _actors(subj, resolve)
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in EVENT_ADJUNCT_PREPS:
        verb = head.head
        if head.lower_ == "in" and head.i > verb.i and verb.lemma_ not in IN_EVENT_VERBS and noun.lemma_.lower() not in STANCE_NOUNS:
            return []  # "ruled against the US in a dispute with the EU": the court is no party
        if verb.pos_ in ("VERB", "AUX") and head.lower_ != "of":
            subj, passive = _subjects(verb)
            return _actors(subj, resolve)
        if head.lower_ == "of" and verb.lower_ == "ahead":
            return []
    return []


def sentence_interactions(
    sent: Any,
    lex: Lexicon,
    resolve: Resolve,
    attribution: Callable[[Any], tuple[str | None, str | None]],
    demonym: Demonym,
    civilian: Callable[[str], bool] = lambda key: False,
    home: Callable[[str], bool] = lambda key: False,
    speaker: str | None = None,
    accusers: Callable[[str], list[str]] = lambda key: [],
) -> list[RawInteraction]:
    """All interactions in one sentence.

    ``speaker`` is who speaks the sentence when it goes on an earlier sentence's quote ('Mr
    Bannatyne said: "..." "Gordon Brown is a great chancellor ..."'): what the quote calls
    someone is the speaker's judgement of them.

    ``civilian`` tells whether an actor acts by words, not arms (a person, a party, a
    company): for it a verb's first class applies ("attacked" is Disapprove, not Assault).
    ``home`` tells whether an actor is the country the document is about. ``accusers`` gives
    who accused an actor in earlier sentences, latest first: "denied the charges" rejects them.
    """
    out: list[RawInteraction] = []

    def emit(trigger: Any, subjects: list[str], objects: list[str], entry: VerbEntry,
             relation: str, extra: list[Any], said: bool = False) -> None:
        source, source_text = attribution(trigger)
        # what is said is a fact of its own ("said: 'The Tories should ...'" is an appeal made)
        mod = "asserted" if said else attributes.modality(trigger, attributed=source_text is not None)
        date = attributes.event_date(trigger, extra)
        place = attributes.event_place(trigger, extra)
        # a mutual event with a party that acts by words only ("a conflict between Argentina
        # and water firm Suez") is a dispute, not a fight
        civil = any(civilian(k) for k in subjects + objects) if entry.symmetric else bool(subjects) and all(civilian(k) for k in subjects)
        # the actors decide, not the tagger: "The Houthis" tagged as people are an armed group
        cls = entry.class_for(civilian=civil)
        if cls in REFUSABLE_CLASSES and mod == "negated" and (_refuses(trigger, cls) or _refused(trigger)):
            # "cannot support Mr Brown's plan", "will not back the bill": a refusal, not a missing event
            cls, mod = "Reject", "asserted" if source_text is None else "reported"
        if entry.reverse:  # "received aid from Germany": Germany is the agent
            subjects, objects = objects, subjects
        for s in subjects:
            for o in objects:
                if s == o:
                    continue
                out.append(RawInteraction(s, o, relation, cls, mod, entry.symmetric, date, place, source, source_text,
                                          trigger.i, entry.targets))

    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and (tok.tag_.startswith("VB") or _acts_as_verb(tok))):
            entries = next((e for e in map(lex.verb_entries, attributes.lemma_forms(tok)) if e), [])
            if not entries:
                continue
            if _questioned(tok):
                continue  # "Asked if he would welcome BNP voters, he said ...": a question put, not an act
            subj_toks, passive = _subjects(tok)
            if in_quote(tok) and all(in_quote(t) for t in subj_toks) and not _first_person(subj_toks):
                continue  # the speaker's own words ("Don't tell lies, Nigel"), not an act; but
                # "I will be asking Parliament ..." is the speaker telling of an act
            subjects = _actors(subj_toks, resolve, appos=False)
            if not subjects and tok.dep_ == "acl" and tok.tag_ == "VBG":
                subj_toks = _speech_maker(tok.head, lex)  # "opened with a speech criticising X"
                subjects = _actors(subj_toks, resolve, appos=False)
            said = attributes.conjunct_head(tok) if tok.dep_ == "conj" else None
            if (not subjects and subj_toks and said is not None and said.dep_ == "ccomp" and said.head.lemma_ in attributes.SPEECH_VERBS
                    and attributes.modality(said, attributed=False) == "asserted"):  # its modality would be the clause's
                # "Mrs Robinson said the ruling was right and praised their majority": a thing cannot
                # praise; the parser joined the second verb to what was said, not to the saying
                subj_toks = _subjects(said.head)[0]
                subjects = _actors(subj_toks, resolve, appos=False)
            done = False
            # what the words say of a third party ("told MPs Mr Blair had lied") comes besides the
            # verb's own sense; a deployment of armed forces reads before the general senses
            # ("sent troops to the border with Kosovo" is no aid)
            for entry in sorted(entries, key=lambda e: (not _judges(e), e.cls != "Mobilize")):
                if entry.cls == "Mobilize" and entry.slot != "against" and not _military_deployment(tok):
                    continue  # "moved staff to Paris" moves no army
                if entry.cls == "Communicate" and any(c.dep_ == "oprd" for c in tok.children):
                    continue  # "called Putin a war criminal" is no call
                if entry.slot == "-" and any(c.dep_ == "prt" or c.dep_ == "advmod" and c.i == tok.i + 1 and c.lower_ in PARTICLES
                                             for c in tok.children):
                    continue  # a particle verb is another verb: "calling back 17,815 cars" is no call
                if (entry.reverse or entry.cls == "Aid") and any(c.dep_ == "dobj" and c.lemma_.lower() in MESSAGE_NOUNS
                                                                 for c in tok.children):
                    continue  # "received information from the Iraqi authorities", "sent a letter to" are no aid
                if entry.cls == "Request" and _asks_a_question(tok):  # "asked Mr Myers if he knew Ebbers"
                    entry = replace(entry, cls="Communicate")
                obj_toks = _slot_objects(tok, entry, passive, lex)
                objects = _actors(obj_toks, resolve)
                if passive and not subjects and entry.slot == "-" and entry.cls == "Sanction":
                    # "who was expelled from Labour": the body one is put out of acts
                    subjects = _actors([p for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                                        for p in c.children if p.dep_ == "pobj"], resolve)
                if not objects and obj_toks and entry.cls not in ("Communicate", "Consult", "Meet") and entry.slot not in CLAUSE_SLOTS:
                    # "rejected Russia's proposal", "backed Mr Brown's plan", "the US proposal",
                    # "an invitation from Erdogan": the owner of the thing acted on
                    objects = _owners(obj_toks, resolve, demonym, lex)
                if not objects and entry.cls == "Reject" and entry.slot == "-" and len(subjects) == 1 and any(
                        t.lemma_.lower() in CHARGE_NOUNS and not any(c.dep_ in ("poss", "prep", "compound") for c in t.children)
                        for t in obj_toks):
                    objects = accusers(subjects[0])[:1]  # "The firms denied the charges": those who charged them
                if not objects and len(subjects) >= 2 and entry.slot == "-" and _each_other(obj_toks):
                    objects = subjects  # "Both sides accused each other": every one of them the others
                if objects and subjects:
                    emit(tok, subjects, objects, entry, _relation(tok, entry), obj_toks)
                    done = not _judges(entry)
                elif entry.symmetric and not obj_toks and len(subjects) >= 2 and not done and any(
                        e.slot == "with" for e in entries) and not _apart(tok, lex, resolve):
                    # reciprocal: "A and B met", "A and B signed a deal" (not "A and B called
                    # for an inquiry", "A and B met union leaders", "both men separately spoke")
                    first, rest = subjects[0], subjects[1:]
                    emit(tok, [first], rest, entry, _relation(tok, entry).rsplit(" ", 1)[0] if entry.slot != "-" else tok.text, [])
                    done = True
                if done:
                    break
            # a participle with no object of its own inherits the addressee ("..., warning him")
            if not done and tok.dep_ == "advcl" and tok.tag_ == "VBG" and subjects:
                head_objs = [c for c in tok.head.children if c.dep_ in ("dobj",)]
                objects = _actors(head_objs, resolve)
                direct = [e for e in entries if e.slot == "-"]
                if objects and direct and not any(c.dep_ == "dobj" for c in tok.children):
                    emit(tok, subjects, objects, direct[0], tok.text, [])
        elif tok.pos_ in ("NOUN", "PROPN"):
            entries = lex.noun_entries(tok.lemma_) or lex.noun_entries(tok.lower_)
            if not entries or (in_quote(tok) and not _first_person_act(tok)):
                continue
            received = _received(tok, lex, resolve)
            if received is not None:  # "faced criticism from the EU": the EU criticised the subject
                agents, targets, verb = received  # a "received" entry says what the noun means so
                entry = next((e for e in entries if e.slot == "received"), entries[0])  # ("came under fire")
                emit(tok, agents, targets, entry, f"{verb.text} {tok.text}", [])
                continue
            undoing = tok.dep_ == "dobj" and tok.head.lemma_ in lex.undoing_verbs
            if tok.lemma_.lower() in UNDONE_ONLY_NOUNS and not undoing:
                continue  # "deliveries of oil to India" are trade; "cut gas supplies to Ukraine" is a sanction
            for entry in entries:
                if undoing:  # "lifted sanctions on Cuba": a concession; "ended the war with Iraq": no event
                    cls = lex.undo_verbs.get((tok.head.lemma_, entry.cls))
                    if cls is None:
                        continue
                    entry = replace(entry, cls=cls, symmetric=False)
                if entry.slot == "clause":  # "Labour claims he had used Mrs Dixon", "the claim that Iran ..."
                    obj_toks = [s for c in tok.children if c.dep_ in ("acl", "relcl", "ccomp") and c.pos_ == "VERB" and c.lemma_ != "be"
                                and c.lemma_ not in attributes.SPEECH_VERBS
                                for s in c.children if s.dep_ in ("nsubj", "nsubjpass") and s.lower_ not in RELATIVE_PRONOUNS]
                    objects = _actors(obj_toks, resolve)
                    agents = _noun_agent(tok, resolve, lex, demonym, entry.slot) if objects else []
                    if agents:
                        emit(tok, agents, objects, entry, tok.text, obj_toks)
                        break
                    continue
                preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == entry.slot]
                if not preps and tok.dep_ == "dobj" and (tok.head.lemma_ in lex.light_verbs or undoing):
                    # "issued a warning to Azerbaijan": the phrase hangs off the light verb
                    preps = [c for c in tok.head.children if c.dep_ in ("prep", "dative") and c.lower_ == entry.slot]
                if not preps and _gone_to(tok):  # "went to war with Argentina": off "went"
                    preps = [c for c in tok.head.head.children if c.dep_ == "prep" and c.lower_ == entry.slot]
                obj_toks = [p for c in preps for p in c.children if p.dep_ == "pobj"]
                if not obj_toks:
                    if entry.symmetric and tok.dep_ == "dobj" and tok.head.lemma_ in lex.light_verbs:
                        agents = _noun_agent(tok, resolve, lex, demonym)
                        if len(agents) >= 2:  # "Modi and Biden held talks"
                            emit(tok, [agents[0]], agents[1:], entry, f"{tok.head.text} {tok.text}", [])
                            break
                    continue
                objects = _actors(obj_toks, resolve)
                if not objects and entry.cls not in ("Communicate", "Consult", "Meet") and entry.slot != "between":
                    objects = _owners(obj_toks, resolve, demonym, lex)  # "support to Mr Brown's ambitions"
                if entry.slot == "between":
                    head = obj_toks[0] if len(obj_toks) == 1 else None
                    words = list(head.doc[head.left_edge.i : head.i + 1]) if head is not None else []
                    if len(objects) < 2 and any(t.dep_ == "cc" and t.lower_ == "and" for t in words):
                        # "between the Argentine State and water firm Aguas Argentinas": the parser
                        # nested the first party in the second's modifiers; each name before the head is a party
                        owners = _actors([t for t in words if any(c.dep_ == "case" for c in t.children)], resolve)
                        objects = [k for k in _actors([t for t in words if t.dep_ != "conj"], resolve)
                                   if k not in owners]  # not "Argentina" of "Argentina's Enarsa"
                    if len(objects) >= 2:
                        emit(tok, [objects[0]], objects[1:], entry, f"{tok.text} {entry.slot}", obj_toks)
                    break
                agents = _noun_agent(tok, resolve, lex, demonym, entry.slot) if objects else []
                if agents:  # "cut gas supplies to": the undoing verb is part of the relation
                    emit(tok, agents, objects, entry, f"{tok.head.text + ' ' if undoing else ''}{tok.text} {entry.slot}", obj_toks)
                    break
    _modal_appeals(sent, resolve, emit, home, speaker)
    root = sent.root
    if speaker is not None and in_quote(root):
        for judged, polarity in _clause_verdicts(root, lex):
            targets = [k for k in _actors([judged], resolve, appos=False) if k != speaker]
            if not targets:
                targets = [k for k in _owners([judged], resolve, demonym, lex) if k != speaker]
            entry = VerbEntry(root.lemma_, f"verdict:{polarity}", "Disapprove" if polarity == "-" else "Praise", False)
            if targets:
                emit(root, [speaker], targets, entry, root.text, [])
    return out


#: What a speaker says another actor should do, typed by the clause's modal: an appeal ("the
#: government must act quickly, Mary Robinson said"), or criticism when the clause says what
#: the actor should have done ("said the government should have acted sooner").
MODAL_CLASSES = {"should": "Appeal", "must": "Demand", "ought": "Appeal"}
MISSED_CLASS = "Disapprove"
#: Verbs that report what their subject says.
SAYING_VERBS = frozenset({"say", "add", "insist", "argue", "tell", "state", "write", "declare", "stress", "warn"})


def _modal_appeals(sent: Any, resolve: Resolve, emit: Callable[..., None], home: Callable[[str], bool],
                   speaker: str | None = None) -> None:
    """Emit the appeals and criticism that a speaker states with a modal about another actor
    (named, not a pronoun; not the document's own country: "the UK should reform the CAP" is
    an opinion about policy), in what a saying verb says or in a quote that goes on an earlier
    sentence's ('Mr Oaten said: "..." "The Tories should have the courage ..."')."""
    said: list[tuple[Any, list[str], Any]] = []
    for verb in sent:
        if verb.lemma_ not in SAYING_VERBS or verb.pos_ != "VERB":
            continue
        speakers = _actors([c for c in verb.children if c.dep_ == "nsubj"], resolve, appos=False)
        if speakers:
            said += [(verb, speakers, c) for c in verb.children if c.dep_ == "ccomp"]
    if speaker is not None and in_quote(sent.root) and sent.root.pos_ in ("VERB", "AUX"):
        said.append((sent.root, [speaker], sent.root))
    for verb, speakers, clause in said:
        modal = [a for a in clause.children if a.dep_ == "aux" and a.lower_ in MODAL_CLASSES]
        subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.tag_ != "PRP"]
        targets = [k for k in _actors(subjects, resolve, appos=False) if not home(k) and k not in speakers] if modal else []
        if not targets:
            continue
        missed = clause.tag_ == "VBN" and any(a.dep_ == "aux" and a.lower_ == "have" for a in clause.children)
        entry = VerbEntry(verb.lemma_, "clause", MISSED_CLASS if missed else MODAL_CLASSES[modal[0].lower_], False)
        if verb.i == clause.i:  # the quote goes on: the appeal is made, whatever its modal says
            emit(verb, speakers, targets, entry, modal[0].text, [], said=True)
        else:
            emit(verb, speakers, targets, entry, f"{verb.text}: {modal[0].text}", [])


#: Nouns for what someone says or writes, whose author does what they do ("a speech
#: criticising Blair's record", "a letter urging Putin to ...").
UTTERANCE_NOUNS = frozenset({"speech", "letter", "statement", "article", "report", "message", "address", "interview",
                             "motion", "resolution", "campaign", "advert", "advertisement", "book", "column"})


#: Verbs whose direct object is what is talked about, not who ("Putin and Xi discussed Ukraine").
TOPIC_VERBS = frozenset({"discuss", "debate"})


def _apart(verb: Any, lex: Lexicon, resolve: Resolve) -> bool:
    """Whether coordinated subjects do not act on each other: the verb, or the verb whose subjects
    a purpose clause shares, has someone else as its object ("A and B met union leaders [to discuss
    growth]"), or says they acted apart ("both men separately spoke")."""
    while True:
        if any(c.lower_ in APART_WORDS or (c.dep_ == "dobj" and verb.lemma_ not in TOPIC_VERBS and _someone(c, lex, resolve))
               for c in verb.children):
            return True
        if verb.dep_ not in ("advcl", "xcomp") or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return False
        verb = verb.head


def _judges(entry: VerbEntry) -> bool:
    """Whether an entry reads what the words say of someone ("wrongdoing", "verdict:-"), beside the verb's own sense."""
    return entry.slot == "wrongdoing" or entry.slot.startswith("verdict:")


def _verdicts(verb: Any, lex: Lexicon) -> list[tuple[Any, str]]:
    """Who or what a verb's subject judges, with the judgement's polarity ("-" or "+", from the
    lexicon's evaluative words): "called Putin a war criminal", "found X's policies abhorrent",
    "described him as a hero" (the object), "said the government was ineffective", "said Gordon
    Brown is a great chancellor" (the subject of the clause said). A negated clause judges nothing."""
    out: list[tuple[Any, str]] = []
    kids = list(verb.children)
    predicates = [c for c in kids if c.dep_ == "oprd"] + [
        p for c in kids if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
    for d in (c for c in kids if c.dep_ == "dobj"):
        # "found BNP's policies "abhorrent"": the predicate parsed as a modifier after its noun
        late = [a for a in d.children if a.dep_ == "amod" and a.i > d.i]
        out.extend((d, pol) for p in predicates + late if (pol := _polarity(p, lex)))
    for clause in kids:
        if clause.dep_ in ("ccomp", "xcomp"):
            out.extend(_clause_verdicts(clause, lex))
    return out


def _polarity(word: Any, lex: Lexicon) -> str | None:
    """The judgement a predicate word carries, or one of its modifiers before it ("a great chancellor")."""
    for w in (word, *(c for c in word.children if c.dep_ in ("amod", "compound") and c.i < word.i)):
        found = lex.evaluative.get(w.lemma_.lower()) or lex.evaluative.get(w.lower_)
        if found:
            return found
    return None


def _clause_verdicts(clause: Any, lex: Lexicon) -> list[tuple[Any, str]]:
    """What a clause says its subject is, judged: "the government was ineffective", "[BNP's
    policies abhorrent]" (a small clause), "Gordon Brown is a great chancellor"; nothing when negated."""
    if any(c.dep_ == "neg" for c in clause.children):
        return []
    if clause.lemma_ == "be":
        said = [c for c in clause.children if c.dep_ in ("acomp", "attr")]
    elif clause.pos_ in ("ADJ", "NOUN"):  # "found [BNP's policies abhorrent]"
        said = [clause]
    else:
        return []
    return [(s, pol) for s in clause.children if s.dep_ == "nsubj" for p in said if (pol := _polarity(p, lex))]


def _wrongdoing(clause: Any, lex: Lexicon) -> bool:
    """Whether a clause charges its subject with wrongdoing: a verb of the lexicon's list, not
    negated, not conditional ("had lied", "misled Parliament", not "would never mislead"), or a
    denied trust ("cannot be trusted")."""
    kids = list(clause.children)
    negated = any(c.dep_ == "neg" or c.lower_ in ("never", "not") for c in kids)
    if clause.lemma_ == "trust":
        return negated and any(c.dep_ == "auxpass" for c in kids)
    conditional = any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "may") for c in kids)
    return clause.lemma_ in lex.wrongdoing_verbs and not negated and not conditional and (
        clause.lemma_ != "cover" or any(c.dep_ == "prt" and c.lower_ == "up" for c in kids))


def _someone(tok: Any, lex: Lexicon, resolve: Resolve) -> bool:
    """Whether a noun names an actor or people ("business leaders", "the Kremlin"), not a thing ("a deal")."""
    lemma = tok.lemma_.lower()
    return bool(resolve(tok)) or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or lex.is_title_head(lemma) or (
        lemma in lex.group_nouns or lemma.rstrip("s") in lex.group_nouns)


#: Classes of a verb that acts against an utterance rather than making it ("vetoed a resolution").
OPPOSING_CLASSES = frozenset({"Reject", "Sanction", "Disapprove", "Accuse", "Coerce"})


def _speech_maker(noun: Any, lex: Lexicon) -> list[Any]:
    """The author of an utterance noun: its possessor or the name modifying it ("a Labour motion
    condemning the cuts"), or the subject of the verb it is the object of ("Dr Fox opened
    proceedings with a speech ...", "Mr Howard wrote a letter ..."); no one when that verb acts on
    the utterance ("The US vetoed a UN resolution condemning Israel": it was not passed)."""
    if noun.lemma_.lower() not in UTTERANCE_NOUNS:
        return []
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head if noun.dep_ == "dobj" else None
    if verb is not None and any(e.cls in OPPOSING_CLASSES and e.slot == "-" for e in lex.verb_entries(verb.lemma_)):
        return []
    poss = [c for c in noun.children if c.dep_ == "poss"] or [
        c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")]
    if poss:
        return poss
    return _subjects(verb)[0] if verb is not None and verb.pos_ in ("VERB", "AUX") else []


def _first_person(subjects: list[Any]) -> bool:
    """Whether a clause's subjects are the speaker ("I", "we")."""
    return bool(subjects) and all(t.lower_ in ("i", "we") for t in subjects)


def _first_person_act(noun: Any) -> bool:
    """Whether an event noun in a quote is the speaker's own act ("I have failed to reach an
    agreement with ...")."""
    head = noun.head
    return noun.dep_ == "dobj" and _first_person(_subjects(head)[0])
