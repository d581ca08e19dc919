"""kg.graph: records to named graphs, following the schema contract."""
from __future__ import annotations

import datetime as dt

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from kg.graph import (ACTORS_GRAPH, GraphError, actor_iri, build_dataset, document_iri,
                      graph_iri, slug, union_graph)
from conformance import assert_conforms
from kg.records import Actor, Document, Evidence, Extraction, Interaction, Paragraph, Role
from kg import __version__
from kg.vocab import ID, KG, NIF, SCHEMA

BERLIN_TEXT = (
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday. "
    "Scholz did not criticise France over its pension reform. "
    "Macron could visit Ukraine next month, an Elysee official said."
)
CALL_TEXT = (
    "Chancellor Olaf Scholz spoke with US President Joe Biden by phone on Sunday, "
    "the White House said. "
    "Secretary of State Antony Blinken will travel to Berlin next week."
)


def _evidence(doc_id: str, text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(doc_id, sentence, start, start + len(sentence))


def _document(doc_id: str, text: str, path: str, **meta: str) -> Document:
    return Document(doc_id, text, path, (Paragraph(0, text),), **meta)


def berlin() -> Extraction:
    doc = _document("a1b2c3d4", BERLIN_TEXT, "news/berlin.txt", title="Macron meets Scholz",
                    date="2023-01-24")
    actors = (
        Actor("emmanuel-macron", "Emmanuel Macron", "Person", aliases=("Macron",),
              roles=(Role("President", "France"),), mentions=2),
        Actor("olaf-scholz", "Olaf Scholz", "Person", aliases=("Scholz",),
              roles=(Role("Chancellor", "Germany"),), mentions=2),
        Actor("france", "France", "Country", code="FRA"),
        Actor("ukraine", "Ukraine", "Country", code="UKR"),
    )
    sentences = BERLIN_TEXT.split(". ")
    meet = Interaction("emmanuel-macron", "olaf-scholz", "met", "Meet", "asserted",
                       _evidence(doc.id, BERLIN_TEXT, sentences[0] + "."),
                       date_text="on Tuesday", date="2023-01-24", place="Berlin",
                       symmetric=True)
    criticise = Interaction("olaf-scholz", "france", "did not criticise", "Disapprove", "negated",
                            _evidence(doc.id, BERLIN_TEXT, sentences[1] + "."))
    visit = Interaction("emmanuel-macron", "ukraine", "could visit", "Visit", "hypothetical",
                        _evidence(doc.id, BERLIN_TEXT, sentences[2]),
                        date_text="next month", source_text="an Elysee official")
    return Extraction(doc, actors, (meet, criticise, visit))


def call() -> Extraction:
    doc = _document("e5f6a7b8", CALL_TEXT, "news/call.txt")
    actors = (
        Actor("olaf-scholz", "Chancellor Olaf Scholz", "Person", aliases=("Scholz",),
              roles=(Role("Chancellor", "Germany"),), mentions=3),
        Actor("joe-biden", "Joe Biden", "Person", roles=(Role("President", "US"),)),
        Actor("united-states", "United States", "Country", aliases=("US",), code="USA"),
        Actor("white-house", "White House", "Organization"),
        Actor("antony-blinken", "Antony Blinken", "Person",
              roles=(Role("Secretary of State", "State Department"),)),
        Actor("germany", "Germany", "Country", code="DEU"),
    )
    first, second = CALL_TEXT.split(" Secretary")
    spoke = Interaction("olaf-scholz", "joe-biden", "spoke with", "Communicate", "reported",
                        _evidence(doc.id, CALL_TEXT, first),
                        date_text="on Sunday", source="white-house",
                        source_text="the White House", symmetric=True)
    travel = Interaction("antony-blinken", "germany", "will travel to", "Visit", "planned",
                         _evidence(doc.id, CALL_TEXT, "Secretary" + second),
                         date_text="next week")
    return Extraction(doc, actors, (spoke, travel))


def _one(graph: Graph, subject: URIRef, prop: URIRef) -> object:
    values = list(graph.objects(subject, prop))
    assert len(values) == 1, f"{subject} {prop}: {values}"
    return values[0]


def _interaction(graph: Graph, relation: str) -> URIRef:
    (node,) = graph.subjects(KG.relationText, Literal(relation))
    return node


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("joe-biden", "joe-biden"),
        ("recep-tayyip-erdoğan", "recep-tayyip-erdo%C4%9Fan"),
        ("o'brien <x> \"y\"\\", "o%27brien%20%3Cx%3E%20%22y%22%5C"),
        ("..", "%2E%2E"),
        ("a/b#c?d", "a%2Fb%23c%3Fd"),
    ],
)
def test_slug(key: str, expected: str) -> None:
    assert slug(key) == expected


