"""TMX translation memories: one segment per translation unit, source and target variants by language."""

from __future__ import annotations

from pathlib import Path

from evalkit.errors import InputError
from evalkit.formats.xliff import Node, make_segment, plain_text, read_xml_text, scan_xml
from evalkit.model import Document


def _lang_matches(declared: str | None, wanted: str) -> bool:
    """``zh-CN`` and ``zh_Hans`` match ``zh``; ``en`` matches ``en-US``."""
    if not declared:
        return False
    d, w = declared.lower().replace("_", "-"), wanted.lower().replace("_", "-")
    return d == w or d.split("-")[0] == w.split("-")[0]


def _variant_lang(tuv: Node) -> str | None:
    return tuv.get("xml:lang") or tuv.get("lang")


class TmxFormat:
    """TMX 1.4: ``<tu>`` units holding one ``<tuv>`` per language; ids from ``tuid``."""

    name = "tmx"
    extensions = (".tmx",)

    def read(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        from evalkit.textpos import LineIndex

        text = read_xml_text(path, encoding)
        root = scan_xml(text, str(path))
        if root.tag != "tmx":
            raise InputError(f"{path}: root element is <{root.tag}>, expected <tmx>")
        index = LineIndex(text)
        segments = []
        seen: set[str] = set()
        body = root.find("body")
        for n, tu in enumerate(body.findall("tu") if body is not None else [], 1):
            variants = tu.findall("tuv")
            src = next((v for v in variants if _lang_matches(_variant_lang(v), src_lang)), None)
            tgt = next((v for v in variants if v is not src and _lang_matches(_variant_lang(v), tgt_lang)), None)
            if src is None:
                continue  # a unit without the source language has nothing to check against
            seg_id = tu.get("tuid") or str(n)
            if seg_id in seen:
                raise InputError(f"{path}: duplicate tuid {seg_id!r}")
            seen.add(seg_id)
            notes = [plain_text(text, note) for note in tu.findall("note")]
            if tgt is not None:
                notes += [plain_text(text, note) for note in tgt.findall("note")]
            props = {p.get("type"): plain_text(text, p) for p in tu.findall("prop") if p.get("type")}
            seg = make_segment(
                text, index, seg_id,
                src.find("seg"), tgt.find("seg") if tgt is not None else None, tu,
                context=props.get("x-context") or props.get("context"), notes=notes,
            )
            segments.append(seg)
        if not segments:
            raise InputError(f"{path}: no translation units with source language {src_lang!r}; check --src-lang")
        return Document(name=path.name, segments=segments, kind="segments", src_lang=src_lang,
                        tgt_lang=tgt_lang, path=str(path), format=self.name)
