"""Score extractions against hand-annotated gold files.

A gold file is JSON, one per article (the format is documented in
``tests/gold/README.md``).  :func:`load_gold` reads and checks one,
:func:`score` compares one :class:`~kg.records.Extraction` with it,
:func:`evaluate` runs an extractor over many gold files and
:func:`format_report` prints the result for people, ``Report.to_json()`` for
programs.

Matching, in short:

- a predicted actor maps to a gold actor when one of its names (label or
  alias) equals one of the gold actor's names, ignoring case, dots and a
  leading "the"; failing that, when its label's last token equals the last
  token of exactly one gold actor's label ("Mr Blair" -> "Tony Blair");
- a predicted interaction matches a gold one when the mapped pair is the
  same (in either order when the gold item is undirected), the predicted
  class or one of its ancestors is among the acceptable classes, and the
  modalities agree: negated and hypothetical predictions only match gold
  items with that modality, and vice versa;
- predictions are counted once per (subject, object, class, modality
  bucket); each gold item is matched at most once; a prediction that
  matches a gold item already taken is a duplicate, neither right nor wrong.

>>> Counts(tp=3, fp=1, fn=1).f1
0.75
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.classes import CLASSES, ancestors
from kg.records import ACTOR_TYPES, MODALITIES, Actor, Document, Extraction, Interaction

__all__ = [
    "MAX_EVIDENCE_WORDS",
    "STRICT_MODALITIES",
    "FACTUAL_MODALITIES",
    "MAX_SHOWN_CHARS",
    "GoldError",
    "MissingArticleError",
    "GoldRole",
    "GoldActor",
    "GoldInteraction",
    "NotInteraction",
    "GoldDocument",
    "Counts",
    "Prediction",
    "Violation",
    "RoleMiss",
    "DocScore",
    "Report",
    "load_gold",
    "gold_files",
    "map_actor",
    "score",
    "evaluate",
    "format_report",
]

#: Longest evidence quote a gold file may hold: short spans only, never whole articles.
MAX_EVIDENCE_WORDS: int = 12

#: Modalities that must agree exactly between a prediction and a gold item.
STRICT_MODALITIES: frozenset[str] = frozenset({"negated", "hypothetical"})

#: Modalities that can violate a ``not_interactions`` entry (what the text says happened).
FACTUAL_MODALITIES: frozenset[str] = frozenset({"asserted", "planned", "reported"})

#: Longest sentence shown in a printed report before it is cut.
MAX_SHOWN_CHARS: int = 220

_GOLD_KEYS: tuple[str, ...] = ("document", "sha256", "actors", "interactions")
_ACTOR_KEYS: tuple[str, ...] = ("label", "type")
_INTERACTION_KEYS: tuple[str, ...] = ("subject", "object", "classes", "directed", "evidence")
_NOT_INTERACTION_KEYS: tuple[str, ...] = ("subject", "object", "evidence", "why")
_LEADING_ARTICLE = re.compile(r"^the\s+")
_DROPPED = re.compile(r"[.\u2019'`]")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


class GoldError(ValueError):
    """A gold file that cannot be used; the message names the file."""


class MissingArticleError(GoldError):
    """The article a gold file annotates is not on disk (e.g. the corpus is absent)."""


# --------------------------------------------------------------------------- gold records


@dataclass(frozen=True)
class GoldRole:
    """A title an actor holds according to the text, with its affiliation (a label) or None."""

    title: str
    affiliation: str | None = None


@dataclass(frozen=True)
class GoldActor:
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[GoldRole, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class GoldInteraction:
    """An interaction a careful analyst codes; ``classes[0]`` is its main class."""

    subject: str
    object: str
    classes: tuple[str, ...]
    directed: bool
    evidence: str
    modality: str | None = None

    @property
    def main_class(self) -> str:
        return self.classes[0]


@dataclass(frozen=True)
class NotInteraction:
    """A pair that must not be linked.  ``None`` stands for any actor; ``classes``
    (empty = all) restricts which predicted classes (or their ancestors) count."""

    subject: str | None
    object: str | None
    evidence: str
    why: str
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldDocument:
    path: Path  # the gold file
    document: Path  # the article, resolved against the gold file's folder
    sha256: str
    date: str | None
    actors: tuple[GoldActor, ...]
    interactions: tuple[GoldInteraction, ...]
    not_interactions: tuple[NotInteraction, ...] = ()

    def actor(self, label: str) -> GoldActor:
        for actor in self.actors:
            if actor.label == label:
                return actor
        raise KeyError(label)


# --------------------------------------------------------------------------- loading


def _norm(name: str) -> str:
    """Normalise a name for comparison.

    >>> _norm("  The U.S. ")
    'us'
    >>> _norm("Mélanie  JOLY")
    'mélanie joly'
    """
    text = _SPACES.sub(" ", _DROPPED.sub("", name.translate(_QUOTES).casefold())).strip()
    return _LEADING_ARTICLE.sub("", text)


def _squash(text: str) -> str:
    """Text with quotes unified and whitespace collapsed, for finding evidence.

    >>> _squash("“serious  and\\nsubstantive”")
    '"serious and substantive"'
    """
    return _SPACES.sub(" ", text.translate(_QUOTES)).strip()


def _require(obj: Any, keys: Sequence[str], where: str, path: Path) -> Mapping[str, Any]:
    if not isinstance(obj, Mapping):
        raise GoldError(f"{path}: {where} must be a JSON object")
    missing = [key for key in keys if key not in obj]
    if missing:
        raise GoldError(f"{path}: {where} lacks {', '.join(missing)}")
    return obj


def _strings(value: Any, where: str, path: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise GoldError(f"{path}: {where} must be a list of strings")
    return tuple(value)


def _check_classes(names: tuple[str, ...], where: str, path: Path) -> None:
    unknown = [name for name in names if name not in CLASSES]
    if unknown:
        raise GoldError(f"{path}: {where} has unknown class {unknown[0]!r} "
                        f"(valid: {', '.join(CLASSES)})")


def _check_evidence(evidence: Any, text: str, where: str, path: Path) -> str:
    if not isinstance(evidence, str) or not evidence.strip():
        raise GoldError(f"{path}: {where} needs a non-empty evidence quote")
    if len(evidence.split()) > MAX_EVIDENCE_WORDS:
        raise GoldError(f"{path}: {where} evidence is longer than {MAX_EVIDENCE_WORDS} words")
    if _squash(evidence) not in text:
        raise GoldError(f"{path}: {where} evidence {evidence!r} is not in the article")
    return evidence


def _actor(raw: Any, index: int, path: Path) -> GoldActor:
    where = f"actors[{index}]"
    item = _require(raw, _ACTOR_KEYS, where, path)
    if item["type"] not in ACTOR_TYPES:
        raise GoldError(f"{path}: {where} has type {item['type']!r} "
                        f"(valid: {', '.join(ACTOR_TYPES)})")
    roles = []
    for j, role in enumerate(item.get("roles", [])):
        role = _require(role, ("title",), f"{where}.roles[{j}]", path)
        roles.append(GoldRole(role["title"], role.get("affiliation")))
    return GoldActor(label=item["label"], type=item["type"],
                     aliases=_strings(item.get("aliases", []), f"{where}.aliases", path),
                     roles=tuple(roles))


def _interaction(raw: Any, index: int, labels: set[str], text: str, path: Path) -> GoldInteraction:
    where = f"interactions[{index}]"
    item = _require(raw, _INTERACTION_KEYS, where, path)
    for end in ("subject", "object"):
        if item[end] not in labels:
            raise GoldError(f"{path}: {where} {end} {item[end]!r} is not a gold actor label")
    classes = _strings(item["classes"], f"{where}.classes", path)
    if not classes:
        raise GoldError(f"{path}: {where} needs at least one class")
    _check_classes(classes, where, path)
    modality = item.get("modality")
    if modality is not None and modality not in MODALITIES:
        raise GoldError(f"{path}: {where} has modality {modality!r} "
                        f"(valid: {', '.join(MODALITIES)})")
    if not isinstance(item["directed"], bool):
        raise GoldError(f"{path}: {where} directed must be true or false")
    return GoldInteraction(subject=item["subject"], object=item["object"], classes=classes,
                           directed=item["directed"], modality=modality,
                           evidence=_check_evidence(item["evidence"], text, where, path))


def _not_interaction(raw: Any, index: int, labels: set[str], text: str,
                     path: Path) -> NotInteraction:
    where = f"not_interactions[{index}]"
    item = _require(raw, _NOT_INTERACTION_KEYS, where, path)
    for end in ("subject", "object"):
        if item[end] is not None and item[end] not in labels:
            raise GoldError(f"{path}: {where} {end} {item[end]!r} is not a gold actor label")
    classes = _strings(item.get("classes", []), f"{where}.classes", path)
    _check_classes(classes, where, path)
    return NotInteraction(subject=item["subject"], object=item["object"], why=str(item["why"]),
                          evidence=_check_evidence(item["evidence"], text, where, path),
                          classes=classes)


def load_gold(path: str | os.PathLike[str]) -> GoldDocument:
    """Read and check one gold file.

    Raises :class:`GoldError` (one line, naming the file) on bad JSON, missing
    fields, unknown classes or labels, evidence not found in the article, and
    a changed article (sha256 mismatch); :class:`MissingArticleError` when the
    article is absent.
    """
    gold_path = Path(path)
    try:
        raw = json.loads(gold_path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GoldError(f"{gold_path}: cannot read gold file ({error.strerror})") from None
    except json.JSONDecodeError as error:
        raise GoldError(f"{gold_path}: bad JSON at line {error.lineno}: {error.msg}") from None
    item = _require(raw, _GOLD_KEYS, "the gold file", gold_path)
    for key in ("actors", "interactions", "not_interactions"):
        if not isinstance(item.get(key, []), list):
            raise GoldError(f"{gold_path}: {key} must be a JSON list")
    if not isinstance(item["document"], str):
        raise GoldError(f"{gold_path}: document must be a path string")
    article = Path(os.path.normpath(gold_path.parent / item["document"]))
    try:
        data = article.read_bytes()
    except OSError:
        raise MissingArticleError(f"{gold_path}: article {item['document']} not found") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != item["sha256"]:
        raise GoldError(f"{gold_path}: article {item['document']} changed "
                        f"(sha256 {digest[:12]}…, gold expects {str(item['sha256'])[:12]}…)")
    text = _squash(data.decode("utf-8", errors="replace"))
    actors = tuple(_actor(raw_actor, i, gold_path) for i, raw_actor in enumerate(item["actors"]))
    labels = {actor.label for actor in actors}
    if len(labels) != len(actors):
        raise GoldError(f"{gold_path}: two gold actors share a label")
    for actor in actors:
        for j, role in enumerate(actor.roles):
            if role.affiliation is not None and not isinstance(role.affiliation, str):
                raise GoldError(f"{gold_path}: {actor.label} roles[{j}] affiliation must be "
                                "a string or null")
    interactions = tuple(_interaction(raw_i, i, labels, text, gold_path)
                         for i, raw_i in enumerate(item["interactions"]))
    nots = tuple(_not_interaction(raw_n, i, labels, text, gold_path)
                 for i, raw_n in enumerate(item.get("not_interactions", [])))
    date = item.get("date")
    return GoldDocument(path=gold_path, document=article, sha256=item["sha256"],
                        date=date if isinstance(date, str) else None, actors=actors,
                        interactions=interactions, not_interactions=nots)


def gold_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Gold files named by ``paths``: files as given, folders expanded to their ``*.json``.

    A folder without gold files is an error (a score over nothing would look like a result).
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(path.glob("*.json"))
            if not files:
                raise GoldError(f"{path}: no gold files (*.json) in this folder")
            found.extend(files)
        else:
            found.append(path)
    return found


# --------------------------------------------------------------------------- scoring records


@dataclass
class Counts:
    """True positives, false positives and false negatives, with the derived figures."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_json(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class Prediction:
    """One unique predicted interaction, with the gold labels its actors map to (or None)."""

    subject: str  # predicted label
    object: str
    gold_subject: str | None
    gold_object: str | None
    type: str
    modality: str
    sentence: str
    relation: str


