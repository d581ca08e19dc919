"""Extraction: documents in, actors and interactions out.

>>> from kg.extract import extract_text
>>> ex = extract_text("German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Monday.")
>>> [(ex.actor(i.subject).label, i.type, ex.actor(i.object).label, i.place) for i in ex.interactions]
[('Olaf Scholz', 'Meet', 'Emmanuel Macron', 'Paris')]
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from kg.extract import attributes
from kg.extract.interactions import RawInteraction, sentence_interactions
from kg.extract.lexicon import load as load_lexicon
from kg.extract.mentions import HONORIFICS, Mention, find_mentions
from kg.extract.resolve import Carry, Resolver
from kg.names import norm
from kg.records import Actor, Document, Evidence, Extraction, Interaction, Window

__all__ = ["extract_documents", "extract_document", "extract_text", "merge_windows", "MAX_CHUNK", "WINDOW_CHARS",
           "TARGET_TYPES"]

#: Interaction classes whose target must be of one of these actor types (or a person
#: known by a full name: "visited Volodymyr Zelensky").
TARGET_TYPES: dict[str, frozenset[str]] = {"Visit": frozenset({"Country", "Organization"})}

#: Paragraphs longer than this many characters are parsed in pieces.
MAX_CHUNK = 20_000

#: A document longer than this many characters is parsed and resolved in windows of at most
#: this many characters, cut at paragraphs (over-long paragraphs are cut in pieces of
#: :data:`MAX_CHUNK` first), so the parses held at once stay bounded whatever the size of
#: the document.  Every news article is far shorter (the longest BBC article has about 25,000
#: characters) and goes through in one piece.  Across windows only the actors named so far
#: are carried (:class:`kg.extract.resolve.Carry`).
WINDOW_CHARS = 100_000


def _chunks(text: str, start: int, size: int = MAX_CHUNK) -> Iterator[tuple[int, str]]:
    """Split an over-long paragraph at whitespace into pieces of at most ``size`` chars."""
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + size)
        if end < len(text):
            cut = text.rfind(". ", pos, end)
            if cut <= pos:
                cut = text.rfind(" ", pos, end)
            if cut > pos:
                end = cut + 1
        yield start + pos, text[pos:end]
        pos = end


def extract_documents(
    documents: Iterable[Document],
    *,
    nlp: Any = None,
    model: str | None = None,
    batch_size: int = 64,
    n_process: int = 1,
    window: int = WINDOW_CHARS,
    windows: bool = False,
) -> Iterator[Extraction]:
    """Extract every document, streaming: paragraphs go through one ``nlp.pipe``.

    Only the paragraphs of the window being assembled are held as spaCy Docs: a document
    longer than ``window`` characters is parsed and resolved in consecutive windows of at
    most ``window`` characters, cut at paragraphs, and each window's parses are dropped
    before the next is resolved.  With ``windows=True`` such a document yields one
    :class:`~kg.records.Extraction` per window (``extraction.window`` says which; the
    records of the whole document are then never held at once); by default the windows'
    records are merged into one extraction per document (:func:`merge_windows`).  Besides
    the window, spaCy's batch in flight (``batch_size`` paragraphs) is held.  ``window`` is
    raised to :data:`MAX_CHUNK` if smaller (the size of the pieces a long paragraph is cut in).
    """
    from kg import nlp as nlp_mod

    if nlp is None:
        nlp = nlp_mod.load(model or nlp_mod.DEFAULT_MODEL)
    END, CUT = object(), object()
    size = max(1, min(MAX_CHUNK, int(getattr(nlp, "max_length", MAX_CHUNK))))  # never above spaCy's limit
    window = max(window, size)

    def feed() -> Iterator[tuple[str, tuple[Any, Any]]]:
        for document in documents:
            cut, start = len(document.text) > window, None  # start: of the window being filled
            for para in document.paragraphs:
                for offset, piece in _chunks(para.text, para.start, size):
                    if cut and start is not None and offset + len(piece) - start > window:
                        yield "", (document, CUT)
                        start = None
                    if start is None:
                        start = offset
                    yield piece, (document, offset)
            yield "", (document, END)

    pending: list[tuple[int, Any]] = []
    carry: Carry | None = None
    parts: list[Extraction] = []
    for doc, (document, offset) in nlp_mod.pipe(nlp, feed(), batch_size=batch_size, n_process=n_process):
        if offset is END and carry is None:
            yield _extract(document, pending)
            pending = []
        elif offset is END or offset is CUT:
            carry = carry or Carry()
            part = _extract(document, pending, carry=carry, final=offset is END)
            pending = []
            if windows:
                yield part
            else:
                parts.append(part)
            if offset is END:
                carry = None
                if not windows:
                    yield merge_windows(parts)
                    parts = []
        else:
            pending.append((offset, doc))


def merge_windows(parts: list[Extraction]) -> Extraction:
    """One extraction of a document from the extractions of its windows: interactions in
    order, actors merged by key (the first label, type and code win; aliases and roles
    united; mentions summed).

    >>> from kg.records import Document
    >>> doc = Document("d", "x", "a.txt", ())
    >>> one = Extraction(doc, (Actor("tony-blair", "Tony Blair", "Person", ("Blair",), mentions=2),))
    >>> two = Extraction(doc, (Actor("tony-blair", "Tony Blair", "Person", ("Mr Blair",), mentions=1),))
    >>> merge_windows([one, two]).actors
    (Actor(key='tony-blair', label='Tony Blair', type='Person', aliases=('Blair', 'Mr Blair'), roles=(), mentions=3, code=None),)
    """
    if len(parts) == 1:
        return Extraction(parts[0].document, parts[0].actors, parts[0].interactions, parts[0].warnings)
    actors: dict[str, Actor] = {}
    for part in parts:
        for actor in part.actors:
            old = actors.get(actor.key)
            if old is None:
                actors[actor.key] = actor
                continue
            aliases = dict.fromkeys((*old.aliases, *(a for a in actor.aliases if a != old.label)))
            actors[actor.key] = Actor(old.key, old.label, old.type, tuple(aliases),
                                      tuple(dict.fromkeys((*old.roles, *actor.roles))),
                                      old.mentions + actor.mentions, old.code or actor.code)
    return Extraction(parts[0].document, tuple(actors.values()),
                      tuple(i for part in parts for i in part.interactions),
                      tuple(w for part in parts for w in part.warnings))


def extract_document(document: Document, *, nlp: Any = None, model: str | None = None) -> Extraction:
    """Extract one document."""
    return next(extract_documents([document], nlp=nlp, model=model))


def extract_text(text: str, *, date: str | None = None, path: str = "<text>", nlp: Any = None) -> Extraction:
    """Extract from a string (paragraphs split on blank lines)."""
    from kg.documents import document_from_text

    return extract_document(document_from_text(text, path=path, date=date), nlp=nlp)


def _extract(document: Document, para_docs: list[tuple[int, Any]], *, carry: Carry | None = None,
             final: bool = True) -> Extraction:
    """Resolve and extract a document, or with ``carry`` one window of it (``para_docs`` are
    the parsed pieces of the window with their offsets into the document's text)."""
    lex = load_lexicon()
    sentences: list[tuple[int, Any]] = []
    mentions: list[list[Mention]] = []
    for offset, doc in para_docs:
        for sent in doc.sents:
            idx = len(sentences)
            sentences.append((offset, sent))
            mentions.append(find_mentions(sent, lex, sent_index=idx))
    text = document.text
    if carry is not None:
        win_start = para_docs[0][0] if para_docs else 0
        win_end = para_docs[-1][0] + len(para_docs[-1][1].text) if para_docs else 0
        text = document.text[win_start:win_end]  # the window: "named in the document" means named in it
    resolver = Resolver(lex, [m for ms in mentions for m in ms], text, carry=carry)

    # resolve in reading order; pronouns after the names of their sentence
    speakers: list[str | None] = []  # per sentence: the speaker of the earlier quote it goes on, if any
    for idx, ms in enumerate(mentions):
        doc = sentences[idx][1].doc
        resolver.start_sentence()
        resolver.open_quote(sentences[idx][1], idx)
        late = ("pronoun", "it", "speaker")  # after the names of their sentence; the speaker last
        ordered = sorted(ms, key=lambda m: late.index(m.kind) + 1 if m.kind in late else 0)
        for m in ordered:
            resolver.fill_possessor(m)
            key: str | None = None
            if m.kind == "name":
                key = resolver.resolve_name(m)
            elif m.kind == "orgref":
                key = resolver.resolve_orgref(m)
            elif m.kind == "government":
                key = resolver.resolve_government(m)
            elif m.kind == "group":
                key, m.members = resolver.resolve_group(m)
            elif m.kind == "pronoun":
                key = resolver.resolve_pronoun(m, doc)
            elif m.kind == "plural":
                m.members = resolver.resolve_plural(m, doc)
            elif m.kind == "title":
                key = resolver.resolve_title(m)
            elif m.kind == "unnamed":
                key = resolver.resolve_unnamed(m)
            elif m.kind == "description":
                key = resolver.resolve_description(m)
            elif m.kind == "it":
                key = resolver.resolve_it(m, doc)
            elif m.kind == "speaker":
                key = resolver.resolve_speaker(m, doc)
            m.actor = key
            if key is not None:
                resolver.note(m, key, doc)
        for m in ms:  # a title no one was named with: the person the text is about, if no one here
            if m.kind == "title" and m.actor is None:
                # the person the text is about, else the body the office is of ("the UN chief")
                m.actor = resolver.salient_holder(m, doc) or resolver.office_body(m)
                if m.actor is not None:
                    resolver.note(m, m.actor, doc)
        speakers.append(resolver.continued_speaker)
        resolver.close_quote(sentences[idx][1])

    raw: list[tuple[int, RawInteraction]] = []
    for idx, ms in enumerate(mentions):
        _, sent = sentences[idx]
        tokmap: dict[int, Mention] = {}
        for m in ms:
            for i in m.tokens:
                tokmap.setdefault(i, m)
            tokmap[m.head] = m

        def resolve(tok: Any, tokmap: dict[int, Mention] = tokmap) -> tuple[str, ...]:
            m = tokmap.get(tok.i)
            if m is None:
                return ()
            if m.actor:
                return (m.actor,)
            return m.members

        attribution = functools.partial(_attribution, resolve=resolve)

        def accusers(key: str, before: int = idx) -> list[str]:
            """Who accused ``key`` in the sentences before, latest first."""
            return [item.subject for i, item in reversed(raw) if i < before and item.object == key
                    and item.type == "Accuse" and item.modality != "negated"]

        for item in sentence_interactions(sent, lex, resolve, attribution, resolver.demonym_actor, resolver.civilian,
                                         resolver.is_home_country, speaker=speakers[idx], accusers=accusers):
            raw.append((idx, item))

    actors = {a.key: a for a in resolver.finish()}
    interactions: list[Interaction] = []
    seen: set[tuple[Any, ...]] = set()
    # (actor key, press verb) -> whether some sentence of the window calls it an outlet
    outlets: dict[tuple[str, bool], bool] = {}
    for idx, item in raw:
        offset, sent = sentences[idx]
        subject, obj = item.subject, item.object
        if subject not in actors or obj not in actors or subject == obj:
            continue
        if item.targets and actors[obj].type not in item.targets:
            continue  # "left Paris" is no Retreat: the entry wants an organisation
        if item.type in TARGET_TYPES and not _fits_target(actors[obj], TARGET_TYPES[item.type], lex):
            continue  # "visits Manchester" (tagged as a person): a place, not an actor
        if item.type == "Mobilize" and not _may_command(actors[subject], sent.doc[item.trigger], lex):
            continue  # "Biden laid out two paths for Putin as he continues to amass Russian troops": not Biden
        if item.type in ("Communicate", "Consult"):
            press = sent.doc[item.trigger].lemma_.lower() in PRESS_VERBS
            if (obj, press) not in outlets:  # "told the Kommersant newspaper ... told Kommersant"
                outlets[obj, press] = _is_outlet(actors[obj], [s for _, s in sentences], lex, press=press)
            if outlets[obj, press]:
                continue  # an interview with the press is not an interaction
        pair = tuple(sorted((subject, obj))) if item.symmetric else (subject, obj)
        dedupe = (pair, item.type, item.modality, idx)
        if dedupe in seen:
            continue
        seen.add(dedupe)
        iso = None
        if item.date_text:
            iso = attributes.normalise_date(item.date_text, document.date, future=item.modality == "planned")
        start = offset + sent.start_char
        end = offset + sent.end_char
        interactions.append(
            Interaction(
                subject=subject,
                object=obj,
                relation=item.relation,
                type=item.type,
                modality=item.modality,
                evidence=Evidence(document.id, document.text[start:end], start, end),
                date_text=item.date_text,
                date=iso,
                place=item.place,
                source=item.source if item.source in actors else None,
                source_text=item.source_text,
                symmetric=item.symmetric,
            )
        )
    if carry is None:
        return Extraction(document=document, actors=tuple(actors.values()), interactions=tuple(interactions))
    # a window keeps the actors it names or made, those its interactions involve, and
    # those its actors' roles are held for; the others stay in the carry for later windows
    keep = resolver.window_keys()
    keep.update(k for i in interactions for k in (i.subject, i.object, i.source) if k)
    held = {norm(r.affiliation) for k in keep for r in actors[k].roles if r.affiliation}
    keep.update(k for k, a in actors.items() if norm(a.label) in held)
    resolver.hand_over(carry)
    window = Window(carry.windows - 1, win_start, win_end, len(sentences), final)
    return Extraction(document=document, actors=tuple(a for k, a in actors.items() if k in keep),
                      interactions=tuple(interactions), window=window)


def _may_command(actor: Any, verb: Any, lex: Any) -> bool:
    """Whether an actor may move the forces a verb moves: forces a demonym names ("Russian
    troops") are moved by that country, or by someone the text gives a role in it or in none."""
    countries = {country.label for force in verb.children if force.dep_ == "dobj"
                 for mod in force.children if mod.dep_ in ("amod", "compound") and mod.i < force.i
                 for country in [lex.demonym(mod.text)] if country is not None}
    if not countries or actor.type in ("Organization", "Group"):
        return True
    if actor.type == "Country":
        return actor.label in countries
    held = {country.label for role in actor.roles if role.affiliation
            for country in [lex.country(role.affiliation)] if country is not None}
    return not held or bool(held & countries)


def _fits_target(actor: Any, types: frozenset[str], lex: Any) -> bool:
    """Whether an actor can be the target of a class restricted to ``types``: of such a type
    (an organisation known to the lexicon or named in more than one word, not a county the
    tagger called one), or a person known by a full name."""
    if actor.type == "Person":
        return "Person" in types or len(actor.label.split()) > 1
    if actor.type == "Organization":
        return "Organization" in types and (lex.organization(actor.label) is not None or len(actor.label.split()) > 1)
    return actor.type in types


#: Verbs a speaker reaches the press with: only their listener may be an outlet the tagger
#: called a person ("told Vedomosti"; but "telephoned Putin", "spoke to Zelensky by phone").
PRESS_VERBS = frozenset({"tell", "write", "interview", "give"})


def _is_outlet(actor: Any, sents: list[Any], lex: Any, *, press: bool = True) -> bool:
    """Whether an actor is a news outlet: its name says so, or a phrase naming it in any of
    ``sents`` (the window's sentences: "the Kommersant newspaper" ... "told Kommersant") does.
    A one-word person met once is guessed to be an outlet only as the listener of a ``press``
    verb (:data:`PRESS_VERBS`)."""
    words = actor.label.split()
    named = [t for sent in sents if words[0] in sent.text for t in sent if t.text == words[0]]
    if actor.type == "Person":
        # the tagger's "person" may be a paper ("the Times Higher Education Supplement", "told Kommersant")
        # or a programme ("the BBC's Westminster Hour"); a person the news names is introduced in full,
        # with a given name, or again with an honorific
        if len(words) == 1 and actor.mentions == 1:  # but "Mr Netanyahu" is a person
            return press and not any(t.i > 0 and t.nbor(-1).lower_.rstrip(".") in HONORIFICS for t in named)
        if len(words) > 1 and norm(words[0]) in lex.first_name_gender:
            return False
    elif actor.type not in ("Organization", "Group"):
        return False
    if lex.is_media(actor.label) or any(lex.is_media(a) for a in actor.aliases):
        return True
    if actor.type == "Organization" and actor.mentions == 1 and len(words) == 1 and not lex.organization(actor.label):
        return True  # "told Kommersant": a one-word name, met once, spoken to is almost always an outlet
    for tok in named:
        phrase = " ".join(t.text for t in tok.head.subtree) if tok.dep_ in ("appos", "compound") else ""
        if phrase and lex.is_media(phrase):
            return True
        for child in tok.children:
            if child.dep_ in ("appos", "compound", "amod") and lex.is_media(child.text):
                return True
        # "the BBC's Westminster Hour", "BBC One's Breakfast With Frost programme"
        end = tok.i + len(words)
        owner = tok.i - 2 if tok.i >= 2 and tok.nbor(-1).tag_ == "POS" else None
        if (end < len(tok.doc) and norm(tok.doc[end].text) in lex.media_words) or (
                owner is not None and lex.is_media(tok.doc[owner].text)):
            return True
    return False


def _source_of(tokens: list[Any], resolve: Any) -> tuple[str | None, str | None]:
    if not tokens:
        return None, None
    tok = tokens[0]
    sub = sorted(tok.subtree, key=lambda t: t.i)
    # keep the noun phrase itself, not relative clauses after it
    words = [t for t in sub if t.i <= tok.i or t.dep_ in ("prep", "pobj", "compound")]
    text = " ".join(t.text for t in words).strip(" ,")
    key = None
    for t in sub:
        keys = resolve(t)
        if keys:
            key = keys[0]
            break
    return key, text or None


def _attribution(trigger: Any, resolve: Any) -> tuple[str | None, str | None]:
    """Who says so: "according to X", "X said" governing or beside the event."""
    chain = [trigger]
    # words the chain reached from a conjunct ("said X and urged Y") or from a participle
    # adjunct ("Speaking to Parliament, Mr Clarke said"; "..., he said, thanking Scholz"):
    # the narrator tells those events
    coordinated: set[int] = set()
    cur = trigger
    while cur.head.i != cur.i:
        if cur.dep_ == "conj":
            cur = attributes.conjunct_head(cur)
            coordinated.add(cur.i)
        elif (cur.dep_ in ("advcl", "prep", "npadvmod") and cur.head.lemma_ in attributes.SPEECH_VERBS
              and not any(c.dep_ == "mark" for c in cur.children)):
            cur = cur.head  # "After meeting Biden, Zelensky said ...": an adjunct of the saying, not what is said
            coordinated.add(cur.i)
        elif (cur.dep_ == "advcl" and cur.tag_ == "VBG") or cur.pos_ in ("NOUN", "PROPN"):
            cur = cur.head  # also "wrote a letter urging X": the letter, not words reported
            coordinated.add(cur.i)
        else:
            cur = cur.head
        chain.append(cur)
    for word in chain:
        for child in word.children:
            if child.lower_ == "according":
                pobj = [p for c in child.children if c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
                if pobj:
                    # "according to a readout from X": the source is the first actor inside
                    for t in sorted(pobj[0].subtree, key=lambda t: t.i):
                        keys = resolve(t)
                        if keys:
                            return keys[0], " ".join(x.text for x in pobj[0].subtree)
                    return None, " ".join(x.text for x in pobj[0].subtree)
    for word in chain[1:]:
        if word.lemma_ in attributes.SPEECH_VERBS and word.i not in coordinated:
            subj = [c for c in word.children if c.dep_ in ("nsubj",)]
            return _source_of(subj, resolve) if subj else (None, None)
    for word in chain:
        for child in word.children:
            if child.dep_ in ("parataxis", "ccomp") and child.lemma_ in attributes.SPEECH_VERBS and child.i != trigger.i:
                if child.dep_ == "ccomp" and child.i > word.i:
                    continue
                subj = [c for c in child.children if c.dep_ == "nsubj"]
                if subj:
                    return _source_of(subj, resolve)
    return _trailing_source(trigger, resolve)


#: Speech verbs that close a sentence after their source ("..., a new book claims.").
TRAILING_SPEECH = frozenset({"says", "said", "claims", "claimed", "reports", "reported", "insists", "insisted", "argues",
                             "argued", "alleges", "alleged", "writes", "wrote", "suggests", "suggested"})


def _trailing_source(trigger: Any, resolve: Any) -> tuple[str | None, str | None]:
    """The source of a sentence that ends ", <source> <speech verb>." however the parser read it
    ("Blair promised Brown he would stand down, a new book about the chancellor claims", with
    "claims" parsed as a noun): the words before the comma are what the source says."""
    words = [t for t in trigger.sent if not (t.is_punct or t.is_space)]
    if len(words) < 4 or words[-1].lower_ not in TRAILING_SPEECH:
        return None, None
    commas = [t.i for t in trigger.sent if t.text == "," and t.i < words[-1].i]
    if not commas or trigger.i > commas[-1]:
        return None, None
    source = [t for t in trigger.doc[commas[-1] + 1 : words[-1].i] if not t.is_space]
    if not 1 <= len(source) <= 10 or any(t.pos_ in ("VERB", "AUX") for t in source) or not any(
            t.pos_ in ("NOUN", "PROPN", "PRON") for t in source):
        return None, None
    key = next((k for t in source for k in resolve(t)), None)
    return key, " ".join(t.text for t in source)
