"""kg's query library: ready-made SPARQL queries in ``ontology/queries/*.rq``.

Each file starts with a header of comment lines::

    # name: actor
    # description: Everything about one actor: ...
    # parameter: actor = the actor's label or alias, e.g. "Antony Blinken" (required)

A parameter ``NAME`` is a variable of the query that the file binds with
``VALUES ?NAME { UNDEF }``: run as it is (in kg, Fuseki or GraphDB), the query
leaves it open; :func:`bind` puts the value in its place as a properly escaped
RDF literal, so no value can change the query's structure.

>>> query = parse_query('''# name: by-label
... # description: Actors with a label.
... # parameter: label = the label (required)
... SELECT ?a WHERE { VALUES ?label { UNDEF } ?a rdfs:label ?label }''', "by-label.rq")
>>> query.name, [p.name for p in query.parameters]
('by-label', ['label'])
>>> print(bind(query, {"label": 'Say "hi" } DROP ALL'}).splitlines()[-1])
SELECT ?a WHERE { VALUES ?label { "Say \\"hi\\" } DROP ALL" } ?a rdfs:label ?label }
>>> bind(query, {})
Traceback (most recent call last):
...
kg.library.LibraryError: query by-label needs --param label=VALUE (the label)
>>> bind(query, {"lable": "x"})
Traceback (most recent call last):
...
kg.library.LibraryError: query by-label has no parameter 'lable'; its parameters: label
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal

from kg.ontology import queries_dir

__all__ = ["Parameter", "LibraryQuery", "LibraryError", "parse_query", "load_library",
           "get_query", "bind", "parse_params", "format_list"]

_HEADER = re.compile(r"^#\s*(name|description|parameter)\s*:\s*(.*?)\s*$")
_PARAMETER = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<text>.*?)\s*(?P<required>\(required\))?$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


def _values_clause(name: str) -> re.Pattern[str]:
    return re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{\s*UNDEF\s*\}")


class LibraryError(ValueError):
    """An unknown query or parameter, a missing parameter, or a malformed query file."""


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    required: bool


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: str


def parse_query(text: str, path: str) -> LibraryQuery:
    """Read a query file's header; check every parameter has its ``VALUES`` clause."""
    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if match is None:
            continue
        key, value = match.groups()
        if key == "parameter":
            found = _PARAMETER.match(value)
            if found is None:
                raise LibraryError(f"{path}: bad parameter line {line!r}; "
                                   "write '# parameter: NAME = description [(required)]'")
            parameters.append(Parameter(found["name"], found["text"], bool(found["required"])))
        else:
            fields[key] = value
    for key in ("name", "description"):
        if not fields.get(key):
            raise LibraryError(f"{path}: the header lacks '# {key}: ...'")
    if not _NAME.match(fields["name"]):
        raise LibraryError(f"{path}: query name {fields['name']!r} is not lowercase-with-hyphens")
    for parameter in parameters:
        if len(_values_clause(parameter.name).findall(text)) != 1:
            raise LibraryError(f"{path}: parameter {parameter.name!r} needs exactly one "
                               f"'VALUES ?{parameter.name} {{ UNDEF }}' in the query")
    return LibraryQuery(fields["name"], fields["description"], tuple(parameters), text, path)


def load_library(folder: Path | None = None) -> dict[str, LibraryQuery]:
    """Every query of the library by name, in name order."""
    folder = folder or queries_dir()
    queries: dict[str, LibraryQuery] = {}
    for path in sorted(folder.glob("*.rq")):
        query = parse_query(path.read_text(encoding="utf-8"), str(path))
        if query.name in queries:
            raise LibraryError(f"{path}: query name {query.name!r} is used twice")
        queries[query.name] = query
    return dict(sorted(queries.items()))


def get_query(name: str) -> LibraryQuery:
    """A query of the library by name; an unknown name lists the valid ones."""
    library = load_library()
    if name not in library:
        raise LibraryError(f"unknown query {name!r}; valid names: {', '.join(library)}")
    return library[name]


def bind(query: LibraryQuery, values: Mapping[str, str]) -> str:
    """The query text with each given parameter's ``UNDEF`` replaced by its value."""
    known = {p.name: p for p in query.parameters}
    for name in values:
        if name not in known:
            valid = ", ".join(known) or "none"
            raise LibraryError(f"query {query.name} has no parameter {name!r}; its parameters: {valid}")
    text = query.text
    for parameter in query.parameters:
        if parameter.name in values:
            literal = Literal(values[parameter.name]).n3()
            text = _values_clause(parameter.name).sub(
                lambda _: f"VALUES ?{parameter.name} {{ {literal} }}", text)
        elif parameter.required:
            raise LibraryError(f"query {query.name} needs --param {parameter.name}=VALUE "
                               f"({parameter.description})")
    return text


def parse_params(items: list[str] | None) -> dict[str, str]:
    """``NAME=VALUE`` strings to a dict.

    >>> parse_params(['actor=Antony Blinken', 'x=a=b'])
    {'actor': 'Antony Blinken', 'x': 'a=b'}
    >>> parse_params(['actor'])
    Traceback (most recent call last):
    ...
    kg.library.LibraryError: bad --param 'actor'; write NAME=VALUE
    """
    values: dict[str, str] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise LibraryError(f"bad --param {item!r}; write NAME=VALUE")
        values[name.strip()] = value
    return values


def format_list(library: Mapping[str, LibraryQuery]) -> str:
    """The library as text: each name with its description and parameters."""
    width = max((len(name) for name in library), default=0)
    lines = []
    for name, query in library.items():
        lines.append(f"{name.ljust(width)}  {query.description}")
        for parameter in query.parameters:
            need = "required" if parameter.required else "optional"
            lines.append(f"{'':{width}}    --param {parameter.name}=...  {parameter.description} ({need})")
    return "\n".join(lines) + ("\n" if lines else "")
