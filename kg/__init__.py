"""kg: news articles to a knowledge graph of actors and their interactions."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
