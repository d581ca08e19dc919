"""kg's vocabulary as closed rdflib namespaces: a typo in a term name fails at once.

The terms here are exactly those declared in ``ontology/kg.ttl``
(``tests/test_ontology.py`` checks both directions).

>>> str(KG.Person)
'https://w3id.org/kg-news/ontology#Person'
>>> KG.Persn
Traceback (most recent call last):
...
AttributeError: "term 'Persn' not in namespace 'https://w3id.org/kg-news/ontology#'"
"""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import ClosedNamespace

from kg.classes import CLASSES

__all__ = ["KG", "KG_URI", "ID", "SEM", "NIF", "SCHEMA", "PLOVER", "TERMS", "PREFIXES"]

KG_URI = "https://w3id.org/kg-news/ontology#"

_STATIC_TERMS = [
    # ontology resource itself
    "",
    # actor classes
    "Actor", "Person", "Organization", "Country", "Group",
    # other classes
    "Role", "Evidence", "Document", "Modality", "ExtractionActivity",
    # modality concepts and their scheme
    "modalities", "Asserted", "Planned", "Hypothetical", "Negated", "Reported",
    # actor properties
    "hasRole", "title", "affiliation", "isoCode", "cameoCode", "mentionCount", "memberOf",
    # interaction node properties
    "source", "target", "relationText", "modality", "dateText", "date", "place",
    "attributedTo", "attributionText", "symmetric", "evidence", "ploverCategory",
    # evidence and documents
    "sentenceText", "inDocument", "contentHash", "sourcePath", "wordCount",
]

#: Every term of the ontology namespace.
TERMS: tuple[str, ...] = tuple(
    dict.fromkeys(
        _STATIC_TERMS
        + [row.name for row in CLASSES.values()]
        + [row.predicate for row in CLASSES.values()]
    )
)

KG = ClosedNamespace(KG_URI, list(TERMS))

#: Instance data: actors, interactions, documents, roles.
ID = Namespace("https://w3id.org/kg-news/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("https://schema.org/")
PLOVER = Namespace("https://w3id.org/kg-news/plover#")

#: Prefixes bound in every graph kg writes.
PREFIXES: dict[str, str] = {
    "kg": KG_URI,
    "kgid": str(ID),
    "sem": str(SEM),
    "nif": str(NIF),
    "schema": str(SCHEMA),
    "plover": str(PLOVER),
}
