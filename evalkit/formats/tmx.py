"""TMX translation memories: one segment per translation unit, source and target variants by language."""

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


def _lang_matches(declared: str | None, wanted: str) -> bool:
    """``zh-CN`` and ``zh_Hans`` match ``zh``; ``en`` matches ``en-US``."""
    if not declared:
        return False
    d, w = declared.lower().replace("_", "-"), wanted.lower().replace("_", "-")
    return d == w or d.split("-")[0] == w.split("-")[0]


def _variant_lang(tuv: Node) -> str | None:
    return tuv.get("xml:lang") or tuv.get("lang")


class _Units:
    """Turns a memory's ``<tu>`` elements, in file order, into segments, refusing a repeated tuid."""

    def __init__(self, path: Path, src_lang: str, tgt_lang: str) -> None:
        self.path, self.src_lang, self.tgt_lang = path, src_lang, tgt_lang
        self.seen: set[str] = set()
        self.n = 0

    def variants(self, tu: Node) -> tuple[str, Node, Node | None] | None:
        """The unit's id and its source and target variants; None for a unit without the source
        language, which has nothing to check against."""
        self.n += 1
        variants = tu.findall("tuv")
        src = next((v for v in variants if _lang_matches(_variant_lang(v), self.src_lang)), None)
        if src is None:
            return None
        tgt = next((v for v in variants if v is not src and _lang_matches(_variant_lang(v), self.tgt_lang)), None)
        seg_id = tu.get("tuid") or str(self.n)
        if seg_id in self.seen:
            raise InputError(f"{self.path}: duplicate tuid {seg_id!r}")
        self.seen.add(seg_id)
        return seg_id, src, tgt

    def segment(self, text: str, index: LineIndex, tu: Node) -> Segment | None:
        picked = self.variants(tu)
        if picked is None:
            return None
        seg_id, src, tgt = picked
        notes = [plain_text(text, note) for note in tu.findall("note")]
        if tgt is not None:
            notes += [plain_text(text, note) for note in tgt.findall("note")]
        props = {p.get("type"): plain_text(text, p) for p in tu.findall("prop") if p.get("type")}
        return make_segment(
            text, index, seg_id,
            src.find("seg"), tgt.find("seg") if tgt is not None else None, tu,
            context=props.get("x-context") or props.get("context"), notes=notes,
        )


class TmxFormat:
    """TMX 1.4: ``<tu>`` units holding one ``<tuv>`` per language; ids from ``tuid``.

    ``stream`` reads a UTF-8 memory a block at a time, twice: once to check all of it and count its
    units, then whenever its segments are iterated, holding one block and one unit at a time. A
    memory in another encoding is decoded and read whole.
    """

    name = "tmx"
    extensions = (".tmx",)

    def read(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        text = read_xml_text(path, encoding)
        root = scan_xml(text, str(path))
        check_root(root, path, "tmx")
        index = LineIndex(text)
        units = _Units(path, src_lang, tgt_lang)
        body = root.find("body")
        segments = [seg for tu in (body.findall("tu") if body is not None else [])
                    if (seg := units.segment(text, index, tu)) is not None]
        return self._document(path, segments, len(segments), src_lang, tgt_lang)

    def stream(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        """The memory as a Document whose segments are read from the file each time they are iterated."""
        if not plain_utf8(path, encoding):
            return self.read(path, encoding=encoding, src_lang=src_lang, tgt_lang=tgt_lang)
        count = sum(1 for _ in self.segments(path, src_lang, tgt_lang, locate=False))  # every error now
        segments = Reread(lambda: self.segments(path, src_lang, tgt_lang), count)
        return self._document(path, segments, count, src_lang, tgt_lang)

    def segments(self, path: Path, src_lang: str, tgt_lang: str, locate: bool = True,
                 block_bytes: int = BLOCK_BYTES) -> Iterator[Segment | str]:
        """The segments of a plain UTF-8 memory, in order, parsed ``block_bytes`` at a time; without
        ``locate``, only their ids (every unit still checked)."""
        units = _Units(path, src_lang, tgt_lang)

        def opened(node: Node) -> None:
            if node.parent is None:
                check_root(node, path, "tmx")

        for tu, excerpt, offset, line in scan_units(path, lambda n: n.tag == "tu" and n.parent.tag == "body",
                                                    opened, block_bytes):
            if not locate:
                if (picked := units.variants(tu)) is not None:
                    yield picked[0]
            elif (seg := units.segment(excerpt, LineIndex(excerpt), tu)) is not None:
                yield placed(seg, offset, line)

    def _document(self, path: Path, segments, count: int, src_lang: str, tgt_lang: str) -> Document:
        if not count:
            raise InputError(f"{path}: no translation units with source language {src_lang!r}; check --src-lang")
        return Document(name=path.name, segments=segments, kind="segments", src_lang=src_lang,
                        tgt_lang=tgt_lang, path=str(path), format=self.name)
