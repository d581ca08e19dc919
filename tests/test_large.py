"""Large inputs (issue 7, item 2): a long document is extracted window by window with
bounded parses, and ``kg extract -o .nt/.nq`` streams.  A scaled case (a few hundred KB of
news paragraphs as one text file); the large-input figures are in ``bench/RESULTS.md``
(``bench/bench_large.py``, run at 50 MB).  No timings: structural checks only."""
from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from conformance import assert_conforms
from kg.documents import count_words, document_from_text
from kg.extract import WINDOW_CHARS, extract_documents, merge_windows
from kg.vocab import KG, NIF

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}

PEOPLE = [
    ("German Chancellor", "Angela Merkel", "Berlin"),
    ("Brazilian President", "Luiz Inacio Lula da Silva", "Brasilia"),
    ("Indian Prime Minister", "Narendra Modi", "New Delhi"),
    ("Japanese Prime Minister", "Shinzo Abe", "Tokyo"),
    ("South African President", "Thabo Mbeki", "Pretoria"),
    ("Spanish Prime Minister", "Jose Luis Rodriguez Zapatero", "Madrid"),
    ("Chinese President", "Hu Jintao", "Beijing"),
    ("Turkish Prime Minister", "Recep Tayyip Erdogan", "Ankara"),
]
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
TOPICS = ("trade", "climate change", "debt relief", "energy prices", "farm subsidies", "nuclear talks")
FIRST = ("British Prime Minister Tony Blair met French President Jacques Chirac in Paris on Monday. "
         "The two leaders discussed the budget of the European Union, officials said.")
LAST = "Mr Blair later criticised Mr Chirac over the farm subsidies."


def news(size: int) -> str:
    """About ``size`` characters of news paragraphs between real-world leaders: Tony Blair and
    Jacques Chirac by full name in the first paragraph only, "Mr Blair" and "Mr Chirac" in the last."""
    paragraphs, total, i = [FIRST], len(FIRST), 0
    while total < size:
        (ta, a, city), (tb, b, _) = PEOPLE[i % len(PEOPLE)], PEOPLE[(i * 3 + 1) % len(PEOPLE)]
        day, topic = DAYS[i % len(DAYS)], TOPICS[i % len(TOPICS)]
        if a == b:
            (tb, b, _) = PEOPLE[(i + 1) % len(PEOPLE)]
        paragraph = [
            f"{ta} {a} met {tb} {b} in {city} on {day}.",
            f"Markets in {city} closed higher as investors weighed the latest figures on {topic}.",
            f"{a.split()[-1]} spoke with {b} by telephone about {topic}, aides said.",
            f"The talks on {topic} will resume next month, according to a statement.",
        ][: 2 + i % 3]
        paragraphs.append(" ".join(paragraph))
        total += len(paragraphs[-1]) + 2
        i += 1
    paragraphs.append(LAST)
    return "\n\n".join(paragraphs) + "\n"


def spacy_docs_alive() -> int:
    """How many spaCy Docs exist now (parses held by anyone)."""
    from spacy.tokens import Doc

    gc.collect()
    return sum(1 for obj in gc.get_objects() if isinstance(obj, Doc))


def test_count_words_is_len_of_split_on_any_block_size() -> None:
    text = news(5_000) + " \u2028 x\u00a0y \t\n z "
    assert all(count_words(text, block=b) == len(text.split()) for b in (1, 2, 7, 100, 10_000))


def test_a_long_document_is_extracted_in_bounded_windows() -> None:
    """Windows are cut at paragraphs, never exceed the window, cover the text in order; their
    parses are dropped before the next window is parsed; evidence offsets are the document's;
    a late "Mr Blair" still resolves to the Tony Blair named in the first window."""
    text = news(90_000)
    document = document_from_text(text, path="long.txt")
    window, batch = 20_000, 16
    paragraphs = len(document.paragraphs)
    most_pieces = 0
    alive: list[int] = []
    parts = []
    for part in extract_documents([document], window=window, batch_size=batch, windows=True):
        alive.append(spacy_docs_alive())
        parts.append(part)
    spans = [(p.window.start, p.window.end) for p in parts]
    assert len(parts) >= 4 and [p.window.index for p in parts] == list(range(len(parts)))
    assert [p.window.final for p in parts] == [False] * (len(parts) - 1) + [True]
    for (start, end), (next_start, _) in zip(spans, spans[1:]):
        assert end <= next_start
    for part in parts:
        start, end = part.window.start, part.window.end
        assert 0 < end - start <= window
        pieces = [p for p in document.paragraphs if start <= p.start < end]
        assert pieces and pieces[0].start == start and pieces[-1].end == end  # cut at paragraphs
        most_pieces = max(most_pieces, len(pieces))
    assert spans[0][0] == document.paragraphs[0].start and spans[-1][1] == document.paragraphs[-1].end
    # the parses held while a window is handed out: at most one window's and one spaCy batch
    assert max(alive) <= most_pieces + batch + 2 < paragraphs, (alive, most_pieces, paragraphs)

    evidence = set()
    for part in parts:
        keys = {a.key for a in part.actors}
        for i in part.interactions:
            e = i.evidence
            assert part.window.start <= e.start < e.end <= part.window.end
            assert text[e.start:e.end] == e.sentence
            assert {i.subject, i.object} <= keys
            evidence.add((e.start, e.end, i.subject, i.object, i.type))
    assert len(evidence) == sum(len(p.interactions) for p in parts)
    first = [(i.subject, i.type, i.object) for i in parts[0].interactions]
    assert ("tony-blair", "Meet", "jacques-chirac") in first
    last = [(i.subject, i.type, i.object, i.evidence.sentence) for i in parts[-1].interactions]
    assert ("tony-blair", "Disapprove", "jacques-chirac", LAST) in last
    assert "tony-blair" not in {a.key for a in parts[2].actors}  # not named there: not repeated

    merged = merge_windows(parts)
    blair = merged.actor("tony-blair")
    assert blair.mentions == 2 and blair.label == "Tony Blair"
    assert len(merged.interactions) == len(evidence)


