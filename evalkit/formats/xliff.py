"""XLIFF 1.2 and 2.0: one segment per trans-unit (1.2) or per unit segment (2.0), inline tags kept."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from evalkit.errors import InputError
from evalkit.formats.base import plain_utf8
from evalkit.formats.xmlscan import (BLOCK_BYTES, Node, check_root, make_segment, placed, plain_text, read_xml_text,
                                     scan_units, scan_xml)
from evalkit.model import Document, Segment
from evalkit.spool import Reread
from evalkit.textpos import LineIndex

# Target states of the files, as evalkit.untranslated counts them. XLIFF 1.2: a target still to be
# translated or adapted is fuzzy (a draft), one to be reviewed needs review, signed-off and final
# ones (and approved="yes") are approved. XLIFF 2.0: initial is a draft, reviewed and final approved.
STATES_1 = {
    "new": "fuzzy", "needs-translation": "fuzzy", "needs-adaptation": "fuzzy", "needs-l10n": "fuzzy",
    "needs-review-translation": "needs-review", "needs-review-adaptation": "needs-review",
    "needs-review-l10n": "needs-review", "translated": "translated", "signed-off": "approved", "final": "approved",
}
STATES_2 = {"initial": "fuzzy", "translated": "translated", "reviewed": "approved", "final": "approved"}


def _state(table: dict[str, str], declared: str | None, approved: bool = False) -> str | None:
    state = table.get((declared or "").strip())
    if approved and state in (None, "translated"):
        return "approved"
    return state


def _unique(seg_id: str, prefix: str | None, seen: set[str]) -> str:
    if seg_id in seen and prefix:
        seg_id = f"{prefix}/{seg_id}"
    n, base = 2, seg_id
    while seg_id in seen:
        seg_id, n = f"{base}~{n}", n + 1
    seen.add(seg_id)
    return seg_id


class _Units:
    """Turns the units of an XLIFF file, in file order, into segments: ids made unique across files,
    and an id-less unit numbered within its file."""

    def __init__(self, version: str) -> None:
        self.v2 = version.startswith("2")
        self.tag = "unit" if self.v2 else "trans-unit"
        self.seen: set[str] = set()
        self.file: Node | None = None
        self.n_file = self.n = 0

    def open_file(self, file: Node) -> None:
        self.file, self.n_file, self.n = file, self.n_file + 1, 0

    def place(self) -> tuple[Node, int, int]:
        """Where the next unit is: its file, the file's number and the unit's number in it."""
        self.n += 1
        return self.file, self.n_file, self.n

    def segments(self, text: str, index, unit: Node, where: tuple[Node, int, int]) -> list[Segment]:
        if unit.get("translate") == "no":
            return []
        return self._segments_2(text, index, unit, where) if self.v2 else [self._segment_1(text, index, unit, where)]

    def _segment_1(self, text: str, index, unit: Node, where: tuple[Node, int, int]) -> Segment:
        file, n_file, n = where
        notes = [plain_text(text, note) for note in unit.findall("note")]
        contexts = [plain_text(text, c) for g in unit.findall("context-group") for c in g.findall("context")]
        context = unit.get("resname") or ("; ".join(contexts) if contexts else None)
        seg_id = _unique(unit.get("id") or f"{n_file}.{n}", file.get("original"), self.seen)
        target = unit.find("target")
        segment = make_segment(text, index, seg_id, unit.find("source"), target, unit, context=context, notes=notes)
        segment.meta["state"] = _state(STATES_1, target.get("state") if target is not None else None,
                                       unit.get("approved") == "yes")
        return segment

    def _segments_2(self, text: str, index, unit: Node, where: tuple[Node, int, int]) -> list[Segment]:
        file, n_file, n = where
        notes_el = unit.find("notes")
        notes = [plain_text(text, note) for note in notes_el.findall("note")] if notes_el is not None else []
        parts = unit.findall("segment")
        unit_id = unit.get("id") or f"{n_file}.{n}"
        segments = []
        for k, part in enumerate(parts, 1):
            seg_id = unit_id if len(parts) == 1 else f"{unit_id}#{part.get('id') or k}"
            seg_id = _unique(seg_id, file.get("id") or file.get("original"), self.seen)
            segment = make_segment(text, index, seg_id, part.find("source"), part.find("target"),
                                   part, context=unit.get("name"), notes=notes)
            width = unit.get("sizeRestriction")  # slr:sizeRestriction on the unit
            if "max_width" not in segment.meta and width and width.strip().isdigit() and int(width) > 0:
                segment.meta["max_width"], segment.meta["size_unit"] = int(width), "char"
            segment.meta["state"] = _state(STATES_2, part.get("state"))
            segments.append(segment)
        return segments


class XliffFormat:
    """XLIFF 1.2 (trans-unit) and 2.0 (unit/segment) files, told apart by the root's version.

    ``stream`` reads a UTF-8 file a block at a time, twice: once to check all of it and count its
    segments, then whenever its segments are iterated, holding one block and one unit at a time
    (a skeleton or embedded original file in a header is parsed, not kept). A file in another
    encoding is decoded and read whole.
    """

    name = "xliff"
    extensions = (".xlf", ".xliff", ".xlf2", ".sdlxliff", ".mqxliff")

    def read(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        text = read_xml_text(path, encoding)
        root = scan_xml(text, str(path))
        check_root(root, path, "xliff")
        index = LineIndex(text)
        units = _Units(root.get("version", "1.2") or "1.2")
        segments: list[Segment] = []
        for file in root.iter("file"):
            units.open_file(file)
            for unit in file.iter(units.tag):
                segments += units.segments(text, index, unit, units.place())
        return self._document(path, segments, len(segments), src_lang, tgt_lang)

    def stream(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        """The file as a Document whose segments are read from the file each time they are iterated."""
        if not plain_utf8(path, encoding):
            return self.read(path, encoding=encoding, src_lang=src_lang, tgt_lang=tgt_lang)
        count = sum(1 for _ in self.segments(path))  # every error now, before any work
        return self._document(path, Reread(lambda: self.segments(path), count), count, src_lang, tgt_lang)

    def segments(self, path: Path, block_bytes: int = BLOCK_BYTES) -> Iterator[Segment]:
        """The segments of a plain UTF-8 file, in order, parsed ``block_bytes`` at a time."""
        units: list[_Units] = []
        places: dict[int, tuple[Node, int, int]] = {}  # a unit's place, taken when it closes

        def opened(node: Node) -> None:
            if node.parent is None:
                check_root(node, path, "xliff")
                units.append(_Units(node.get("version", "1.2") or "1.2"))
            elif node.tag == "file":
                units[0].open_file(node)

        def is_unit(node: Node) -> bool:
            if node.tag != units[0].tag or units[0].file is None:
                return False
            places[id(node)] = units[0].place()
            return True

        for unit, excerpt, offset, line in scan_units(path, is_unit, opened, block_bytes):
            for segment in units[0].segments(excerpt, LineIndex(excerpt), unit, places.pop(id(unit))):
                yield placed(segment, offset, line)

    def _document(self, path: Path, segments, count: int, src_lang: str, tgt_lang: str) -> Document:
        if not count:
            raise InputError(f"{path}: no translation units; nothing to check")
        return Document(name=path.name, segments=segments, kind="segments", src_lang=src_lang,
                        tgt_lang=tgt_lang, path=str(path), format=self.name)