@dataclass(frozen=True)
class Violation:
    rule: NotInteraction
    prediction: Prediction


@dataclass(frozen=True)
class RoleMiss:
    actor: str
    role: GoldRole


@dataclass
class DocScore:
    """How one extraction fares against one gold document."""

    gold: GoldDocument
    counts: Counts
    matched: list[tuple[GoldInteraction, Prediction]]
    misses: list[GoldInteraction]
    false_positives: list[Prediction]
    duplicates: int
    violations: list[Violation]
    by_gold_class: dict[str, Counts]
    by_predicted_class: dict[str, Counts]
    roles_total: int
    roles_recalled: int
    role_misses: list[RoleMiss]
    actors_total: int
    actors_found: int


@dataclass
class Report:
    """The scores of many documents, and their sums."""

    documents: list[DocScore] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        total = Counts()
        for doc in self.documents:
            total.add(doc.counts)
        return total

    def per_class(self) -> dict[str, Counts]:
        """Per class: recall from the gold class, precision from the predicted class."""
        table: dict[str, Counts] = {}
        for doc in self.documents:
            for name, counts in doc.by_gold_class.items():
                table.setdefault(name, Counts()).fn += counts.fn
            for name, counts in doc.by_predicted_class.items():
                table.setdefault(name, Counts()).fp += counts.fp
        gold_tp: Counter[str] = Counter()
        pred_tp: Counter[str] = Counter()
        for doc in self.documents:
            for name, counts in doc.by_gold_class.items():
                gold_tp[name] += counts.tp
            for name, counts in doc.by_predicted_class.items():
                pred_tp[name] += counts.tp
        return {name: _ClassCounts(gold_tp[name], pred_tp[name], table[name].fp, table[name].fn)
                for name in CLASSES if name in table}

    @property
    def role_recall(self) -> float:
        total = sum(doc.roles_total for doc in self.documents)
        return sum(doc.roles_recalled for doc in self.documents) / total if total else 0.0

    @property
    def actor_recall(self) -> float:
        total = sum(doc.actors_total for doc in self.documents)
        return sum(doc.actors_found for doc in self.documents) / total if total else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "interactions": self.counts.to_json(),
            "per_class": {name: counts.to_json() for name, counts in self.per_class().items()},
            "role_recall": round(self.role_recall, 4),
            "roles": sum(doc.roles_total for doc in self.documents),
            "actor_recall": round(self.actor_recall, 4),
            "violations": sum(len(doc.violations) for doc in self.documents),
            "per_document": [_doc_json(doc) for doc in self.documents],
        }


