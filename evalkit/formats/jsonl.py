"""JSONL segments: one object a line, {"id", "source", "target"} and optionally "retranslation", "reference"."""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from pathlib import Path
from typing import Iterator

from evalkit.errors import InputError
from evalkit.formats.base import file_lines, plain_utf8
from evalkit.model import UNIT_STATES, Document, Segment
from evalkit.spool import Reread


def json_lines(text: str) -> list[str]:
    """The lines of a JSONL text, split at line feeds only: JSON strings may hold U+2028 and the like."""
    return [line.removesuffix("\r") for line in text.split("\n")]


class _LongInteger:
    """A JSON integer with more digits than Python converts (4,300 by default): kept as its digits."""

    def __init__(self, digits: str):
        self.digits = digits


def _parse_int(digits: str) -> int | _LongInteger:
    try:
        return int(digits)
    except ValueError:  # "Exceeds the limit (4300 digits) for integer string conversion"
        return _LongInteger(digits)


def _long_integers(obj: object, where: str = "") -> Iterator[tuple[str, _LongInteger]]:
    if isinstance(obj, _LongInteger):
        yield where, obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from _long_integers(value, key if not where else f"{where}.{key}")
    elif isinstance(obj, list):
        for value in obj:
            yield from _long_integers(value, where)


def iter_json_lines(text: str) -> Iterator[str]:
    """``json_lines(text)`` one line at a time, without a list of them all beside the text."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:].removesuffix("\r")
            return
        yield text[start:end].removesuffix("\r")
        start = end + 1


def parse_json_line(line: str, path: Path, lineno: int) -> object:
    """One JSON value, with an InputError naming the line for bad JSON, deep nesting or broken Unicode."""
    try:
        obj = json.loads(line, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{lineno}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:
        raise InputError(f"{path}:{lineno}: JSON nested too deeply") from exc
    for where, number in _long_integers(obj):
        field = f'"{where}"' if where else "the value"
        raise InputError(f"{path}:{lineno}: {field} is a number of {len(number.digits.lstrip('-')):,} digits, "
                         "more than can be read as a number; write it as a string")
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        # a \ud800 escape decodes to a lone surrogate, which no report can be written with
        raise InputError(f"{path}:{lineno}: a string holds a lone surrogate (\\u{ord(exc.object[exc.start]):04x}); "
                         "pair it or remove it") from exc
    return obj


_SPACE = re.compile(r"[ \t\r\n]*")
_ESCAPE = re.compile(r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[0-9a-fA-F]{4}|u[0-9a-fA-F]{4}|.)")


def member_offsets(line: str, key: str) -> tuple[list[int], int] | None:
    """Where the characters of the string member ``key`` of the JSON object on ``line`` are: the
    offset in ``line`` of each decoded character (an escape such as \\u00e9 or \\n counts at its
    backslash) and the offset of the closing quote. None if the member is not a string of the
    object's top level. The last member of a repeated key wins, as in json.loads."""
    decoder = json.JSONDecoder()
    pos = _SPACE.match(line).end() + 1  # past '{'
    found = None
    while True:
        pos = _SPACE.match(line, pos).end()
        if line[pos] != '"':  # '}' of an empty object
            return found
        name, pos = scanstring(line, pos + 1)
        pos = _SPACE.match(line, pos).end() + 1  # past ':'
        pos = _SPACE.match(line, pos).end()
        start = pos
        _, pos = decoder.raw_decode(line, pos)
        if name == key:
            found = _string_offsets(line, start + 1, pos - 1) if line[start] == '"' else None
        pos = _SPACE.match(line, pos).end()
        if line[pos] != ",":
            return found
        pos += 1


def _string_offsets(line: str, start: int, end: int) -> tuple[list[int], int]:
    offsets = []
    pos = start
    while pos < end:
        offsets.append(pos)
        m = _ESCAPE.match(line, pos) if line[pos] == "\\" else None
        pos = m.end() if m else pos + 1
    return offsets, end


class JsonlFormat:
    """JSON Lines with one segment a line. ``stream`` reads the file once to validate it and count
    its segments, then again, a segment at a time, whenever the segments are iterated."""

    name = "jsonl"
    extensions = (".jsonl", ".ndjson")

    def read(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        doc = self.stream(path, encoding=encoding, src_lang=src_lang, tgt_lang=tgt_lang)
        doc.segments = list(doc.segments)
        return doc

    def stream(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        """The file as a Document whose segments are read from the file each time they are iterated."""
        plain = plain_utf8(path, encoding)  # once: the file is read as it is, or decoded whole, each time
        count = sum(1 for _ in self.segments(path, encoding, locate=False, plain=plain))  # every error now
        if not count:
            raise InputError(f"{path}: no segments; nothing to check")
        segments = Reread(lambda: self.segments(path, encoding, plain=plain), count)
        return Document(name=path.name, segments=segments, kind="segments", src_lang=src_lang,
                        tgt_lang=tgt_lang, path=str(path), format=self.name)

    def segments(self, path: Path, encoding: str | None, locate: bool = True,
                 plain: bool | None = None) -> Iterator[Segment]:
        """The file's segments, validated, in order; with ``locate``, each knows where in the file
        its target's characters are (``meta["runs"]``)."""
        from evalkit.textpos import LINE_BREAK, LineIndex, segment_runs

        seen: set[str] = set()
        line_start = 0  # offset of the line in the file's text
        breaks = 0  # line breaks before it (a lone carriage return is one too)
        for lineno, raw in enumerate(file_lines(path, encoding, plain), 1):
            start, first_line = line_start, breaks + 1
            line_start += len(raw) + 1
            breaks += len(LINE_BREAK.findall(raw)) + 1 - raw.endswith("\r")
            line = raw.removesuffix("\r")
            if not line.strip():
                continue
            obj = parse_json_line(line, path, lineno)
            seg = _segment(obj, path, lineno, seen)
            located = member_offsets(line, "target") if locate else None
            if located is not None and len(located[0]) == len(seg.target):
                # each target character's place in the file, for line:column in every report
                offsets, end = located
                seg.meta["runs"] = segment_runs(LineIndex(raw), seg.target, offsets, end, start, first_line - 1)
            yield seg


def _segment(obj: object, path: Path, lineno: int, seen: set[str]) -> Segment:
    """The segment a line's JSON value gives, or an InputError naming the line."""
    if not isinstance(obj, dict):
        raise InputError(f"{path}:{lineno}: expected a JSON object, got {type(obj).__name__}")
    for key in ("source", "target"):
        if not isinstance(obj.get(key), str):
            raise InputError(f'{path}:{lineno}: missing or non-string "{key}"')
    seg_id = str(obj.get("id", lineno))
    if seg_id in seen:
        raise InputError(f"{path}:{lineno}: duplicate segment id {seg_id!r}")
    seen.add(seg_id)
    refs = obj.get("reference", obj.get("references", []))
    refs = [refs] if isinstance(refs, str) else [] if refs is None else refs
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise InputError(f'{path}:{lineno}: "reference" must be a string or a list of strings')
    retr = obj.get("retranslation")
    if retr is not None and not isinstance(retr, str):
        raise InputError(f'{path}:{lineno}: "retranslation" must be a string')
    state = obj.get("state")
    if state is not None and state not in UNIT_STATES:
        raise InputError(f'{path}:{lineno}: "state" must be one of: {", ".join(UNIT_STATES)}')
    return Segment(id=seg_id, source=obj["source"], target=obj["target"], retranslation=retr,
                   references=refs, line=lineno, meta={"state": state})
