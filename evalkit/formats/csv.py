"""CSV and TSV tables of segments: source, target and optional id, context and side columns."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Iterator

from evalkit.errors import InputError
from evalkit.formats.base import file_lines, plain_utf8
from evalkit.model import Document, Segment
from evalkit.spool import Reread
from evalkit.textpos import LINE_BREAK, LineIndex, segment_runs

# Header names each column may go by (case-insensitive); a language code names a column too.
COLUMNS = {
    "id": ("id", "key", "name", "string id", "segment id", "uid"),
    "source": ("source", "src", "source text", "original"),
    "target": ("target", "tgt", "target text", "translation"),
    "context": ("context", "msgctxt", "location"),
    "notes": ("notes", "note", "comment", "comments", "description"),
    "retranslation": ("retranslation", "mt"),
    "reference": ("reference", "references", "ref"),
}

Field = tuple[str, list[int], int]  # value, file offset of each character, offset just past it


class UnterminatedField(InputError):
    """A quoted field that the text ends inside."""


def tokenize(text: str, delimiter: str, lines_before: int = 0) -> list[tuple[int, list[Field]]]:
    """RFC 4180 records as (start offset, fields), with the file offset of every character.

    A tokenizer of our own rather than the csv module, because reports need to point at the
    column where each target cell starts; the rules are the csv module's (doubled quotes inside a
    quoted field, text after a closing quote kept, CR LF / LF / CR line ends).
    """
    records: list[tuple[int, list[Field]]] = []
    stop = re.compile(f"[{re.escape(delimiter)}\r\n]")  # what ends an unquoted stretch
    i, n = 0, len(text)
    while i < n:
        record_start = i
        fields: list[Field] = []
        while True:
            value: list[str] = []
            offsets: list[int] = []
            if i < n and text[i] == '"':
                i += 1
                while True:
                    j = text.find('"', i)
                    if j < 0:
                        line = lines_before + text.count(chr(10), 0, record_start) + 1
                        raise UnterminatedField(f"unterminated quoted field in the record starting on line {line}")
                    value.append(text[i:j])
                    offsets.extend(range(i, j))
                    if text.startswith('""', j):  # a doubled quote is one quote of the value
                        value.append('"')
                        offsets.append(j)
                        i = j + 2
                        continue
                    i = j + 1
                    break
            m = stop.search(text, i)
            j = m.start() if m else n
            value.append(text[i:j])
            offsets.extend(range(i, j))
            i = j
            fields.append(("".join(value), offsets, i))
            if i < n and text[i] == delimiter:
                i += 1
                continue
            break
        if text.startswith("\r\n", i):
            i += 2
        elif i < n:
            i += 1
        if any(f[0].strip() for f in fields):
            records.append((record_start, fields))
    return records


def _sniff(text: str, suffix: str) -> str:
    if suffix in (".tsv", ".tab"):
        return "\t"
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _header_roles(cells: list[str], src_lang: str, tgt_lang: str) -> dict[str, int] | None:
    roles: dict[str, int] = {}
    for k, cell in enumerate(cells):
        name = cell.strip().lower().replace("_", " ").replace("-", " ")
        lang = cell.strip().lower().replace("_", "-")
        for role, names in COLUMNS.items():
            if name in names and role not in roles:
                roles[role] = k
                break
        else:
            if lang and lang.split("-")[0] == src_lang.split("-")[0] and "source" not in roles:
                roles["source"] = k
            elif lang and lang.split("-")[0] == tgt_lang.split("-")[0] and "target" not in roles:
                roles["target"] = k
    return roles if {"source", "target"} <= roles.keys() else None


def _chunks(lines: Iterator[str], delimiter: str) -> Iterator[tuple[str, int, int, list[tuple[int, list[Field]]]]]:
    """The file's records, a few lines at a time: (chunk text, its offset in the file, line breaks
    before it, its records). A chunk ends at a line feed outside any quoted field, where a record
    ends too, so the records are those of the whole text; a quoted field that spans lines makes
    the chunk take twice as many lines until it closes."""
    pending: list[str] = []
    offset = breaks = lines_before = 0
    want = 1
    for line in lines:
        pending.append(line)
        if len(pending) < want:
            continue
        text = "\n".join(pending)
        try:
            records = tokenize(text, delimiter, lines_before)
        except UnterminatedField:  # it may close on a later line
            want = 2 * len(pending)
            continue
        yield text, offset, breaks, records
        offset += len(text) + 1
        breaks += len(LINE_BREAK.findall(text)) + 1 - text.endswith("\r")
        lines_before += len(pending)
        pending, want = [], 1
    if pending:  # a field still open here never closes
        text = "\n".join(pending)
        yield text, offset, breaks, tokenize(text, delimiter, lines_before)


class CsvFormat:
    """Comma-, semicolon- or tab-separated tables with a header naming source and target columns;
    without a header, two columns are source and target and three are id, source and target."""

    name = "csv"
    extensions = (".csv", ".tsv", ".tab")

    def read(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        doc = self.stream(path, encoding=encoding, src_lang=src_lang, tgt_lang=tgt_lang)
        doc.segments = list(doc.segments)
        return doc

    def stream(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        """The table as a Document whose rows are read from the file each time they are iterated
        (a UTF-8 file a few lines at a time; one in another encoding is decoded whole)."""
        plain = plain_utf8(path, encoding)  # once: the file is read as it is, or decoded whole, each time
        count = sum(1 for _ in self.segments(path, encoding, src_lang, tgt_lang, locate=False, plain=plain))
        if not count:
            raise InputError(f"{path}: no rows; nothing to check")
        segments = Reread(lambda: self.segments(path, encoding, src_lang, tgt_lang, plain=plain), count)
        return Document(name=path.name, segments=segments, kind="segments", src_lang=src_lang,
                        tgt_lang=tgt_lang, path=str(path), format=self.name)

    def segments(self, path: Path, encoding: str | None, src_lang: str, tgt_lang: str,
                 locate: bool = True, plain: bool | None = None) -> Iterator[Segment]:
        """The table's rows as segments, validated, in order; with ``locate``, each knows where in
        the file its target's characters are (``meta["runs"]``)."""
        lines = file_lines(path, encoding, plain)
        first = next(lines, "")  # an empty file has no line
        delimiter = _sniff(first, path.suffix.lower())
        roles: dict[str, int] | None = None
        width = -1  # the first record's cell count, once read
        seen: set[str] = set()
        n = 0
        try:
            for text, offset, breaks, records in _chunks(itertools.chain([first], lines), delimiter):
                index = LineIndex(text)
                for start, fields in records:
                    if width < 0:
                        width = len(fields)
                        roles = _header_roles([f[0] for f in fields], src_lang, tgt_lang)
                        if roles is not None:
                            continue
                        roles = _headerless_roles(path, width)
                    n += 1
                    yield _row(path, n, start, fields, roles, width, seen, index, breaks, offset, locate)
        except UnterminatedField as exc:
            raise InputError(f"{path}: {exc}") from None
        if width < 0:  # no record: blank, or nothing but delimiters
            if not any(line.strip() for line in file_lines(path, encoding, plain)):
                raise InputError(f"{path}: is empty; nothing to check")
            _headerless_roles(path, 0)


