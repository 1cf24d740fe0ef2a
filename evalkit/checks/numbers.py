"""Numbers, dates, times, percentages and amounts in the target that differ from the source's."""

from __future__ import annotations

from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import analysis, number_word
from evalkit.dictionary import en_words, has_cjk
from evalkit.model import Finding, Segment
from evalkit.numbers import en_number_words, en_numbers, same_digits, zh_numbers


def _fmt(v: float) -> str:
    return f"{int(v):,}" if v == int(v) else f"{v:g}"


def _scaled(a: float, b: float) -> bool:
    """True when two numbers differ by a power of ten (12,000 written as 1,200)."""
    return bool(a and b) and round(max(a, b) / min(a, b), 6) in (10.0, 100.0, 1000.0, 10000.0)


@register("number-mismatch", category="accuracy/number", severity="major")
def number_mismatch(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A number in the target that no number of the source equals (1804 written as 1084 is critical)."""
    if not seg.source or not has_cjk(seg.source):
        return
    source = zh_numbers(seg.source)
    values = {round(n.value, 6) for n in source}
    for num in en_numbers(seg.target):
        if round(num.value, 6) in values:
            continue
        typo = next((s for s in source if same_digits(s.value, num.value)), None)
        if typo is not None:
            yield spec.finding(
                seg, num.start, num.end,
                f"{num.text!r} does not match the source's {typo.text} ({_fmt(typo.value)}): digits transposed",
                suggestion=_fmt(typo.value), source=typo.text, severity="critical",
            )
            continue
        scaled = next((s for s in source if _scaled(s.value, num.value)), None)
        if scaled is not None:
            yield spec.finding(
                seg, num.start, num.end,
                f"{num.text!r} is off by a power of ten from the source's {scaled.text} ({_fmt(scaled.value)});"
                " check 万 (10,000) and 亿 (100,000,000)",
                suggestion=_fmt(scaled.value), source=scaled.text, severity="critical",
            )
            continue
        yield spec.finding(
            seg, num.start, num.end,
            f"{num.text!r} has no counterpart among the source's numbers"
            + (f" ({', '.join(sorted({n.text for n in source}))})" if source else " (the source has none)"),
        )


@register("number-missing", category="accuracy/number", severity="minor")
def number_missing(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A number of the source that the target does not state, shown at the nearest target words."""
    if not seg.source or not has_cjk(seg.source) or not seg.target.strip():
        return
    written = [n.value for n in en_numbers(seg.target)]
    target_values = {round(v, 6) for v in written}
    target_values |= {v for v in (number_word(w.text) for w in en_words(seg.target)) if v is not None}
    target_values |= {round(n.value, 6) for n in en_number_words(seg.target)}  # 'a quarter of a million'
    if any(w.lower in ("a", "an") for w in en_words(seg.target)):
        target_values.add(1.0)
    a = None
    reported: set[float] = set()
    spans: set[tuple[int, int]] = set()  # 25万 is read as 250,000 and as 25: one finding at most
    for num in zh_numbers(seg.source, strict=True):
        if len(num.text) == 1 and not num.text.isdigit():
            continue  # 两级, 三个: English often says these with a plural or 'both', not a number
        v = round(num.value, 6)
        if v in target_values or v in reported or (num.start, num.end) in spans:
            continue
        if any(round(o.value, 6) in target_values for o in zh_numbers(num.text)):
            continue  # 45万 read as 45 (万 written out) or as 450,000
        if any(same_digits(num.value, w) or _scaled(num.value, w) for w in written):
            continue  # written wrongly, not left out: number-mismatch reports it
        reported.add(v)
        spans.add((num.start, num.end))
        if a is None:
            a = analysis(seg, ctx)
        unit = next((u for u in a.units if u.start <= num.start < u.end), None)
        near = a.nearest_words(unit.index) if unit is not None else []
        near = [w for w in near if w.content] or near
        if not near:
            continue
        yield spec.finding(
            seg, near[0].start, near[-1].end,
            f"the source's {num.text}"
            + (f" ({_fmt(num.value)})" if num.text.replace(",", "") != _fmt(num.value).replace(",", "") else "")
            + " is not stated in the target",
            suggestion=_fmt(num.value), source=num.text,
        )