def test_slug_is_injective_on_percent_signs() -> None:
    assert slug("%2E") != slug(".")


def test_types_of_nodes() -> None:
    graph = union_graph(build_dataset([berlin()]))
    assert (actor_iri("emmanuel-macron"), RDF.type, KG.Person) in graph
    assert (actor_iri("france"), RDF.type, KG.Country) in graph
    assert (document_iri("a1b2c3d4"), RDF.type, KG.Document) in graph
    meet = _interaction(graph, "met")
    assert (meet, RDF.type, KG.Meet) in graph
    assert (_one(graph, meet, KG.evidence), RDF.type, KG.Evidence) in graph
    assert _one(graph, meet, KG.modality) == KG.Asserted
    assert _one(graph, meet, KG.ploverCategory) == Literal("CONSULT")
    assert _one(graph, meet, KG.symmetric) == Literal(True)
    assert _one(graph, meet, KG.place) == Literal("Berlin")
    assert _one(graph, meet, KG.date) == Literal("2023-01-24", datatype=XSD.date)
    assert _one(graph, meet, PROV.wasDerivedFrom) == document_iri("a1b2c3d4")


def test_document_metadata() -> None:
    graph = union_graph(build_dataset([berlin()]))
    doc = document_iri("a1b2c3d4")
    assert _one(graph, doc, KG.sourcePath) == Literal("news/berlin.txt")
    assert _one(graph, doc, DCTERMS.title) == Literal("Macron meets Scholz")
    assert _one(graph, doc, DCTERMS.date) == Literal("2023-01-24", datatype=XSD.date)
    assert _one(graph, doc, KG.wordCount) == Literal(len(BERLIN_TEXT.split()))
    assert len(str(_one(graph, doc, KG.contentHash))) == 64


@pytest.mark.parametrize(
    ("subject", "predicate", "obj", "present"),
    [
        ("emmanuel-macron", KG.meetsWith, "olaf-scholz", True),  # asserted
        ("olaf-scholz", KG.disapprovesOf, "france", False),  # negated
        ("emmanuel-macron", KG.visits, "ukraine", False),  # hypothetical
        ("olaf-scholz", KG.communicatesWith, "joe-biden", True),  # reported
        ("antony-blinken", KG.visits, "germany", True),  # planned
    ],
)
def test_direct_triples_follow_modality(subject: str, predicate: URIRef, obj: str,
                                        present: bool) -> None:
    graph = union_graph(build_dataset([berlin(), call()]))
    assert ((actor_iri(subject), predicate, actor_iri(obj)) in graph) is present


def test_negated_and_hypothetical_keep_their_interaction_node() -> None:
    graph = union_graph(build_dataset([berlin()]))
    criticise = _interaction(graph, "did not criticise")
    visit = _interaction(graph, "could visit")
    assert _one(graph, criticise, KG.modality) == KG.Negated
    assert _one(graph, visit, KG.modality) == KG.Hypothetical
    assert (visit, KG.date, None) not in graph  # "next month" is not normalised
    assert _one(graph, visit, KG.dateText) == Literal("next month")
    assert _one(graph, visit, KG.attributionText) == Literal("an Elysee official")
    assert (visit, KG.attributedTo, None) not in graph


def test_attribution_to_an_actor() -> None:
    graph = union_graph(build_dataset([call()]))
    spoke = _interaction(graph, "spoke with")
    assert _one(graph, spoke, KG.attributedTo) == actor_iri("white-house")
    assert _one(graph, spoke, KG.attributionText) == Literal("the White House")


def test_evidence_offsets_index_the_document_text() -> None:
    graph = union_graph(build_dataset([berlin()]))
    for relation in ("met", "did not criticise", "could visit"):
        evidence = _one(graph, _interaction(graph, relation), KG.evidence)
        begin = _one(graph, evidence, NIF.beginIndex)
        end = _one(graph, evidence, NIF.endIndex)
        assert begin.datatype == end.datatype == XSD.nonNegativeInteger
        sentence = str(_one(graph, evidence, KG.sentenceText))
        assert BERLIN_TEXT[begin.toPython():end.toPython()] == sentence
        assert _one(graph, evidence, KG.inDocument) == document_iri("a1b2c3d4")
        assert _one(graph, evidence, PROV.wasDerivedFrom) == document_iri("a1b2c3d4")


def test_named_graphs() -> None:
    dataset = build_dataset([berlin(), call()])
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == {graph_iri("a1b2c3d4"), graph_iri("e5f6a7b8"), ACTORS_GRAPH}
    berlin_graph = dataset.graph(graph_iri("a1b2c3d4"))
    actors_graph = dataset.graph(ACTORS_GRAPH)
    assert (None, RDF.type, KG.Meet) in berlin_graph
    assert (None, RDF.type, KG.Communicate) not in berlin_graph
    assert (actor_iri("emmanuel-macron"), RDF.type, KG.Person) in actors_graph
    assert (actor_iri("emmanuel-macron"), RDF.type, KG.Person) not in berlin_graph
    assert (None, RDF.type, KG.Role) in actors_graph
    assert (None, RDF.type, KG.Interaction) not in actors_graph
    assert (None, RDF.type, KG.Meet) not in actors_graph


