"""Reading articles: files, folders, glob patterns, JSONL and standard input.

The first stage of the pipeline.  It turns whatever the user names on the
command line into :class:`~kg.records.Document` records, one at a time, so a
corpus of any size streams through without being held in memory.

* **Decoding** (:func:`decode`): UTF-8 first, then a fallback chain; binary
  files are refused with an error naming the file.
* **Paragraphs** (:func:`split_paragraphs`): blocks separated by blank lines,
  with character offsets into the original text; page boilerplate
  (copyright lines, navigation menus, a repeated headline) is dropped by
  general rules, never by rules that name a site.
* **Formats**: plain text and Markdown are read as they are; HTML goes through
  trafilatura's main-text extraction; JSONL holds one article per line.
* **Large files** (:class:`FileText`): a plain-text file above :data:`FILE_TEXT_BYTES`
  is read from the file a part at a time, never held whole.

>>> doc = document_from_text(
...     "Macron hosts Scholz in Paris\\n\\n"
...     "French President Emmanuel Macron welcomed German Chancellor Olaf Scholz.\\n\\n"
...     "(c) 2022 Example Wire. All rights reserved.",
...     path="paris.txt",
... )
>>> doc.title
'Macron hosts Scholz in Paris'
>>> [p.text[:30] for p in doc.paragraphs]
['Macron hosts Scholz in Paris', 'French President Emmanuel Macr']
>>> all(doc.text[p.start:p.end] == p.text for p in doc.paragraphs)
True
"""
from __future__ import annotations

import codecs
import dataclasses
import email.utils
import functools
import glob
import hashlib
import io
import itertools
import json
import operator
import os
import re
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from typing import BinaryIO, TextIO, overload

from kg.records import Document, Paragraphs

__all__ = [
    "DocumentError",
    "FileText",
    "FILE_TEXT_BYTES",
    "count_words",
    "STDIN_PATH",
    "TEXT_SUFFIXES",
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "ARTICLE_SUFFIXES",
    "ID_LENGTH",
    "read_paths",
    "count_articles",
    "read_file",
    "document_from_text",
    "content_id",
    "content_digest",
    "split_paragraphs",
    "decode",
    "normalize_date",
    "is_article_name",
]

# --------------------------------------------------------------------------- constants

#: The path that stands for standard input.
STDIN_PATH = "-"

#: Suffixes read as plain text (Markdown is read as plain text too).
TEXT_SUFFIXES: tuple[str, ...] = (".txt", ".text", ".md")
#: Suffixes read as HTML pages.
HTML_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".xhtml")
#: Suffixes read as JSON Lines, one article per line.
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl",)
#: Suffixes picked up when walking a folder or expanding a glob (files without
#: a suffix are picked up too).  A file named explicitly is read whatever its suffix.
ARTICLE_SUFFIXES: tuple[str, ...] = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES

#: File names (without suffix, lowercase) that are documentation, not articles.
NON_ARTICLE_STEMS: frozenset[str] = frozenset(
    {"readme", "license", "licence", "copying", "changelog", "changes", "notice",
     "authors", "contributing", "makefile"}
)

#: Length of :attr:`Document.id`: the first hex digits of the SHA-256 of the
#: text.  64 bits keep collisions negligible for any realistic corpus.
ID_LENGTH = 16

#: A plain-text file of more than this many bytes is not held in memory: its document's
#: ``text`` is a :class:`FileText`, which reads from the file the parts asked for.  As
#: large as :data:`kg.extract.WINDOW_CHARS`: such a document is extracted window by window.
FILE_TEXT_BYTES = 100_000

#: How much of a file is sniffed for control characters.
BINARY_SNIFF_BYTES = 1024
#: Share of control characters (other than tab, newlines, form feed) above
#: which the sniffed bytes are taken for binary content.
MAX_CONTROL_RATIO = 0.1
#: Control bytes that plain text legitimately contains.
TEXT_CONTROL_BYTES: frozenset[int] = frozenset(b"\t\n\v\f\r\x1b")
#: Minimum share of non-ASCII bytes for charset-normalizer's guess to be used.
#: Below it the text is mostly ASCII with a few accented letters, where
#: charset-normalizer guesses poorly (it reads Latin-1 "Müller" as cp775 and
#: BBC sport/199.txt as cp932) and cp1252 is the far better bet.
MIN_NON_ASCII_FOR_DETECTION = 0.2
#: Byte-order marks and the codec that reads them (longest first).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Single-byte fallbacks, in order; Latin-1 decodes any byte string.
FALLBACK_ENCODINGS: tuple[str, ...] = ("cp1252", "latin-1")

