"""A role's affiliation is an actor of its own, typed and coded from the lexicon (an
organisation carries the code of its country),
whether or not the text names it anywhere else."""
from __future__ import annotations

import pytest

from kg.export import actors_table
from kg.extract import extract_text
from kg.graph import build_dataset, union_graph
from kg.vocab import KG


@pytest.mark.parametrize(
    "text, person, affiliation, kind, code",
    [
        ("Russian Foreign Minister Sergei Lavrov met Chinese President Xi Jinping in Beijing.",
         "Sergei Lavrov", "Russia", "Country", "RUS"),
        ("Russian Foreign Minister Sergei Lavrov met Chinese President Xi Jinping in Beijing.",
         "Xi Jinping", "China", "Country", "CHN"),
        ("American diplomat John Kerry urged Iranian officials to return to the talks.",
         "John Kerry", "United States", "Country", "USA"),
        ("Kremlin spokesman Dmitry Peskov criticised the European Commission on Monday.",
         "Dmitry Peskov", "Kremlin", "Organization", "RUS"),
    ],
)
def test_affiliation_is_an_actor(text: str, person: str, affiliation: str, kind: str, code: str | None) -> None:
    extraction = extract_text(text)
    actors = {a.label: a for a in extraction.actors}
    assert any(r.affiliation == affiliation for r in actors[person].roles)
    assert actors[affiliation].type == kind
    assert actors[affiliation].code == code
    graph = union_graph(build_dataset([extraction]))
    rows = {row["actor"]: row for row in actors_table(graph)}
    assert rows[affiliation]["type"] == kind
    iri = next(s for s, o in graph.subject_objects(KG.isoCode) if str(o) == code) if code else None
    assert code is None or iri is not None


def test_a_known_party_tagged_as_a_person_stays_a_party() -> None:
    """The tagger calls "Labour" a person in "Both Labour and the Tories ..."; the lexicon knows it is a party."""
    extraction = extract_text("Both Labour and the Tories have signalled their intention of making immigration "
                              "central. Nigel Farage attacked Labour over immigration.")
    actors = {a.label: a for a in extraction.actors}
    assert actors["Labour"].type == "Organization"
    assert actors["Labour"].code == "GBR"  # the country of the organisation
