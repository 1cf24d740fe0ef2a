"""XML inputs: a scanner that knows where every element is in the file, fed whole or in blocks,
and the text and segment of an element."""

from __future__ import annotations

import codecs
import re
import xml.parsers.expat as expat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from evalkit.errors import InputError
from evalkit.formats.base import decode, read_bytes
from evalkit.model import Segment
from evalkit.textpos import LINE_BREAK, move_runs

# Bytes read and parsed at a time when a file is streamed.
BLOCK_BYTES = 1 << 20

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


class XmlScanner:
    """expat over a file's bytes, fed whole or in blocks, building Nodes that know where they are.

    Offsets are characters of the decoded file from its start. Fed in blocks with ``detach`` set,
    each element it accepts (called when the element closes) is handed to ``on_detach`` and taken
    out of its parent's children, and the text before it is dropped, so that what is held is one
    block, one unit and the open elements around it, however long the file. ``on_detach`` gets the
    unit with its offsets counted from ``excerpt_start`` (a line start at or before the unit), the
    text from there to the unit's end, ``excerpt_start`` and its 1-based line in the file. The unit
    keeps its ``parent``, whose attributes are still there; text outside units is not kept.
    ``on_open`` is called with every element as it opens, its attributes set, before its content.
    """

    def __init__(self, name: str, detach: Callable[[Node], bool] | None = None,
                 on_detach: Callable[[Node, str, int, int], None] | None = None,
                 on_open: Callable[[Node], None] | None = None) -> None:
        self.name = name
        self._detach, self._on_detach, self._on_open = detach, on_detach, on_open
        self._data = b""  # the bytes of the window, from byte ``_base[0]`` of the file
        self._text = ""  # the same, decoded, from character ``_base[1]``
        self._base = [0, 0]
        self._pos = [0, 0]  # last (byte, char) offsets: events come in file order, so decode only the gap
        self._mark = [0, 1]  # a line start at or before every unit still to come, and its line
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self.stack: list[Node] = []
        self._empty: list[bool] = []  # whether each open element is an empty-element tag
        self.roots: list[Node] = []
        parser = expat.ParserCreate(encoding="utf-8", namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.EntityDeclHandler = _forbid_entity
        parser.UnparsedEntityDeclHandler = _forbid_entity
        parser.ExternalEntityRefHandler = _forbid_external
        parser.SkippedEntityHandler = _skipped
        self._parser = parser

    def feed(self, block: bytes, final: bool = False) -> None:
        """Parse the next bytes of the file (UTF-8, without a byte-order mark)."""
        self._data += block
        self._text += self._decoder.decode(block, final)
        try:
            self._parser.Parse(block, final)
        except XmlForbidden as exc:
            raise XmlForbidden(f"{self.name}: {exc}") from None
        except expat.ExpatError as exc:
            raise InputError(
                f"{self.name}:{exc.lineno}:{exc.offset + 1}: not well-formed XML ({expat.ErrorString(exc.code)})"
            ) from exc
        if final and not self.roots:
            raise InputError(f"{self.name}: no XML root element")
        if self._detach:
            self._trim()

    def _char_at(self, byte_index: int) -> int:
        b, c = self._pos
        c += len(self._data[b - self._base[0]:byte_index - self._base[0]].decode("utf-8"))
        self._pos[:] = [byte_index, c]
        return c

    def _start(self, qname: str, attrs: dict[str, str]) -> None:
        at = self._char_at(self._parser.CurrentByteIndex)
        text, base = self._text, self._base[1]
        end = _tag_end(text, at - base) + base
        clean = {}
        for k, v in attrs.items():
            ns, _, loc = k.rpartition(" ")
            clean["xml:" + loc if ns == XML_NS else loc] = v
        node = Node(qname.rsplit(" ", 1)[-1], clean, at, end, end, parent=self.stack[-1] if self.stack else None)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.roots.append(node)
        if self._on_open is not None:
            self._on_open(node)
        self.stack.append(node)
        self._empty.append(text[end - base - 2] == "/")  # its end event points past it

    def _end(self, qname: str) -> None:
        node, empty = self.stack.pop(), self._empty.pop()
        if not empty:
            node.content_end = self._char_at(self._parser.CurrentByteIndex)
        if self._detach is not None and node.parent is not None and self._detach(node):
            node.parent.children.pop()
            self._hand_over(node, empty)

    def _hand_over(self, node: Node, empty: bool) -> None:
        text, base = self._text, self._base[1]
        start = node.start - base
        # the start of the unit's line: after a line feed, or after a carriage return without one
        cut = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        mark, line = self._mark
        line += len(LINE_BREAK.findall(text, mark - base, cut))
        self._mark[:] = [cut + base, line]
        end = node.content_start - base if empty else text.find(">", node.content_end - base) + 1
        shift = cut + base
        stack = [node]
        while stack:
            each = stack.pop()
            each.start -= shift
            each.content_start -= shift
            each.content_end -= shift
            stack.extend(each.children)
        self._on_detach(node, text[cut:end], shift, line)

    def _trim(self) -> None:
        """Drop the window before the mark: no unit still to come starts before it."""
        cut = self._mark[0] - self._base[1]
        if cut <= 0:
            return
        nbytes = len(self._text[:cut].encode("utf-8"))
        self._text = self._text[cut:]
        self._data = self._data[nbytes:]
        self._base[0] += nbytes
        self._base[1] += cut


def _forbid_entity(name, *args) -> None:
    raise XmlForbidden(f"declares the entity {name!r}; entity declarations are not allowed in inputs")


def _forbid_external(context, base, system_id, public_id) -> None:
    raise XmlForbidden(f"references the external resource {system_id or public_id!r}; not allowed in inputs")


def _skipped(name, is_parameter_entity) -> None:
    # An entity an external DTD would define: the DTD is never read, so refuse the reference.
    raise XmlForbidden(f"refers to the entity {name!r} from an external DTD; external DTDs are not read")


def scan_units(path: Path, detach: Callable[[Node], bool], on_open: Callable[[Node], None] | None = None,
               block_bytes: int = BLOCK_BYTES) -> Iterator[tuple[Node, str, int, int]]:
    """The units of a plain UTF-8 XML file (``plain_utf8``) that ``detach`` accepts, in file order,
    read ``block_bytes`` at a time: each as ``XmlScanner`` hands it to ``on_detach``."""
    done: list[tuple[Node, str, int, int]] = []
    scanner = XmlScanner(str(path), detach, lambda *unit: done.append(unit), on_open)
    with path.open("rb") as fh:
        if fh.read(3) != codecs.BOM_UTF8:  # decode() drops one byte-order mark too
            fh.seek(0)
        while block := fh.read(block_bytes):
            scanner.feed(block)
            yield from _release(done)
    scanner.feed(b"", final=True)
    yield from _release(done)


def _release(units: list[tuple[Node, str, int, int]]) -> Iterator[tuple[Node, str, int, int]]:
    """Each unit, then its tree taken apart: without the cycles between parents and children,
    reference counting frees it at once rather than the cyclic collector some time later."""
    for unit in units:
        yield unit
        stack = [unit[0]]
        while stack:
            node = stack.pop()
            node.parent = None
            stack.extend(node.children)
            node.children = []
    units.clear()


def check_root(root: Node, path: Path, tag: str) -> None:
    """Refuse a file whose root element is not ``<tag>``."""
    if root.tag != tag:
        raise InputError(f"{path}: root element is <{root.tag}>, expected <{tag}>")


def placed(segment: Segment, offset: int, line: int) -> Segment:
    """A segment made from an excerpt of the file that starts at ``offset``, a line start on
    ``line``: its line and runs moved to the file's."""
    segment.line += line - 1
    move_runs(segment.meta.get("runs", []), offset, line - 1)
    return segment


def scan_xml(text: str, name: str) -> Node:
    """Parse ``text`` into Nodes that know where they are; entity declarations are refused."""
    scanner = XmlScanner(name)
    scanner.feed(text.encode("utf-8"), final=True)
    return scanner.roots[0]


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


