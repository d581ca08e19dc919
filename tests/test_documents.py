"""Tests for kg.documents: reading, decoding, paragraphs and boilerplate."""
from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from kg import documents
from kg.documents import (
    ID_LENGTH,
    DocumentError,
    decode,
    document_from_text,
    is_article_name,
    normalize_date,
    read_paths,
    split_paragraphs,
)

BBC = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "bbc"

HEADLINE = "Blinken and Lavrov meet in Geneva as tensions over Ukraine mount"
BODY = (
    "US Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov in "
    "Geneva on Friday, the State Department said.",
    "Lavrov told reporters that Moscow had received assurances that written answers to its "
    "security proposals would arrive next week.",
    "Ukrainian President Volodymyr Zelensky urged Western leaders not to create panic.",
)
FOOTER = (
    "© 2022 Northwind Daily Media Group. All rights reserved.",
    "Most Read",
    "Related Stories",
    "Sign up",
    "Advertisement",
)


def article(*parts: str, sep: str = "\n\n") -> str:
    return sep.join(parts) + "\n"


def texts(text: str) -> list[str]:
    return [p.text for p in split_paragraphs(text)]


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- paragraphs

OFFSET_CASES = [
    "",
    "   \n\t\n  ",
    "One paragraph only.",
    "Headline\n\nFirst paragraph.\n\nSecond paragraph.",
    "  Indented headline  \n\n\n\n\tTabbed paragraph.\t\n \n",
    "Headline\r\n\r\nWindows line endings.\r\nSame paragraph.\r\n\r\nNext paragraph.\r\n",
    "Old Mac\r\rline endings.\rStill the same paragraph.",
    "Line one\nline two\n\t\nline three\n \t \nline four",
    "Tabs\tinside\t\tthe text.\n\n\u00a0Non-breaking space before.\n\u00a0\nAfter.",
    "Trailing blank lines.\n\n\n\n",
    "\n\n\nLeading blank lines.",
    article(HEADLINE, HEADLINE, *BODY, *FOOTER),
    article(HEADLINE, *BODY, sep="\r\n \r\n"),
]


@pytest.mark.parametrize("text", OFFSET_CASES)
def test_paragraph_offsets_index_the_original_text(text: str) -> None:
    paragraphs = split_paragraphs(text)
    for paragraph in paragraphs:
        assert text[paragraph.start:paragraph.end] == paragraph.text
        assert paragraph.text == paragraph.text.strip()
        assert paragraph.text
    starts = [p.start for p in paragraphs]
    assert starts == sorted(starts)


#: Pieces that random texts are made of: words, punctuation, every kind of
#: whitespace and line ending, and boilerplate that gets dropped.
PIECES = ("Biden", "spoke", "with", "Macron.", "Most Read", "© 2022 Example.", " ", "  ", "\t",
          "\u00a0", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\n \t\n", "Sign up", "Headline")


@pytest.mark.parametrize("seed", range(20))
def test_paragraph_offsets_hold_for_random_texts(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(25):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60)))
        for paragraph in split_paragraphs(text):
            assert text[paragraph.start:paragraph.end] == paragraph.text
            assert paragraph.text == paragraph.text.strip() != ""
            assert "\n\n" not in paragraph.text and "\r\n\r\n" not in paragraph.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline\n\nBody.", ["Headline", "Body."]),
        ("Headline\r\n\r\nBody one.\r\nBody two.", ["Headline", "Body one.\r\nBody two."]),
        ("First.\n \t \nSecond.", ["First.", "Second."]),
        ("First line\nsecond line.", ["First line\nsecond line."]),
        ("\tIndented.\t\n\n  Spaced.  ", ["Indented.", "Spaced."]),
        ("", []),
        (" \n\n \t ", []),
    ],
)
def test_split_on_blank_lines(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_after_stripping_whitespace() -> None:
    text = "Headline\r\n\r\n\t  Body starts here."
    (_, body) = split_paragraphs(text)
    assert body.start == text.index("Body")
    assert body.end == len(text)


def test_headline_is_kept_and_becomes_title() -> None:
    doc = document_from_text(article(HEADLINE, *BODY), path="geneva.txt")
    assert doc.paragraphs[0].text == HEADLINE
    assert doc.title == HEADLINE
    assert [p.text for p in doc.paragraphs[1:]] == list(BODY)


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Biden Meets Putin", "Biden Meets Putin"),  # short Title Case headline
        ("Will Scholz send tanks to Ukraine?", "Will Scholz send tanks to Ukraine?"),
        ("My memories of Marley...", "My memories of Marley..."),
        ("# Merkel hosts Macron in Berlin", "Merkel hosts Macron in Berlin"),
        ("Angela Merkel met Emmanuel Macron in Berlin on Thursday.", None),
        ("Merkel met Macron\nin Berlin", None),
        (" ".join(["word"] * 40), None),
    ],
)
def test_title_from_first_paragraph(first: str, title: str | None) -> None:
    doc = document_from_text(article(first, *BODY), path="a.txt")
    assert doc.title == title
    assert doc.paragraphs[0].text == first


