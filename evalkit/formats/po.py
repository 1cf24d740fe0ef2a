"""Gettext PO/POT catalogues, read with polib: one segment per message and plural form."""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from evalkit.errors import InputError
from evalkit.formats.base import decode, read_bytes
from evalkit.model import Document, Segment

_CHARSET = re.compile(rb"charset=([A-Za-z0-9._-]+)")
_MSGSTR = re.compile(r"[ \t]*msgstr(?:\[(\d+)\])?\s*(?=\")")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}


def read_po_text(path: Path, encoding: str | None) -> str:
    """Decode a catalogue: the given encoding, else the header's charset, else UTF-8."""
    data = read_bytes(path)
    if encoding is None:
        m = _CHARSET.search(data[:4096])
        if m and m.group(1).lower() not in (b"utf-8", b"utf8", b"charset"):
            encoding = m.group(1).decode("ascii")
    return decode(data, str(path), encoding)


_STRING_LINE = re.compile(r'[ \t]*(?:#~[ \t]*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"')
_CLOSED = re.compile(r'(?:[^"\\]|\\.)*"[ \t]*$')


def check_strings_closed(text: str, path: Path) -> None:
    """Refuse a string literal left open: polib would silently drop its last character."""
    for n, line in enumerate(text.split("\n"), 1):
        m = _STRING_LINE.match(line)
        if m and not _CLOSED.match(line.rstrip("\r"), m.end()):
            raise InputError(f"{path}:{n}: string not closed with a double quote (escape a quote inside it as \\\")")


def _quoted(text: str, start: int, out: list[str], offsets: list[int]) -> int:
    """Decode the C string literal opening at ``text[start] == '"'``; return the offset past it."""
    i = start + 1
    while i < len(text) and text[i] != '"':
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPES:
            out.append(_ESCAPES[text[i + 1]])
            offsets.append(i)
            i += 2
        else:
            out.append(text[i])
            offsets.append(i)
            i += 1
    return i + 1


def msgstr_offsets(text: str, line_starts: list[int], first_line: int, last_line: int) -> dict[int, tuple[str, list[int], int]]:
    """For an entry on lines ``first_line..last_line`` (1-based), each msgstr form's decoded text,
    the file offset of each of its characters, and the offset where it ends."""
    forms: dict[int, tuple[str, list[int], int]] = {}
    line = first_line
    while line <= last_line:
        start = line_starts[line - 1]
        end = line_starts[line] if line < len(line_starts) else len(text)
        m = _MSGSTR.match(text, start, end)
        if not m:
            line += 1
            continue
        out: list[str] = []
        offsets: list[int] = []
        pos = _quoted(text, m.end(), out, offsets)
        line += 1
        while line <= last_line:  # continuation lines: nothing but a string literal
            s = line_starts[line - 1]
            e = line_starts[line] if line < len(line_starts) else len(text)
            body = text[s:e]
            if not body.lstrip().startswith('"'):
                break
            pos = _quoted(text, s + len(body) - len(body.lstrip()), out, offsets)
            line += 1
        forms[int(m.group(1) or 0)] = ("".join(out), offsets, pos - 1)
    return forms


def plural_count(header: str) -> int | None:
    """``nplurals`` of a Plural-Forms header; None when it does not say."""
    m = re.search(r"nplurals\s*=\s*(\d+)", header)
    return int(m.group(1)) if m else None


class PoFormat:
    """Gettext catalogues; ids are ``msgid``, or ``msgctxt::msgid``, with ``[n]`` for plural forms."""

    name = "po"
    extensions = (".po", ".pot")

    def read(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        import polib

        from evalkit.textpos import LineIndex, segment_runs

        text = read_po_text(path, encoding)
        check_strings_closed(text, path)
        try:
            catalogue = polib.pofile(text, wrapwidth=0)
        except (OSError, ValueError) as exc:
            raise InputError(f"{path}: not a valid PO file ({exc})") from exc
        index = LineIndex(text)
        nplurals = plural_count(catalogue.metadata.get("Plural-Forms", ""))
        entries = [e for e in catalogue if not e.obsolete]
        starts = sorted(e.linenum for e in catalogue)
        segments: list[Segment] = []
        seen: set[str] = set()
        template = path.suffix.lower() == ".pot"  # messages to translate, not translations
        for entry in entries:
            k = bisect.bisect_right(starts, entry.linenum)
            last_line = starts[k] - 1 if k < len(starts) else len(index.starts)
            forms = msgstr_offsets(text, index.starts, entry.linenum, last_line)
            base = f"{entry.msgctxt}::{entry.msgid}" if entry.msgctxt is not None else entry.msgid
            if base in seen:
                # findings name their segment by id, so two messages may not share one (msgfmt refuses them too)
                raise InputError(f"{path}:{entry.linenum}: duplicate message {base!r}; merge the copies (msguniq)")
            seen.add(base)
            notes = [entry.tcomment] if entry.tcomment else []
            meta_common = {"notes": notes, "fuzzy": "fuzzy" in entry.flags, "flags": list(entry.flags),
                           "state": "fuzzy" if "fuzzy" in entry.flags else None,
                           "template": template}
            width = next((f.split(":", 1)[1] for f in entry.flags if f.startswith("max-length:")), "")
            if width.strip().isdigit() and int(width) > 0:  # Weblate's max-length:N flag
                meta_common["max_width"], meta_common["size_unit"] = int(width), "char"
            if entry.msgid_plural:
                # A language of one plural form says every count with msgstr[0]: its source is the
                # plural msgid ('%(count)s files'), not the singular ('One file').
                pairs = [
                    (f"{base}[{n}]", entry.msgid if n == 0 and nplurals != 1 else entry.msgid_plural,
                     entry.msgstr_plural[n], n)
                    for n in sorted(entry.msgstr_plural)
                ]
            else:
                pairs = [(base, entry.msgid, entry.msgstr, 0)]
            for seg_id, source, target, form in pairs:
                meta = dict(meta_common)
                found = forms.get(form)
                if found and found[0] == target:
                    meta["runs"] = segment_runs(index, target, found[1], found[2])
                    line = index.position(found[1][0] if found[1] else found[2])[0]
                else:
                    line = entry.linenum
                meta["plural_form"] = form if entry.msgid_plural else None
                if entry.msgid_plural:
                    meta["plural_sources"] = [entry.msgid, entry.msgid_plural]
                segments.append(Segment(id=seg_id, source=source, target=target, line=line,
                                        context=entry.msgctxt, meta=meta))
        if not segments:
            raise InputError(f"{path}: no messages; nothing to check")
        return Document(name=path.name, segments=segments, kind="segments", src_lang=src_lang,
                        tgt_lang=tgt_lang, path=str(path), format=self.name)