class _ClassCounts(Counts):
    """Per-class counts: recall uses the gold-class hits, precision the predicted-class hits."""

    def __init__(self, gold_tp: int, pred_tp: int, fp: int, fn: int) -> None:
        super().__init__(tp=gold_tp, fp=fp, fn=fn)
        self.pred_tp = pred_tp

    @property
    def precision(self) -> float:
        total = self.pred_tp + self.fp
        return self.pred_tp / total if total else 0.0


def _doc_json(doc: DocScore) -> dict[str, Any]:
    return {
        "gold": str(doc.gold.path),
        "document": str(doc.gold.document),
        **doc.counts.to_json(),
        "duplicates": doc.duplicates,
        "roles": doc.roles_total,
        "roles_recalled": doc.roles_recalled,
        "misses": [{"subject": g.subject, "object": g.object, "classes": list(g.classes),
                    "evidence": g.evidence} for g in doc.misses],
        "false_positives": [{"subject": p.subject, "object": p.object, "type": p.type,
                             "modality": p.modality, "sentence": p.sentence}
                            for p in doc.false_positives],
        "violations": [{"subject": v.prediction.subject, "object": v.prediction.object,
                        "type": v.prediction.type, "why": v.rule.why}
                       for v in doc.violations],
        "role_misses": [{"actor": m.actor, "title": m.role.title,
                         "affiliation": m.role.affiliation} for m in doc.role_misses],
    }


