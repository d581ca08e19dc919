"""Tests of the evaluation harness (kg/evaluate.py) and of the gold files in tests/gold/."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kg.evaluate import (
    GoldActor,
    GoldDocument,
    GoldError,
    GoldInteraction,
    GoldRole,
    MissingArticleError,
    NotInteraction,
    evaluate,
    format_report,
    load_gold,
    map_actor,
    score,
)
from kg.records import Actor, Document, Evidence, Extraction, Interaction, Paragraph, Role

GOLD_DIR = Path(__file__).parent / "gold"

SENTENCE = ("Foreign Secretary Jack Straw met his Iranian counterpart Kamal Kharrazi in Tehran, "
            "and later criticised Syria over its role in Lebanon.")

DOC = Document(id="d1", text=SENTENCE, path="straw.txt", paragraphs=(Paragraph(0, SENTENCE),))

GOLD_ACTORS = (
    GoldActor("Jack Straw", "Person", ("Straw", "Mr Straw"), (GoldRole("Foreign Secretary", "United Kingdom"),)),
    GoldActor("Kamal Kharrazi", "Person", ("Kharrazi",), (GoldRole("Foreign Minister", "Iran"),)),
    GoldActor("Syria", "Country", ("Damascus",)),
    GoldActor("United Kingdom", "Country", ("UK", "Britain")),
    GoldActor("Iran", "Country", ("Tehran",)),
)

MEET = GoldInteraction("Jack Straw", "Kamal Kharrazi", ("Meet", "Consult"), False,
                       "Jack Straw met his Iranian counterpart Kamal Kharrazi")
CRITICISE = GoldInteraction("Jack Straw", "Syria", ("Disapprove",), True, "later criticised Syria")


def gold(*interactions: GoldInteraction, nots: tuple[NotInteraction, ...] = ()) -> GoldDocument:
    return GoldDocument(path=Path("straw.json"), document=Path("straw.txt"), sha256="", date=None,
                        actors=GOLD_ACTORS, interactions=interactions, not_interactions=nots)


def actor(key: str, label: str, type_: str = "Person", aliases: tuple[str, ...] = (),
          roles: tuple[Role, ...] = ()) -> Actor:
    return Actor(key=key, label=label, type=type_, aliases=aliases, roles=roles)


STRAW = actor("jack-straw", "Jack Straw", roles=(Role("Foreign Secretary", "UK"),))
KHARRAZI = actor("kamal-kharrazi", "Kamal Kharrazi")
SYRIA = actor("syria", "Syria", "Country")


def edge(subject: str, object_: str, type_: str, modality: str = "asserted") -> Interaction:
    return Interaction(subject=subject, object=object_, relation=type_.lower(), type=type_,
                       modality=modality, evidence=Evidence("d1", SENTENCE, 0, len(SENTENCE)))


def extraction(*interactions: Interaction, actors: tuple[Actor, ...] = (STRAW, KHARRAZI, SYRIA)
               ) -> Extraction:
    return Extraction(document=DOC, actors=actors, interactions=interactions)


def test_perfect_extraction_scores_one() -> None:
    result = score(gold(MEET, CRITICISE), extraction(edge("jack-straw", "kamal-kharrazi", "Meet"),
                                                     edge("jack-straw", "syria", "Disapprove")))
    assert (result.counts.tp, result.counts.fp, result.counts.fn) == (2, 0, 0)
    assert result.counts.f1 == 1.0


def test_partial_extraction_has_a_miss() -> None:
    result = score(gold(MEET, CRITICISE), extraction(edge("jack-straw", "syria", "Disapprove")))
    assert (result.counts.tp, result.counts.fp, result.counts.fn) == (1, 0, 1)
    assert result.misses == [MEET]
    assert result.counts.recall == 0.5 and result.counts.precision == 1.0


@pytest.mark.parametrize(("gold_item", "predicted", "expected"), [
    (CRITICISE, edge("syria", "jack-straw", "Disapprove"), (0, 1, 1)),  # directed: reversed is wrong
    (MEET, edge("kamal-kharrazi", "jack-straw", "Meet"), (1, 0, 0)),  # undirected: either way
])
def test_direction(gold_item: GoldInteraction, predicted: Interaction,
                   expected: tuple[int, int, int]) -> None:
    counts = score(gold(gold_item), extraction(predicted)).counts
    assert (counts.tp, counts.fp, counts.fn) == expected


@pytest.mark.parametrize(("type_", "matched"), [
    ("Disapprove", True),
    ("Accuse", True),  # a subclass: its ancestor Disapprove is acceptable
    ("Praise", False),
    ("Interaction", False),  # too vague: its ancestors do not include Disapprove
])
def test_class_must_be_acceptable_or_descend_from_one(type_: str, matched: bool) -> None:
    counts = score(gold(CRITICISE), extraction(edge("jack-straw", "syria", type_))).counts
    assert (counts.tp, counts.fp, counts.fn) == ((1, 0, 0) if matched else (0, 1, 1))


def test_parent_class_in_gold_accepts_its_children() -> None:
    counts = score(gold(MEET), extraction(edge("jack-straw", "kamal-kharrazi", "Visit"))).counts
    assert counts.tp == 1


NEGATED_MEET = GoldInteraction("Jack Straw", "Kamal Kharrazi", ("Meet",), False,
                               "did not meet", modality="negated")


@pytest.mark.parametrize(("gold_item", "modality", "expected"), [
    (MEET, "negated", (0, 1, 1)),  # predicted negated, gold asserted: a miss and a false positive
    (MEET, "hypothetical", (0, 1, 1)),
    (MEET, "planned", (1, 0, 0)),  # planned, reported and asserted are interchangeable
    (MEET, "reported", (1, 0, 0)),
    (NEGATED_MEET, "negated", (1, 0, 0)),
    (NEGATED_MEET, "asserted", (0, 1, 1)),
])
def test_negated_and_hypothetical_only_match_their_own_modality(
        gold_item: GoldInteraction, modality: str, expected: tuple[int, int, int]) -> None:
    predicted = edge("jack-straw", "kamal-kharrazi", "Meet", modality)
    counts = score(gold(gold_item), extraction(predicted)).counts
    assert (counts.tp, counts.fp, counts.fn) == expected


@pytest.mark.parametrize(("names", "expected"), [
    (("Jack Straw",), "Jack Straw"),
    (("mr straw",), "Jack Straw"),  # alias, any case
    (("Foreign Secretary Straw",), "Jack Straw"),  # unique last token
    (("Mr Kharrazi",), "Kamal Kharrazi"),
    (("U.K.",), "United Kingdom"),  # dots ignored
    (("the UK",), "United Kingdom"),  # leading "the" ignored
    (("Islamic Republic", "Tehran"), "Iran"),  # an alias of the prediction
    (("Kofi Annan",), None),
    (("Lebanon",), None),
])
def test_map_actor(names: tuple[str, ...], expected: str | None) -> None:
    assert map_actor(names, gold()) == expected


def test_last_token_must_be_unique() -> None:
    doc = GoldDocument(path=Path("g.json"), document=Path("a.txt"), sha256="", date=None,
                       actors=(GoldActor("Gordon Brown", "Person"),
                               GoldActor("Nick Brown", "Person")), interactions=())
    assert map_actor(("Mr Brown",), doc) is None
    assert map_actor(("Gordon Brown",), doc) == "Gordon Brown"


def test_aliases_map_predicted_actors() -> None:
    straw = actor("straw", "Mr Straw")
    kharrazi = actor("kharrazi", "Dr Kharrazi")
    result = score(gold(MEET), extraction(edge("straw", "kharrazi", "Meet"),
                                          actors=(straw, kharrazi)))
    assert result.counts.tp == 1


def test_duplicates_of_a_match_are_not_false_positives() -> None:
    result = score(gold(MEET), extraction(
        edge("jack-straw", "kamal-kharrazi", "Meet"),
        edge("jack-straw", "kamal-kharrazi", "Meet"),  # same key: counted once
        edge("kamal-kharrazi", "jack-straw", "Meet"),  # reverse of an undirected match
        edge("jack-straw", "kamal-kharrazi", "Communicate"),  # another acceptable class
    ))
    assert (result.counts.tp, result.counts.fp, result.counts.fn) == (1, 0, 0)
    assert result.duplicates == 2


def test_each_gold_item_is_matched_once() -> None:
    second = GoldInteraction("Jack Straw", "Kamal Kharrazi", ("Communicate",), False, "met")
    result = score(gold(MEET, second), extraction(edge("jack-straw", "kamal-kharrazi", "Meet"),
                                                  edge("jack-straw", "kamal-kharrazi", "Communicate")))
    assert (result.counts.tp, result.counts.fp, result.counts.fn) == (2, 0, 0)


def test_unmapped_actors_give_false_positives() -> None:
    annan = actor("kofi-annan", "Kofi Annan")
    result = score(gold(CRITICISE), extraction(edge("kofi-annan", "syria", "Disapprove"),
                                               actors=(annan, SYRIA)))
    assert (result.counts.tp, result.counts.fp, result.counts.fn) == (0, 1, 1)
    assert result.false_positives[0].sentence == SENTENCE


@pytest.mark.parametrize(("roles", "recalled"), [
    ((Role("Foreign Secretary", "UK"),), 1),  # affiliation by alias
    ((Role("foreign secretary", "United Kingdom"),), 1),
    ((Role("Secretary", "Britain"),), 1),  # title containment
    ((Role("Foreign Secretary", "France"),), 0),  # wrong affiliation
    ((Role("Foreign Secretary", None),), 0),  # affiliation missing
    ((Role("Home Secretary", "UK"),), 0),
])
def test_role_recall(roles: tuple[Role, ...], recalled: int) -> None:
    straw = actor("jack-straw", "Jack Straw", roles=roles)
    result = score(gold(), extraction(actors=(straw,)))
    assert result.roles_total == 2  # Straw's and Kharrazi's
    assert result.roles_recalled == recalled


def test_role_with_null_affiliation_needs_only_the_title() -> None:
    doc = GoldDocument(path=Path("g.json"), document=Path("a.txt"), sha256="", date=None,
                       actors=(GoldActor("Charles Clarke", "Person", (),
                                         (GoldRole("Home Secretary", None),)),),
                       interactions=())
    clarke = actor("clarke", "Mr Clarke", roles=(Role("Home Secretary", "UK"),))
    assert score(doc, extraction(actors=(clarke,))).roles_recalled == 1


DI_MAIO_RULE = NotInteraction("Kamal Kharrazi", "Syria", "Kamal Kharrazi", "they never met")


@pytest.mark.parametrize(("predicted", "violations"), [
    (edge("syria", "kamal-kharrazi", "Meet"), 1),  # either direction
    (edge("kamal-kharrazi", "syria", "Meet", "hypothetical"), 0),  # not a claim that it happened
    (edge("jack-straw", "syria", "Disapprove"), 0),
])
def test_not_interaction_violations(predicted: Interaction, violations: int) -> None:
    result = score(gold(CRITICISE, nots=(DI_MAIO_RULE,)), extraction(predicted))
    assert len(result.violations) == violations
    if violations:
        assert result.counts.fp == 1


def test_not_interaction_with_any_partner_and_classes() -> None:
    anyone = NotInteraction("Iran", None, "in Tehran", "a place, not a party", ("Fight",))
    iran = actor("iran", "Iran", "Country")
    attack = score(gold(nots=(anyone,)), extraction(edge("iran", "syria", "Fight"),
                                                    actors=(iran, SYRIA)))
    talk = score(gold(nots=(anyone,)), extraction(edge("iran", "syria", "Meet"),
                                                  actors=(iran, SYRIA)))
    assert len(attack.violations) == 1 and talk.violations == []


def test_per_class_figures_use_gold_and_predicted_classes() -> None:
    result = score(gold(MEET, CRITICISE), extraction(edge("jack-straw", "kamal-kharrazi", "Meet"),
                                                     edge("jack-straw", "syria", "Praise")))
    assert result.by_gold_class["Meet"].tp == 1
    assert result.by_gold_class["Disapprove"].fn == 1
    assert result.by_predicted_class["Praise"].fp == 1


# ------------------------------------------------------------------ files, evaluate, report

ARTICLE = ("Chancellor Gordon Brown met South African Finance Minister Trevor Manuel in London.\n\n"
           "Mr Brown later praised Nelson Mandela.\n")


def write_gold(tmp_path: Path, **changes: object) -> Path:
    article = tmp_path / "brown.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    data: dict[str, object] = {
        "document": "brown.txt",
        "sha256": hashlib.sha256(article.read_bytes()).hexdigest(),
        "date": "2005-02-05",
        "actors": [
            {"label": "Gordon Brown", "type": "Person", "aliases": ["Mr Brown"],
             "roles": [{"title": "Chancellor", "affiliation": None}]},
            {"label": "Trevor Manuel", "type": "Person", "aliases": [],
             "roles": [{"title": "Finance Minister", "affiliation": "South Africa"}]},
            {"label": "South Africa", "type": "Country", "aliases": []},
            {"label": "Nelson Mandela", "type": "Person"},
        ],
        "interactions": [
            {"subject": "Gordon Brown", "object": "Trevor Manuel", "classes": ["Meet", "Consult"],
             "directed": False, "evidence": "Gordon Brown met South African Finance Minister"},
            {"subject": "Gordon Brown", "object": "Nelson Mandela", "classes": ["Praise"],
             "directed": True, "evidence": "Mr Brown later praised Nelson Mandela"},
        ],
        "not_interactions": [
            {"subject": "Trevor Manuel", "object": "Nelson Mandela",
             "evidence": "praised Nelson Mandela", "why": "only Brown praised him"},
        ],
    }
    data.update(changes)
    path = tmp_path / "brown.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_gold_reads_a_valid_file(tmp_path: Path) -> None:
    doc = load_gold(write_gold(tmp_path))
    assert doc.document == tmp_path / "brown.txt"
    assert doc.date == "2005-02-05"
    assert [a.label for a in doc.actors][:2] == ["Gordon Brown", "Trevor Manuel"]
    assert doc.interactions[0].classes == ("Meet", "Consult")
    assert doc.not_interactions[0].why == "only Brown praised him"


@pytest.mark.parametrize(("changes", "message"), [
    ({"sha256": "0" * 64}, "changed"),
    ({"interactions": [{"subject": "Gordon Brown", "object": "Trevor Manuel"}]}, "lacks classes"),
    ({"interactions": [{"subject": "Gordon Brown", "object": "Kofi Annan", "classes": ["Meet"],
                        "directed": False, "evidence": "met"}]}, "not a gold actor"),
    ({"interactions": [{"subject": "Gordon Brown", "object": "Trevor Manuel", "classes": ["Hug"],
                        "directed": False, "evidence": "met"}]}, "unknown class"),
    ({"interactions": [{"subject": "Gordon Brown", "object": "Trevor Manuel", "classes": ["Meet"],
                        "directed": False, "evidence": "held talks"}]}, "not in the article"),
    ({"interactions": [{"subject": "Gordon Brown", "object": "Trevor Manuel", "classes": ["Meet"],
                        "directed": False, "evidence": ARTICLE}]}, "longer than"),
    ({"actors": [{"label": "Gordon Brown", "type": "Politician"}]}, "type"),
])
def test_load_gold_rejects_bad_files(tmp_path: Path, changes: dict[str, object],
                                     message: str) -> None:
    path = write_gold(tmp_path, **changes)
    with pytest.raises(GoldError, match=message) as error:
        load_gold(path)
    assert str(path) in str(error.value) and "\n" not in str(error.value)


def test_load_gold_rejects_bad_json_and_missing_article(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{\"document\": ", encoding="utf-8")
    with pytest.raises(GoldError, match="bad JSON"):
        load_gold(broken)
    with pytest.raises(MissingArticleError, match="not found"):
        load_gold(write_gold(tmp_path, document="missing.txt"))


def fake_reader(path: str) -> Document:
    text = Path(path).read_text(encoding="utf-8")
    return Document(id="brown", text=text, path=path, paragraphs=(Paragraph(0, text),))


def fake_extractor(document: Document) -> Extraction:
    brown = actor("gordon-brown", "Gordon Brown", roles=(Role("Chancellor"),))
    manuel = actor("trevor-manuel", "Trevor Manuel", roles=(Role("Finance Minister", "South Africa"),))
    mandela = actor("nelson-mandela", "Nelson Mandela")
    sentence = document.text.split("\n")[0]
    evidence = Evidence(document.id, sentence, 0, len(sentence))
    return Extraction(document=document, actors=(brown, manuel, mandela), interactions=(
        Interaction("gordon-brown", "trevor-manuel", "met", "Meet", "asserted", evidence),
        Interaction("trevor-manuel", "nelson-mandela", "met", "Meet", "asserted", evidence),
    ))


def test_evaluate_and_report(tmp_path: Path) -> None:
    write_gold(tmp_path)
    report = evaluate([tmp_path], extract=fake_extractor, read=fake_reader)
    assert len(report.documents) == 1
    counts = report.counts
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 1)
    assert report.role_recall == 1.0
    summary = report.to_json()
    assert summary["interactions"]["f1"] == 0.5
    assert summary["violations"] == 1
    assert summary["per_class"]["Meet"]["precision"] == 0.5
    text = format_report(report)
    assert "F1 0.500" in text
    assert "miss  Gordon Brown -> Nelson Mandela Praise" in text
    assert "fp    Trevor Manuel -> Nelson Mandela Meet" in text
    assert "only Brown praised him" in text
    assert "Chancellor Gordon Brown met South African" in text  # the sentence of the FP


# ------------------------------------------------------------------ the gold set

GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))


def test_gold_set_is_large_enough() -> None:
    assert len(GOLD_FILES) >= 23
    assert any("seeds" in json.loads(p.read_text(encoding="utf-8"))["document"]
               for p in GOLD_FILES)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_loads_and_matches_its_article(path: Path) -> None:
    try:
        doc = load_gold(path)  # checks fields, labels, classes, evidence and sha256
    except MissingArticleError:
        pytest.skip(f"article of {path.name} is absent (corpus not checked out)")
    assert doc.interactions
    keys = [(g.subject, g.object, g.main_class, g.modality in ("negated", "hypothetical"))
            for g in doc.interactions]
    assert len(keys) == len(set(keys)), "one gold item per (subject, object, class, modality)"
