"""A synthetic corpus graph of realistic shape, for the query, load and endpoint benchmarks.

Documents with actors drawn from a pool with a long tail (a few actors in
many articles, most in few: weights 1/rank), roles with affiliations,
interactions of every class and modality with dates, places, attribution and
evidence, all built by kg itself (:class:`kg.records` records ingested by
:class:`kg.store.KgStore`), so the triples are exactly those kg writes.

Usage: ``python bench/synthetic.py DIR [--triples 1000000] [--seed 7]``.
The store is generated data: keep it outside the repository.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.classes import CLASSES  # noqa: E402
from kg.documents import document_from_text  # noqa: E402
from kg.names import actor_key  # noqa: E402
from kg.records import Actor, Evidence, Extraction, Interaction, Role  # noqa: E402

FIRST = ("Anna Boris Carlos Dilma Emmanuel Fatima Gordon Hillary Igor Jacques Kofi Lula Mahmoud Nicolas "
         "Olaf Pedro Queen Recep Silvio Tony Ursula Vladimir Wen Xi Yulia Zhou Angela Benjamin Condoleezza "
         "David Ehud Frank Gerhard Hamid Ismail Jose Kim Luiz Mikhail Nouri Omar Pervez Rafael Sergei "
         "Theresa Viktor William Yasser Alexei Bashar").split()
LAST = ("Blair Brown Chirac Merkel Putin Bush Rice Annan Sharkozy Lula Abbas Erdogan Berlusconi Prodi "
        "Zapatero Schroeder Karzai Musharraf Olmert Sharon Straw Howard Kennedy Prescott Blunkett Clarke "
        "Hain Cook Hewitt Milburn Reid Beckett Darling Hoon Jowell Kelly Mandelson Campbell Livingstone "
        "Galloway Kilroy Farage Salmond Morgan McConnell Paisley Adams Trimble Ahern Juncker Barroso "
        "Solana Lamy Wolfowitz Greenspan Snow Rumsfeld Cheney Powell Kerry Edwards Dean Obama Clinton "
        "Gates Jobs Murdoch Branson Dyke Davies Thompson Grade Lewis Hughes").split()
ORGS = ("Labour Party|Conservative Party|Liberal Democrats|European Commission|United Nations|NATO|"
        "World Bank|IMF|World Trade Organization|Bank of England|Federal Reserve|BBC|Ofcom|Home Office|"
        "Foreign Office|Treasury|Ministry of Defence|Downing Street|White House|Kremlin|Pentagon|"
        "European Parliament|House of Commons|House of Lords|Electoral Commission|CBI|TUC|Unison|"
        "Amnesty International|Red Cross|Greenpeace|Yukos|Gazprom|Microsoft|Google|Apple|Sony|Nintendo|"
        "General Motors|Ford|Boeing|Airbus|Deutsche Boerse|London Stock Exchange|Euronext|Shell|BP|"
        "Vodafone|BT|Barclays|HSBC|Lloyds TSB|Royal Bank of Scotland|FA|Uefa|Fifa|IOC|Chelsea|Arsenal").split("|")
COUNTRIES = ("United Kingdom|United States|France|Germany|Russia|China|Japan|India|Brazil|Italy|Spain|"
             "Iraq|Iran|Israel|Syria|Egypt|Ukraine|Poland|Turkey|Pakistan|Afghanistan|South Africa|"
             "Nigeria|Kenya|Zimbabwe|Australia|Canada|Mexico|Argentina|Venezuela").split("|")
TITLES = ("President|Prime Minister|Foreign Secretary|Home Secretary|Chancellor|Chief Executive|"
          "Chairman|Spokesman|Leader|Minister|Ambassador|Director General|Secretary General").split("|")
GROUPS = ("officials|MPs|ministers|protesters|troops|shareholders|unions|analysts|voters|police").split("|")
CITIES = "London Paris Berlin Moscow Washington Brussels Geneva Beijing Tokyo Baghdad Kabul Davos".split()
MODALITIES = (("asserted", 60), ("reported", 20), ("planned", 8), ("negated", 6), ("hypothetical", 6))
INTERACTION_CLASSES = [name for name in CLASSES if name != "Interaction"]


def _pool(rng: random.Random) -> list[Actor]:
    people = [Actor(actor_key(f"{f} {l}"), f"{f} {l}", "Person", aliases=(l, f"Mr {l}"))
              for f in FIRST for l in LAST]
    rng.shuffle(people)
    # a few well-known figures at the head of the long tail (the benchmark queries name them)
    famous = [p for p in people if p.label in ("Tony Blair", "Gordon Brown", "Jacques Chirac", "Vladimir Putin")]
    actors = famous + [p for p in people if p not in famous][:3000]
    actors += [Actor(actor_key(o), o, "Organization") for o in ORGS]
    actors += [Actor(actor_key(c), c, "Country") for c in COUNTRIES]
    actors += [Actor(actor_key(f"{c} {g}"), f"{c} {g}", "Group") for c in COUNTRIES[:12] for g in GROUPS]
    head, tail = actors[:len(famous)], actors[len(famous):]
    rng.shuffle(tail)
    return head + tail


def documents(n: int, *, seed: int = 7) -> list[Extraction]:
    """``n`` synthetic extractions (deterministic for a seed)."""
    rng = random.Random(seed)
    pool = _pool(rng)
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    out = []
    for number in range(n):
        cast = {a.key: a for a in rng.choices(pool, weights, k=rng.randint(4, 10))}
        cast_list = list(cast.values())
        if len(cast_list) < 2:
            cast_list.append(pool[number % len(pool)])
        sentences, pairs = [], []
        for _ in range(rng.randint(4, 12)):
            a, b = rng.sample(cast_list, 2)
            verb = rng.choice(INTERACTION_CLASSES)
            place = rng.choice(CITIES)
            sentences.append(f"{a.label} {verb.lower()}ed {b.label} in {place} on Monday.")
            pairs.append((a, b, verb, place))
        date = f"2005-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = f"Story {number}\n\n" + " ".join(sentences)
        document = document_from_text(text, path=f"synthetic/{number:06d}.txt", date=date)
        actors = []
        for actor in cast_list:
            roles = ()
            if actor.type == "Person" and rng.random() < 0.5:
                roles = (Role(rng.choice(TITLES), rng.choice(COUNTRIES + ORGS[:20])),)
            actors.append(Actor(actor.key, actor.label, actor.type, actor.aliases, roles, rng.randint(1, 6)))
        interactions = []
        offset = len(f"Story {number}\n\n")
        for (a, b, verb, place), sentence in zip(pairs, sentences):
            modality = rng.choices([m for m, _ in MODALITIES], [w for _, w in MODALITIES])[0]
            source = rng.choice(cast_list).key if modality == "reported" else None
            interactions.append(Interaction(
                a.key, b.key, f"{verb.lower()}ed", verb, modality,
                Evidence(document.id, sentence, offset, offset + len(sentence)),
                date_text="Monday", date=date, place=place, source=source,
                source_text="officials said" if source else None, symmetric=verb in ("Meet", "Cooperate"),
            ))
            offset += len(sentence) + 1
        out.append(Extraction(document, tuple(actors), tuple(interactions)))
    return out


def build(folder: Path, *, triples: int = 1_000_000, seed: int = 7) -> dict:
    """Fill a new store with about ``triples`` triples; return timing figures."""
    from kg.store import open_store

    started = time.perf_counter()
    count = docs = 0
    with open_store(folder, write=True) as store:
        batch = 500
        while True:
            for extraction in documents(batch, seed=seed + docs)[: batch]:
                extraction = _renumber(extraction, docs)
                store.ingest(extraction, model="synthetic")
                docs += 1
            count = len(store)
            print(f"  {docs} documents, {count:,} triples", file=sys.stderr, flush=True)
            if count >= triples:
                break
    return {"documents": docs, "triples": count, "seconds": time.perf_counter() - started}


def _renumber(extraction: Extraction, number: int) -> Extraction:
    import dataclasses

    document = dataclasses.replace(extraction.document, path=f"synthetic/{number:06d}.txt")
    return dataclasses.replace(extraction, document=document)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(build(args.folder, triples=args.triples, seed=args.seed))


if __name__ == "__main__":
    main()