# --------------------------------------------------------------------------- matching


def _last_token(name: str) -> str:
    """
    >>> _last_token("Mr Blair")
    'blair'
    """
    tokens = _norm(name).split()
    return tokens[-1] if tokens else ""


def map_actor(names: Sequence[str], gold: GoldDocument) -> str | None:
    """The gold label that predicted names (label first, then aliases) stand for, or None.

    Exact name equality wins (label before aliases); then a unique last-token match of
    the predicted label against the gold labels.
    """
    wanted = [_norm(name) for name in names if name.strip()]
    for name in wanted:
        hits = [actor.label for actor in gold.actors
                if name in {_norm(n) for n in actor.names}]
        if len(hits) == 1:
            return hits[0]
    if not wanted:
        return None
    last = wanted[0].split()[-1] if wanted[0].split() else ""
    hits = [actor.label for actor in gold.actors if _last_token(actor.label) == last]
    return hits[0] if len(hits) == 1 else None


def _actor_names(key: str, extraction: Extraction) -> tuple[str, ...]:
    try:
        actor: Actor = extraction.actor(key)
    except KeyError:
        return (key,)
    return (actor.label, *actor.aliases)


def _bucket(modality: str | None) -> str:
    """
    >>> _bucket("planned"), _bucket(None), _bucket("negated")
    ('factual', 'factual', 'negated')
    """
    return modality if modality in STRICT_MODALITIES else "factual"


