"""XLIFF 1.2 and 2.0: one segment per trans-unit (1.2) or per unit segment (2.0), inline tags kept."""

from __future__ import annotations

import re
import xml.parsers.expat as expat
from dataclasses import dataclass, field
from pathlib import Path

from evalkit.errors import InputError
from evalkit.formats.base import decode, read_bytes
from evalkit.model import Document, Segment

# The reader uses expat directly rather than translate-toolkit's lxml stores: reports need the
# line and column of every target text in the file, which only expat's byte positions give. It
# refuses DTD entity declarations and external references exactly as defusedxml does.

XML_NS = "http://www.w3.org/XML/1998/namespace"


@dataclass(eq=False)
class Node:
    """An element with the character offsets of its tags and content in the decoded file text."""

    tag: str  # local name, namespace dropped
    attrs: dict[str, str]
    start: int
    content_start: int = 0
    content_end: int = 0
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = None

    def find(self, tag: str) -> "Node | None":
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag: str) -> list["Node"]:
        return [c for c in self.children if c.tag == tag]

    def iter(self, tag: str):
        # depth first, in document order, without recursion: inputs may nest thousands deep
        stack = self.children[::-1]
        while stack:
            c = stack.pop()
            if c.tag == tag:
                yield c
            stack.extend(c.children[::-1])

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)


class XmlForbidden(InputError):
    """An XML input declares entities or references external resources."""


def _tag_end(text: str, start: int) -> int:
    """Offset just past the ``>`` that closes the tag opening at ``start`` (quotes respected)."""
    quote = None
    for i in range(start + 1, len(text)):
        ch = text[i]
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == ">":
            return i + 1
    return len(text)


def scan_xml(text: str, name: str) -> Node:
    """Parse ``text`` into Nodes that know where they are; entity declarations are refused."""
    data = text.encode("utf-8")
    parser = expat.ParserCreate(encoding="utf-8", namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Node] = []
    root: list[Node] = []
    pos = [0, 0]  # last (byte, char) offsets: events come in file order, so decode only the gap

    def char_at(byte_index: int) -> int:
        b, c = pos
        c += len(data[b:byte_index].decode("utf-8"))
        pos[:] = [byte_index, c]
        return c

    def local(qname: str) -> str:
        return qname.rsplit(" ", 1)[-1]

    def start(qname: str, attrs: dict[str, str]) -> None:
        at = char_at(parser.CurrentByteIndex)
        end = _tag_end(text, at)
        clean = {}
        for k, v in attrs.items():
            ns, _, loc = k.rpartition(" ")
            clean["xml:" + loc if ns == XML_NS else loc] = v
        node = Node(local(qname), clean, at, end, end, parent=stack[-1] if stack else None)
        if text[end - 2] == "/":  # empty element: its end event points past it
            node.content_end = node.content_start = end
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(qname: str) -> None:
        node = stack.pop()
        if text[node.content_start - 2] != "/":
            node.content_end = char_at(parser.CurrentByteIndex)

    def forbid_entity(name, *args) -> None:
        raise XmlForbidden(f"declares the entity {name!r}; entity declarations are not allowed in inputs")

    def forbid_external(context, base, system_id, public_id) -> None:
        raise XmlForbidden(f"references the external resource {system_id or public_id!r}; not allowed in inputs")

    def skipped(name, is_parameter_entity) -> None:
        # An entity an external DTD would define: the DTD is never read, so refuse the reference.
        raise XmlForbidden(f"refers to the entity {name!r} from an external DTD; external DTDs are not read")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.EntityDeclHandler = forbid_entity
    parser.UnparsedEntityDeclHandler = forbid_entity
    parser.ExternalEntityRefHandler = forbid_external
    parser.SkippedEntityHandler = skipped
    try:
        parser.Parse(data, True)
    except XmlForbidden as exc:
        raise XmlForbidden(f"{name}: {exc}") from None
    except expat.ExpatError as exc:
        raise InputError(
            f"{name}:{exc.lineno}:{exc.offset + 1}: not well-formed XML ({expat.ErrorString(exc.code)})"
        ) from exc
    if not root:
        raise InputError(f"{name}: no XML root element")
    return root[0]


_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def inner_text(text: str, node: Node) -> tuple[str, list[int]]:
    """An element's content as a string: entities decoded, inline tags kept verbatim, comments and
    processing instructions dropped; and the file offset of each character of it."""
    out: list[str] = []
    offsets: list[int] = []
    i, end = node.content_start, node.content_end
    while i < end:
        ch = text[i]
        if ch == "<":
            if text.startswith("<![CDATA[", i):
                close = text.find("]]>", i)
                for k in range(i + 9, close):
                    out.append(text[k])
                    offsets.append(k)
                i = close + 3
            elif text.startswith("<!--", i):
                i = text.find("-->", i) + 3
            elif text.startswith("<?", i):
                i = text.find("?>", i) + 2
            else:
                close = _tag_end(text, i)
                for k in range(i, close):
                    out.append(text[k])
                    offsets.append(k)
                i = close
        elif ch == "&":
            semi = text.find(";", i)
            ref = text[i + 1:semi]
            if ref.startswith("#x") or ref.startswith("#X"):
                value = chr(int(ref[2:], 16))
            elif ref.startswith("#"):
                value = chr(int(ref[1:]))
            else:
                value = _ENTITIES.get(ref, "")
            for c in value:
                out.append(c)
                offsets.append(i)
            i = semi + 1
        elif ch == "\r":  # XML reads CR LF and lone CR as LF
            out.append("\n")
            offsets.append(i)
            i += 2 if text.startswith("\r\n", i) else 1
        else:
            out.append(ch)
            offsets.append(i)
            i += 1
    return "".join(out), offsets


def plain_text(text: str, node: Node) -> str:
    """An element's text with inline tags dropped (for notes and context)."""
    value, _ = inner_text(text, node)
    return re.sub(r"<[^>]*>", "", value).strip()


_XML_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def read_xml_text(path: Path, encoding: str | None) -> str:
    """Decode an XML file: the given encoding, else the one its declaration names, else UTF-8."""
    data = read_bytes(path)
    if encoding is None:
        m = _XML_ENCODING.match(data[:200])
        if m and m.group(1).decode("ascii").lower().replace("_", "-") not in ("utf-8", "utf8"):
            encoding = m.group(1).decode("ascii")
            if encoding.lower().startswith("utf-16"):
                encoding = None  # a BOM says which UTF-16; decode() reads it
    return decode(data, str(path), encoding)


def make_segment(
    text: str,
    index,
    seg_id: str,
    source: Node | None,
    target: Node | None,
    anchor: Node,
    *,
    context: str | None = None,
    notes: list[str] | None = None,
) -> Segment:
    """A Segment whose target knows where each of its characters is in the file."""
    from evalkit.textpos import segment_runs

    src, _ = inner_text(text, source) if source is not None else ("", [])
    meta: dict = {"notes": notes or []}
    width = anchor.get("maxwidth") or anchor.get("sizeRestriction")
    if width and width.strip().isdigit() and int(width) > 0:  # XLIFF 1.2 maxwidth, 2.0 slr:sizeRestriction
        meta["max_width"] = int(width)
        meta["size_unit"] = anchor.get("size-unit") or "char"
    if target is not None:
        tgt, offsets = inner_text(text, target)
        meta["runs"] = segment_runs(index, tgt, offsets, target.content_end)
        line = index.position(target.content_start)[0]
    else:
        tgt, line = "", index.position(anchor.start)[0]
    return Segment(id=seg_id, source=src, target=tgt, line=line, context=context, meta=meta)


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