def test_same_input_same_graph() -> None:
    first = union_graph(build_dataset([berlin(), call()]))
    second = union_graph(build_dataset([berlin(), call()]))
    assert isomorphic(first, second)
    assert set(first) == set(second)  # no blank nodes: equal IRIs, not just isomorphic


def test_actors_merge_across_documents() -> None:
    graph = union_graph(build_dataset([berlin(), call()]))
    scholz = actor_iri("olaf-scholz")
    assert _one(graph, scholz, RDFS.label) == Literal("Olaf Scholz")  # first label wins
    assert set(graph.objects(scholz, SKOS.altLabel)) == {
        Literal("Scholz"), Literal("Chancellor Olaf Scholz")
    }
    assert _one(graph, scholz, KG.mentionCount) == Literal(5)
    roles = list(graph.objects(scholz, KG.hasRole))
    assert len(roles) == 1  # the same Chancellor (Germany) role in both documents
    assert _one(graph, roles[0], KG.affiliation) == actor_iri("germany")
    assert _one(graph, roles[0], RDFS.label) == Literal("Chancellor (Germany)")


@pytest.mark.parametrize(
    ("person", "title", "affiliation", "kind", "code"),
    [
        ("emmanuel-macron", "President", "france", KG.Country, "FRA"),  # an actor's label
        ("joe-biden", "President", "united-states", KG.Country, "USA"),  # an actor's alias
        ("olaf-scholz", "Chancellor", "germany", KG.Country, "DEU"),  # made up from pycountry
        ("antony-blinken", "Secretary of State", "state-department", KG.Organization, None),
    ],
)
def test_role_affiliations(person: str, title: str, affiliation: str, kind: URIRef,
                           code: str | None) -> None:
    graph = union_graph(build_dataset([berlin(), call()]))
    (role,) = graph.objects(actor_iri(person), KG.hasRole)
    assert (role, RDF.type, KG.Role) in graph
    assert _one(graph, role, KG.title) == Literal(title)
    target = _one(graph, role, KG.affiliation)
    assert target == actor_iri(affiliation)
    assert (target, RDF.type, kind) in graph
    assert graph.value(target, KG.isoCode) == (Literal(code) if code else None)


def test_made_up_affiliation_from_a_single_document() -> None:
    graph = union_graph(build_dataset([berlin()]))
    germany = actor_iri("germany")
    assert _one(graph, germany, RDF.type) == KG.Country
    assert _one(graph, germany, RDFS.label) == Literal("Germany")
    assert _one(graph, germany, KG.isoCode) == Literal("DEU")


HOSTILE = 'O\'Brien <x> "y"\\'
IRI_FORBIDDEN = set(' <>"{}|^`\\')


def hostile() -> Extraction:
    text = f"{HOSTILE} met Émilie Dupont in Montréal.\nIt was\ttense."
    doc = _document("d<1>", text, 'in "box"\\path.txt', title='"Quoted" <title>')
    actors = (
        Actor(HOSTILE.lower(), HOSTILE, "Person", aliases=("O'Brien\n",),
              roles=(Role("Envoy <special>", 'Acme "Holdings"'),)),
        Actor("émilie dupont", "Émilie Dupont", "Person"),
    )
    meet = Interaction(HOSTILE.lower(), "émilie dupont", 'met "with"', "Meet", "asserted",
                       Evidence(doc.id, text, 0, len(text)), place="Montréal")
    return Extraction(doc, actors, (meet,))


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "nquads", "json-ld"])
def test_hostile_names_give_valid_iris(fmt: str) -> None:
    dataset = build_dataset([hostile()])
    graph = union_graph(dataset)
    for triple in graph:
        for node in triple:
            if isinstance(node, URIRef):
                assert not IRI_FORBIDDEN & set(str(node)), node
    if fmt in ("trig", "nquads"):
        parsed = Dataset()
        parsed.parse(data=dataset.serialize(format=fmt), format=fmt)
        back = union_graph(parsed)
    else:
        back = Graph().parse(data=graph.serialize(format=fmt), format=fmt)
    assert isomorphic(back, graph)
    assert (actor_iri(HOSTILE.lower()), RDFS.label, Literal(HOSTILE)) in back
    assert_conforms(graph)