def _matches(pred: Prediction, gold: GoldInteraction) -> bool:
    if _bucket(pred.modality) != _bucket(gold.modality):
        return False
    if pred.type not in CLASSES or not set(ancestors(pred.type)) & set(gold.classes):
        return False
    pair = (pred.gold_subject, pred.gold_object)
    if pair == (gold.subject, gold.object):
        return True
    return not gold.directed and pair == (gold.object, gold.subject)


def _unique_predictions(extraction: Extraction, gold: GoldDocument) -> list[Prediction]:
    seen: dict[tuple[str, str, str, str], Prediction] = {}
    for inter in extraction.interactions:
        pred = _prediction(inter, extraction, gold)
        ends = (pred.gold_subject or f"?{inter.subject}", pred.gold_object or f"?{inter.object}")
        seen.setdefault((*ends, pred.type, _bucket(pred.modality)), pred)
    return list(seen.values())


def _prediction(inter: Interaction, extraction: Extraction, gold: GoldDocument) -> Prediction:
    subject_names = _actor_names(inter.subject, extraction)
    object_names = _actor_names(inter.object, extraction)
    return Prediction(subject=subject_names[0], object=object_names[0],
                      gold_subject=map_actor(subject_names, gold),
                      gold_object=map_actor(object_names, gold),
                      type=inter.type, modality=inter.modality,
                      sentence=inter.evidence.sentence, relation=inter.relation)


