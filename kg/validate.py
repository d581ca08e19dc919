"""Validating a graph against kg's SHACL shapes (``ontology/shapes.ttl``) with pyshacl.

The ontology (``ontology/kg.ttl``) is mixed into the data, so that ``sh:class``
follows the class hierarchy (a ``kg:Meet`` is a ``kg:Interaction``).  Each
violation comes back in plain words: the node, the property and what is wrong.

>>> from rdflib import Graph
>>> report = validate(Graph())
>>> report.conforms, report.violations
(True, ())
>>> print(format_report(report), end="")
conforms: 0 triples checked against kg's SHACL shapes, no violations
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import BNode, Node

from kg.graph import NAMESPACES
from kg.ontology import load_ontology, ontology_path

__all__ = ["SHAPES_FILE", "Violation", "Report", "ValidationError", "load_shapes", "validate",
           "format_report"]

#: The shapes file, beside ``kg.ttl``.
SHAPES_FILE = "shapes.ttl"
#: Violations listed by :func:`format_report` before it summarises the rest.
MAX_LISTED = 50


class ValidationError(RuntimeError):
    """The shapes cannot be loaded or the validator failed (not: the graph does not conform)."""


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result in plain words."""

    focus: str  # the node that breaks a shape, compact, with its label when it has one
    path: str  # the property, compact ("kg:source"); empty for node-level results
    message: str  # what is wrong, from the shape's sh:message
    value: str = ""  # the offending value, when there is one
    severity: str = "Violation"

    def describe(self) -> str:
        """One line: ``focus  path: message (value: ...)``."""
        where = f"{self.focus} {self.path}".rstrip()
        value = f" (value: {self.value})" if self.value else ""
        return f"{where}: {self.message}{value}"


@dataclass(frozen=True)
class Report:
    """The outcome of :func:`validate`."""

    conforms: bool
    violations: tuple[Violation, ...]
    triples: int


@functools.lru_cache(maxsize=1)
def _shapes_text() -> str:
    return ontology_path(SHAPES_FILE).read_text(encoding="utf-8")


def load_shapes() -> Graph:
    """Parse ``shapes.ttl`` into a fresh graph."""
    try:
        return Graph().parse(data=_shapes_text(), format="turtle")
    except Exception as err:  # rdflib parsers raise many kinds of errors
        raise ValidationError(f"cannot read {SHAPES_FILE}: {' '.join(str(err).split())}") from err


@functools.lru_cache(maxsize=1)
def _ontology() -> Graph:
    return load_ontology()


def _compact(node: Node) -> str:
    """A short form of an IRI with kg's prefixes (``kgid:actor/joe-biden``)."""
    text = str(node)
    best = max((p for p, ns in NAMESPACES.items() if text.startswith(ns)),
               key=lambda p: len(NAMESPACES[p]), default=None)
    return f"{best}:{text[len(NAMESPACES[best]):]}" if best else f"<{text}>"


def _path(results: Graph, path: Node | None) -> str:
    if path is None:
        return ""
    if isinstance(path, BNode):  # a complex path: say which
        inverse = results.value(path, SH.inversePath)
        if inverse is not None:
            return f"^{_compact(inverse)}"
        return "(a property path)"
    return _compact(path)


def _term(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return _compact(node)
    if isinstance(node, Literal):
        kind = f"^^{_compact(node.datatype)}" if node.datatype else ""
        return f'"{node}"{kind}'
    return "a blank node"


def _focus(data: Graph, node: Node) -> str:
    label = data.value(node, RDFS.label)
    return f'{_term(node)} ("{label}")' if label is not None else _term(node)


def _message(results: Graph, result: Node) -> str:
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    if messages:
        return messages[0]
    component = results.value(result, SH.sourceConstraintComponent)
    return f"breaks {_compact(component)}" if component is not None else "breaks a shape"


def validate(graph: Graph) -> Report:
    """Check a graph (the union of its named graphs) against kg's shapes."""
    from pyshacl import validate as shacl_validate

    shapes = load_shapes()
    try:
        conforms, results, _ = shacl_validate(
            graph, shacl_graph=shapes, ont_graph=_ontology(), inference="none",
            abort_on_first=False, allow_warnings=True, advanced=False,
        )
    except Exception as err:  # pyshacl raises its own and rdflib's errors
        raise ValidationError(f"SHACL validation failed: {' '.join(str(err).split())}") from err
    violations = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        violations.add(Violation(
            focus=_focus(graph, results.value(result, SH.focusNode)),
            path=_path(results, results.value(result, SH.resultPath)),
            message=_message(results, result),
            value=_term(results.value(result, SH.value)),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        ))
    return Report(bool(conforms), tuple(sorted(violations)), len(graph))


def format_report(report: Report, *, limit: int = MAX_LISTED) -> str:
    """The report as lines: one per violation (at most ``limit``), then a summary line."""
    if report.conforms:
        return (f"conforms: {report.triples} triples checked against kg's SHACL shapes, "
                "no violations\n")
    lines = [f"{v.severity.lower()}: {v.describe()}" for v in report.violations[:limit]]
    hidden = len(report.violations) - len(lines)
    if hidden > 0:
        lines.append(f"... and {hidden} more")
    lines.append(f"does not conform: {len(report.violations)} violation"
                 f"{'s' if len(report.violations) != 1 else ''} of kg's SHACL shapes "
                 f"in {report.triples} triples")
    return "\n".join(lines) + "\n"
