"""The interaction classes: one table, shared by the extractor, the graph and the exports.

Each class has a parent (``Interaction`` at the top), the PLOVER event category
it maps to (``None`` where PLOVER has none), the local name of the direct
actor-to-actor predicate, and a label.  ``ontology/kg.ttl`` declares the same
classes and predicates; a test keeps the two in step.

>>> plover("Meet")
'CONSULT'
>>> plover("Praise") is None
True
>>> ancestors("Warn")
('Warn', 'Threaten', 'Interaction')
"""
from __future__ import annotations

from typing import NamedTuple

__all__ = ["InteractionClass", "CLASSES", "PLOVER_CATEGORIES", "plover", "ancestors", "predicate"]


class InteractionClass(NamedTuple):
    name: str
    parent: str | None
    plover: str | None
    predicate: str
    label: str
    definition: str


#: PLOVER event categories that kg can emit.
PLOVER_CATEGORIES: tuple[str, ...] = (
    "CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "DEMAND", "REQUEST", "REJECT",
    "THREATEN", "PROTEST", "DISAPPROVE", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "FIGHT", "INVESTIGATE", "CONCEDE", "RETREAT",
)

_ROWS: tuple[InteractionClass, ...] = (
    InteractionClass("Interaction", None, None, "interactsWith", "interaction",
                     "Something one actor does to or with another, as reported in a text."),
    InteractionClass("Consult", "Interaction", "CONSULT", "consults", "consult",
                     "Diplomatic contact: talks, calls, meetings, visits."),
    InteractionClass("Communicate", "Consult", "CONSULT", "communicatesWith", "communicate",
                     "Speaking, calling, writing to or telling another actor."),
    InteractionClass("Meet", "Consult", "CONSULT", "meetsWith", "meet",
                     "Meeting or holding talks in person."),
    InteractionClass("Visit", "Consult", "CONSULT", "visits", "visit",
                     "Travelling to see another actor or to its territory."),
    InteractionClass("Appeal", "Interaction", "REQUEST", "appealsTo", "appeal",
                     "Urging or calling on another actor to act."),
    InteractionClass("Request", "Interaction", "REQUEST", "requests", "request",
                     "Asking another actor for something."),
    InteractionClass("Demand", "Interaction", "DEMAND", "demands", "demand",
                     "Demanding something of another actor."),
    InteractionClass("Praise", "Interaction", None, "praises", "praise",
                     "Praising, thanking or congratulating another actor (no PLOVER category)."),
    InteractionClass("Agree", "Interaction", "AGREE", "agreesWith", "agree",
                     "Agreeing, signing or settling with another actor."),
    InteractionClass("Support", "Interaction", "SUPPORT", "supports", "support",
                     "Backing, endorsing or defending another actor."),
    InteractionClass("Cooperate", "Interaction", "COOPERATE", "cooperatesWith", "cooperate",
                     "Working together with another actor."),
    InteractionClass("Aid", "Interaction", "AID", "aids", "aid",
                     "Giving material, economic or military help."),
    InteractionClass("Reject", "Interaction", "REJECT", "rejects", "reject",
                     "Rejecting, refusing or dismissing another actor or its proposal."),
    InteractionClass("Disapprove", "Interaction", "DISAPPROVE", "disapprovesOf", "disapprove",
                     "Criticising, condemning or blaming another actor."),
    InteractionClass("Accuse", "Disapprove", "DISAPPROVE", "accuses", "accuse",
                     "Accusing another actor, including legal action."),
    InteractionClass("Protest", "Interaction", "PROTEST", "protestsAgainst", "protest",
                     "Demonstrating or protesting against another actor."),
    InteractionClass("Threaten", "Interaction", "THREATEN", "threatens", "threaten",
                     "Threatening another actor."),
    InteractionClass("Warn", "Threaten", "THREATEN", "warns", "warn",
                     "Warning another actor of consequences."),
    InteractionClass("Sanction", "Interaction", "SANCTION", "sanctions", "sanction",
                     "Punitive non-military measures: sanctions, fines, bans, expulsions."),
    InteractionClass("Mobilize", "Interaction", "MOBILIZE", "mobilizesAgainst", "mobilize",
                     "Military posture: deploying or amassing forces against another actor."),
    InteractionClass("Coerce", "Interaction", "COERCE", "coerces", "coerce",
                     "Arresting, detaining, seizing or otherwise coercing another actor."),
    InteractionClass("Assault", "Interaction", "ASSAULT", "assaults", "assault",
                     "Attacking another actor."),
    InteractionClass("Fight", "Interaction", "FIGHT", "fights", "fight",
                     "Armed conflict: invading, fighting or clashing with another actor."),
    InteractionClass("Investigate", "Interaction", "INVESTIGATE", "investigates", "investigate",
                     "Investigating or probing another actor."),
    InteractionClass("Concede", "Interaction", "CONCEDE", "concedesTo", "concede",
                     "Conceding, yielding or apologising to another actor."),
    InteractionClass("Retreat", "Interaction", "RETREAT", "retreatsFrom", "retreat",
                     "Withdrawing from another actor or its territory."),
)

#: All interaction classes by local name.
CLASSES: dict[str, InteractionClass] = {row.name: row for row in _ROWS}


def plover(name: str) -> str | None:
    """The PLOVER category of an interaction class, or ``None``."""
    return CLASSES[name].plover


def predicate(name: str) -> str:
    """The local name of the direct actor-to-actor predicate of a class."""
    return CLASSES[name].predicate


def ancestors(name: str) -> tuple[str, ...]:
    """The class and its ancestors up to ``Interaction``."""
    chain: list[str] = []
    current: str | None = name
    while current is not None:
        chain.append(current)
        current = CLASSES[current].parent
    return tuple(chain)
