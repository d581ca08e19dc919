"""The networkx view and the offline HTML page, on graphs built triple by triple per the schema."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.classes import CLASSES
from kg.draw import (CLASS_COLOURS, DEFAULT_SEED, MODALITY_DASHES, MODALITY_ORDER, TYPE_STYLES, draw,
                     escape_json, render, render_view)
from kg.network import (RESOURCE_TYPE, NetworkError, ego_view, find_actor, rank_actors,
                        result_triples, to_networkx, top_view, triples_view)
from kg.records import ACTOR_TYPES, MODALITIES
from kg.vocab import ID, KG, NIF

MODALITY_TERMS = {"asserted": KG.Asserted, "planned": KG.Planned, "hypothetical": KG.Hypothetical,
                  "negated": KG.Negated, "reported": KG.Reported}
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "O'Brien <x> \"y\""]
VIS_BLOCK = re.compile(r'<(script|style) id="kg-vis(?:-css)?">.*?</\1>', re.DOTALL)


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def actor_iri(key: str) -> URIRef:
    return ID["actor/" + quote(key, safe="")]


def add_actor(g: Graph, key: str, label: str, kind: str, *, aliases: tuple[str, ...] = (),
              roles: tuple[tuple[str, str | None], ...] = (), mentions: int = 1,
              code: str | None = None) -> URIRef:
    """Add an actor (and its roles) the way kg/graph.py does."""
    actor = actor_iri(key)
    g.add((actor, RDF.type, KG[kind]))
    g.add((actor, RDFS.label, Literal(label)))
    g.add((actor, KG.mentionCount, Literal(mentions)))
    for alias in aliases:
        g.add((actor, SKOS.altLabel, Literal(alias)))
    if code:
        g.add((actor, KG.isoCode, Literal(code)))
    for title, affiliation in roles:
        role = ID["role/" + _digest(key, title, affiliation)]
        g.add((actor, KG.hasRole, role))
        g.add((role, RDF.type, KG.Role))
        g.add((role, KG.title, Literal(title)))
        if affiliation:
            org = add_actor(g, affiliation.lower(), affiliation, "Country")
            g.add((role, KG.affiliation, org))
            g.add((role, RDFS.label, Literal(f"{title} ({affiliation})")))
        else:
            g.add((role, RDFS.label, Literal(title)))
    return actor


def add_interaction(g: Graph, subject: str, obj: str, cls: str, relation: str, *,
                    sentence: str, modality: str = "asserted", path: str = "news/a.txt",
                    begin: int = 0, date: str | None = None, date_text: str | None = None,
                    place: str | None = None, attributed_to: str | None = None,
                    attribution_text: str | None = None, symmetric: bool = False,
                    published: str | None = None, title: str | None = None) -> URIRef:
    """Add an interaction node, its evidence, its document and its direct triple per the spec."""
    doc_id = _digest(path)
    document = ID["document/" + doc_id]
    g.add((document, RDF.type, KG.Document))
    g.add((document, KG.sourcePath, Literal(path)))
    if published:
        g.add((document, DCTERMS.date, Literal(published, datatype=XSD.date)))
    if title:
        g.add((document, DCTERMS.title, Literal(title)))
    end = begin + len(sentence)
    node = ID["interaction/" + _digest(doc_id, subject, obj, cls, begin, end)]
    evidence = ID["evidence/" + _digest(doc_id, begin, end)]
    source, target = actor_iri(subject), actor_iri(obj)
    g.add((node, RDF.type, KG[cls]))
    g.add((node, KG.source, source))
    g.add((node, KG.target, target))
    g.add((node, KG.relationText, Literal(relation)))
    g.add((node, KG.modality, MODALITY_TERMS[modality]))
    g.add((node, KG.symmetric, Literal(symmetric)))
    if CLASSES[cls].plover:
        g.add((node, KG.ploverCategory, Literal(CLASSES[cls].plover)))
    if date_text:
        g.add((node, KG.dateText, Literal(date_text)))
    if date:
        g.add((node, KG.date, Literal(date, datatype=XSD.date)))
    if place:
        g.add((node, KG.place, Literal(place)))
    if attributed_to:
        g.add((node, KG.attributedTo, actor_iri(attributed_to)))
    if attribution_text:
        g.add((node, KG.attributionText, Literal(attribution_text)))
    g.add((node, KG.evidence, evidence))
    g.add((node, PROV.wasDerivedFrom, document))
    g.add((evidence, RDF.type, KG.Evidence))
    g.add((evidence, KG.sentenceText, Literal(sentence)))
    g.add((evidence, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
    g.add((evidence, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
    g.add((evidence, KG.inDocument, document))
    g.add((evidence, PROV.wasDerivedFrom, document))
    if modality in {"asserted", "reported", "planned"}:
        g.add((source, KG[CLASSES[cls].predicate], target))
    return node


def geneva_graph() -> Graph:
    """Blinken and Lavrov in Geneva, with a planned visit, a negated meeting and a bystander."""
    g = Graph()
    add_actor(g, "antony-blinken", "Antony Blinken", "Person", aliases=("Blinken",),
              roles=(("Secretary of State", "United States"),), mentions=4)
    add_actor(g, "sergei-lavrov", "Sergei Lavrov", "Person", aliases=("Lavrov",),
              roles=(("Foreign Minister", "Russia"),), mentions=3)
    add_actor(g, "nato", "NATO", "Organization", mentions=2)
    add_actor(g, "ukraine", "Ukraine", "Country", code="UKR")
    add_actor(g, "azov-battalion", "Azov Battalion", "Group")
    add_actor(g, "pope-francis", "Pope Francis", "Person")  # takes part in nothing
    add_interaction(g, "antony-blinken", "sergei-lavrov", "Meet", "met",
                    sentence="Antony Blinken met Sergei Lavrov in Geneva on Friday.",
                    date="2022-01-21", date_text="Friday", place="Geneva", symmetric=True)
    add_interaction(g, "antony-blinken", "sergei-lavrov", "Warn", "warned", begin=60,
                    sentence="Blinken warned Lavrov of a swift and severe response.",
                    attributed_to="nato", attribution_text="NATO")
    add_interaction(g, "sergei-lavrov", "antony-blinken", "Reject", "rejected", begin=120,
                    sentence="Lavrov rejected the American demands.", modality="reported",
                    attribution_text="Russian state media")
    add_interaction(g, "antony-blinken", "ukraine", "Visit", "will travel to", begin=200,
                    sentence="Blinken will travel to Ukraine next week.", modality="planned",
                    path="news/b.txt", published="2022-01-14", title="Blinken to visit Kyiv")
    add_interaction(g, "nato", "azov-battalion", "Aid", "did not arm", begin=260,
                    sentence="NATO did not arm the Azov Battalion, officials said.",
                    modality="negated", path="news/b.txt")
    return g


def hostile_graph() -> Graph:
    g = Graph()
    for number, name in enumerate(HOSTILE):
        add_actor(g, f"hostile-{number}", name, "Person", aliases=(name,),
                  roles=((name, None),))
    add_actor(g, "bbc", "BBC", "Organization")
    for number, name in enumerate(HOSTILE):
        add_interaction(g, f"hostile-{number}", "bbc", "Communicate", name, begin=number * 100,
                        sentence=f"{name} told the BBC </script><script>alert(2)</script>",
                        path=f"news/{name}.txt", attribution_text=name, place=name)
    return g


def page_id(iri: URIRef) -> str:
    return "kgid:" + str(iri)[len(str(ID)):]


def page_json(text: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text,
                      re.DOTALL)
    assert match is not None
    return json.loads(match[1])


# --- the networkx view -----------------------------------------------------------------

def test_view_has_only_interacting_actors_with_their_attributes() -> None:
    view = to_networkx(geneva_graph())
    labels = {data["label"] for _, data in view.nodes(data=True)}
    assert labels == {"Antony Blinken", "Sergei Lavrov", "NATO", "Ukraine", "Azov Battalion"}
    blinken = view.nodes[str(actor_iri("antony-blinken"))]
    assert blinken == {"label": "Antony Blinken", "type": "Person",
                       "roles": ["Secretary of State (United States)"], "aliases": ["Blinken"],
                       "mentions": 4}
    assert view.nodes[str(actor_iri("ukraine"))]["type"] == "Country"
    assert view.nodes[str(actor_iri("azov-battalion"))]["type"] == "Group"


def test_view_keeps_parallel_edges_and_negated_ones() -> None:
    view = to_networkx(geneva_graph())
    blinken, lavrov = str(actor_iri("antony-blinken")), str(actor_iri("sergei-lavrov"))
    assert view.number_of_edges() == 5
    assert sorted(d["relation"] for d in view[blinken][lavrov].values()) == ["met", "warned"]
    assert [d["modality"] for _, _, d in view.edges(data=True) if d["type"] == "Aid"] == ["negated"]
    assert all(key.startswith(str(ID["interaction/"])) for _, _, key in view.edges(keys=True))


@pytest.mark.parametrize(("relation", "expected"), [
    ("met", {"type": "Meet", "plover": "CONSULT", "modality": "asserted", "date": "2022-01-21",
             "date_text": "Friday", "place": "Geneva", "attribution": None, "symmetric": True}),
    ("warned", {"type": "Warn", "plover": "THREATEN", "modality": "asserted",
                "attribution": "NATO", "symmetric": False}),
    ("rejected", {"type": "Reject", "modality": "reported",
                  "attribution": "Russian state media"}),
    ("will travel to", {"type": "Visit", "modality": "planned", "date": None}),
])
def test_view_edge_attributes(relation: str, expected: dict) -> None:
    view = to_networkx(geneva_graph())
    (edge,) = [d for _, _, d in view.edges(data=True) if d["relation"] == relation]
    assert {name: edge[name] for name in expected} == expected


def test_view_evidence_points_to_the_source_path() -> None:
    view = to_networkx(geneva_graph())
    (edge,) = [d for _, _, d in view.edges(data=True) if d["relation"] == "will travel to"]
    sentence = "Blinken will travel to Ukraine next week."
    assert edge["evidence"] == [{"sentence": sentence, "document": "news/b.txt",
                                 "published": "2022-01-14", "title": "Blinken to visit Kyiv",
                                 "begin": 200, "end": 200 + len(sentence)}]


def test_view_ignores_direct_triples_without_interaction_nodes() -> None:
    g = Graph()
    a = add_actor(g, "emmanuel-macron", "Emmanuel Macron", "Person")
    b = add_actor(g, "olaf-scholz", "Olaf Scholz", "Person")
    g.add((a, KG.meetsWith, b))
    view = to_networkx(g)
    assert (view.number_of_nodes(), view.number_of_edges()) == (0, 0)


def test_view_of_an_oxigraph_store_matches_memory() -> None:
    pytest.importorskip("oxrdflib")
    memory = geneva_graph()
    oxigraph = Graph(store="Oxigraph")
    for triple in memory:
        oxigraph.add(triple)
    left, right = to_networkx(memory), to_networkx(oxigraph)
    assert sorted(left.nodes(data="label")) == sorted(right.nodes(data="label"))
    assert (sorted(left.edges(keys=True, data="evidence"), key=str)
            == sorted(right.edges(keys=True, data="evidence"), key=str))


# --- the page ------------------------------------------------------------------------

def test_draw_writes_exactly_one_file_and_nothing_in_cwd(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cwd = tmp_path / "cwd"
    out = tmp_path / "out"
    cwd.mkdir()
    out.mkdir()
    monkeypatch.chdir(cwd)
    draw(geneva_graph(), out / "page.html", title="Geneva talks")
    assert [p.name for p in out.iterdir()] == ["page.html"]
    assert list(cwd.iterdir()) == []


def test_draw_relative_path_writes_only_that_file(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    draw(geneva_graph(), "page.html")
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_page_has_no_external_urls() -> None:
    text = render(geneva_graph(), title="Geneva talks")
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"@import", text)
    outside_vis = VIS_BLOCK.sub("", text)
    assert len(outside_vis) < len(text) - 100_000  # the library really is inlined
    assert not re.search(r"https?://", outside_vis)
    assert not re.search(r"//[a-z0-9-]+(\.[a-z0-9-]+)+", outside_vis, re.I)  # protocol-relative


def test_page_inlines_vis_and_declares_the_data() -> None:
    text = render(geneva_graph())
    assert "vis-network" in re.search(r'<script id="kg-vis">.*?</script>', text, re.DOTALL)[0]
    data = page_json(text)
    assert len(data["nodes"]) == 5 and len(data["edges"]) == 5
    assert data["options"]["layout"]["randomSeed"] == DEFAULT_SEED
    assert render(geneva_graph()) == text  # deterministic


def test_page_keeps_parallel_edges_with_distinct_curves() -> None:
    data = page_json(render(geneva_graph()))
    blinken, lavrov = page_id(actor_iri("antony-blinken")), page_id(actor_iri("sergei-lavrov"))
    between = [e for e in data["edges"] if {e["from"], e["to"]} == {blinken, lavrov}]
    assert sorted(e["kg"]["relation"] for e in between) == ["met", "rejected", "warned"]
    assert len({json.dumps(e["smooth"], sort_keys=True) for e in between}) == 3


@pytest.mark.parametrize(("relation", "dashes", "arrow", "label"), [
    ("met", False, False, "met"),  # symmetric: no arrow
    ("warned", False, True, "warned"),
    ("rejected", False, True, "rejected"),  # reported: a fact according to a source
    ("will travel to", MODALITY_DASHES["planned"], True, "will travel to (planned)"),
    ("did not arm", MODALITY_DASHES["negated"], True, "did not arm (negated)"),
])
def test_page_edge_styles(relation: str, dashes: object, arrow: bool, label: str) -> None:
    data = page_json(render(geneva_graph()))
    (edge,) = [e for e in data["edges"] if e["kg"]["relation"] == relation]
    assert edge["dashes"] == dashes
    assert (edge["arrows"] == {"to": {"enabled": False}}) is not arrow
    assert edge["color"]["color"] == CLASS_COLOURS[edge["kg"]["type"]]
    assert edge["label"] == edge["kg"]["label"] == label
    # labels of what did not happen (yet) have their own colour
    assert (edge["font"]["color"] != page_json(render(geneva_graph()))["options"]["edges"]
            ["font"]["color"]) is bool(dashes)


def test_page_node_styles_and_sizes() -> None:
    data = page_json(render(geneva_graph()))
    by_label = {n["label"]: n for n in data["nodes"]}
    for label, kind in [("Antony Blinken", "Person"), ("NATO", "Organization"),
                        ("Ukraine", "Country"), ("Azov Battalion", "Group")]:
        assert by_label[label]["shape"] == TYPE_STYLES[kind].shape
        assert by_label[label]["color"]["background"] == TYPE_STYLES[kind].color
    assert by_label["Antony Blinken"]["size"] > by_label["Ukraine"]["size"]
    assert by_label["Sergei Lavrov"]["kg"]["roles"] == ["Foreign Minister (Russia)"]


def test_page_legend_lists_what_is_present() -> None:
    legend = page_json(render(geneva_graph()))["legend"]
    assert [t["name"] for t in legend["types"]] == ["Person", "Organization", "Country", "Group"]
    assert [m["name"] for m in legend["modalities"]] == ["asserted", "reported", "planned",
                                                         "negated"]
    assert [c["name"] for c in legend["classes"]] == ["Meet", "Visit", "Aid", "Reject", "Warn"]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_strings_appear_only_escaped(payload: str) -> None:
    text = render(hostile_graph(), title=payload)
    assert payload not in text
    assert "<script>alert" not in text
    assert "<img" not in text
    assert "</script><script>" not in text
    data = page_json(text)
    assert payload in {n["label"] for n in data["nodes"]}
    assert data["title"] == payload
    assert any(payload in e["kg"]["evidence"][0]["document"] for e in data["edges"])


def test_page_script_never_uses_html_sinks() -> None:
    text = VIS_BLOCK.sub("", render(geneva_graph()))
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in text


def test_escape_json_round_trips_awkward_text() -> None:
    value = {"s": "</script><!-- & \u2028 \u2029 'q' \"d\""}
    escaped = escape_json(value)
    assert not re.search(r"[<>&\u2028\u2029]", escaped)
    assert json.loads(escaped) == value


def test_styles_cover_every_type_class_and_modality() -> None:
    assert set(ACTOR_TYPES) <= set(TYPE_STYLES)
    assert set(CLASSES) == set(CLASS_COLOURS)
    assert set(MODALITY_ORDER) == set(MODALITIES)
    assert set(MODALITY_DASHES) == {"planned", "hypothetical", "negated"}


def test_empty_graph_draws_an_empty_page(tmp_path: Path) -> None:
    draw(Graph(), tmp_path / "empty.html")
    data = page_json((tmp_path / "empty.html").read_text(encoding="utf-8"))
    assert (data["nodes"], data["edges"]) == ([], [])


def test_large_pages_start_without_relation_labels() -> None:
    g = Graph()
    for number in range(12):
        add_actor(g, f"minister-{number}", f"Minister {number}", "Person")
    for number in range(201):
        add_interaction(g, f"minister-{number % 12}", f"minister-{(number + 1) % 12}", "Meet",
                        "met", begin=number * 50, sentence=f"The ministers met ({number}).")
    data = page_json(render(g))
    assert data["labels"] is False
    assert {e["label"] for e in data["edges"]} == {""}
    assert {e["kg"]["relation"] for e in data["edges"]} == {"met"}


# --- dates, big pages -------------------------------------------------------------------

def test_page_dates_use_the_interaction_date_else_the_article_date() -> None:
    data = page_json(render(geneva_graph()))
    days = {e["kg"]["relation"]: e["kg"]["day"] for e in data["edges"]}
    assert days == {"met": "2022-01-21", "will travel to": "2022-01-14",
                    "did not arm": "2022-01-14", "warned": None, "rejected": None}
    assert data["dates"] == {"first": "2022-01-14", "last": "2022-01-21", "dated": 3,
                             "undated": 2}


def test_evidence_carries_the_article_title_and_date() -> None:
    data = page_json(render(geneva_graph()))
    (edge,) = [e for e in data["edges"] if e["kg"]["relation"] == "will travel to"]
    assert [(ev["title"], ev["published"]) for ev in edge["kg"]["evidence"]] == [
        ("Blinken to visit Kyiv", "2022-01-14")]


def ring_graph(actors: int, *, chords: int = 2) -> Graph:
    """A ring of ministers, each also meeting the one ``chords`` further on."""
    g = Graph()
    for number in range(actors):
        add_actor(g, f"minister-{number}", f"Minister {number}", "Person")
    for number in range(actors):
        for step in (1, chords):
            add_interaction(g, f"minister-{number}", f"minister-{(number + step) % actors}",
                            "Meet", "met", begin=(number * 2 + step) * 50,
                            sentence=f"Minister {number} met a colleague ({step}).")
    return g


def test_big_pages_bound_the_layout_work() -> None:
    small = page_json(render(geneva_graph()))
    big = page_json(render(ring_graph(600)))
    iterations = [d["options"]["physics"]["stabilization"]["iterations"] for d in (small, big)]
    assert iterations[1] < iterations[0]
    assert big["options"]["layout"]["improvedLayout"] is False
    assert big["nodeLabels"] is False and small["nodeLabels"] is True
    assert big["labels"] is False
    assert big["options"]["interaction"]["hideEdgesOnDrag"] is False  # 1,200 edges: still drawn
    assert page_json(render(ring_graph(1100)))["options"]["interaction"]["hideEdgesOnDrag"]


# --- parts of the view: --top, --ego, --query ------------------------------------------

def test_view_with_isolates_keeps_every_actor() -> None:
    labels = {label for _, label in to_networkx(geneva_graph(), isolates=True).nodes(data="label")}
    assert {"Pope Francis", "United States", "Russia"} <= labels


def test_rank_and_top_view() -> None:
    view = to_networkx(geneva_graph())
    assert [view.nodes[n]["label"] for n in rank_actors(view)][:2] == ["Antony Blinken",
                                                                      "Sergei Lavrov"]
    top = top_view(view, 2)
    assert sorted(label for _, label in top.nodes(data="label")) == ["Antony Blinken",
                                                                    "Sergei Lavrov"]
    assert sorted(d["relation"] for _, _, d in top.edges(data=True)) == ["met", "rejected",
                                                                       "warned"]


@pytest.mark.parametrize(("name", "depth", "expected"), [
    ("Antony Blinken", 1, {"Antony Blinken", "Sergei Lavrov", "Ukraine"}),
    ("LAVROV", 1, {"Antony Blinken", "Sergei Lavrov"}),  # an alias, any case
    ("lavrov", 2, {"Antony Blinken", "Sergei Lavrov", "Ukraine"}),
    ("Azov Battalion", 1, {"Azov Battalion", "NATO"}),  # against the arrow
    ("ukraine", 0, {"Ukraine"}),
])
def test_ego_view(name: str, depth: int, expected: set[str]) -> None:
    ego = ego_view(to_networkx(geneva_graph()), name, depth=depth)
    assert {label for _, label in ego.nodes(data="label")} == expected


def test_unknown_and_ambiguous_actors_are_errors_naming_them() -> None:
    view = to_networkx(geneva_graph())
    with pytest.raises(NetworkError, match="no actor named 'Sergey Lavrov'.*'Sergei Lavrov'"):
        find_actor(view, "Sergey Lavrov")
    g = geneva_graph()
    g.add((actor_iri("sergei-lavrov"), SKOS.altLabel, Literal("the minister")))
    g.add((actor_iri("antony-blinken"), SKOS.altLabel, Literal("The Minister")))
    with pytest.raises(NetworkError, match="ambiguous.*'Antony Blinken', 'Sergei Lavrov'"):
        find_actor(to_networkx(g), "the minister")


def test_triples_view_of_a_construct_brings_the_interactions_behind_direct_triples() -> None:
    g = geneva_graph()
    result = g.query("CONSTRUCT { ?a ?p ?b } WHERE { ?a ?p ?b . "
                     "FILTER(?p IN (kg:meetsWith, kg:visits, kg:aids)) }",
                     initNs={"kg": KG})
    view = triples_view(g, result_triples(result))
    # the negated aid has no direct triple; the planned visit has one
    assert sorted(d["relation"] for _, _, d in view.edges(data=True)) == ["met",
                                                                        "will travel to"]
    (met,) = [d for _, _, d in view.edges(data=True) if d["relation"] == "met"]
    assert met["evidence"][0]["sentence"].startswith("Antony Blinken met Sergei Lavrov")
    assert view.nodes[str(actor_iri("sergei-lavrov"))]["roles"] == ["Foreign Minister (Russia)"]


def test_triples_view_of_a_select_draws_other_triples_with_their_predicate() -> None:
    g = geneva_graph()
    result = g.query("SELECT ?s ?p ?o WHERE { ?s kg:hasRole ?r . ?r kg:affiliation ?o ."
                     " BIND(kg:hasRole AS ?p) }", initNs={"kg": KG})
    view = triples_view(g, result_triples(result))
    edges = sorted((view.nodes[s]["label"], d["relation"], view.nodes[o]["label"], d["type"])
                   for s, o, d in view.edges(data=True))
    assert edges == [("Antony Blinken", "kg:hasRole", "United States", "Interaction"),
                     ("Sergei Lavrov", "kg:hasRole", "Russia", "Interaction")]
    data = page_json(render_view(view))
    assert len(data["nodes"]) == 4 and len(data["edges"]) == 2


def test_triples_view_draws_resources_that_are_not_actors() -> None:
    g = geneva_graph()
    result = g.query("SELECT ?s ?p ?o WHERE { ?s kg:hasRole ?o . BIND(kg:hasRole AS ?p) }",
                     initNs={"kg": KG})
    view = triples_view(g, result_triples(result))
    roles = [data for _, data in view.nodes(data=True) if data["type"] == RESOURCE_TYPE]
    assert sorted(r["label"] for r in roles) == ["Foreign Minister (Russia)",
                                                 "Secretary of State (United States)"]
    legend = page_json(render_view(view))["legend"]["types"]
    assert [t["name"] for t in legend] == ["Person", RESOURCE_TYPE]


@pytest.mark.parametrize(("query", "message"), [
    ("SELECT ?a ?b WHERE { ?a kg:meetsWith ?b }", "a SELECT to draw must bind ?s ?p ?o (it binds ?a ?b)"),
    ("ASK { ?a kg:meetsWith ?b }", "cannot draw an ASK result"),
])
def test_results_that_are_not_triples_are_errors(query: str, message: str) -> None:
    result = geneva_graph().query(query, initNs={"kg": KG})
    with pytest.raises(NetworkError, match=re.escape(f"talks.rq: {message}")):
        result_triples(result, name="talks.rq")
