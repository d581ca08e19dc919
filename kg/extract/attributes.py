"""Attributes of an interaction: modality, date, place and attribution.

Each is read from the dependency tree around the event's word.  The trigger
words are named constants so that a reader can see, and a user can extend,
what counts as future, conditional or reported.

>>> normalise_date("Sunday", "2022-01-06", future=True)
'2022-01-09'
>>> normalise_date("Thursday", "2022-01-06", future=False)
'2021-12-30'
>>> normalise_date("January 10", "2022-01-06", future=True)
'2022-01-10'
>>> normalise_date("10 March 2005", None, future=False)
'2005-03-10'
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["conjunct_head",
    "infinitive",
    "reflexive_beside",
    "lemma_forms",
    "modality",
    "event_date",
    "event_place",
    "normalise_date",
    "ASKING_VERBS",
    "CLAIM_NOUNS",
    "SPEECH_VERBS",
    "PLAN_GOVERNORS",
    "HYPOTHETICAL_GOVERNORS",
    "NEGATING_GOVERNORS",
]

#: Verbs that report what someone said; their clauses are attributed, not asserted.
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "announce", "claim", "state", "report", "insist", "note", "confirm",
    "reveal", "allege", "write", "explain", "argue", "declare", "suggest", "believe", "think",
    "describe", "quote", "acknowledge", "admit", "stress", "indicate", "disclose", "deny",
})
#: Governors that make the event they control planned ("plans to meet", "is set to visit").
PLAN_GOVERNORS = frozenset({
    "plan", "set", "due", "expect", "schedule", "intend", "prepare", "promise", "vow", "pledge",
    "aim", "agree", "decide", "arrange", "go", "poise", "slate", "scheduled", "intention", "decision",
    "postpone", "delay", "defer",  # "the visit was postponed": it is still to come
})
#: Nouns whose infinitive is what their owner means to do ("had no plans to meet Zelensky", "announced
#: a decision to leave"): the subject of the verb that has them acts.
INTENT_NOUNS = frozenset({"plan", "intention", "decision", "pledge", "promise", "bid", "attempt", "effort", "desire",
                          "wish", "readiness", "willingness", "refusal", "threat"})
#: Governors that make the event hypothetical ("threatened to impose", "urged X to meet").
HYPOTHETICAL_GOVERNORS = frozenset({
    "threaten", "want", "hope", "seek", "try", "consider", "urge", "ask", "call", "demand",
    "propose", "wish", "need", "offer", "press", "encourage", "invite", "push", "like",
    "attempt", "could", "might", "warn", "fear", "risk", "prevent", "avoid", "deter", "bid", "effort", "desire",
    "readiness", "willingness",
    "likely", "unlikely", "ready", "willing", "keen", "eager", "prepared",  # "is unlikely to meet Zelensky"
})
#: Verbs whose "if" clause is the question asked ("asked Mr Myers if he knew Ebbers").
ASKING_VERBS = frozenset({"ask", "wonder", "question", "quiz", "press", "challenge"})
#: Governors that negate the event ("refused to meet", "failed to agree").
NEGATING_GOVERNORS = frozenset({"refuse", "fail", "decline", "reject", "deny", "rule", "cancel", "scrap", "refusal"})
#: Verbs that put off or call off the event that is their passive subject ("the visit was postponed").
SCHEDULING_VERBS = frozenset({"postpone", "delay", "defer", "cancel", "scrap"})
#: Verbs whose object event is only wanted ("sought talks with", "proposed a meeting with").
SOUGHT_GOVERNORS = frozenset({"seek", "propose", "want", "consider", "request"})
#: Nouns whose clause is a claim, not a fact ("reports he told Brown").
CLAIM_NOUNS = frozenset({"report", "claim", "rumour", "rumor", "allegation", "suggestion", "speculation", "story", "accusation"})
#: Verbs that deny the claim they govern ("dismissed reports", "denied that").
DENIAL_VERBS = frozenset({"deny", "dismiss", "reject", "refute", "rebut", "dispute"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_AUX = frozenset({"would", "could", "might", "may", "'d", "should"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
#: Prepositions of an adjunct that sets an event beside the clause's ("during his visit").
CIRCUMSTANCE_PREPS = frozenset({"during", "after", "before", "since", "following", "amid", "despite"})
PLANNED_MODIFIERS = frozenset({"upcoming", "planned", "proposed", "forthcoming", "scheduled", "future", "expected", "next"})
REPORTED_MODIFIERS = frozenset({"reported", "alleged", "rumoured", "rumored", "claimed", "purported"})
#: Adverbs that pass an event on as hearsay ("reportedly agreed").
REPORTED_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "apparently"})
#: Verbs whose passive passes on what is said ("is believed to be supplying", "is said to have met").
HEARSAY_VERBS = frozenset({"believe", "say", "think", "understand", "report", "rumour", "rumor", "allege", "claim", "suspect"})
HYPOTHETICAL_MODIFIERS = frozenset({"possible", "potential", "any", "further", "threatened", "feared"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl", "conj", "xcomp", "pcomp"})

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_DATE_WORDS = re.compile(
    r"\b(" + "|".join(_WEEKDAYS + _MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    r"|today|yesterday|tomorrow|tonight|week|month|year|weekend|\d{4})\b",
    re.I,
)


def conjunct_head(tok: Any) -> Any:
    """The word a conjunct is coordinated with.  A finite verb that the parser joined to an
    infinitive ("said it was impossible to overstate X and urged Y"), or to an expletive
    "it was" under a verb ("said it was wrong and urged Y"), belongs with the finite verb
    of the same tense above it ("said")."""
    head = tok.head
    expletive = head.lemma_ == "be" and head.dep_ == "ccomp" and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in head.children)
    if tok.tag_ in ("VBD", "VBZ") and (head.tag_ == "VB" or expletive) and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        up = head.head if expletive else head
        while up.head.i != up.i and not (up.tag_ == tok.tag_ and up.pos_ == "VERB"):
            up = up.head
        if up.tag_ == tok.tag_ and up.pos_ == "VERB":
            return up
    return head


def _governor_chain(tok: Any) -> list[Any]:
    """The event word and the words that control it (xcomp/conj/acl chains, light verbs)."""
    chain = [tok]
    cur = tok
    for _ in range(6):
        if cur.dep_ in ("xcomp", "conj", "dobj", "pobj", "acomp", "auxpass") or (
            cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.lower_ == "against"  # "warned Iran against sending"
        ) or (
            cur.dep_ == "advcl" and (cur.tag_ == "VBG" or infinitive(cur))  # "will fly to Moscow to meet Putin"
        ) or (cur.dep_ == "ccomp" and cur.tag_ == "VB" and cur.head.lemma_ in HYPOTHETICAL_GOVERNORS  # "demanded that
              and not any(c.dep_ == "aux" for c in cur.children)  # Syria withdraw": a subjunctive, only demanded
        ) or (cur.dep_ == "acl" and cur.head.lemma_ in INTENT_NOUNS) or (  # "no plans to meet"
            cur.dep_ == "nsubjpass" and cur.pos_ == "NOUN" and not chain[1:]
                and cur.head.lemma_ in SCHEDULING_VERBS):  # "the visit was postponed" ("the request was rejected" was made)
            if cur.dep_ in ("pobj", "pcomp") and cur.head.dep_ == "prep":
                cur = cur.head.head
            elif cur.dep_ == "conj":
                cur = conjunct_head(cur)
            else:
                cur = cur.head
            chain.append(cur)
        else:
            break
    return chain


def _claimed_by(tok: Any) -> str | None:
    """Whether the event is the content of a claim ("reports he told Brown", "a report
    claiming he warned Howard"): "denied" when the claim is denied or dismissed, "reported"
    otherwise, None when it is not inside one.  A nominal event is inside it through its verb
    ("reports that Barclays had held talks with Wells Fargo")."""
    cur = tok.head if tok.pos_ == "NOUN" and tok.dep_ == "dobj" else tok
    for _ in range(5):
        if cur.dep_ not in ("ccomp", "acl", "relcl", "xcomp", "advcl") or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.lemma_.lower() in DENIAL_VERBS and cur.pos_ in ("VERB", "AUX") and not infinitive(cur):
            return "denied"  # "denied that he had met" (but "challenged him to deny that ..." denies nothing)
        if cur.pos_ == "NOUN" and cur.lemma_.lower() in CLAIM_NOUNS:
            governor = cur.head if cur.dep_ in ("dobj", "nsubjpass") else None
            if governor is not None and governor.lemma_.lower() in DENIAL_VERBS and not infinitive(governor):
                return "denied"
            return "reported"
    return None


def _reported_future(verb: Any) -> bool:
    """Whether "would" on a verb is a reported "will": the verb's clause is what someone said,
    with no condition ("They said they would press Labour", not "... would if asked")."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_ not in SPEECH_VERBS:
        return False
    return not any(c.dep_ in ("mark", "advcl") and (c.lower_ in CONDITIONAL_MARKS or any(
        m.lower_ in CONDITIONAL_MARKS for m in c.children if m.dep_ == "mark")) for c in verb.children)


def infinitive(verb: Any) -> bool:
    """Whether a verb is a "to" infinitive ("challenged him to deny")."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


#: Adjectives of eagerness that, told in the past of a stance taken, tell how it was taken ("was
#: keen to distance himself from the comments", "were eager to stress"): the act was done.
EAGER_WORDS = frozenset({"keen", "eager", "anxious"})
#: Verbs of a stance one takes in words, which "was keen to" reports as done.
STANCE_VERBS = frozenset({"distance", "stress", "emphasise", "emphasize", "underline", "point", "play", "reassure",
                          "praise", "condemn", "criticise", "criticize", "dismiss", "welcome", "thank", "defend"})


def _keen_said(governor: Any, clause: Any) -> bool:
    """Whether ``governor`` is "was keen to" over a stance or a saying ("was keen to distance
    himself from Mr X's comments"), which the past tense reports as taken, not only wanted."""
    return (governor.lemma_ in EAGER_WORDS and governor.dep_ == "acomp"
            and any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)
            and governor.head.lemma_ == "be" and governor.head.tag_ == "VBD"
            and (clause.lemma_ in STANCE_VERBS or clause.lemma_ in SPEECH_VERBS))


def _is_headline_infinitive(tok: Any) -> bool:
    """"Biden to meet Putin": a subject and a bare infinitive with no finite verb; or such an
    infinitive set beside a name ("Nissan, itself soon to merge with Honda")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if tok.dep_ == "ROOT":
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    return reflexive_beside(tok) is not None


#: Pronouns that set a clause beside a name ("Rosneft, itself shortly to merge with Gazprom").
REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself"})


def reflexive_beside(clause: Any) -> Any:
    """The "itself" in apposition to a name that a clause follows ("firm Rosneft, itself
    shortly to merge with Gazprom"), or None; the name is its head."""
    k = clause.left_edge.i - 1
    while k > clause.sent.start and clause.doc[k].pos_ in ("ADV", "PART"):
        k -= 1
    word = clause.doc[k]
    return word if word.dep_ == "appos" and word.lower_ in REFLEXIVES and k < clause.i else None


def lemma_forms(tok: Any) -> list[str]:
    """The token's lemma, then base forms guessed from its spelling, for the lemmatiser's
    slips ("fined" lemmatised as "fin").

    >>> class T: lemma_, lower_ = "fin", "fined"
    >>> lemma_forms(T())[:3]
    ['fin', 'fine', 'fin']
    """
    word = tok.lower_
    out = [tok.lemma_.lower()]
    for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("es", ""), ("s", ""), ("ing", "e"), ("ing", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)] + repl
            out.append(base)
            if not repl and len(base) > 3 and base[-1] == base[-2]:
                out.append(base[:-1])  # "banned" -> "ban"
    return out


def modality(tok: Any, *, attributed: bool) -> str:
    """The modality of the event whose word is ``tok``: negated, hypothetical, planned,
    reported or asserted (the first that applies)."""
    chain = _governor_chain(tok)
    negated = hypothetical = planned = False
    circumstance = False  # past a "during"/"after" adjunct: what the clause denies or only wants is not this event
    for i, word in enumerate(chain):
        kids = list(word.children)
        if i > 0 and chain[i - 1].dep_ == "pobj" and chain[i - 1].head.lower_ in CIRCUMSTANCE_PREPS:
            circumstance = True  # "refused to meet Sharon during his visit to Paris": the visit took place
        if circumstance:
            if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in kids):
                planned = True
            continue
        if any(c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("neg", "advmod", "det")) for c in kids):
            negated = True
        if any(c.dep_ in ("nsubj", "nsubjpass") and any(t.lower_ == "neither" for t in c.subtree) for c in kids):
            negated = True  # "Neither France nor Germany backed Italy"
        if any(c.dep_ == "advmod" and c.lower_ in REPORTED_ADVERBS for c in kids):
            attributed = True  # "Hamas has reportedly agreed", "Russia allegedly supplied"
        if i > 0 and word.lemma_ in HEARSAY_VERBS and chain[i - 1].dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in kids):
            attributed = True  # "China is believed to be supplying drones"
        if (i > 0 and word.lemma_ in NEGATING_GOVERNORS and chain[i - 1].dep_ != "conj"  # not "rejected X and wants Y"
                and (word.lemma_ != "rule" or any(c.dep_ == "prt" and c.lower_ == "out" for c in kids))  # "ruled out", not "ruled against"
                and not (i == 1 and tok.lemma_.lower() in CLAIM_NOUNS)):  # "denied Tory claims that he ...": the claim was made
            negated = True
        for c in kids:
            if c.dep_ == "aux":
                if c.lower_ in FUTURE_AUX or (c.lower_ in ("would", "'d") and _reported_future(word)):
                    planned = True  # "said they would press Labour": "will", told in the past
                elif c.lower_ in CONDITIONAL_AUX:
                    hypothetical = True
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                hypothetical = True
            if (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                    and word.lemma_ not in SPEECH_VERBS | ASKING_VERBS
                    and any(a.dep_ == "aux" and (a.lower_ in FUTURE_AUX or a.lower_ in CONDITIONAL_AUX) for a in kids)):
                # "If Iran refuses, the EU will impose sanctions"; not "asked him if he knew", "claimed X
                # would happen if Y", nor "If you look at what I do, I attack Mr Howard"
                hypothetical = True
        forms = set(lemma_forms(word)) if word.pos_ == "VERB" else {word.lemma_}  # "hopes" lemmatised as "hop"
        if i > 0 and forms & PLAN_GOVERNORS and not (chain[i - 1].dep_ == "conj" and chain[i - 1].tag_ in ("VBD", "VBZ")) and (
                word.lemma_ != "go" or chain[i - 1].dep_ == "xcomp"):  # "is going to meet", not "went to war"
            planned = True  # "agreed to withdraw", not "agreed to withdraw but urged" (a finite conjunct)
        if i > 0 and forms & HYPOTHETICAL_GOVERNORS and chain[i - 1].dep_ in ("xcomp", "ccomp") and not _keen_said(word, chain[i - 1]):
            hypothetical = True
        if i > 0 and word.lemma_ in SOUGHT_GOVERNORS and chain[i - 1].dep_ == "dobj":
            hypothetical = True  # "sought talks with Xi": talks not (yet) held
        if word.pos_ == "NOUN":
            mods = {c.lower_ for c in kids if c.dep_ in ("amod", "det", "compound")}
            if mods & PLANNED_MODIFIERS:
                planned = True
            if mods & HYPOTHETICAL_MODIFIERS:
                hypothetical = True
            if mods & REPORTED_MODIFIERS:  # "the reported feud between Blair and Brown"
                attributed = True
        if _is_headline_infinitive(word) or (i > 0 and word.lemma_ == "be" and chain[i - 1].dep_ == "xcomp"
                                             and infinitive(chain[i - 1])):
            planned = True  # "Biden to meet Putin", "The Tories are to back the plans"
        # "warns against an invasion", "should Putin proceed with an invasion"
        if word.dep_ in ("pobj", "pcomp") and word.head.lower_ in ("against",) and word.head.head.lemma_ in HYPOTHETICAL_GOVERNORS:
            hypothetical = True
    # an advcl of a conditional ("if Iran refuses, the EU will ...") is handled by the mark above
    claim = _claimed_by(tok)
    if claim == "denied":
        negated = True
    elif claim == "reported":
        attributed = True
    if negated:
        return "negated"
    if hypothetical:
        return "hypothetical"
    if planned:
        return "planned"
    if attributed:
        return "reported"
    return "asserted"