def test_explicit_title_wins() -> None:
    doc = document_from_text(article(HEADLINE, *BODY), path="a.txt", title=" Talks in Geneva ")
    assert doc.title == "Talks in Geneva"


def test_news_page_footer_is_dropped() -> None:
    text = article(HEADLINE, *BODY, *FOOTER)
    assert texts(text) == [HEADLINE, *BODY]


@pytest.mark.parametrize(
    "footer",
    [
        ("Share this", "Related Topics", "Most Read"),  # a menu without copyright
        ("Copyright 2021 Harbour Press Ltd",),
        ("(c) 2019 Example Wire Service", "Contact Us"),  # menu line after copyright
        ("™ & © 2021 Example Broadcasting Inc. All rights reserved.", "Popular Stories", "Featured Events"),
        ("Most Read\nWorld\nBusiness\nSport",),  # one paragraph of menu lines
        ("Share this:", "Read more »"),
    ],
)
def test_footer_variants_are_dropped(footer: tuple[str, ...]) -> None:
    assert texts(article(HEADLINE, *BODY, *footer)) == [HEADLINE, *BODY]


def test_menu_after_headline_is_dropped() -> None:
    text = article(HEADLINE, "Share this", "Related Topics", *BODY)
    assert texts(text) == [HEADLINE, *BODY]


@pytest.mark.parametrize(
    "kept",
    [
        "This story has been updated with additional information Friday.",
        "Reporting by Jane Doe; editing by John Roe",
        "Reuters",  # a single short line is not a menu
    ],
)
def test_last_lines_that_are_not_boilerplate_are_kept(kept: str) -> None:
    text = article(HEADLINE, *BODY, kept)
    assert texts(text)[-1] == kept


def test_sentence_before_copyright_is_kept() -> None:
    update = "This story has been updated with additional information Friday."
    text = article(HEADLINE, *BODY, update, *FOOTER)
    assert texts(text) == [HEADLINE, *BODY, update]


def test_short_subheading_in_the_middle_is_kept() -> None:
    text = article(HEADLINE, BODY[0], "What Comes Next", BODY[1], BODY[2])
    assert "What Comes Next" in texts(text)


def test_duplicate_headline_is_dropped() -> None:
    text = article(HEADLINE, HEADLINE, *BODY)
    paragraphs = split_paragraphs(text)
    assert [p.text for p in paragraphs] == [HEADLINE, *BODY]
    assert paragraphs[0].start == 0


def test_copyright_inside_a_long_paragraph_is_not_boilerplate() -> None:
    long = (
        "The publisher said the photographs were protected under copyright law and that all rights "
        "reserved to the agency would be enforced in court, according to a statement issued by its "
        "lawyers in London on Monday after the newspaper printed the images without permission, "
        "which the editor defended as being in the public interest given the minister's role."
    )
    assert long in texts(article(HEADLINE, long, *BODY))


# --------------------------------------------------------------------------- documents


