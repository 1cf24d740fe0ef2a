"""Keyboard accelerators of menu and dialog strings ('&File', '_Open', '~Save'), one each in source and target."""

from __future__ import annotations

import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.model import Finding, Segment

# '&' (Qt, KDE, Windows, Mozilla), '_' (GTK, GNOME), '~' (LibreOffice) before a letter or digit,
# inside a word too ('Sa&ve'); '&&' is a literal '&', and 'R&D', 'AT&T', 'snake_case', '&amp;' hold none.
_ENTITY = r"(?![A-Za-z]+;|#\d+;)"
_MARKERS = {
    "&": re.compile(r"(?<!&)(?<![A-Z]&)(?<![A-Z])&(?=[^\W_])" + _ENTITY + r"|(?<=[a-z])&(?=[^\W_])" + _ENTITY),
    "_": re.compile(r"(?<![\w_])_(?=[^\W_])"),
    "~": re.compile(r"(?<!~)~(?=[^\W_])"),
}


def accelerators(text: str, marker: str) -> list[int]:
    """Offsets of the ``marker`` accelerators of ``text``."""
    return [m.start() for m in _MARKERS[marker].finditer(text)]


@register("accelerator", category="accuracy/omission", severity="major")
def accelerator(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """An accelerator of the source ('&File', '_Open') missing from the target, or given twice."""
    for marker in _MARKERS:
        want = accelerators(seg.source, marker)
        if not want:
            continue
        have = accelerators(seg.target, marker)
        if len(have) == len(want):
            continue
        key = seg.source[want[0] + 1]
        if len(have) < len(want):
            end = len(seg.target)
            yield spec.finding(seg, end, end, f"accelerator {marker + key!r} of the source has none in the target",
                               source=marker + key)
        else:
            at = have[-1]
            yield spec.finding(seg, at, at + 2, f"{len(have)} accelerators {marker!r} in the target, "
                               f"{len(want)} in the source", category="accuracy/addition")