def _date_like(text: str) -> bool:
    return bool(_DATE_WORDS.search(text)) and not re.search(r"\b(minute|hour|days)\b", text, re.I)


def event_date(tok: Any, extra: list[Any] = ()) -> str | None:
    """A DATE entity attached to the event word, its controllers, or its objects."""
    candidates: list[Any] = []
    for word in _governor_chain(tok) + list(extra):
        for child in word.children:
            if child.dep_ in CLAUSE_DEPS:
                continue
            if child.dep_ in ("npadvmod", "tmod", "advmod", "prep", "obl", "pobj", "nummod"):
                candidates.extend(child.subtree)
    doc = tok.doc
    for cand in candidates:
        if cand.ent_type_ == "DATE" and cand.ent_iob_ == "B" or (cand.ent_type_ == "DATE" and cand.i == candidates[0].i):
            ent = next((e for e in doc.ents if e.start <= cand.i < e.end), None)
            if ent is not None and _date_like(ent.text):
                return ent.text
    return None


def event_place(tok: Any, extra: list[Any] = ()) -> str | None:
    """A place named in an ``in``/``at`` phrase on the event word or its objects."""
    doc = tok.doc
    for word in _governor_chain(tok)[:2] + list(extra):
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                        ent = next((e for e in doc.ents if e.start <= pobj.i < e.end), None)
                        if ent is not None:
                            return ent.text
    return None