#: A headline has at most this many words and characters (and no final full stop).
MAX_HEADLINE_WORDS = 25
MAX_HEADLINE_CHARS = 200
#: A menu-like line ("Most Read", "Sign up") has at most this many words.
MAX_MENU_WORDS = 4
#: This many menu-like lines in a row at the start or end of a page make a menu.
MIN_MENU_RUN = 2
#: A copyright paragraph has at most this many words.
MAX_COPYRIGHT_WORDS = 40

#: Date formats accepted besides ISO 8601 and RFC 2822.
DATE_FORMATS: tuple[str, ...] = (
    "%B %d, %Y",  # March 4, 2021
    "%b %d, %Y",  # Mar 4, 2021
    "%d %B %Y",  # 4 March 2021
    "%d %b %Y",  # 4 Mar 2021
    "%Y/%m/%d",  # 2021/03/04
)

#: Elements whose content never ends up in the text of the fallback HTML extractor.
HTML_SKIP_TAGS: frozenset[str] = frozenset(
    {"script", "style", "noscript", "template", "head", "nav", "footer", "aside",
     "svg", "form", "button", "iframe", "select"}
)
#: Elements that start a new paragraph in the fallback HTML extractor.
HTML_BLOCK_TAGS: frozenset[str] = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
     "h6", "header", "main", "article", "section", "blockquote", "pre", "table", "tr",
     "figure", "figcaption", "hr", "address"}
)

# One or more blank lines (lines holding only whitespace), whatever the line endings.
_BLANK_LINES = re.compile(r"(?:\r\n|\r(?!\n)|\n)(?:[^\S\r\n]*(?:\r\n|\r(?!\n)|\n))+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A UTF-16 surrogate code point on its own: Python strings can hold them, UTF-8 cannot.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\s+(?:\(c\)\s*)?\d{4}|\ball rights reserved\b", re.IGNORECASE
)
# Punctuation that makes a line a sentence (or a list) rather than a menu label.
_SENTENCE_PUNCTUATION = re.compile(r"[.!?;,\"“”…]")
# Decoration that menu labels carry at their end ("Share this:", "Read more »").
_MENU_DECORATION = ":»›>|→"
_GLOB_MAGIC = re.compile(r"[*?\[]")
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)

Warn = Callable[[str], None]


class DocumentError(Exception):
    """An input could not be read; the message names the file (and line)."""


