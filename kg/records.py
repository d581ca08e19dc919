"""Plain records that the pipeline stages pass to each other.

Nothing here depends on spaCy or rdflib: extractors produce these records,
:mod:`kg.graph` turns them into triples.

>>> Role("Foreign Minister", "Italy").describe()
'Foreign Minister (Italy)'
"""
from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

__all__ = [
    "ACTOR_TYPES",
    "MODALITIES",
    "Paragraph",
    "Paragraphs",
    "Document",
    "Role",
    "Actor",
    "Evidence",
    "Interaction",
    "Extraction",
    "Window",
]

#: Actor types, the local names of the ontology's actor classes.
ACTOR_TYPES: tuple[str, ...] = ("Person", "Organization", "Country", "Group")

#: Modalities, in order of precedence (the first that applies wins).
MODALITIES: tuple[str, ...] = ("negated", "hypothetical", "planned", "reported", "asserted")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a document: its text and where it starts in the original text."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class Paragraphs(Sequence[Paragraph]):
    """A document's paragraphs as spans of its text: only two integers a paragraph are
    held, and each :class:`Paragraph` (with its text) is made when it is read.  A long
    document's paragraphs thus cost no second copy of its text.  Equal to any sequence of
    the same paragraphs (a tuple of :class:`Paragraph` included).

    >>> text = "Blair meets Bush\\n\\nTony Blair met George W Bush."
    >>> paragraphs = Paragraphs(text, [(0, 16), (18, 47)])
    >>> len(paragraphs), paragraphs[1]
    (2, Paragraph(start=18, text='Tony Blair met George W Bush.'))
    >>> paragraphs[1:] == (Paragraph(18, 'Tony Blair met George W Bush.'),)
    True
    """

    __slots__ = ("_text", "_starts", "_ends")

    def __init__(self, text: str, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._text = text
        self._starts, self._ends = array("q"), array("q")
        for start, end in spans:
            self._starts.append(start)
            self._ends.append(end)

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> Paragraph: ...

    @overload
    def __getitem__(self, index: slice) -> "Paragraphs": ...

    def __getitem__(self, index: int | slice) -> "Paragraph | Paragraphs":
        if isinstance(index, slice):
            return Paragraphs(self._text, zip(self._starts[index], self._ends[index]))
        start = self._starts[index]
        return Paragraph(start, self._text[start:self._ends[index]])

    def __iter__(self) -> Iterator[Paragraph]:
        text = self._text
        for start, end in zip(self._starts, self._ends):
            yield Paragraph(start, text[start:end])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (Paragraphs, tuple, list)):
            return NotImplemented
        return len(other) == len(self) and all(a == b for a, b in zip(self, other))

    def __hash__(self) -> int:  # as the tuple of the same paragraphs, which it equals
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Paragraphs({list(self)!r})"

    def __reduce__(self) -> tuple[object, tuple[str, list[tuple[int, int]]]]:
        return Paragraphs, (self._text, list(zip(self._starts, self._ends)))


@dataclass(frozen=True)
class Document:
    """One article, as read from a file, a JSONL line or standard input.

    ``text`` is the decoded original text; paragraph offsets index into it.  For a large
    plain-text file it is a :class:`kg.documents.FileText`, which reads the characters
    sliced from the file (the whole text is not held).
    ``id`` is a hash of the text, so the same content always gets the same id.
    """

    id: str
    text: str  # or a kg.documents.FileText: len, slices and == as the str it stands for
    path: str
    paragraphs: Sequence[Paragraph]  # a Paragraphs, or any sequence of Paragraph
    title: str | None = None
    date: str | None = None  # ISO date (YYYY-MM-DD) when known
    url: str | None = None
    source_id: str | None = None  # the article's own id (JSONL "id"), when it has one


@dataclass(frozen=True)
class Role:
    """A title held by an actor, optionally on behalf of an affiliation (an actor label)."""

    title: str
    affiliation: str | None = None

    def describe(self) -> str:
        return f"{self.title} ({self.affiliation})" if self.affiliation else self.title


@dataclass(frozen=True)
class Actor:
    """A real-world actor as resolved within one document.

    ``key`` is a normalized name, stable across runs and documents; the graph
    derives the actor's IRI from it.  ``code`` is the ISO 3166 alpha-3 code of
    a country, or of the country a group belongs to.
    """

    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    mentions: int = 1
    code: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Where an interaction was read: the sentence and its character offsets."""

    document: str  # Document.id
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Interaction:
    """Who did what to whom, with its attributes and evidence.

    ``subject`` and ``object`` are actor keys.  ``type`` is the local name of an
    interaction class of the ontology (e.g. ``"Communicate"``).  ``symmetric``
    says whether the direction carries no meaning ("A met B").
    """

    subject: str
    object: str
    relation: str
    type: str
    modality: str
    evidence: Evidence
    date_text: str | None = None
    date: str | None = None  # ISO date when it could be normalised
    place: str | None = None
    source: str | None = None  # actor key of the attributed source, if an actor
    source_text: str | None = None  # the attribution as written
    symmetric: bool = False


@dataclass(frozen=True)
class Window:
    """The part of a long document that one :class:`Extraction` covers.

    A document longer than :data:`kg.extract.WINDOW_CHARS` is parsed and resolved in
    consecutive windows cut at paragraphs; ``start``/``end`` are character offsets into
    the document's text, ``sentences`` the number of sentences parsed for the window and
    ``final`` whether it is the document's last window.
    """

    index: int
    start: int
    end: int
    sentences: int
    final: bool


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document (or from one :class:`Window` of a long one)."""

    document: Document
    actors: tuple[Actor, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    window: Window | None = None

    def actor(self, key: str) -> Actor:
        for actor in self.actors:
            if actor.key == key:
                return actor
        raise KeyError(key)