def normalise_date(text: str, doc_date: str | None, *, future: bool) -> str | None:
    """An ISO date for a date expression, relative to the document's date when needed."""
    low = text.lower().strip()
    full = re.search(r"(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s*,?\s+(\d{4})", low) or re.search(
        r"(" + "|".join(_MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+(\d{4})", low
    )
    if full:
        groups = full.groups()
        if groups[0].isdigit():
            day, month, year = int(groups[0]), _MONTHS.index(groups[1]) + 1, int(groups[2])
        else:
            month, day, year = _MONTHS.index(groups[0]) + 1, int(groups[1]), int(groups[2])
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", low):
        return low
    if not doc_date:
        return None
    try:
        anchor = dt.date.fromisoformat(doc_date[:10])
    except ValueError:
        return None
    words = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    for word, delta in words.items():
        if re.search(rf"\b{word}\b", low):
            return (anchor + dt.timedelta(days=delta)).isoformat()
    for index, name in enumerate(_WEEKDAYS):
        if re.fullmatch(rf"(on\s+)?(this\s+|last\s+|next\s+)?{name}", low):
            if future or "next" in low:
                delta = (index - anchor.weekday()) % 7
            else:
                delta = -((anchor.weekday() - index) % 7 or 7)
            return (anchor + dt.timedelta(days=delta)).isoformat()
    month_day = re.fullmatch(r"(" + "|".join(_MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?", low) or re.fullmatch(
        r"(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r")", low
    )
    if month_day:
        a, b = month_day.groups()
        month, day = (_MONTHS.index(a) + 1, int(b)) if not a.isdigit() else (_MONTHS.index(b) + 1, int(a))
        year = anchor.year
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if future and candidate < anchor - dt.timedelta(days=31):
            candidate = candidate.replace(year=year + 1)
        elif not future and candidate > anchor + dt.timedelta(days=31):
            candidate = candidate.replace(year=year - 1)
        return candidate.isoformat()
    return None
