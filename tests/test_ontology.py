"""ontology/kg.ttl, kg/vocab.py and kg/classes.py declare the same terms."""
from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.classes import CLASSES, PLOVER_CATEGORIES
from kg.ontology import (OntologyError, load_ontology, ontology_dir, ontology_path,
                         queries_dir)
from kg.records import ACTOR_TYPES, MODALITIES
from kg.vocab import KG, KG_URI, NIF, PLOVER, SCHEMA, SEM, TERMS

ONTOLOGY = load_ontology()
FOAF = "http://xmlns.com/foaf/0.1/"


def _kg_terms_in(graph: Graph) -> set[str]:
    """Local names of every kg: IRI used anywhere in the graph."""
    names = set()
    for triple in graph:
        for node in triple:
            if isinstance(node, URIRef) and str(node).startswith(KG_URI):
                names.add(str(node)[len(KG_URI):])
    return names


def _declared() -> set[str]:
    """Local names of kg: resources that have a type in kg.ttl."""
    return {str(s)[len(KG_URI):] for s in ONTOLOGY.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(KG_URI)}


def test_ontology_files_are_found() -> None:
    assert ontology_path().is_file()
    assert ontology_path().parent == ontology_dir()
    assert queries_dir().parent == ontology_dir()


def test_missing_ontology_file_names_it() -> None:
    with pytest.raises(OntologyError, match="shapes-v9.ttl"):
        ontology_path("shapes-v9.ttl")


def test_ontology_header() -> None:
    ontology = KG[""]
    assert (ontology, RDF.type, OWL.Ontology) in ONTOLOGY
    assert str(ONTOLOGY.value(ontology, OWL.versionIRI)).endswith("/0.1.0")
    assert "MIT" in str(ONTOLOGY.value(ontology, DCTERMS.license))


def test_every_vocab_term_is_declared() -> None:
    missing = set(TERMS) - _declared()
    assert not missing, f"in kg/vocab.py but not declared in kg.ttl: {sorted(missing)}"


def test_every_ontology_term_is_in_vocab() -> None:
    extra = _kg_terms_in(ONTOLOGY) - set(TERMS)
    assert not extra, f"used in kg.ttl but missing from kg/vocab.py: {sorted(extra)}"


def test_every_term_has_label_and_definition() -> None:
    for name in TERMS:
        term = KG[name]
        assert ONTOLOGY.value(term, RDFS.label) is not None, f"kg:{name} has no rdfs:label"
        assert ONTOLOGY.value(term, SKOS.definition) is not None, f"kg:{name} has no skos:definition"


def test_every_iri_the_ontology_uses_is_declared() -> None:
    """OWL tools need every class and property declared, kg's own and the aligned ones."""
    used = {node for s, p, o in ONTOLOGY for node in (s, p, o) if isinstance(node, URIRef)}
    declared = set(ONTOLOGY.subjects(RDF.type, None))
    builtin = (str(RDF), str(RDFS), str(OWL), "http://www.w3.org/2001/XMLSchema#")
    external = {"https://opensource.org/licenses/MIT", "https://github.com/openeventdata/PLOVER",
                "https://w3id.org/kg-news/ontology/0.1.0"}
    missing = sorted(str(n) for n in used - declared
                     if not str(n).startswith(builtin) and str(n) not in external)
    assert not missing, missing


def test_graph_terms_of_other_vocabularies_are_described() -> None:
    for term in (NIF.beginIndex, NIF.endIndex):
        assert ONTOLOGY.value(term, RDFS.range) is not None


@pytest.mark.parametrize("row", list(CLASSES.values()), ids=list(CLASSES))
def test_interaction_class(row) -> None:
    cls = KG[row.name]
    assert (cls, RDF.type, OWL.Class) in ONTOLOGY
    parent = SEM.Event if row.parent is None else KG[row.parent]
    assert (cls, RDFS.subClassOf, parent) in ONTOLOGY
    matches = set(ONTOLOGY.objects(cls, SKOS.closeMatch))
    assert matches == ({PLOVER[row.plover]} if row.plover else set())


@pytest.mark.parametrize("row", list(CLASSES.values()), ids=[r.predicate for r in CLASSES.values()])
def test_direct_predicate(row) -> None:
    prop = KG[row.predicate]
    assert (prop, RDF.type, OWL.ObjectProperty) in ONTOLOGY
    assert (prop, RDFS.domain, KG.Actor) in ONTOLOGY
    assert (prop, RDFS.range, KG.Actor) in ONTOLOGY
    is_sub = (prop, RDFS.subPropertyOf, KG.interactsWith) in ONTOLOGY
    assert is_sub == (row.parent is not None)


@pytest.mark.parametrize("category", PLOVER_CATEGORIES)
def test_plover_categories_are_concepts(category: str) -> None:
    concept = PLOVER[category]
    assert (concept, RDF.type, SKOS.Concept) in ONTOLOGY
    scheme = ONTOLOGY.value(concept, SKOS.inScheme)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ONTOLOGY
    assert ONTOLOGY.value(concept, SKOS.prefLabel) is not None


@pytest.mark.parametrize("modality", MODALITIES)
def test_modalities_are_concepts_in_scheme(modality: str) -> None:
    concept = KG[modality.capitalize()]
    assert (concept, RDF.type, KG.Modality) in ONTOLOGY
    assert (concept, SKOS.inScheme, KG.modalities) in ONTOLOGY
    assert (KG.Modality, RDFS.subClassOf, SKOS.Concept) in ONTOLOGY


@pytest.mark.parametrize(
    ("cls", "aligned"),
    [
        (KG.Person, SCHEMA.Person),
        (KG.Person, URIRef(FOAF + "Person")),
        (KG.Organization, SCHEMA.Organization),
        (KG.Organization, URIRef(FOAF + "Organization")),
        (KG.Country, SCHEMA.Country),
        (KG.Document, SCHEMA.NewsArticle),
        (KG.ExtractionActivity, URIRef("http://www.w3.org/ns/prov#Activity")),
    ],
)
def test_alignments(cls: URIRef, aligned: URIRef) -> None:
    assert (cls, RDFS.subClassOf, aligned) in ONTOLOGY or (cls, OWL.equivalentClass, aligned) in ONTOLOGY


@pytest.mark.parametrize("actor_type", ACTOR_TYPES)
def test_actor_types_are_actor_subclasses(actor_type: str) -> None:
    assert (KG[actor_type], RDFS.subClassOf, KG.Actor) in ONTOLOGY


@pytest.mark.parametrize(
    ("prop", "domain", "range_"),
    [
        (KG.source, KG.Interaction, KG.Actor),
        (KG.evidence, KG.Interaction, KG.Evidence),
        (KG.modality, KG.Interaction, KG.Modality),
        (KG.hasRole, KG.Actor, KG.Role),
        (KG.affiliation, KG.Role, KG.Actor),
        (KG.inDocument, KG.Evidence, KG.Document),
    ],
)
def test_property_domain_and_range(prop: URIRef, domain: URIRef, range_: URIRef) -> None:
    assert ONTOLOGY.value(prop, RDFS.domain) == domain
    assert ONTOLOGY.value(prop, RDFS.range) == range_
