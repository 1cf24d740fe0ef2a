"""JSONL segments: one object a line, {"id", "source", "target"} and optionally "retranslation", "reference"."""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from pathlib import Path
from typing import Iterator

from evalkit.errors import InputError
from evalkit.formats.base import decode, read_bytes
from evalkit.model import UNIT_STATES, Document, Segment


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
    """JSON Lines with one segment a line."""

    name = "jsonl"
    extensions = (".jsonl", ".ndjson")

    def read(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        from evalkit.textpos import LineIndex, segment_runs

        text = decode(read_bytes(path), str(path), encoding)
        index = LineIndex(text)
        segments: list[Segment] = []
        seen: set[str] = set()
        line_start = 0
        for lineno, line in enumerate(iter_json_lines(text), 1):
            start, line_start = line_start, line_start + len(line) + 1 + text.startswith("\r", line_start + len(line))
            if not line.strip():
                continue
            obj = parse_json_line(line, path, lineno)
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
            meta = {"state": state}
            located = member_offsets(line, "target")
            if located is not None and len(located[0]) == len(obj["target"]):
                # each target character's place in the file, for line:column in every report
                offsets, end = located
                meta["runs"] = segment_runs(index, obj["target"], [start + o for o in offsets], start + end)
            segments.append(
                Segment(id=seg_id, source=obj["source"], target=obj["target"], retranslation=retr,
                        references=refs, line=lineno, meta=meta)
            )
        if not segments:
            raise InputError(f"{path}: no segments; nothing to check")
        return Document(name=path.name, segments=segments, kind="segments", src_lang=src_lang,
                        tgt_lang=tgt_lang, path=str(path), format=self.name)