def _headerless_roles(path: Path, width: int) -> dict[str, int]:
    if width == 2:
        return {"source": 0, "target": 1}
    if width == 3:
        return {"id": 0, "source": 1, "target": 2}
    raise InputError(f"{path}: no header naming the source and target columns; add one "
                     "(id, source, target), or use two or three columns")


def _row(path: Path, n: int, start: int, fields: list[Field], roles: dict[str, int], width: int, seen: set[str],
         index: LineIndex, breaks: int, offset: int, locate: bool) -> Segment:
    """Row ``n`` (its ``fields``, from offset ``start`` of a chunk whose ``index`` starts ``breaks`` line breaks and
    ``offset`` characters into the file) as a segment."""
    def cell(role: str) -> Field | None:
        k = roles.get(role)
        return fields[k] if k is not None and k < len(fields) else None

    src, tgt = cell("source"), cell("target")
    line = breaks + index.position(start)[0]
    if len(fields) > width:
        raise InputError(f"{path}:{line}: {len(fields)} cells where the first row has {width}; "
                         "quote cells that contain the delimiter")
    if src is None:
        raise InputError(f"{path}:{line}: {len(fields)} column(s), no source column")
    seg_id = cell("id")[0].strip() if cell("id") is not None and cell("id")[0].strip() else str(n)
    if seg_id in seen:
        raise InputError(f"{path}:{line}: duplicate id {seg_id!r}")
    seen.add(seg_id)
    meta: dict = {"notes": [cell("notes")[0]] if cell("notes") is not None and cell("notes")[0] else []}
    target = ""
    if tgt is not None:
        target = tgt[0]
        if locate:
            meta["runs"] = segment_runs(index, target, tgt[1], tgt[2], offset, breaks)
        line = breaks + index.position(tgt[1][0] if tgt[1] else tgt[2])[0]
    context = cell("context")[0] if cell("context") is not None else None
    retr = cell("retranslation")[0] if cell("retranslation") is not None else None
    ref = cell("reference")[0] if cell("reference") is not None else None
    return Segment(id=seg_id, source=src[0], target=target, line=line, context=context or None,
                   retranslation=retr or None, references=[ref] if ref else [], meta=meta)
