"""Layout of a software string: leading and trailing whitespace, line breaks, tabs and backslash
escapes, which a program prints or parses as they are (msgfmt -c refuses a lost final newline)."""

from __future__ import annotations

import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import languages
from evalkit.codetokens import find_code_tokens
from evalkit.model import Finding, Segment

_LEAD = re.compile(r"^[ \t\u00a0\u3000]*")
_TRAIL = re.compile(r"[ \t\u00a0\u3000]*$")
_ESCAPE = re.compile(r"\\(?:[ntrabfv0\\\"']|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2})")


def _segments_only(ctx: CheckContext) -> bool:
    # a document's sentences are cut by evalkit, so their edges say nothing about the translation
    return ctx.document.kind == "segments"


def _show(ws: str) -> str:
    return repr(ws) if ws else "no whitespace"


@register("edge-whitespace", category="fluency/punctuation", severity="minor")
def edge_whitespace(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Leading or trailing spaces and tabs of the target that differ from the source's ('  -b' aligned in --help)."""
    if not _segments_only(ctx) or not seg.source.strip() or not seg.target.strip():
        return
    src, tgt = seg.source.strip("\r\n"), seg.target.strip("\r\n")
    offset = len(seg.target) - len(seg.target.lstrip("\r\n"))
    lang = languages(ctx)[1]
    for where, rx in (("leading", _LEAD), ("trailing", _TRAIL)):
        want, have = rx.search(src), rx.search(tgt)
        if want.group() == have.group():
            continue
        if not want.group() and (where == "leading" and tgt.lstrip()[:1] in tuple(lang.space_before)
                                 or where == "trailing" and tgt.rstrip()[-1:] in tuple(lang.space_after)):
            continue  # French writes ' :' and '« ': the space belongs to the mark
        start, end = offset + have.start(), offset + have.end()
        yield spec.finding(seg, start, end,
                           f"{where}: the target has {_show(have.group())}, the source {_show(want.group())}",
                           suggestion=want.group())


@register("newlines", category="fluency/punctuation", severity="major")
def newlines(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Line breaks and tabs the target has more or fewer of than the source; a lost first or last line break is major."""
    if not _segments_only(ctx) or not seg.source.strip() or not seg.target.strip():
        return
    src, tgt = seg.source, seg.target
    for where, test in (("begins", str.startswith), ("ends", str.endswith)):
        has_src, has_tgt = test(src, "\n"), test(tgt, "\n")
        if has_src != has_tgt:
            at = 0 if where == "begins" else len(tgt)
            one, other = ("source", "target") if has_src else ("target", "source")
            yield spec.finding(seg, at, at, f"the {one} {where} with a line break and the {other} does not")
            return
    for name, ch in (("line breaks", "\n"), ("tabs", "\t")):
        a, b = src.count(ch), tgt.count(ch)
        if a != b:
            end = len(tgt)
            yield spec.finding(seg, end, end, f"the source has {a} {name}, the target {b}", severity="minor")


@register("escapes", category="accuracy/mistranslation", severity="major")
def escapes(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Backslash escapes (\\n, \\t, \\", \\\\, \\u00e9) written out in the source and lost or added in the target."""
    src, tgt = _escapes(seg.source), _escapes(seg.target)
    if sorted(m.group() for m in src) == sorted(m.group() for m in tgt):
        return
    wanted = [m.group() for m in src]
    for m in tgt:
        if m.group() in wanted:
            wanted.remove(m.group())
        else:
            yield spec.finding(seg, m.start(), m.end(), f"escape {m.group()!r} is not in the source",
                               category="accuracy/addition")
    for esc in wanted:
        end = len(seg.target)
        yield spec.finding(seg, end, end, f"escape {esc!r} of the source is missing from the target",
                           category="accuracy/omission", source=esc)


def _escapes(text: str) -> list[re.Match[str]]:
    if "\\" not in text:
        return []
    paths = [(t.start, t.end) for t in find_code_tokens(text) if t.kind == "path"]  # C:\Users\new
    return [m for m in _ESCAPE.finditer(text) if not any(s <= m.start() < e for s, e in paths)]
