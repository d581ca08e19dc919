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


@functools.lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Normalise a name for lookups: case-folded, accents and dots removed, single spaces,
    no leading "the"."""
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