def test_no_cache_holds_a_window_of_text() -> None:
    """The name-normalisation cache keeps short strings only: each window's whole text is
    normalised once (to look names up in it) and must not stay cached, or memory grows with the input."""
    from kg.names import CACHED_LENGTH, _cached_norm

    document = document_from_text(news(60_000), path="long.txt")
    _cached_norm.cache_clear()
    parts = list(extract_documents([document], window=20_000, windows=True))
    assert len(parts) >= 3
    # the cache's own dictionary, as the garbage collector sees it (its keys are the arguments)
    tables = [r for r in gc.get_referents(_cached_norm) if isinstance(r, dict) and "Tony Blair" in r]
    assert len(tables) == 1 and len(tables[0]) == _cached_norm.cache_info().currsize
    assert max(len(key) for key in tables[0] if isinstance(key, str)) <= CACHED_LENGTH


def largest_string_held() -> int:
    """The length of the longest str or bytes that any object the garbage collector tracks
    holds (containers, instances, the frames of suspended generators): strings are not
    tracked themselves, but whatever keeps one alive is."""
    gc.collect()
    return max((len(ref) for obj in gc.get_objects() for ref in gc.get_referents(obj)
                if isinstance(ref, (str, bytes))), default=0)


def test_a_long_text_file_is_not_held_while_it_is_extracted(tmp_path: Path) -> None:
    """A text file longer than FILE_TEXT_BYTES is read a window at a time: while it is
    extracted, no string (nor its bytes) longer than a few windows is held anywhere, so memory
    does not grow with the file (the whole text used to be held, with the file's bytes)."""
    from kg.documents import FILE_TEXT_BYTES, FileText, read_paths

    source = tmp_path / "long.txt"
    source.write_text(news(200_000), encoding="utf-8")
    size = source.stat().st_size
    window = 20_000
    assert size > max(FILE_TEXT_BYTES, 8 * window)
    held, windows = [], 0
    for part in extract_documents(read_paths([str(source)]), window=window, windows=True):
        assert isinstance(part.document.text, FileText)
        windows += 1
        if windows in (3, 6):
            held.append(largest_string_held())
    assert windows >= 8 and part.window is not None and part.window.final
    # a window's text, and the file's pieces read around it (MARK characters before and after)
    assert max(held) <= window + 2 * FileText.MARK < size / 2, (held, size)


