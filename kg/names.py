"""Names to lookup forms and actor keys: one definition for the extractor and the graph.

>>> norm("  Mélanie  Joly ")
'melanie joly'
>>> norm("U.S.")
'us'
>>> actor_key("Mélanie Joly")
'melanie-joly'
>>> actor_key("U.S. officials")
'us-officials'
"""
from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["norm", "actor_key"]


#: Texts up to this long are normalised through a cache (names, titles); longer ones (a
#: window of a document) are not kept, so the cache cannot grow with the input.
CACHED_LENGTH = 200


def norm(text: str) -> str:
    """Normalise a name for lookups: case-folded, accents and dots removed, single spaces,
    no leading "the"."""
    return _cached_norm(text) if len(text) <= CACHED_LENGTH else _normalise(text)


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace(".", "").replace("\u2019", "'").casefold()
    if plain.startswith("the "):
        plain = plain[4:]
    return " ".join(plain.split())


def actor_key(label: str) -> str:
    """A stable actor key from a label: the normalised words joined by hyphens."""
    text = norm(label)
    text = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-")
    return text or "unnamed"


_cached_norm = functools.lru_cache(maxsize=1 << 16)(_normalise)