def test_document_id_is_content_hash() -> None:
    one = document_from_text("Same text.", path="a.txt")
    two = document_from_text("Same text.", path="b.txt")
    other = document_from_text("Other text.", path="a.txt")
    assert one.id == two.id != other.id
    assert len(one.id) == ID_LENGTH
    assert int(one.id, 16) >= 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-09", "2022-01-09"),
        ("2022-01-09T14:30:00Z", "2022-01-09"),
        ("2022-01-09T23:30:00-05:00", "2022-01-09"),
        ("2022-01-09 08:00", "2022-01-09"),
        ("Sun, 09 Jan 2022 10:00:00 GMT", "2022-01-09"),
        ("January 9, 2022", "2022-01-09"),
        ("9 January 2022", "2022-01-09"),
        ("2022-02-30", None),
        ("next Tuesday", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_date(value: str | None, expected: str | None) -> None:
    assert normalize_date(value) == expected


# --------------------------------------------------------------------------- large files


def read_one(path: Path) -> documents.Document:
    (doc,) = read_paths([str(path)])
    return doc


@pytest.mark.parametrize("seed", range(12))
def test_a_large_file_is_read_as_it_would_be_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    """A file above FILE_TEXT_BYTES becomes a document whose text is a FileText (not held in
    memory) and which equals the document of the same text held whole: id, title, paragraphs
    (found a piece at a time, pieces cut anywhere), word count and every slice."""
    rng = random.Random(seed)
    pieces = (*PIECES, "\u00e9t\u00e9", "\u20ac5bn", "\u2014", "\u2028", "\r\n \r\n", "Kyiv")
    text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 400)))
    path = write(tmp_path, "big.txt", text)
    monkeypatch.setattr(documents, "FILE_TEXT_BYTES", 0)
    monkeypatch.setattr(documents.FileText, "MARK", rng.choice((1, 7, 64)))
    monkeypatch.setattr(documents.FileText, "BLOCK", rng.choice((1, 5, 4096)))
    streamed = documents.FileText.open(str(path))
    held = document_from_text(text, path=str(path))
    assert isinstance(streamed, documents.FileText) and streamed == text and len(streamed) == len(text)
    spans = [(p.start, p.end) for p in held.paragraphs]
    assert [(p.start, p.end) for p in split_paragraphs(streamed)] == spans
    for piece in (1, 3, 50):
        assert list(documents._file_spans(streamed, piece=piece)) == list(documents._spans(text))
    assert documents.count_words(streamed) == len(text.split())
    for _ in range(30):
        start, stop = sorted(rng.randint(-5, len(text) + 5) for _ in range(2))
        assert streamed[start:stop] == text[start:stop]
    doc = read_one(path)
    assert isinstance(doc.text, documents.FileText)
    assert (doc.id, doc.title, doc.paragraphs, str(doc.text)) == (held.id, held.title, held.paragraphs, text)


@pytest.mark.parametrize("content", [
    "Müller signs new deal\n\nThomas Müller agreed terms.\n".encode("latin-1"),
    "\ufeffZelensky spoke with Scholz.\n\nScholz spoke.".encode("utf-8"),
    "Élysée Palace\n\nMacron spoke.".encode("utf-16"),
    "Headline\n\nMacron spoke \u00e9".encode("utf-8")[:-1],  # cut inside a character
])
def test_a_large_file_that_is_not_plain_utf8_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            content: bytes) -> None:
    path = write(tmp_path, "big.txt", content)
    before = read_one(path)
    monkeypatch.setattr(documents, "FILE_TEXT_BYTES", 0)
    after = read_one(path)
    assert isinstance(after.text, str) and after == before


def test_a_large_binary_file_is_refused_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "FILE_TEXT_BYTES", 0)
    path = write(tmp_path, "x.txt", b"Headline\n\nBody" * 100 + b"\x00")
    with pytest.raises(DocumentError, match="not a text file"):
        read_one(path)


def test_a_large_file_changed_after_it_was_opened_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "Headline\n\n" + "Blair met Chirac. " * 20_000)
    text = documents.FileText.open(str(path))
    assert text is not None and text[10:27] == "Blair met Chirac."
    with path.open("a", encoding="utf-8") as handle:
        handle.write("Chirac met Blair.")
    with pytest.raises(DocumentError, match=r"big\.txt: the file changed while it was read"):
        text[len(text) - 10:]


# --------------------------------------------------------------------------- decoding


def test_utf8_with_bom() -> None:
    assert decode("\ufeffZelensky spoke with Scholz.".encode("utf-8"), path="a.txt") == "Zelensky spoke with Scholz."


