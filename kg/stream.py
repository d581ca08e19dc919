"""Writing N-Triples and N-Quads as extractions come, so memory does not grow with the run.

``kg extract -o GRAPH.nt`` (or ``.nq``) writes each document's triples (each window's, for a
long document: :data:`kg.extract.WINDOW_CHARS`) as soon as it is extracted, instead of
building one rdflib graph of the whole run.  Only the actors are held until the end: they
merge across documents (:func:`kg.graph.build_dataset`), and their triples go last.  The
file is written through a temporary file in the same folder, renamed over the target at the
end; a failed run removes it and leaves an earlier output intact, as
:func:`kg.io.atomic_write` does.

The triples are those :func:`kg.graph.build_dataset` makes (the same set: tested), in the
order they are produced rather than sorted.

>>> import tempfile, pathlib
>>> from kg.records import Document, Extraction
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.nt"
>>> with StreamWriter(target, "nt") as writer:
...     writer.add(Extraction(Document("d1", "No news.", "a.txt", ())))
>>> sorted(target.read_text().splitlines())[0]
'<https://w3id.org/kg-news/id/document/d1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kg-news/ontology#Document> .'
"""
from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO

from rdflib.plugins.serializers.nquads import _nq_row
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.term import Node

from kg.graph import ACTORS_GRAPH, ActorRecord, _emit_actors, actor_records, document_graph, graph_iri, scope_actors
from kg.io import OutputError
from kg.records import Extraction
from kg.vocab import ID

__all__ = ["STREAM_FORMATS", "StreamWriter"]

#: Output formats written line by line (``kg extract -o`` suffix -> kg format name).
STREAM_FORMATS: dict[str, str] = {".nt": "nt", ".nq": "nq"}

#: Subjects whose triples several documents (or windows) share: the direct actor-to-actor
#: links and the software agents.  Their lines are written once.
_SHARED = (str(ID["actor/"]), str(ID["agent/"]))


class _Triples:
    """Triples in the order they are added, each once, with rdflib's ``add``."""

    def __init__(self) -> None:
        self.triples: dict[tuple[Node, Node, Node], None] = {}

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self.triples[triple] = None


class StreamWriter:
    """Write extractions to an N-Triples (``fmt="nt"``, the union) or N-Quads (``"nq"``, a
    named graph per document plus ``kgid:graph/actors``) file as they come."""

    def __init__(self, path: str | os.PathLike[str], fmt: str, *, model: str | None = None,
                 model_version: str | None = None, generated_at: _dt.datetime | None = None) -> None:
        if fmt not in STREAM_FORMATS.values():
            raise ValueError(f"cannot stream {fmt!r}; valid: {', '.join(STREAM_FORMATS.values())}")
        self.path = Path(path)
        self.quads = fmt == "nq"
        self.options = {"model": model, "model_version": model_version, "generated_at": generated_at}
        self.actors: dict[str, ActorRecord] = {}
        self.documents = 0
        self.interactions = 0
        self.actor_keys: set[str] = set()  # as extracted, before scoping (the CLI's summary)
        self._shared: set[str] = set()
        self._tmp: str | None = None
        self._fh: IO[bytes] | None = None

    # -- file handling ----------------------------------------------------
    def __enter__(self) -> "StreamWriter":
        folder = self.path.parent if str(self.path.parent) else Path(".")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        except OSError as err:
            raise OutputError(f"cannot write {self.path}: {err.strerror or err}") from err
        self._fh = os.fdopen(fd, "wb")
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

    def _write(self, data: str) -> None:
        try:
            self._fh.write(data.encode("utf-8"))  # type: ignore[union-attr]
        except OSError as err:
            raise OutputError(f"cannot write {self.path}: {err.strerror or err}") from err

    def close(self) -> None:
        """Write the merged actors, then move the file into place (on any error the temporary
        file is removed and :class:`~kg.io.OutputError` raised)."""
        fh, tmp = self._fh, self._tmp
        try:
            mode = self.path.stat().st_mode & 0o777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        try:
            graph = _Triples()
            _emit_actors(graph, self.actors)  # type: ignore[arg-type]
            self._write_triples(graph, ACTORS_GRAPH)
            fh.flush()  # type: ignore[union-attr]
            os.fsync(fh.fileno())  # type: ignore[union-attr]
            fh.close()  # type: ignore[union-attr]
            os.chmod(tmp, mode)  # type: ignore[arg-type]
            os.replace(tmp, self.path)  # type: ignore[arg-type]
        except OSError as err:
            self.abort()
            if isinstance(err, OutputError):
                raise
            raise OutputError(f"cannot write {self.path}: {err.strerror or err}") from err
        self._fh = self._tmp = None

    def abort(self) -> None:
        """Remove the temporary file; an earlier output stays as it was."""
        if self._fh is not None:
            try:
                self._fh.close()
            except OSError:
                pass
        if self._tmp is not None:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
        self._fh = self._tmp = None

    # -- content ------------------------------------------------------------
    def add(self, extraction: Extraction) -> None:
        """Write one document's (or window's) triples and merge its actors."""
        scoped = scope_actors(extraction)
        window = extraction.window
        first = window is None or window.index == 0
        graph = _Triples()
        document_graph(scoped, graph, metadata=first, **self.options)  # type: ignore[arg-type]
        self._write_triples(graph, graph_iri(scoped.document.id))
        for record in actor_records(scoped):
            if record.key in self.actors:
                self.actors[record.key].absorb(record)
            else:
                self.actors[record.key] = record.copy()
        if window is None or window.final:
            self.documents += 1
        self.interactions += len(extraction.interactions)
        self.actor_keys.update(actor.key for actor in extraction.actors)

    def _write_triples(self, graph: _Triples, name: object) -> None:
        lines = []
        for triple in graph.triples:
            line = _nq_row(triple, name) if self.quads else _nt_row(triple)
            if str(triple[0]).startswith(_SHARED):
                if line in self._shared:
                    continue
                self._shared.add(line)
            lines.append(line)
        self._write("".join(lines))
