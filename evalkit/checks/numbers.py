"""Numbers, dates, percentages and units in the target that the source does not contain."""

from __future__ import annotations

from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.dictionary import has_cjk
from evalkit.model import Finding, Segment
from evalkit.numbers import en_numbers, same_digits, zh_numbers


def _fmt(v: float) -> str:
    return f"{int(v):,}" if v == int(v) else f"{v:g}"


@register("number-mismatch", category="accuracy/number", severity="major")
def number_mismatch(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A number in the target that no number of the source equals (1804 written as 1084 is critical)."""
    if not seg.source or not has_cjk(seg.source):
        return
    source = zh_numbers(seg.source)
    values = {n.value for n in source}
    for num in en_numbers(seg.target):
        if num.value in values:
            continue
        typo = next((s for s in source if same_digits(s.value, num.value)), None)
        if typo is not None:
            yield spec.finding(
                seg, num.start, num.end,
                f"{num.text!r} does not match the source's {typo.text} ({_fmt(typo.value)}): digits transposed",
                suggestion=_fmt(typo.value), source=typo.text, severity="critical",
            )
            continue
        yield spec.finding(
            seg, num.start, num.end,
            f"{num.text!r} has no counterpart among the source's numbers"
            + (f" ({', '.join(sorted({n.text for n in source}))})" if source else " (the source has none)"),
        )
