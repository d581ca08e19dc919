"""Regenerate ontology/queries/expected/ from graphs/seed.ttl.

Run after a change to the extractor alters the seed graph, then READ the diff against the
seed article before committing: the expected results are a reviewed contract, not a
snapshot to refresh blindly.

    python tools/update_expected.py && git diff ontology/queries/expected/
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "ontology" / "queries" / "expected"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from kg.library import load_library

    params: dict[str, dict[str, str]] = json.loads((EXPECTED / "params.json").read_text("utf-8"))
    for name, query in sorted(load_library().items()):
        args = [a for k, v in params.get(name, {}).items() for a in ("--param", f"{k}={v}")]
        result = subprocess.run(
            [sys.executable, "-m", "kg", "query", str(ROOT / "graphs" / "seed.ttl"), "--name", name,
             "--format", "csv", *args], capture_output=True, text=True, cwd=ROOT, check=True,
        )
        target = EXPECTED / (f"{name}.nt" if (EXPECTED / f"{name}.nt").exists() else f"{name}.csv")
        target.write_text(result.stdout, encoding="utf-8")
        print(f"{target.relative_to(ROOT)}: {len(result.stdout.splitlines())} lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
