"""Finding kg's ontology files, in a source checkout and after ``pip install .``.

The repository keeps them in the top-level ``ontology/`` folder; an installed
kg ships that folder as the data package ``kg._ontology``.  Both layouts give
the same answers:

>>> ontology_path().name
'kg.ttl'
>>> queries_dir().name
'queries'
>>> from kg.vocab import KG
>>> from rdflib import OWL, RDF
>>> (KG[""], RDF.type, OWL.Ontology) in load_ontology()
True
"""
from __future__ import annotations

import importlib.resources
from pathlib import Path

from rdflib import Graph

__all__ = [
    "ONTOLOGY_PACKAGE",
    "ONTOLOGY_FILE",
    "QUERIES_FOLDER",
    "OntologyError",
    "ontology_dir",
    "ontology_path",
    "load_ontology",
    "queries_dir",
]

#: The data package an installed kg ships the ``ontology/`` folder as.
ONTOLOGY_PACKAGE = "kg._ontology"
#: The ontology proper.
ONTOLOGY_FILE = "kg.ttl"
#: The folder of ready-made SPARQL queries (``*.rq``).
QUERIES_FOLDER = "queries"
#: Where the ontology lives in a source checkout: ``ontology/`` beside ``kg/``.
SOURCE_DIR = Path(__file__).resolve().parent.parent / "ontology"


class OntologyError(FileNotFoundError):
    """The ontology files are missing: kg is installed without its data files."""


def _package_dir() -> Path | None:
    """The folder of the installed ``kg._ontology`` package, if it is a real folder."""
    try:
        root = importlib.resources.files(ONTOLOGY_PACKAGE)
    except ModuleNotFoundError:
        return None
    folder = Path(str(root))
    return folder if (folder / ONTOLOGY_FILE).is_file() else None


def ontology_dir() -> Path:
    """The folder that holds ``kg.ttl``: the installed data package, else ``ontology/``."""
    folder = _package_dir()
    if folder is not None:
        return folder
    if (SOURCE_DIR / ONTOLOGY_FILE).is_file():
        return SOURCE_DIR
    raise OntologyError(
        f"cannot find {ONTOLOGY_FILE}: neither package {ONTOLOGY_PACKAGE} "
        f"nor folder {SOURCE_DIR} holds it"
    )


def ontology_path(name: str = ONTOLOGY_FILE) -> Path:
    """The path of an ontology file, e.g. ``"kg.ttl"`` or ``"shapes.ttl"``.

    >>> ontology_path("missing.ttl")
    Traceback (most recent call last):
    ...
    kg.ontology.OntologyError: cannot find ontology file missing.ttl in ...
    """
    path = ontology_dir() / name
    if not path.is_file():
        raise OntologyError(f"cannot find ontology file {name} in {path.parent}")
    return path


def load_ontology() -> Graph:
    """Parse ``kg.ttl`` into a fresh graph (the caller may change it freely)."""
    path = ontology_path()
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def queries_dir() -> Path:
    """The folder of kg's ready-made SPARQL queries."""
    return ontology_dir() / QUERIES_FOLDER
