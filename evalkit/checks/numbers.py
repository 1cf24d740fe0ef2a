"""Numbers, dates, times, percentages and amounts in the target that differ from the source's.

Every pair is checked: each side's numbers are read by its language's pack (digits of any
script under its decimal and thousands marks, number words). Where the support analysis reads
the pair (zh -> en), a number left out is shown at the words that render its neighbours; for
other pairs, at the target word in the same relative place.
"""

from __future__ import annotations

import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import analysed_pair, analysis, languages, number_word
from evalkit.lang.en import en_words
from evalkit.model import Finding, Segment
from evalkit.numbers import Number, en_number_words, en_numbers, same_digits, zh_numbers


def _fmt(v: float) -> str:
    return f"{int(v):,}" if v == int(v) else f"{v:g}"


def _scaled(a: float, b: float) -> bool:
    """True when two numbers differ by a power of ten (12,000 written as 1,200)."""
    return bool(a and b) and round(max(a, b) / min(a, b), 6) in (10.0, 100.0, 1000.0, 10000.0)


def _not_stated(num: Number) -> str:
    shown = f" ({_fmt(num.value)})" if num.text.replace(",", "") != _fmt(num.value).replace(",", "") else ""
    return f"the source's {num.text}{shown} is not stated in the target"


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds code tokens and placeholders: their digits ('3.2.1', 'SHA256', '%1$s') are
    the code-token and placeholder checks' business, not numbers of the text."""
    from evalkit.codetokens import find_code_tokens
    from evalkit.placeholders import find_placeholders

    return [(t.start, t.end) for t in [*find_code_tokens(text), *find_placeholders(text)]]


def _numeral_at(text: str, num: Number) -> str:
    """The run of digits and separators ``num`` was read from ('46.1' for the 46 a German reading
    takes from it), without a sentence's final mark."""
    start, end = num.start, num.end
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".," and start > 1 and text[start - 2].isdigit()):
        start -= 1
    while end < len(text) and (text[end].isdigit() or text[end] in ".," and end + 1 < len(text) and text[end + 1].isdigit()):
        end += 1
    return text[start:end]


def _key(n: Number) -> float:
    return round(n.value, 6)


_CLOCK_HOUR = re.compile(r"\d{1,2} ?: ?$")
_NUMERAL = re.compile(r"\d+(?:[.,]\d+)*")
_NAME_BEFORE = re.compile(r"[^\W\d_]{2,}-$")
_SOURCE_NAME_NUMBER = re.compile(r"[A-Za-z][-_]?\d")


def _implied(num: Number, target: str, source: str, unstated: bool) -> bool:
    """True for the digits of a target number that state nothing the source could contradict: the
    zero minutes of a clock time while every number of the source is stated (5时 is '5:00'; of
    5时30分 it is not) and the number of a name the source writes with no Latin letters and digits
    at all (新冠 is 'COVID-19'; G109 in the source is compared)."""
    before = target[: num.start]
    if num.value == 0 and set(num.text) == {"0"} and _CLOCK_HOUR.search(before):
        return not unstated
    return bool(_NAME_BEFORE.search(before)) and not _SOURCE_NAME_NUMBER.search(source)


