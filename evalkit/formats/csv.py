"""CSV and TSV tables of segments: source, target and optional id, context and side columns."""

from __future__ import annotations

from pathlib import Path

from evalkit.errors import InputError
from evalkit.formats.base import read_text
from evalkit.model import Document, Segment

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


def tokenize(text: str, delimiter: str) -> list[tuple[int, list[Field]]]:
    """RFC 4180 records as (start offset, fields), with the file offset of every character.

    A tokenizer of our own rather than the csv module, because reports need to point at the
    column where each target cell starts; the rules are the csv module's (doubled quotes inside a
    quoted field, text after a closing quote kept, CR LF / LF / CR line ends).
    """
    records: list[tuple[int, list[Field]]] = []
    i, n = 0, len(text)
    while i < n:
        record_start = i
        fields: list[Field] = []
        while True:
            value: list[str] = []
            offsets: list[int] = []
            if i < n and text[i] == '"':
                i += 1
                while i < n:
                    if text[i] == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            value.append('"')
                            offsets.append(i)
                            i += 2
                            continue
                        i += 1
                        break
                    value.append(text[i])
                    offsets.append(i)
                    i += 1
                else:
                    raise InputError(f"unterminated quoted field in the record starting on line {text.count(chr(10), 0, record_start) + 1}")
            while i < n and text[i] not in (delimiter, "\n", "\r"):
                value.append(text[i])
                offsets.append(i)
                i += 1
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


class CsvFormat:
    """Comma-, semicolon- or tab-separated tables with a header naming source and target columns;
    without a header, two columns are source and target and three are id, source and target."""

    name = "csv"
    extensions = (".csv", ".tsv", ".tab")

    def read(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        from evalkit.textpos import LineIndex, segment_runs

        text = read_text(path, encoding)
        delimiter = _sniff(text, path.suffix.lower())
        try:
            records = tokenize(text, delimiter)
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from None
        index = LineIndex(text)
        roles = _header_roles([f[0] for f in records[0][1]], src_lang, tgt_lang) if records else None
        width = len(records[0][1]) if records else 0
        if roles is not None:
            records = records[1:]
        else:
            if width == 2:
                roles = {"source": 0, "target": 1}
            elif width == 3:
                roles = {"id": 0, "source": 1, "target": 2}
            else:
                raise InputError(
                    f"{path}: no header naming the source and target columns; add one "
                    "(id, source, target), or use two or three columns"
                )
        segments: list[Segment] = []
        seen: set[str] = set()
        for n, (start, fields) in enumerate(records, 1):
            line = index.position(start)[0]

            def cell(role: str) -> Field | None:
                k = roles.get(role)
                return fields[k] if k is not None and k < len(fields) else None

            if len(fields) > width:
                raise InputError(
                    f"{path}:{line}: {len(fields)} cells where the first row has {width}; "
                    "quote cells that contain the delimiter"
                )
            src, tgt = cell("source"), cell("target")
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
                meta["runs"] = segment_runs(index, target, tgt[1], tgt[2])
                line = index.position(tgt[1][0] if tgt[1] else tgt[2])[0]
            context = cell("context")[0] if cell("context") is not None else None
            retr = cell("retranslation")[0] if cell("retranslation") is not None else None
            ref = cell("reference")[0] if cell("reference") is not None else None
            segments.append(Segment(
                id=seg_id, source=src[0], target=target, line=line, context=context or None,
                retranslation=retr or None, references=[ref] if ref else [], meta=meta,
            ))
        if not segments:
            raise InputError(f"{path}: no rows; nothing to check")
        return Document(name=path.name, segments=segments, kind="segments", src_lang=src_lang,
                        tgt_lang=tgt_lang, path=str(path), format=self.name)