def test_activity_is_optional() -> None:
    plain = union_graph(build_dataset([berlin()]))
    assert (None, RDF.type, KG.ExtractionActivity) not in plain
    when = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
    traced = union_graph(build_dataset([berlin()], model="en_core_web_sm", generated_at=when))
    (activity,) = traced.subjects(RDF.type, KG.ExtractionActivity)
    assert _one(traced, activity, PROV.used) == document_iri("a1b2c3d4")
    assert _one(traced, activity, PROV.endedAtTime).toPython() == when
    labels = {str(traced.value(agent, RDFS.label))
              for agent in traced.objects(activity, PROV.wasAssociatedWith)}
    assert "en_core_web_sm" in labels
    assert (_interaction(traced, "met"), PROV.wasGeneratedBy, activity) in traced
    assert_conforms(plain)
    assert_conforms(traced)


def test_document_records_when_and_by_what_it_was_extracted() -> None:
    when = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
    traced = union_graph(build_dataset([berlin()], model="en_core_web_sm", model_version="3.8.0",
                                       generated_at=when))
    document = document_iri("a1b2c3d4")
    activity = _one(traced, document, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in traced
    stamp = _one(traced, document, PROV.generatedAtTime)
    assert stamp.datatype == XSD.dateTime and stamp.toPython() == when
    versions = {str(traced.value(agent, SCHEMA.softwareVersion))
                for agent in traced.objects(activity, PROV.wasAssociatedWith)}
    assert versions == {"3.8.0", __version__}
    assert "en_core_web_sm 3.8.0" in str(_one(traced, activity, RDFS.label))


def test_cameo_codes_of_countries_organisations_groups_and_people() -> None:
    extraction = call()
    groups = (Actor("german-officials", "German officials", "Group", code="DEU"),
              Actor("russian-troops", "Russian troops", "Group", code="RUS"),
              Actor("kurdish-rebels", "Kurdish rebels", "Group"))
    extraction = Extraction(extraction.document, extraction.actors + groups,
                            extraction.interactions)
    graph = union_graph(build_dataset([extraction]))
    codes = {key: str(graph.value(actor_iri(key), KG.cameoCode))
             for key in ("germany", "white-house", "state-department", "german-officials",
                         "russian-troops", "olaf-scholz", "joe-biden", "antony-blinken")}
    assert codes == {
        "germany": "DEU", "white-house": "USAGOV", "state-department": "USAGOV",
        "german-officials": "DEUGOV", "russian-troops": "RUSMIL",
        "olaf-scholz": "DEUGOV",  # Chancellor of Germany
        "joe-biden": "USAGOV",  # President of "US", the United States of the document
        "antony-blinken": "USAGOV",  # Secretary of State at the State Department (USAGOV)
    }
    assert graph.value(actor_iri("kurdish-rebels"), KG.cameoCode) is None  # no country
    assert_conforms(graph)


def _broken(**changes: object) -> Extraction:
    extraction = berlin()
    meet = extraction.interactions[0]
    fields = {name: getattr(meet, name) for name in meet.__dataclass_fields__}
    fields.update(changes)
    return Extraction(extraction.document, extraction.actors, (Interaction(**fields),))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"type": "Hug"}, "unknown interaction type 'Hug'.*valid types: Interaction, Consult"),
        ({"modality": "rumoured"}, "unknown modality 'rumoured'.*negated"),
        ({"object": "angela-merkel"}, "object 'angela-merkel' is not one of its actors"),
        ({"source": "kremlin"}, "source 'kremlin' is not one of its actors"),
        ({"evidence": Evidence("other", "x", 0, 1)}, "evidence belongs to document 'other'"),
        ({"evidence": Evidence("a1b2c3d4", "x", 5, 1)}, "bad evidence offsets 5..1"),
        ({"evidence": Evidence("a1b2c3d4", "x", 0, 999)}, "bad evidence offsets 0..999 for a text"),
    ],
)
def test_records_that_break_the_schema(changes: dict[str, object], message: str) -> None:
    with pytest.raises(GraphError, match=message) as info:
        build_dataset([_broken(**changes)])
    assert "news/berlin.txt" in str(info.value)
    assert "\n" not in str(info.value)


def test_empty_actor_key() -> None:
    extraction = Extraction(berlin().document, (Actor("", "NATO", "Organization"),))
    with pytest.raises(GraphError, match="news/berlin.txt: actor 'NATO' has an empty key"):
        build_dataset([extraction])


def test_unknown_actor_type() -> None:
    extraction = Extraction(berlin().document, (Actor("nato", "NATO", "Alliance"),))
    with pytest.raises(GraphError, match="unknown type 'Alliance'; valid types: Person"):
        build_dataset([extraction])


def test_iri_helpers_use_the_id_namespace() -> None:
    assert actor_iri("joe-biden") == ID["actor/joe-biden"]
    assert graph_iri("a1b2c3d4") == ID["graph/a1b2c3d4"]
    assert ACTORS_GRAPH == ID["graph/actors"]
