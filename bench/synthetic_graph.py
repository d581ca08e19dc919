"""Synthetic but realistic kg records for benchmarks: news-like documents about N actors.

The records go through :func:`kg.graph.build_dataset` like the extractor's, so the graph
has every triple a real one has (documents, evidence with offsets, roles, aliases, dates).

- actors: 60 % people (first name + surname, a surname alias, half of them with a
  title and a country), 15 % organisations, 15 % countries (real names), 10 % groups;
- interactions: about 2.5 per actor; partners chosen by preferential attachment, so
  degrees follow the heavy-tailed distribution of news networks (a few actors in
  most stories); classes and modalities drawn with news-like frequencies;
- documents: about six interactions each, one sentence per interaction, dated over two
  years; 40 % of the interactions carry their own ISO date.

>>> records = extractions(50, seed=1)
>>> sum(len(e.interactions) for e in records) >= 100
True
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random

from kg.records import Actor, Document, Evidence, Extraction, Interaction, Paragraph, Role

__all__ = ["extractions", "INTERACTIONS_PER_ACTOR"]

INTERACTIONS_PER_ACTOR = 2.5
INTERACTIONS_PER_DOCUMENT = 6

FIRST = ("Anna", "Ben", "Carlos", "Dmitri", "Elena", "Farah", "Giorgio", "Hana", "Ivan",
         "Jun", "Kofi", "Lina", "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven",
         "Tomas", "Uma", "Viktor", "Wei", "Ximena", "Yusuf", "Zainab", "Akira", "Bea",
         "Chidi", "Dana", "Emil", "Fatima", "Hugo", "Ines", "Jonas", "Leila", "Marta", "Niko",
         "Olga", "Pavel")
LAST = ("Abara", "Berg", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad",
        "Ito", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov",
        "Quispe", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Weber", "Xu", "Yilmaz",
        "Zhou", "Andersen", "Bianchi", "Costa", "Demir", "Esposito", "Ferreira", "Gruber",
        "Horvat", "Ivanova", "Kaya", "Larsen", "Meyer", "Nowak", "Ortiz", "Popescu", "Rahman",
        "Santos", "Torres", "Vogel", "Wagner", "Yamamoto", "Zimmer", "Alvarez", "Brennan",
        "Chen", "Dahl", "Engel", "Falk", "Greco", "Holm", "Ilic", "Jovanovic", "Keller", "Lund")
TITLES = ("President", "Prime Minister", "Foreign Minister", "Finance Minister",
          "Defence Minister", "Ambassador", "Senator", "Governor", "Chief Executive")
ORG_HEADS = ("National", "Central", "United", "Federal", "Global", "Northern", "Southern",
             "Atlantic", "Pacific", "Independent")
ORG_KINDS = ("Energy Agency", "Bank", "Workers Union", "Election Commission", "Health Service",
             "Trade Council", "Press Association", "Rail Company", "Defence Alliance",
             "Water Authority", "Farmers Federation", "Supreme Court")
GROUP_KINDS = ("officials", "protesters", "troops", "lawmakers", "diplomats", "investors")
#: (class, relation, base form, weight): how often each class appears in the news, roughly.
CLASSES = (("Communicate", "spoke with", "speak with", 25), ("Meet", "met", "meet", 15),
           ("Disapprove", "criticised", "criticise", 10), ("Appeal", "urged", "urge", 8),
           ("Support", "backed", "back", 8), ("Warn", "warned", "warn", 6),
           ("Accuse", "accused", "accuse", 5), ("Agree", "signed a deal with", "sign a deal with", 5),
           ("Visit", "visited", "visit", 5), ("Reject", "rejected", "reject", 4),
           ("Praise", "praised", "praise", 3), ("Sanction", "sanctioned", "sanction", 3),
           ("Aid", "sent aid to", "send aid to", 2), ("Threaten", "threatened", "threaten", 1))
SYMMETRIC = frozenset({"Communicate", "Meet", "Agree"})
MODALITIES = (("asserted", 55), ("reported", 25), ("planned", 10), ("hypothetical", 5),
              ("negated", 5))
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
START = dt.date(2023, 1, 1)


def _countries() -> list[str]:
    import pycountry

    return sorted(country.name for country in pycountry.countries)


def _key(label: str) -> str:
    return "-".join(label.lower().replace(",", " ").replace("'", " ").split())


def _actors(count: int, rng: random.Random) -> list[Actor]:
    countries = _countries()
    rng.shuffle(countries)
    kinds = ["Person"] * 60 + ["Organization"] * 15 + ["Country"] * 15 + ["Group"] * 10
    people = [f"{first} {last}" for first in FIRST for last in LAST]
    rng.shuffle(people)
    orgs = [f"{head} {kind}" for head in ORG_HEADS for kind in ORG_KINDS]
    rng.shuffle(orgs)
    actors: list[Actor] = []
    seen: set[str] = set()
    for number in range(count):
        kind = kinds[number % len(kinds)]
        home = countries[number % len(countries)]
        if kind == "Person" and people:
            label = people.pop()
            roles = (Role(rng.choice(TITLES), home),) if rng.random() < 0.5 else ()
            actor = Actor(_key(label), label, kind, aliases=(label.split()[-1],), roles=roles,
                          mentions=rng.randint(1, 6))
        elif kind == "Organization" and orgs:
            label = orgs.pop()
            actor = Actor(_key(label), label, kind, mentions=rng.randint(1, 4))
        elif kind == "Country" and home not in seen:
            actor = Actor(_key(home), home, kind, mentions=rng.randint(1, 8))
        else:  # groups, and whatever the pools ran out of
            label = f"{home} {GROUP_KINDS[number % len(GROUP_KINDS)]}"
            actor = Actor(_key(label) + f"-{number}", label, "Group", mentions=1)
        seen.add(actor.label)
        actors.append(actor)
    return actors


def _pairs(count: int, actors: int, rng: random.Random) -> list[tuple[int, int]]:
    """Preferential attachment: each actor first joins with one partner drawn from past
    endpoints (so every actor takes part), then the other interactions pick both ends
    that way 70 % of the time.  The pairs come out shuffled."""
    ends: list[int] = []
    pairs: list[tuple[int, int]] = []

    def pick(avoid: int | None) -> int:
        while True:
            choice = rng.choice(ends) if ends and rng.random() < 0.7 else rng.randrange(actors)
            if choice != avoid:
                return choice

    for newcomer in range(1, actors):
        partner = pick(newcomer) if ends else 0
        pairs.append((newcomer, partner) if rng.random() < 0.5 else (partner, newcomer))
        ends.extend(pairs[-1])
    while len(pairs) < count:
        first = pick(None)
        pairs.append((first, pick(first)))
        ends.extend(pairs[-1])
    rng.shuffle(pairs)
    return pairs[:count]


def extractions(actor_count: int, *, seed: int = 7) -> list[Extraction]:
    """About ``actor_count`` actors' worth of extracted documents, the same for a seed."""
    rng = random.Random(seed)
    actors = _actors(actor_count, rng)
    total = int(actor_count * INTERACTIONS_PER_ACTOR)
    pairs = _pairs(total, len(actors), rng)
    classes, relations, bases, weights = zip(*CLASSES)
    modalities, modality_weights = zip(*MODALITIES)
    records = []
    for start in range(0, total, INTERACTIONS_PER_DOCUMENT):
        chunk = pairs[start:start + INTERACTIONS_PER_DOCUMENT]
        day = START + dt.timedelta(days=rng.randrange(730))
        picks = [(actors[a], actors[b], rng.choices(range(len(classes)), weights)[0],
                  rng.choices(modalities, modality_weights)[0]) for a, b in chunk]
        title = f"{picks[0][0].label} and {picks[0][1].label} in the news"
        sentences = []
        for subject, obj, index, modality in picks:
            verb = {"planned": "will " + bases[index], "hypothetical": "could " + bases[index],
                    "negated": "did not " + bases[index]}.get(modality, relations[index])
            sentences.append((f"{subject.label} {verb} {obj.label} on {DAYS[day.weekday()]}.",
                              verb))
        text = title + "\n\n"
        body_start = len(text)
        offsets = []
        for sentence, _ in sentences:
            offsets.append((len(text), len(text) + len(sentence)))
            text += sentence + " "
        digest = hashlib.sha1(text.encode()).hexdigest()[:16]
        document = Document(digest, text, f"synthetic/{start // INTERACTIONS_PER_DOCUMENT:05d}.txt",
                            (Paragraph(0, title), Paragraph(body_start, text[body_start:])),
                            title=title, date=day.isoformat())
        interactions = []
        involved: dict[str, Actor] = {}
        for (subject, obj, index, modality), (sentence, verb), (begin, end) in zip(
                picks, sentences, offsets):
            involved[subject.key] = subject
            involved[obj.key] = obj
            dated = rng.random() < 0.4
            interactions.append(Interaction(
                subject.key, obj.key, verb, classes[index], modality,
                Evidence(digest, sentence, begin, end),
                date_text=DAYS[day.weekday()],
                date=(day - dt.timedelta(days=rng.randrange(4))).isoformat() if dated else None,
                symmetric=classes[index] in SYMMETRIC))
        records.append(Extraction(document, tuple(involved.values()), tuple(interactions)))
    return records