@register("number-mismatch", category="accuracy/number", severity="major")
def number_mismatch(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A number in the target that no number of the source equals (1804 written as 1084 is critical)."""
    src, tgt = languages(ctx)
    if not seg.source:
        return
    source = src.numbers(seg.source)
    # a month the source names by name may be written as a number ('3 May' is 5月3日)
    values = {_key(n) for n in [*source, *src.months(seg.source)]}
    scale_hint = " check 万 (10,000) and 亿 (100,000,000)" if src.code == "zh" else " check the scale"
    written = tgt.digits(seg.target)
    # a number read two ways (1.2万 as 12,000 and as 1.2) is right when one reading is: one span, one answer
    settled = [(n.start, n.end) for n in written if _key(n) in values]
    stated = {_key(n) for n in [*tgt.numbers(seg.target), *tgt.months(seg.target)]}
    unstated = any(_key(n) not in stated and not any(_key(o) in stated for o in src.numbers(n.text)) for n in source)
    as_written = set(_NUMERAL.findall(seg.source))
    for num in written:
        if _key(num) in values or any(a < num.end and num.start < b for a, b in settled):
            continue
        if _numeral_at(seg.target, num) in as_written:
            continue  # written as the source writes it ('46.1' in German, where '.' groups thousands)
        if _implied(num, seg.target, seg.source, unstated):
            continue
        spelled = not any(c.isdigit() for c in num.text)
        if spelled and (num.value == 1 or not values):
            continue  # 一架飞机 is 'a plane', 第三者 'a third party': words, where the source has no number
        settled.append((num.start, num.end))
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
                + scale_hint,
                suggestion=_fmt(scaled.value), source=scaled.text, severity="critical",
            )
            continue
        if not values:  # nothing to contradict: often a word the target writes with digits (decimal: 10進数)
            yield spec.finding(seg, num.start, num.end, f"{num.text!r} is a number the source does not state",
                               severity="minor")
            continue
        yield spec.finding(
            seg, num.start, num.end,
            f"{num.text!r} has no counterpart among the source's numbers"
            + (f" ({', '.join(sorted({n.text for n in source}))})" if source else ""),
        )


@register("number-missing", category="accuracy/number", severity="minor")
def number_missing(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A number of the source that the target does not state, shown at the nearest target words."""
    if not seg.source or not seg.target.strip():
        return
    if analysed_pair(ctx):
        yield from _missing_zh_en(spec, seg, ctx)
    else:
        yield from _missing(spec, seg, ctx)


def _missing(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Any pair: a source number no target number equals, beyond those the target writes wrongly
    (number-mismatch reports those), at the target word in the same relative place."""
    src, tgt = languages(ctx)
    stated = tgt.numbers(seg.target)
    target_values = {_key(n) for n in [*stated, *tgt.months(seg.target)]}
    source_values = {_key(n) for n in src.numbers(seg.source)}
    wrong = [n for n in tgt.digits(seg.target) if _key(n) not in source_values]
    words = tgt.words(seg.target)
    reported: set[float] = set()
    code = _code_spans(seg.source)
    for num in src.numbers(seg.source):
        v = _key(num)
        if v in target_values or v in reported or not words or any(a <= num.start < b for a, b in code):
            continue
        if v == 1 and not any(c.isdigit() for c in num.text):
            continue  # 'one file' is 'une fiche', 'eine Datei': an article says it
        if wrong:
            wrong.pop(0)  # written wrongly, not left out: number-mismatch reports it
            continue
        reported.add(v)
        at = num.start / max(len(seg.source), 1) * len(seg.target)
        near = min(words, key=lambda w: abs((w.start + w.end) / 2 - at))
        yield spec.finding(
            seg, near.start, near.end,
            _not_stated(num), suggestion=_fmt(num.value), source=num.text,
        )


def _missing_zh_en(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    written = [n.value for n in en_numbers(seg.target)]
    target_values = {round(v, 6) for v in written}
    target_values |= {v for v in (number_word(w.text) for w in en_words(seg.target)) if v is not None}
    target_values |= {round(n.value, 6) for n in en_number_words(seg.target)}  # 'a quarter of a million'
    if any(w.lower in ("a", "an") for w in en_words(seg.target)):
        target_values.add(1.0)
    a = None
    reported: set[float] = set()
    spans: set[tuple[int, int]] = set()  # 25万 is read as 250,000 and as 25: one finding at most
    code = _code_spans(seg.source)
    for num in zh_numbers(seg.source, strict=True):
        if len(num.text) == 1 and not num.text.isdigit() or any(a <= num.start < b for a, b in code):
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
            _not_stated(num), suggestion=_fmt(num.value), source=num.text,
        )
