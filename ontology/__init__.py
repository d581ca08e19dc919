"""kg's ontology files (``kg.ttl``, shapes, queries), shipped as the data package ``kg._ontology``."""
