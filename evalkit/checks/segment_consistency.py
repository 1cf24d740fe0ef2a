"""One source string translated two ways, and one translation given to two different sources, in a file.

What Xbench calls inconsistency in target and in source. Strings are compared with case, spacing and
final punctuation set aside. Units of different PO contexts are never compared: ``msgctxt`` is how
gettext says that the same English needs two translations ('Open' as a verb and as a state). The
context fields of other formats (an XLIFF ``resname``, a CSV location) name where a string sits,
not what it means, and are not read here. The translation most units use is taken as the file's own; the
others are flagged, with it as the suggestion. In a large file the comparison covers the units
checked together (a window of the run, see docs/scale.md).

It reads the files a product ships (PO, XLIFF, TMX, CSV), where one source string is one string of
the product. A JSONL file is evalkit's row format too, and an evaluation set often holds several
systems' translations of one source: there the check does not run.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.model import Finding, Segment

SHIPPED_FORMATS = frozenset({"po", "xliff", "tmx", "csv"})
_FINAL = re.compile(r"[\s.。!！?？:：;；…]+$")


def _key(text: str) -> str:
    return _FINAL.sub("", " ".join(text.split())).casefold()


def _groups(ctx: CheckContext, by: str) -> dict[tuple, list[Segment]]:
    groups: dict[tuple, list[Segment]] = defaultdict(list)
    if ctx.document.format not in SHIPPED_FORMATS:
        return groups
    po = ctx.document.format == "po"
    for seg in ctx.document.segments:
        if seg.source.strip() and seg.target.strip() and not seg.meta.get("template"):
            groups[(seg.context if po else None, _key(getattr(seg, by)))].append(seg)
    return groups


def _odd_ones(ctx: CheckContext, same: str, differs: str) -> Iterator[tuple[Segment, Segment, int]]:
    """Units equal on side ``same`` whose other side differs from the one most of them have: each with
    a unit of that usual other side and how many units have it."""
    for segs in _groups(ctx, same).values():
        counts = Counter(_key(getattr(s, differs)) for s in segs)
        if len(counts) < 2:
            continue
        first = {}
        for s in segs:
            first.setdefault(_key(getattr(s, differs)), s)
        top = max(counts, key=lambda k: (counts[k], -segs.index(first[k])))  # ties: the earliest
        for seg in segs:
            if _key(getattr(seg, differs)) != top:
                yield seg, first[top], counts[top]


@register("inconsistent-translation", category="terminology/inconsistent", severity="minor", scope="document")
def inconsistent_translation(spec: CheckSpec, ctx: CheckContext) -> Iterator[Finding]:
    """The same source string translated differently elsewhere in the file."""
    for seg, usual, n in _odd_ones(ctx, "source", "target"):
        yield spec.finding(
            seg, 0, len(seg.target),
            f"the same source is translated {usual.target!r} in {usual.id!r}"
            + (f" and {n - 1} other unit(s)" if n > 1 else ""),
            suggestion=usual.target, source=seg.source,
        )


@register("inconsistent-source", category="terminology/inconsistent", severity="minor", scope="document")
def inconsistent_source(spec: CheckSpec, ctx: CheckContext) -> Iterator[Finding]:
    """One translation given to different source strings: one of them is likely mistranslated."""
    for seg, usual, _ in _odd_ones(ctx, "target", "source"):
        yield spec.finding(
            seg, 0, len(seg.target),
            f"this translation is also given to a different source, {usual.source!r} in {usual.id!r}",
            source=seg.source,
        )
