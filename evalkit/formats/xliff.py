"""XLIFF 1.2 and 2.0: one segment per trans-unit (1.2) or per unit segment (2.0), inline tags kept."""

from __future__ import annotations

from pathlib import Path

from evalkit.errors import InputError
from evalkit.formats.xmlscan import Node, make_segment, plain_text, read_xml_text, scan_xml
from evalkit.model import Document, Segment

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


class XliffFormat:
    """XLIFF 1.2 (trans-unit) and 2.0 (unit/segment) files, told apart by the root's version."""

    name = "xliff"
    extensions = (".xlf", ".xliff", ".xlf2", ".sdlxliff", ".mqxliff")

    def read(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        from evalkit.textpos import LineIndex

        text = read_xml_text(path, encoding)
        root = scan_xml(text, str(path))
        if root.tag != "xliff":
            raise InputError(f"{path}: root element is <{root.tag}>, expected <xliff>")
        index = LineIndex(text)
        version = root.get("version", "1.2") or "1.2"
        segments = self._read_2(text, index, root) if version.startswith("2") else self._read_1(text, index, root)
        if not segments:
            raise InputError(f"{path}: no translation units; nothing to check")
        return Document(name=path.name, segments=segments, kind="segments", src_lang=src_lang,
                        tgt_lang=tgt_lang, path=str(path), format=self.name)

    def _read_1(self, text: str, index, root: Node) -> list[Segment]:
        segments: list[Segment] = []
        seen: set[str] = set()
        for n_file, file in enumerate(root.iter("file"), 1):
            for n, unit in enumerate(file.iter("trans-unit"), 1):
                if unit.get("translate") == "no":
                    continue
                notes = [plain_text(text, note) for note in unit.findall("note")]
                contexts = [plain_text(text, c) for g in unit.findall("context-group") for c in g.findall("context")]
                context = unit.get("resname") or ("; ".join(contexts) if contexts else None)
                seg_id = _unique(unit.get("id") or f"{n_file}.{n}", file.get("original"), seen)
                target = unit.find("target")
                segment = make_segment(text, index, seg_id, unit.find("source"), target, unit,
                                       context=context, notes=notes)
                segment.meta["state"] = _state(STATES_1, target.get("state") if target is not None else None,
                                               unit.get("approved") == "yes")
                segments.append(segment)
        return segments

    def _read_2(self, text: str, index, root: Node) -> list[Segment]:
        segments: list[Segment] = []
        seen: set[str] = set()
        for n_file, file in enumerate(root.iter("file"), 1):
            for n, unit in enumerate(file.iter("unit"), 1):
                if unit.get("translate") == "no":
                    continue
                notes_el = unit.find("notes")
                notes = [plain_text(text, note) for note in notes_el.findall("note")] if notes_el is not None else []
                parts = unit.findall("segment")
                unit_id = unit.get("id") or f"{n_file}.{n}"
                for k, part in enumerate(parts, 1):
                    seg_id = unit_id if len(parts) == 1 else f"{unit_id}#{part.get('id') or k}"
                    seg_id = _unique(seg_id, file.get("id") or file.get("original"), seen)
                    segment = make_segment(text, index, seg_id, part.find("source"), part.find("target"),
                                           part, context=unit.get("name"), notes=notes)
                    width = unit.get("sizeRestriction")  # slr:sizeRestriction on the unit
                    if "max_width" not in segment.meta and width and width.strip().isdigit() and int(width) > 0:
                        segment.meta["max_width"], segment.meta["size_unit"] = int(width), "char"
                    segment.meta["state"] = _state(STATES_2, part.get("state"))
                    segments.append(segment)
        return segments
