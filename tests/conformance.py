"""A helper for the end-to-end tests: every graph kg writes must conform to its SHACL shapes."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.query import load_graph
from kg.validate import format_report, validate

__all__ = ["assert_conforms"]


def assert_conforms(graph: Graph | str | Path) -> None:
    """Fail with kg's own violation lines unless the graph (or graph file) conforms."""
    if not isinstance(graph, Graph):
        graph = load_graph(graph)
    report = validate(graph)
    assert report.conforms, format_report(report)