def test_utf16_with_bom() -> None:
    assert decode("Élysée Palace".encode("utf-16"), path="a.txt") == "Élysée Palace"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Thomas Müller scored twice as Bayern beat Köln.", "latin-1"),
        ("Chelsea paid £15.8m for the striker.", "latin-1"),
        ("The minister’s “final offer” was rejected.", "cp1252"),
        ("Министр иностранных дел России Сергей Лавров встретился с Энтони Блинкеном.", "cp1251"),
    ],
)
def test_decoding_fallbacks(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding), path="a.txt") == text


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"Headline\n\nBody with a NUL\x00 in it.",
        bytes(range(1, 32)) * 10,
    ],
)
def test_binary_content_is_refused(data: bytes) -> None:
    with pytest.raises(DocumentError, match=r"^seeds/x\.bin: not a text file \(binary content\)$"):
        decode(data, path="seeds/x.bin")


def test_latin1_file(tmp_path: Path) -> None:
    path = write(tmp_path, "bundesliga.txt", "Müller signs new deal\n\nThomas Müller agreed terms.\n".encode("latin-1"))
    (doc,) = read_paths([str(path)])
    assert doc.title == "Müller signs new deal"
    assert doc.paragraphs[1].text == "Thomas Müller agreed terms."


@pytest.mark.skipif(not (BBC / "sport" / "199.txt").exists(), reason="BBC corpus not available")
def test_bbc_latin1_article() -> None:
    (doc,) = read_paths([str(BBC / "sport" / "199.txt")])
    assert doc.title == "Chelsea sack Mutu"
    assert "£15.8m" in doc.text
    assert all(doc.text[p.start:p.end] == p.text for p in doc.paragraphs)


# --------------------------------------------------------------------------- paths


def test_folder_recursion_is_sorted_and_skips_non_articles(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "sub/c.txt", "sub/deeper/d.text", "z_story", ".hidden.txt",
                 ".git/e.txt", "logo.png", "README.md", "page.html"):
        content = b"\x89PNG\x00" if name.endswith(".png") else f"Story {name}\n\nBiden met Macron."
        write(tmp_path, name, content)
    paths = [doc.path for doc in read_paths([str(tmp_path)])]
    rel = [str(Path(p).relative_to(tmp_path)) for p in paths]
    assert rel == ["a.md", "b.txt", "page.html", "sub/c.txt", "sub/deeper/d.text", "z_story"]
    assert paths[0] == str(tmp_path / "a.md")


def test_named_file_is_read_whatever_its_suffix(tmp_path: Path) -> None:
    path = write(tmp_path, "wire.log", "Erdogan hosts Putin\n\nThe two leaders met in Sochi.")
    (doc,) = read_paths([str(path)])
    assert doc.title == "Erdogan hosts Putin"


def test_glob_patterns(tmp_path: Path) -> None:
    for name in ("2022/jan/a.txt", "2022/feb/b.txt", "2022/feb/notes.csv", "2023/c.txt"):
        write(tmp_path, name, f"Story {name}\n\nModi met Biden.")
    found = [Path(d.path).relative_to(tmp_path).as_posix() for d in read_paths([str(tmp_path / "2022" / "**" / "*")])]
    assert found == ["2022/feb/b.txt", "2022/jan/a.txt"]
    found = [Path(d.path).name for d in read_paths([str(tmp_path / "*" / "*.txt")])]
    assert found == ["c.txt"]