def test_a_long_text_file_through_kg_extract_to_ntriples(tmp_path: Path) -> None:
    """``kg extract FILE -o out.nt`` on a 150 KB text file (two windows): the output
    parses and conforms, holds interactions of the first and the last window, and every
    evidence's offsets point at its sentence in the file."""
    text = news(150_000)
    assert len(text) > WINDOW_CHARS
    source = tmp_path / "long.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.nt"
    result = subprocess.run([sys.executable, "-m", "kg", "extract", str(source), "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, **EPOCH})
    assert result.returncode == 0, result.stderr
    assert "kg: 1 documents" in result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    graph = Graph().parse(out, format="nt")
    assert len(set(out.read_text(encoding="utf-8").splitlines())) == len(graph)  # no line twice
    assert_conforms(graph)
    begins = []
    for proof in graph.subjects(None, KG.Evidence):
        begin = int(graph.value(proof, NIF.beginIndex))
        end = int(graph.value(proof, NIF.endIndex))
        assert text[begin:end] == str(graph.value(proof, KG.sentenceText))
        begins.append(begin)
    assert len(begins) > 300 and len(set(begins)) == len(begins)
    assert min(begins) == 0 and max(begins) > WINDOW_CHARS  # evidence of the first and the last window
    blair = next(graph.subjects(RDFS.label, Literal("Tony Blair")))
    chirac = next(graph.subjects(RDFS.label, Literal("Jacques Chirac")))
    links = {(s, o, str(graph.value(i, KG.relationText)), str(graph.value(graph.value(i, KG.evidence), KG.sentenceText)))
             for i in graph.subjects(KG.source, blair) for s, o in [(blair, graph.value(i, KG.target))]}
    assert (blair, chirac, "met", FIRST.split(". ")[0] + ".") in links
    assert (blair, chirac, "criticised", LAST) in links
    assert len(list(graph.subjects(None, KG.Document))) == 1
    assert isinstance(blair, URIRef)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the BBC corpus is not here")
def test_streamed_ntriples_and_nquads_equal_the_whole_graph(tmp_path: Path) -> None:
    """The streamed ``.nt``/``.nq`` outputs hold exactly the triples/quads of the graph built
    at once (``.ttl``/``.trig``), for the seed and a few BBC articles together."""
    inputs = [str(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    inputs += [str(CORPUS / "politics" / f"{n}.txt") for n in (225, 257, 276)]
    inputs += [str(CORPUS / "business" / "127.txt")]
    outputs = {}
    for suffix in (".nt", ".ttl", ".nq", ".trig"):
        out = tmp_path / f"g{suffix}"
        result = subprocess.run([sys.executable, "-m", "kg", "extract", *inputs, "-o", str(out), "-q"],
                                capture_output=True, text=True, cwd=ROOT, env={**os.environ, **EPOCH})
        assert result.returncode == 0, result.stderr
        outputs[suffix] = out
    streamed, whole = Graph().parse(outputs[".nt"], format="nt"), Graph().parse(outputs[".ttl"], format="turtle")
    assert len(whole) > 1000 and set(streamed) == set(whole)
    quads = Dataset()
    quads.parse(outputs[".nq"], format="nquads")
    trig = Dataset()
    trig.parse(outputs[".trig"], format="trig")
    assert set(quads.quads()) == set(trig.quads())
    assert len({g for *_, g in quads.quads()}) == len(inputs) + 1  # a graph per document, and the actors


def test_a_failed_streamed_run_leaves_the_earlier_output(tmp_path: Path) -> None:
    """A binary file after a good article: the run fails with one line naming it, the earlier
    ``out.nt`` is unchanged and no temporary file is left."""
    good = tmp_path / "a_good.txt"
    good.write_text(FIRST + "\n", encoding="utf-8")
    bad = tmp_path / "b_bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary\xff\xfe" * 200)
    out = tmp_path / "out.nt"
    out.write_text("earlier\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kg", "extract", str(good), str(bad), "-o", str(out), "-q"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode != 0
    assert result.stderr.startswith("kg: error:") and "b_bad.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_good.txt", "b_bad.txt", "out.nt"]


def test_enospc_while_streaming_keeps_the_earlier_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A full disk (ENOSPC simulated in-process at the final fsync) during a streamed
    ``.nq`` run: one error line naming the output, the earlier file intact, no leftovers."""
    import errno

    from kg.cli import main

    article = tmp_path / "a.txt"
    article.write_text(FIRST + "\n", encoding="utf-8")
    out = tmp_path / "out.nq"
    out.write_text("earlier\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("kg.stream.os.fsync", full)
    assert main(["extract", str(article), "-o", str(out), "-q"]) != 0
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error:") and str(out) in lines[0]
    assert "No space left on device" in lines[0]
    assert out.read_text(encoding="utf-8") == "earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.nq"]


def test_a_carried_person_keeps_what_the_earlier_window_knew() -> None:
    """A window starts from the earlier windows' actors as they were (gender, roles, aliases), with its own mention count."""
    from kg.extract.lexicon import load
    from kg.extract.resolve import Carry, Resolver, _ActorState
    from kg.records import Role

    carry = Carry(actors={"angela-merkel": _ActorState("angela-merkel", "Angela Merkel", "Person", aliases={"Merkel"},
                                                       roles=[Role("chancellor", "Germany")], mentions=7,
                                                       first_name_known=True, gender="f")})
    state = Resolver(load(), [], "", carry=carry).actors["angela-merkel"]
    assert (state.gender, state.roles, state.aliases, state.first_name_known, state.mentions) == (
        "f", [Role("chancellor", "Germany")], {"Merkel"}, True, 0)
    state.aliases.add("Mrs Merkel")
    assert carry.actors["angela-merkel"].aliases == {"Merkel"}  # the window's copy, not the carry's