class FileText:
    """The text of a large UTF-8 file, not held in memory: the parts asked for are read from
    the file.  A 50 MB file's text would otherwise be held whole for as long as its document
    is extracted (100 MB once a character beyond Latin-1 is in it; encoding it for its hash
    took 150 MB more at once).

    Opening the file reads it once, in blocks, for its length in characters, its SHA-256
    (:func:`content_digest`), its word count (:func:`count_words`) and the byte offset of
    every ``mark``-th character.  After that it stands for the ``str`` of the file's content
    where kg uses a document's text: ``len``, indexing and slicing by characters (the slice
    is read from the nearest offset on; the last two pieces read are kept), ``==`` and
    ``str(text)``; any other ``str`` method works on the whole text, read for the call.  A
    file changed after it was opened is an error, not a wrong slice.

    >>> import tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "big.txt")
    >>> with open(path, "w", encoding="utf-8") as handle:
    ...     _ = handle.write("Kyiv \\u2014 talks on \\u20ac5bn went on.\\n\\nNo deal. " * 3)
    >>> text, plain = FileText.open(path, mark=8), open(path, encoding="utf-8").read()
    >>> len(text) == len(plain) and text[3:70] == plain[3:70] and text[-1] == plain[-1] and text == plain
    True
    >>> count_words(text) == len(plain.split()), content_id(text) == content_id(plain)
    (True, True)
    >>> text.startswith("Kyiv"), repr(text).endswith("big.txt', 120 characters)")
    (True, True)
    """

    __slots__ = ("path", "digest", "words", "_length", "_mark", "_marks", "_stamp", "_pieces")

    #: Characters between two byte offsets kept (a long text keeps 8 bytes per 16,384 characters).
    MARK = 1 << 14
    #: Bytes read at once while the file is opened.
    BLOCK = 1 << 20

    def __init__(self, path: str, digest: str, words: int, length: int, mark: int, marks: array,
                 stamp: tuple[int, int, int]) -> None:
        self.path, self.digest, self.words = path, digest, words
        self._length, self._mark, self._marks, self._stamp = length, mark, marks, stamp
        self._pieces: list[tuple[int, str]] = []  # (first character, text): the last two read

    @classmethod
    def open(cls, path: str, *, mark: int | None = None) -> "FileText | None":
        """Read ``path`` once, in blocks; ``None`` when it is not UTF-8 text without a byte-order
        mark, or looks binary (such a file is read whole: :func:`decode`).  ``mark`` defaults to
        :attr:`MARK`."""
        mark = mark or cls.MARK
        digest, decoder = hashlib.sha256(), codecs.getincrementaldecoder("utf-8")()
        marks = array("q", [0])
        length = words = offset = 0
        pending, in_word = "", False  # characters after the last mark; whether a word goes on
        with open(path, "rb") as handle:
            stamp = _stamp(os.fstat(handle.fileno()))
            first = True
            while True:
                block = handle.read(cls.BLOCK)
                if first and (any(block.startswith(bom) for bom, _ in BOMS) or _looks_binary(block)):
                    return None
                first = False
                if b"\x00" in block:
                    return None
                digest.update(block)
                try:
                    chars = decoder.decode(block, final=not block)
                except UnicodeDecodeError:
                    return None
                length += len(chars)
                words += len(chars.split()) - (1 if in_word and chars[:1] and not chars[0].isspace() else 0)
                in_word = not chars[-1].isspace() if chars else in_word
                pending += chars
                pos = 0
                while len(pending) - pos >= mark:
                    offset += len(pending[pos:pos + mark].encode("utf-8"))
                    marks.append(offset)
                    pos += mark
                pending = pending[pos:]
                if not block:
                    break
        return cls(path, digest.hexdigest(), words, length, mark, marks, stamp)

    def _read(self, start: int, stop: int) -> tuple[int, str]:
        """The characters of the marks around ``start:stop`` (``0 <= start < stop <= len``),
        and the offset of the first."""
        for piece in self._pieces:
            if piece[0] <= start and stop <= piece[0] + len(piece[1]):
                return piece
        first, last = start // self._mark, (stop - 1) // self._mark + 1
        begin = self._marks[first]
        try:
            with open(self.path, "rb") as handle:
                if _stamp(os.fstat(handle.fileno())) != self._stamp:
                    raise DocumentError(f"{self.path}: the file changed while it was read")
                handle.seek(begin)
                data = handle.read(self._marks[last] - begin if last < len(self._marks) else -1)
        except OSError as err:
            raise DocumentError(f"{self.path}: cannot read ({err.strerror or err})") from err
        piece = (first * self._mark, data.decode("utf-8"))
        self._pieces = [piece, *self._pieces[:1]]
        return piece

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> str: ...

    def __getitem__(self, index: int | slice) -> str:
        if not isinstance(index, slice):
            i = operator.index(index)
            i = i + self._length if i < 0 else i
            if not 0 <= i < self._length:
                raise IndexError("string index out of range")
            return self[i:i + 1]
        start, stop, step = index.indices(self._length)
        if step != 1:
            return str(self)[index]
        if start >= stop:
            return ""
        begin, chars = self._read(start, stop)
        return chars[start - begin:stop - begin]

    def __str__(self) -> str:
        try:
            with open(self.path, "rb") as handle:
                if _stamp(os.fstat(handle.fileno())) != self._stamp:
                    raise DocumentError(f"{self.path}: the file changed while it was read")
                return handle.read().decode("utf-8")
        except OSError as err:
            raise DocumentError(f"{self.path}: cannot read ({err.strerror or err})") from err

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FileText):
            return (self._length, self.digest) == (other._length, other.digest)
        if isinstance(other, str):
            return len(other) == self._length and content_digest(other) == self.digest
        return NotImplemented

    def __hash__(self) -> int:  # as the str it equals
        return hash(str(self))

    def __contains__(self, part: str) -> bool:
        return part in str(self)

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(str(self), name)

    def __repr__(self) -> str:
        return f"FileText({self.path!r}, {self._length} characters)"

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return FileText, (self.path, self.digest, self.words, self._length, self._mark, self._marks, self._stamp)


def _stamp(stat: os.stat_result) -> tuple[int, int, int]:
    """What tells that a file changed: its size, modification time and inode."""
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


# --------------------------------------------------------------------------- reading


def read_paths(
    paths: Sequence[str],
    *,
    stdin: TextIO | BinaryIO | None = None,
    on_warning: Warn | None = None,
) -> Iterator[Document]:
    """Read every article named by ``paths``, yielding documents one at a time.

    Each path is a file, a folder (walked recursively in sorted order, skipping
    hidden entries and files that are not articles, see :func:`is_article_name`),
    a glob pattern (``**`` spans folders; matches are filtered like a folder's
    files), or ``-`` for standard input (``stdin``, default :data:`sys.stdin`).

    Every path is checked before the first document is read, so a typo fails
    fast with :class:`DocumentError` instead of after a long run.  Empty
    documents are yielded with no paragraphs and reported through ``on_warning``.

    A document's ``path`` is the file path as given (joined with the relative
    path for files found in a folder); a JSONL article's is ``FILE:LINE``.
    Standard input is sniffed: JSONL when its first line is a JSON object,
    HTML when it starts like a page, plain text otherwise; its path is ``-``.

    >>> read_paths(["no/such/file.txt"])
    Traceback (most recent call last):
    ...
    kg.documents.DocumentError: no/such/file.txt: no such file or directory
    """
    sources = [_resolve(path) for path in paths]
    return _read_sources(sources, stdin=stdin, on_warning=on_warning)


