"""Length: a target over the width its file allows (XLIFF maxwidth and size-unit, a max-length flag),
and a target far shorter or longer than its source, against the document's own ratio."""

from __future__ import annotations

import statistics
import unicodedata
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.lang.script import writes_cjk
from evalkit.model import Finding, Segment

def columns(text: str) -> int:
    """Display columns of ``text``: a wide (CJK) character takes two, so en->zh lengths compare."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def size(text: str, unit: str) -> int:
    """``text``'s size in an XLIFF size-unit: bytes (UTF-8), columns, or characters (the default)."""
    if unit == "byte":
        return len(text.encode("utf-8"))
    if unit in ("col", "column"):
        return columns(text)
    return len(text)


def _first_over(text: str, limit: int, unit: str) -> int:
    """Offset of the first character that takes ``text`` over ``limit``."""
    for i in range(len(text)):
        if size(text[: i + 1], unit) > limit:
            return i
    return len(text)


@register("max-width", category="style/awkward", severity="major")
def max_width(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A target longer than its unit allows (XLIFF maxwidth with its size-unit, PO 'max-length:N' flag)."""
    limit = seg.meta.get("max_width")
    if not limit:
        return
    unit = seg.meta.get("size_unit") or "char"
    if unit not in ("char", "byte", "col", "column"):
        return  # pixels, points, dialog units: the rendering decides, not the text
    used = size(seg.target, unit)
    if used > limit:
        unit_name = {"byte": "bytes", "col": "columns", "column": "columns"}.get(unit, "characters")
        start = _first_over(seg.target, limit, unit)
        yield spec.finding(seg, start, len(seg.target), f"the target takes {used} {unit_name}; at most {limit} fit")


# A segment whose target/source length ratio is this many times off the document's is flagged.
FACTOR = 3.0
# Shorter sources than this vary too much in length to tell anything.
MIN_SOURCE_CHARS = 40
# Segments needed to take the document's own ratio; fewer use the ratio of the two scripts.
MIN_SEGMENTS = 8


def _ratio(ctx: CheckContext) -> float:
    """The document's median target/source length ratio (memoised), or the scripts' usual one."""
    memo = ctx.resources.memo.setdefault("length-ratio", {})
    key = id(ctx.document)
    if key not in memo:
        ratios = [len(s.target) / len(s.source) for s in ctx.document.segments
                  if s.source and s.target and len(s.source) >= MIN_SOURCE_CHARS]
        if len(ratios) >= MIN_SEGMENTS:
            memo[key] = statistics.median(ratios)
        else:
            src, tgt = (writes_cjk(ctx.settings.get(k, "")) for k in ("src_lang", "tgt_lang"))
            memo[key] = 3.0 if src and not tgt else 1 / 3 if tgt and not src else 1.0
    return memo[key]


@register("length-ratio", category="accuracy/omission", severity="minor")
def length_ratio(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A target a third of the length the document's ratio expects, or three times it."""
    if not seg.source or len(seg.source) < MIN_SOURCE_CHARS or not seg.target.strip():
        return
    expected = _ratio(ctx) * len(seg.source)
    got = len(seg.target)
    if got * FACTOR < expected:
        yield spec.finding(seg, 0, got, f"{got} characters where the source's {len(seg.source)} lead to expect about"
                           f" {expected:.0f}: part of the source may be left out")
    elif got > FACTOR * expected:
        yield spec.finding(seg, 0, got, f"{got} characters where the source's {len(seg.source)} lead to expect about"
                           f" {expected:.0f}: the target may say more than the source",
                           category="accuracy/addition")