def test_glob_without_match_is_an_error(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.txt")
    with pytest.raises(DocumentError, match="no article file matches"):
        read_paths([pattern])


def test_missing_path_fails_before_reading(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", "Story\n\nText.")
    missing = str(tmp_path / "missing.txt")
    with pytest.raises(DocumentError) as err:
        read_paths([str(good), missing])
    assert str(err.value) == f"{missing}: no such file or directory"


def test_paths_are_read_in_the_order_given(tmp_path: Path) -> None:
    one = write(tmp_path, "one.txt", "One\n\nFirst.")
    two = write(tmp_path, "two.txt", "Two\n\nSecond.")
    assert [d.title for d in read_paths([str(two), str(one)])] == ["Two", "One"]


def test_reading_streams_one_document_at_a_time(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Story A\n\nText.")
    write(tmp_path, "b.txt", b"\x00\x01binary")
    documents = read_paths([str(tmp_path)])
    assert next(documents).title == "Story A"  # b.txt is not read yet
    with pytest.raises(DocumentError, match=r"b\.txt: not a text file"):
        next(documents)


def test_empty_file_warns(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", "  \n\n")
    warnings: list[str] = []
    (doc,) = read_paths([str(path)], on_warning=warnings.append)
    assert doc.paragraphs == ()
    assert doc.title is None
    assert warnings == [f"{path}: empty document"]


def test_binary_file_error_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    with pytest.raises(DocumentError, match=f"^{path}: not a text file"):
        list(read_paths([str(path)]))


def test_is_article_name() -> None:
    assert [is_article_name(n) for n in ("a.TXT", "b.jsonl", "c.htm", "d", "e.pdf", ".f.txt", "LICENSE")] == [
        True, True, True, True, False, False, False,
    ]


# --------------------------------------------------------------------------- stdin


def test_stdin_reads_bytes_from_the_buffer() -> None:
    # Latin-1 bytes behind a UTF-8 text wrapper: decoding the buffer ourselves gets them right.
    raw = "Müller visits Washington\n\nGerman Chancellor Olaf Scholz met Joe Biden.\n".encode("latin-1")
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    (doc,) = read_paths(["-"], stdin=stdin)
    assert doc.path == "-"
    assert doc.title == "Müller visits Washington"


def test_stdin_text_stream() -> None:
    (doc,) = read_paths(["-"], stdin=io.StringIO("Sunak meets Meloni\n\nRishi Sunak met Giorgia Meloni in Rome."))
    assert [p.text for p in doc.paragraphs] == ["Sunak meets Meloni", "Rishi Sunak met Giorgia Meloni in Rome."]


def test_stdin_jsonl_is_sniffed() -> None:
    lines = "\n".join(json.dumps({"text": f"Story {n}\n\nLula met Xi."}) for n in (1, 2))
    docs = list(read_paths(["-"], stdin=io.BytesIO(lines.encode())))
    assert [d.path for d in docs] == ["-:1", "-:2"]
    assert [d.title for d in docs] == ["Story 1", "Story 2"]


def test_stdin_html_is_sniffed() -> None:
    page = b"<!DOCTYPE html><html><head><title>Lula in Beijing</title></head><body><p>" + (
        b"Brazilian President Luiz Inacio Lula da Silva met Chinese President Xi Jinping in Beijing. " * 5
    ) + b"</p></body></html>"
    (doc,) = read_paths(["-"], stdin=io.BytesIO(page))
    assert "<p>" not in doc.text
    assert doc.title == "Lula in Beijing"


def test_stdin_with_other_paths(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "File story\n\nText.")
    docs = list(read_paths([str(path), "-"], stdin=io.StringIO("Stdin story\n\nText.")))
    assert [d.title for d in docs] == ["File story", "Stdin story"]


# --------------------------------------------------------------------------- JSONL


def test_jsonl_with_metadata(tmp_path: Path) -> None:
    records = [
        {"id": "afp-1", "title": "Macron calls Putin", "date": "2022-02-20T10:15:00+01:00",
         "url": "https://news.example.org/macron-putin",
         "text": "French President Emmanuel Macron spoke with Vladimir Putin for nearly two hours."},
        {"text": "Pope visits Iraq\n\nPope Francis met Grand Ayatollah Ali al-Sistani in Najaf.", "date": "soon"},
    ]
    path = write(tmp_path, "wire.jsonl", "\n".join(json.dumps(r) for r in records[:1]) + "\n\n" + json.dumps(records[1]) + "\n")
    first, second = read_paths([str(path)])
    assert (first.path, first.title, first.date, first.url) == (
        f"{path}:1", "Macron calls Putin", "2022-02-20", "https://news.example.org/macron-putin"
    )
    assert first.paragraphs[0].text.startswith("French President")
    assert (second.path, second.title, second.date, second.url) == (f"{path}:3", "Pope visits Iraq", None, None)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"title": "No text"', "invalid JSON"),
        ('["a list"]', "expected a JSON object"),
        ('{"title": "No text"}', 'missing "text" field'),
        ('{"text": 42}', 'missing "text" field'),
        ('{"text": "Body.", "date": 20220220}', 'field "date" must be a string'),
    ],
)
def test_jsonl_bad_line_names_file_and_line(tmp_path: Path, line: str, reason: str) -> None:
    path = write(tmp_path, "wire.jsonl", json.dumps({"text": "Good line."}) + "\n" + line + "\n")
    documents = read_paths([str(path)])
    assert next(documents).path == f"{path}:1"
    with pytest.raises(DocumentError) as err:
        next(documents)
    assert str(err.value).startswith(f"{path}:2: {reason}")


def test_jsonl_empty_text_warns(tmp_path: Path) -> None:
    path = write(tmp_path, "wire.jsonl", json.dumps({"text": ""}) + "\n")
    warnings: list[str] = []
    (doc,) = read_paths([str(path)], on_warning=warnings.append)
    assert doc.paragraphs == ()
    assert warnings == [f"{path}:1: empty document"]


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Erdogan and Putin meet in Sochi | Example Times</title>
  <link rel="canonical" href="https://times.example.com/world/erdogan-putin-sochi">
  <meta property="article:published_time" content="2021-09-29T16:00:00+03:00">
  <style>body { font-family: serif; } .secret { display: none; }</style>
  <script>window.dataLayer = [{"section": "world"}]; function trackPageView() {}</script>
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
  <article>
    <h1>Erdogan and Putin meet in Sochi</h1>
    <p>Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin in the Black Sea
    resort of Sochi on Wednesday for talks on Syria, defence cooperation and energy.</p>
    <script>trackPageView("article-body");</script>
    <p>Putin told Erdogan that negotiations between Moscow and Ankara were sometimes difficult but
    always ended with positive results, according to a Kremlin readout of the meeting.</p>
    <p>Erdogan said Turkey and Russia had taken important steps on Syria and would continue to do so,
    while the two leaders discussed the purchase of a second batch of S-400 missile systems.</p>
  </article>
  <aside><h2>Most Read</h2><ul><li>Celebrity chef opens restaurant</li></ul></aside>
  <footer>&copy; 2021 Example Times. All rights reserved.</footer>
</body>
</html>
"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "sochi.html", PAGE)
    (doc,) = read_paths([str(path)])
    for unwanted in ("dataLayer", "trackPageView", "font-family", "<p>", "Celebrity chef", "Sport"):
        assert unwanted not in doc.text
    bodies = [p.text for p in doc.paragraphs]
    assert any(p.startswith("Turkish President Recep Tayyip Erdogan met") for p in bodies)
    assert any(p.startswith("Putin told Erdogan") for p in bodies)
    assert all(doc.text[p.start:p.end] == p.text for p in doc.paragraphs)
    assert doc.title is not None and "Erdogan and Putin meet in Sochi" in doc.title
    assert doc.date == "2021-09-29"
    assert doc.url == "https://times.example.com/world/erdogan-putin-sochi"


class _ExtractsNothing:
    """Stands in for trafilatura when it finds no main text."""

    @staticmethod
    def bare_extraction(*args: object, **kwargs: object) -> None:
        return None


@pytest.mark.parametrize(("module", "warns"), [(_ExtractsNothing, False), (None, True)])
def test_html_fallback_skips_scripts_styles_and_navigation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: object, warns: bool
) -> None:
    monkeypatch.setattr(documents, "_trafilatura", lambda: module)
    path = write(tmp_path, "sochi.htm", PAGE)
    warnings: list[str] = []
    (doc,) = read_paths([str(path)], on_warning=warnings.append)
    assert [p.text[:30] for p in doc.paragraphs] == [
        "Erdogan and Putin meet in Soch",
        "Turkish President Recep Tayyip",
        "Putin told Erdogan that negoti",
        "Erdogan said Turkey and Russia",
    ]
    assert "dataLayer" not in doc.text and "trackPageView" not in doc.text
    assert doc.title == "Erdogan and Putin meet in Sochi | Example Times"
    assert all(doc.text[p.start:p.end] == p.text for p in doc.paragraphs)
    assert bool(warnings) is warns
    assert all(w.startswith(f"{path}: trafilatura") for w in warnings)


def test_short_html_page(tmp_path: Path) -> None:
    page = ("<html><head><title>Brief</title><style>p{color:red}</style></head><body>"
            "<script>var secret = 1;</script><p>Kishida met Yoon.</p></body></html>")
    path = write(tmp_path, "brief.htm", page)
    (doc,) = read_paths([str(path)])
    assert "secret" not in doc.text and "color" not in doc.text
    assert [p.text for p in doc.paragraphs] == ["Kishida met Yoon."]


def test_html_without_text_warns(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.html", "<html><head><script>var a = 1;</script></head><body></body></html>")
    warnings: list[str] = []
    (doc,) = read_paths([str(path)], on_warning=warnings.append)
    assert doc.paragraphs == ()
    assert warnings == [f"{path}: empty document"]