def _assign(preds: Sequence[Prediction], golds: Sequence[GoldInteraction]) -> dict[int, int]:
    """A maximum matching of predictions to gold items (Kuhn's augmenting paths).

    Returns {prediction index: gold index}.
    """
    options = [[j for j, g in enumerate(golds) if _matches(p, g)] for p in preds]
    owner: dict[int, int] = {}  # gold index -> prediction index

    def augment(i: int, visited: set[int]) -> bool:
        for j in options[i]:
            if j in visited:
                continue
            visited.add(j)
            if j not in owner or augment(owner[j], visited):
                owner[j] = i
                return True
        return False

    for i in range(len(preds)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _violates(pred: Prediction, rule: NotInteraction) -> bool:
    if pred.modality not in FACTUAL_MODALITIES:
        return False
    if rule.classes and (pred.type not in CLASSES
                         or not set(ancestors(pred.type)) & set(rule.classes)):
        return False

    def fits(wanted: str | None, got: str | None) -> bool:
        return wanted is None or wanted == got

    return ((fits(rule.subject, pred.gold_subject) and fits(rule.object, pred.gold_object))
            or (fits(rule.subject, pred.gold_object) and fits(rule.object, pred.gold_subject)))


def _title_matches(gold_title: str, title: str) -> bool:
    """
    >>> _title_matches("Foreign Minister", "foreign minister"), _title_matches("aide", "Kremlin aide")
    (True, True)
    """
    a, b = _norm(gold_title), _norm(title)
    return bool(a and b) and (a in b or b in a)


def _affiliation_matches(gold_aff: str | None, aff: str | None, gold: GoldDocument,
                         extraction: Extraction) -> bool:
    if gold_aff is None:
        return True
    if aff is None:
        return False
    try:
        gold_names = gold.actor(gold_aff).names
    except KeyError:
        gold_names = (gold_aff,)
    predicted = {_norm(name) for name in (aff, *_actor_names(aff, extraction))}
    return bool(predicted & {_norm(name) for name in gold_names})


def _score_roles(gold: GoldDocument, extraction: Extraction,
                 mapping: dict[str, str | None]) -> tuple[int, int, list[RoleMiss]]:
    total = recalled = 0
    misses: list[RoleMiss] = []
    for actor in gold.actors:
        predicted = [a for a in extraction.actors if mapping[a.key] == actor.label]
        for role in actor.roles:
            total += 1
            if any(_title_matches(role.title, r.title)
                   and _affiliation_matches(role.affiliation, r.affiliation, gold, extraction)
                   for a in predicted for r in a.roles):
                recalled += 1
            else:
                misses.append(RoleMiss(actor.label, role))
    return total, recalled, misses


def score(gold: GoldDocument, extraction: Extraction) -> DocScore:
    """Compare one extraction with its gold document."""
    preds = _unique_predictions(extraction, gold)
    assignment = _assign(preds, gold.interactions)
    matched = [(gold.interactions[j], preds[i]) for i, j in sorted(assignment.items())]
    taken = set(assignment.values())
    misses = [g for j, g in enumerate(gold.interactions) if j not in taken]
    false_positives: list[Prediction] = []
    duplicates = 0
    for i, pred in enumerate(preds):
        if i in assignment:
            continue
        if any(_matches(pred, g) for g in gold.interactions):
            duplicates += 1
        else:
            false_positives.append(pred)
    violations = [Violation(rule, pred) for pred in preds for rule in gold.not_interactions
                  if _violates(pred, rule)]
    by_gold: dict[str, Counts] = {}
    for g in gold.interactions:
        by_gold.setdefault(g.main_class, Counts())
    for g, _ in matched:
        by_gold[g.main_class].tp += 1
    for g in misses:
        by_gold[g.main_class].fn += 1
    by_pred: dict[str, Counts] = {}
    for _, p in matched:
        by_pred.setdefault(p.type, Counts()).tp += 1
    for p in false_positives:
        by_pred.setdefault(p.type, Counts()).fp += 1
    mapping = {a.key: map_actor((a.label, *a.aliases), gold) for a in extraction.actors}
    roles_total, roles_recalled, role_misses = _score_roles(gold, extraction, mapping)
    found = {label for label in mapping.values() if label is not None}
    return DocScore(
        gold=gold,
        counts=Counts(tp=len(matched), fp=len(false_positives), fn=len(misses)),
        matched=matched, misses=misses, false_positives=false_positives,
        duplicates=duplicates, violations=violations,
        by_gold_class=by_gold, by_predicted_class=by_pred,
        roles_total=roles_total, roles_recalled=roles_recalled, role_misses=role_misses,
        actors_total=len(gold.actors), actors_found=len(found),
    )


def evaluate(gold_paths: Iterable[str | os.PathLike[str]], *,
             extract: Callable[[Document], Extraction],
             read: Callable[[str], Document]) -> Report:
    """Load each gold file (folders give their ``*.json``), read its article with
    ``read``, run ``extract`` on it and score the result."""
    report = Report()
    for path in gold_files(gold_paths):
        gold = load_gold(path)
        report.documents.append(score(gold, extract(read(str(gold.document)))))
    return report


# --------------------------------------------------------------------------- printing


def _shorten(text: str) -> str:
    """
    >>> _shorten("a  b\\nc")
    'a b c'
    """
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


def _arrow(directed: bool) -> str:
    return "->" if directed else "<->"


def format_report(report: Report) -> str:
    """The report as text: overall and per-class figures, role recall, then per
    document the misses, false positives and not-interaction violations."""
    total = report.counts
    lines = [
        f"documents: {len(report.documents)}",
        f"interactions: precision {total.precision:.3f}  recall {total.recall:.3f}  "
        f"F1 {total.f1:.3f}  (tp {total.tp}, fp {total.fp}, fn {total.fn})",
        f"role recall: {report.role_recall:.3f}  "
        f"({sum(d.roles_recalled for d in report.documents)}/"
        f"{sum(d.roles_total for d in report.documents)})",
        f"actor recall: {report.actor_recall:.3f}",
        f"not-interaction violations: {sum(len(d.violations) for d in report.documents)}",
        "",
        f"{'class':<13} {'prec':>6} {'recall':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}",
    ]
    for name, counts in report.per_class().items():
        lines.append(f"{name:<13} {counts.precision:>6.3f} {counts.recall:>6.3f} "
                     f"{counts.f1:>6.3f} {counts.tp:>4} {counts.fp:>4} {counts.fn:>4}")
    for doc in report.documents:
        if not (doc.misses or doc.false_positives or doc.violations or doc.role_misses):
            continue
        c = doc.counts
        lines += ["", f"== {doc.gold.path.name} ({doc.gold.document.name}): "
                      f"P {c.precision:.2f} R {c.recall:.2f} F1 {c.f1:.2f}"]
        for g in doc.misses:
            modality = f" [{g.modality}]" if g.modality else ""
            lines.append(f"  miss  {g.subject} {_arrow(g.directed)} {g.object} "
                         f"{'|'.join(g.classes)}{modality}: \"{g.evidence}\"")
        for p in doc.false_positives:
            lines.append(f"  fp    {p.subject} -> {p.object} {p.type} [{p.modality}] "
                         f"\"{p.relation}\": {_shorten(p.sentence)}")
        for v in doc.violations:
            lines.append(f"  not   {v.prediction.subject} -> {v.prediction.object} "
                         f"{v.prediction.type}: {v.rule.why}")
        for m in doc.role_misses:
            lines.append(f"  role  {m.actor}: {m.role.title}"
                         + (f" ({m.role.affiliation})" if m.role.affiliation else ""))
    return "\n".join(lines)