def count_articles(paths: Sequence[str]) -> int | None:
    """How many articles :func:`read_paths` will yield, or ``None`` when that is
    unknown before reading (standard input) or a path cannot be read.

    JSONL files count their non-blank lines; other files count one each.
    """
    total = 0
    try:
        for source in (_resolve(path) for path in paths):
            if source.kind == "stdin":
                return None
            files = _walk(source.path) if source.kind == "folder" else source.files or (source.path,)
            for path in files:
                if os.path.splitext(path)[1].lower() in JSONL_SUFFIXES:
                    with open(path, "rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                else:
                    total += 1
    except (OSError, DocumentError):
        return None
    return total


@dataclass(frozen=True)
class _Source:
    kind: str  # "stdin" | "file" | "folder" | "files"
    path: str
    files: tuple[str, ...] = ()


def _resolve(path: str) -> _Source:
    if path == STDIN_PATH:
        return _Source("stdin", path)
    if os.path.isdir(path):
        return _Source("folder", path)
    if os.path.exists(path):
        return _Source("file", path)
    if _GLOB_MAGIC.search(path):
        matches = tuple(
            match
            for match in sorted(glob.glob(path, recursive=True))
            if os.path.isfile(match) and is_article_name(os.path.basename(match))
        )
        if not matches:
            raise DocumentError(f"{path}: no article file matches this pattern")
        return _Source("files", path, matches)
    raise DocumentError(f"{path}: no such file or directory")


def _read_sources(
    sources: Iterable[_Source], *, stdin: TextIO | BinaryIO | None, on_warning: Warn | None
) -> Iterator[Document]:
    for source in sources:
        if source.kind == "stdin":
            yield from _read_stdin(sys.stdin if stdin is None else stdin, on_warning=on_warning)
        elif source.kind == "folder":
            for path in _walk(source.path):
                yield from read_file(path, on_warning=on_warning)
        elif source.kind == "files":
            for path in source.files:
                yield from read_file(path, on_warning=on_warning)
        else:
            yield from read_file(source.path, on_warning=on_warning)


def is_article_name(name: str) -> bool:
    """Whether a file found in a folder or by a glob should be read as an article.

    Hidden files, documentation files and files whose suffix is not an article
    suffix are skipped; files without a suffix are read.

    >>> [is_article_name(n) for n in ("001.txt", "story", "page.HTML", "logo.png", ".DS_Store", "README.TXT")]
    [True, True, True, False, False, False]
    """
    if name.startswith("."):
        return False
    stem, suffix = os.path.splitext(name)
    if stem.lower() in NON_ARTICLE_STEMS:
        return False
    return not suffix or suffix.lower() in ARTICLE_SUFFIXES


def _walk(folder: str) -> Iterator[str]:
    """Article files under ``folder``, depth first, entries sorted by name."""
    try:
        with os.scandir(folder) as entries:
            ordered = sorted(entries, key=lambda entry: entry.name)
    except OSError as err:
        raise DocumentError(f"{folder}: cannot read folder ({err.strerror or err})") from err
    for entry in ordered:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file() and is_article_name(entry.name):
            yield path


def read_file(path: str, *, on_warning: Warn | None = None) -> Iterator[Document]:
    """Read one file: JSONL yields a document per line, other files one document.

    The format follows the suffix: :data:`HTML_SUFFIXES` are HTML,
    :data:`JSONL_SUFFIXES` are JSON Lines, anything else is plain text.  A plain UTF-8 text
    file of more than :data:`FILE_TEXT_BYTES` is not held in memory: its document's text is
    a :class:`FileText`.  Neither is the file's content held once it is decoded.
    """
    suffix = os.path.splitext(path)[1].lower()
    if suffix in JSONL_SUFFIXES:
        try:
            with open(path, "rb") as handle:
                yield from _read_jsonl(handle, path=path, on_warning=on_warning)
        except OSError as err:
            raise DocumentError(f"{path}: cannot read ({err.strerror or err})") from err
        return
    text: str | FileText | None = None
    try:
        if suffix not in HTML_SUFFIXES and os.path.getsize(path) > FILE_TEXT_BYTES:
            text = FileText.open(path)  # None when the file is no plain UTF-8: read and decoded whole
        if text is None:
            with open(path, "rb") as handle:
                data = handle.read()
            text = decode(data, path=path)
            del data  # not held while the document is extracted
    except OSError as err:
        raise DocumentError(f"{path}: cannot read ({err.strerror or err})") from err
    if suffix in HTML_SUFFIXES:
        document = _html_document(text, path=path, on_warning=on_warning)  # type: ignore[arg-type]
    else:
        document = _text_document(text, path=path, on_warning=on_warning)
    del text
    yield document


def _read_stdin(stream: TextIO | BinaryIO, *, on_warning: Warn | None) -> Iterator[Document]:
    """Standard input: one article, an HTML page, or JSONL (sniffed from the content)."""
    lines = _byte_lines(stream)
    head: list[bytes] = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    first = head[-1] if head else b""
    if first.lstrip().startswith(b"{") and _is_json_object(first):
        yield from _read_jsonl(itertools.chain(head, lines), path=STDIN_PATH, on_warning=on_warning)
        return
    data = b"".join(itertools.chain(head, lines))
    text = decode(data, path=STDIN_PATH)
    if _HTML_START.match(data):
        yield _html_document(text, path=STDIN_PATH, on_warning=on_warning)
    else:
        yield _text_document(text, path=STDIN_PATH, on_warning=on_warning)


def _byte_lines(stream: TextIO | BinaryIO) -> Iterator[bytes]:
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return iter(buffer)
    if isinstance(stream, io.TextIOBase):
        return (line.encode("utf-8", "surrogateescape") for line in stream)
    return (line if isinstance(line, bytes) else line.encode("utf-8", "surrogateescape") for line in stream)


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _read_jsonl(lines: Iterable[bytes], *, path: str, on_warning: Warn | None) -> Iterator[Document]:
    """One article per line; a document's path is ``FILE:LINE``."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{path}:{number}"
        record = _parse_jsonl_line(decode(raw, path=where), where=where)
        document = document_from_text(
            record["text"],
            path=where,
            title=record.get("title"),
            date=record.get("date"),
            url=record.get("url"),
        )
        if record.get("id") is not None:
            document = dataclasses.replace(document, source_id=str(record["id"]))
        _warn_if_empty(document, on_warning)
        yield document


def _parse_jsonl_line(line: str, *, where: str) -> dict[str, str]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise DocumentError(f"{where}: invalid JSON ({err.msg} at column {err.colno})") from err
    if not isinstance(record, dict):
        raise DocumentError(f"{where}: expected a JSON object with a \"text\" field")
    if not isinstance(record.get("text"), str):
        raise DocumentError(f"{where}: missing \"text\" field (a string)")
    for field_name in ("title", "date", "url"):
        if record.get(field_name) is not None and not isinstance(record[field_name], str):
            raise DocumentError(f"{where}: field \"{field_name}\" must be a string")
    if record.get("id") is not None and (isinstance(record["id"], bool) or not isinstance(record["id"], (str, int))):
        raise DocumentError(f"{where}: field \"id\" must be a string or an integer")
    return record


def _text_document(text: str | FileText, *, path: str, on_warning: Warn | None) -> Document:
    document = document_from_text(text, path=path)
    _warn_if_empty(document, on_warning)
    return document


def _warn_if_empty(document: Document, on_warning: Warn | None) -> None:
    if on_warning is None:
        return
    text = document.text
    if not (count_words(text) if isinstance(text, FileText) else text.strip()):
        on_warning(f"{document.path}: empty document")
    elif not document.paragraphs:
        on_warning(f"{document.path}: no article text left after removing boilerplate")


# --------------------------------------------------------------------------- documents


def document_from_text(
    text: str | FileText,
    *,
    path: str,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> Document:
    """Make a :class:`Document` from decoded text.

    ``id`` is the first :data:`ID_LENGTH` hex digits of the SHA-256 of the
    UTF-8 text.  ``title`` defaults to the first paragraph when it looks like a
    headline (short, one line, no final full stop).  ``date`` is normalised
    with :func:`normalize_date` (``None`` when it cannot be read).  Lone surrogates
    (which JSON escapes and undecodable file names can carry, and UTF-8 cannot)
    become U+FFFD in every field, one character for one, so offsets hold.  ``text`` may be a
    :class:`FileText` (a large file's text, not held in memory).

    >>> doc = document_from_text("Putin hosts Xi in Moscow\\n\\nRussian President Vladimir Putin met Xi Jinping.",
    ...                          path="a.txt", date="2023-03-20T18:00:00+03:00")
    >>> doc.id, doc.title, doc.date
    ('d2ba9742807bd61e', 'Putin hosts Xi in Moscow', '2023-03-20')
    >>> document_from_text("Xi Jinping arrived in Moscow on Monday.", path="b.txt").title is None
    True
    """
    if isinstance(text, str):  # a FileText is strict UTF-8: no surrogates
        text = _LONE_SURROGATE.sub("\ufffd", text)
    path = _LONE_SURROGATE.sub("\ufffd", path)
    title, date, url = _valid_unicode(title), _valid_unicode(date), _valid_unicode(url)
    paragraphs = split_paragraphs(text)
    if title is None and paragraphs:
        title = _headline(paragraphs[0].text)
    return Document(
        id=content_id(text),
        text=text,
        path=path,
        paragraphs=paragraphs,
        title=_clean(title),
        date=normalize_date(date),
        url=_clean(url),
    )


def _valid_unicode(value: str | None) -> str | None:
    """``value`` with each lone surrogate (from JSON escapes such as ``\\ud800`` or
    undecodable file names) replaced by U+FFFD, so that it encodes as UTF-8.  One
    character stands for one, so offsets into the text stay the same.

    >>> _valid_unicode("Kyiv\\ud800 talks") == "Kyiv\\ufffd talks"
    True
    """
    return None if value is None else _LONE_SURROGATE.sub("\ufffd", value)


def _clean(value: str | None) -> str | None:
    """``value`` stripped, or ``None`` when it is missing or blank."""
    return (value.strip() or None) if value is not None else None


def count_words(text: str, *, block: int = 1 << 20) -> int:
    """``len(text.split())`` without building the list of words (for a 50 MB text that list
    alone takes half a gigabyte): the text is counted in blocks cut at whitespace.

    >>> count_words(" Joe Biden  met Vladimir Putin. "), count_words("a b  c d e", block=2)
    (5, 5)

    A :class:`FileText`'s words were counted when its file was opened.
    """
    if isinstance(text, FileText):
        return text.words
    if len(text) <= block:
        return len(text.split())
    total = pos = 0
    while pos < len(text):
        end = min(len(text), pos + block)
        while end < len(text) and not text[end].isspace():
            end += 1
        total += len(text[pos:end].split())
        pos = end
    return total


def content_id(text: str | FileText) -> str:
    """The document id of ``text``: a prefix of its SHA-256.

    >>> content_id("")
    'e3b0c44298fc1c14'
    """
    return content_digest(text)[:ID_LENGTH]


def content_digest(text: str | FileText) -> str:
    """The SHA-256 (hex) of ``text`` in UTF-8 (a :class:`FileText`'s was taken when its file was
    opened: the text is not encoded whole).

    >>> content_digest("Kyiv")[:16]
    'daccd738d5f7327d'
    """
    if isinstance(text, FileText):
        return text.digest
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _headline(paragraph: str) -> str | None:
    """``paragraph`` without Markdown heading marks when it looks like a headline."""
    candidate = paragraph.lstrip("#").strip()
    if (
        not candidate
        or _LINE_BREAK.search(candidate)
        or len(candidate) > MAX_HEADLINE_CHARS
        or len(candidate.split()) > MAX_HEADLINE_WORDS
        or _ends_with_full_stop(candidate)
    ):
        return None
    return candidate


def _ends_with_full_stop(text: str) -> bool:
    """Whether ``text`` ends a sentence with a full stop (an ellipsis does not)."""
    end = text.rstrip("\"'”’)»")
    return end.endswith(".") and not end.endswith("..")


# --------------------------------------------------------------------------- paragraphs


def split_paragraphs(text: str | FileText) -> Paragraphs:
    """Split ``text`` on blank lines and drop page boilerplate.

    Each paragraph is stripped of surrounding whitespace and keeps its offset
    into ``text``, so ``text[p.start:p.end] == p.text``.  Single line breaks
    stay inside a paragraph.  Dropped by general rules:

    * copyright lines (``©``, ``(c) 2021``, ``Copyright 2021``, "All rights reserved");
    * menus: runs of :data:`MIN_MENU_RUN` or more short menu-like lines
      ("Most Read", "Sign up": at most :data:`MAX_MENU_WORDS` words, a capital
      first letter, no sentence punctuation) at the start or end of the page,
      and menu-like lines right after a copyright line.  The first paragraph
      (the headline) is never taken for a menu;
    * an exact repeat of the preceding paragraph (a headline printed twice).

    The paragraphs are held as spans of ``text`` (:class:`~kg.records.Paragraphs`), and
    only one paragraph's text is copied at a time while they are found: a long text is
    not held twice.

    >>> text = "Scholz visits Kyiv\\r\\n\\r\\nScholz visits Kyiv\\r\\n\\r\\n  German Chancellor Olaf Scholz\\r\\narrived by train.\\n\\nShare this\\n\\nMost Read\\n"
    >>> [(p.start, p.text) for p in split_paragraphs(text)]
    [(0, 'Scholz visits Kyiv'), (46, 'German Chancellor Olaf Scholz\\r\\narrived by train.')]
    """
    spans = list(_spans(text))
    return Paragraphs(text, (spans[i] for i in _kept_indices(text, spans)))


def _spans(text: str | FileText) -> Iterator[tuple[int, int]]:
    """Blocks between blank lines, stripped: their start and end offsets in ``text``."""
    if isinstance(text, FileText):
        yield from _file_spans(text)
        return
    start = 0
    for separator in itertools.chain(_BLANK_LINES.finditer(text), [None]):
        end = len(text) if separator is None else separator.start()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            yield start, end
        if separator is not None:
            start = separator.end()


def _file_spans(text: FileText, piece: int = 1 << 20) -> Iterator[tuple[int, int]]:
    """:func:`_spans` of a :class:`FileText`, read a piece of about ``piece`` characters at a
    time (the same spans: tested).  A piece ends where its last blank-line separator starts,
    when that separator is followed by more than whitespace within the piece (so it is the
    separator the whole text has there); the next piece starts with that separator.

    >>> import tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "t.txt")
    >>> with open(path, "w", encoding="utf-8") as handle:
    ...     _ = handle.write(" Kyiv\\n\\n  talks \\r\\n \\r\\nNo deal.\\n\\n\\n")
    >>> text = FileText.open(path)
    >>> list(_file_spans(text, piece=4)) == list(_spans(str(text))) == [(1, 5), (9, 14), (20, 28)]
    True
    """
    total, pos = len(text), 0
    while pos < total:
        size = piece
        while True:
            chunk = text[pos:pos + size]
            if pos + len(chunk) >= total:
                cut = len(chunk)
                break
            cut, last = 0, len(chunk.rstrip())  # the piece's last non-whitespace character ends at last
            for separator in _BLANK_LINES.finditer(chunk, 0, last):
                if separator.end() < last:
                    cut = separator.start()
            if cut > 0:
                break
            size *= 2  # a paragraph longer than the piece
        for start, end in _spans(chunk[:cut]):
            yield pos + start, pos + end
        pos += cut


def _kept_indices(text: str | FileText, spans: Sequence[tuple[int, int]]) -> list[int]:
    copyright_flags: list[bool] = []
    menu_lines: list[int] = []  # lines of each paragraph when every line is menu-like, else 0
    for i, (start, end) in enumerate(spans):
        paragraph = text[start:end]
        copyright_flags.append(_is_copyright(paragraph))
        menu_lines.append(0 if i == 0 else _menu_line_count(paragraph))  # the headline is no menu
    dropped = set(i for i, flag in enumerate(copyright_flags) if flag)
    for run in _boilerplate_runs(copyright_flags, menu_lines):
        at_edge = run[0] <= 1 or run[-1] == len(spans) - 1
        menus = [i for i in run if menu_lines[i]]
        if at_edge and sum(menu_lines[i] for i in menus) >= MIN_MENU_RUN:
            dropped.update(menus)
        seen_copyright = False
        for i in run:
            seen_copyright = seen_copyright or copyright_flags[i]
            if seen_copyright and menu_lines[i]:
                dropped.add(i)
    kept: list[int] = []
    for i, (start, end) in enumerate(spans):
        if i in dropped or (kept and _same(text, spans[kept[-1]], (start, end))):
            continue
        kept.append(i)
    return kept


def _same(text: str | FileText, one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Whether two spans of ``text`` hold the same characters."""
    return one[1] - one[0] == other[1] - other[0] and text[one[0]:one[1]] == text[other[0]:other[1]]


def _boilerplate_runs(copyright_flags: Sequence[bool], menu_lines: Sequence[int]) -> Iterator[list[int]]:
    """Maximal runs of consecutive paragraphs that are each a copyright line or menu-like."""
    run: list[int] = []
    for i, (is_copyright, menu) in enumerate(zip(copyright_flags, menu_lines)):
        if is_copyright or menu:
            run.append(i)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


def _is_copyright(text: str) -> bool:
    return len(text.split()) <= MAX_COPYRIGHT_WORDS and _COPYRIGHT.search(text) is not None


def _menu_line_count(text: str) -> int:
    lines = [line.strip() for line in _LINE_BREAK.split(text)]
    return len(lines) if all(_is_menu_line(line) for line in lines) else 0


def _is_menu_line(line: str) -> bool:
    """A short label such as "Most Read", "Sign up" or "Share this:"."""
    words = line.split()
    label = line.rstrip(_MENU_DECORATION + " ")
    return (
        0 < len(words) <= MAX_MENU_WORDS
        and line[0].isupper()
        and _SENTENCE_PUNCTUATION.search(label) is None
    )


# --------------------------------------------------------------------------- decoding


def decode(data: bytes, *, path: str) -> str:
    """Decode file content: UTF-8, then charset-normalizer, then cp1252, then Latin-1.

    A byte-order mark selects its Unicode encoding and is dropped.
    charset-normalizer is only asked about text with a substantial share of
    non-ASCII bytes (see :data:`MIN_NON_ASCII_FOR_DETECTION`).  Content with NUL
    bytes or many control characters is refused.

    >>> decode(b"\\xef\\xbb\\xbfKyiv", path="a.txt")
    'Kyiv'
    >>> decode("Angela Müller".encode("latin-1"), path="b.txt")
    'Angela Müller'
    >>> decode(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", path="logo.txt")
    Traceback (most recent call last):
    ...
    kg.documents.DocumentError: logo.txt: not a text file (binary content)
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                data = data[len(bom):]
            break
    if _looks_binary(data):
        raise DocumentError(f"{path}: not a text file (binary content)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    non_ascii = sum(1 for byte in data if byte >= 0x80)
    if non_ascii >= MIN_NON_ASCII_FOR_DETECTION * len(data):
        guess = _detect(data)
        if guess is not None:
            return guess
    for encoding in FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("unreachable: Latin-1 decodes every byte string")  # pragma: no cover


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:BINARY_SNIFF_BYTES]
    if not sample:
        return False
    controls = sum(1 for byte in sample if (byte < 0x20 and byte not in TEXT_CONTROL_BYTES) or byte == 0x7F)
    return controls > MAX_CONTROL_RATIO * len(sample)


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


# --------------------------------------------------------------------------- dates


def normalize_date(value: str | None) -> str | None:
    """An ISO date ``YYYY-MM-DD`` for ``value``, or ``None`` when it cannot be read.

    Accepts ISO 8601 dates and datetimes (the local date is kept), RFC 2822
    dates as in feeds, and the formats in :data:`DATE_FORMATS`.

    >>> [normalize_date(v) for v in ("2022-01-09", "2022-01-09T23:30:00-05:00", "Sun, 09 Jan 2022 10:00:00 GMT",
    ...                              "January 9, 2022", "9 Jan 2022", "last Sunday", None)]
    ['2022-01-09', '2022-01-09', '2022-01-09', '2022-01-09', '2022-01-09', None, None]
    """
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("z", "Z")).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(value, date_format).date().isoformat()
        except ValueError:
            continue
    return None


# --------------------------------------------------------------------------- HTML


@dataclass(frozen=True)
class _HtmlArticle:
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None


def _html_document(markup: str, *, path: str, on_warning: Warn | None) -> Document:
    """The main text of an HTML page, one paragraph per extracted block."""
    article = _extract_with_trafilatura(markup, path=path, on_warning=on_warning)
    if article is None or not article.text.strip():
        article = _extract_with_html_parser(markup)
    document = document_from_text(
        article.text, path=path, title=article.title, date=article.date, url=article.url
    )
    _warn_if_empty(document, on_warning)
    return document


@functools.cache
def _trafilatura() -> object | None:
    try:
        import trafilatura
    except ImportError:
        return None
    return trafilatura


def _extract_with_trafilatura(markup: str, *, path: str, on_warning: Warn | None) -> _HtmlArticle | None:
    trafilatura = _trafilatura()
    if trafilatura is None:
        if on_warning is not None:
            on_warning(f"{path}: trafilatura is not importable; using the basic HTML extractor")
        return None
    result = trafilatura.bare_extraction(  # type: ignore[attr-defined]
        markup, include_comments=False, with_metadata=True
    )
    if result is None:
        return None
    get = result.get if isinstance(result, dict) else functools.partial(getattr, result)
    # trafilatura's plain text puts each block (paragraph, heading, list item)
    # on its own line; a blank line between blocks makes each a paragraph.
    blocks = [line.strip() for line in (get("text", None) or "").splitlines()]
    return _HtmlArticle(
        text="\n\n".join(block for block in blocks if block),
        title=get("title", None) or None,
        date=get("date", None) or None,
        url=get("url", None) or None,
    )


class _TextParser(HTMLParser):
    """Visible text of a page, blocks separated, without scripts, styles and navigation."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.title_parts: list[str] = []
        self._current: list[str] = []
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in HTML_SKIP_TAGS:
            self._skip_depth += 1
        if tag in HTML_BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in HTML_SKIP_TAGS and self._skip_depth:
            self._skip_depth -= 1
        if tag in HTML_BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip_depth:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        block = " ".join("".join(self._current).split())
        if block:
            self.blocks.append(block)
        self._current = []


def _extract_with_html_parser(markup: str) -> _HtmlArticle:
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    title = " ".join("".join(parser.title_parts).split())
    return _HtmlArticle(text="\n\n".join(parser.blocks), title=title or None)
