"""Code-like tokens of a software string (options, paths, URLs, identifiers, format codes, locale
ids, versions, extensions) that a translation dropped or altered: they must survive unchanged."""

from __future__ import annotations

from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.codetokens import compare_code
from evalkit.model import Finding, Segment

_NAMES = {
    "url": "URL", "email": "e-mail address", "code": "code", "path": "path", "locale": "locale id",
    "format-code": "format code", "version": "version number", "option": "command-line option",
    "option-argument": "option argument", "function": "function name", "extension": "file extension",
    "env": "variable", "identifier": "identifier",
}


@register("code-token", category="accuracy/mistranslation", severity="major", code=True)
def code_token(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Code-like tokens of the source (options, paths, URLs, identifiers, HH:MM, en_GB) altered or missing in the target."""
    diff = compare_code(seg.source, seg.target)
    for src, start, end in diff.altered:
        yield spec.finding(
            seg, start, end,
            f"{_NAMES[src.kind]} {seg.target[start:end]!r} does not match {src.text!r} in the source",
            suggestion=src.text, source=src.text,
        )
    for src in diff.missing:
        end = len(seg.target)  # nothing in the target to point at (see the placeholder check)
        yield spec.finding(
            seg, end, end, f"{_NAMES[src.kind]} {src.text!r} of the source is missing from the target",
            source=src.text, category="accuracy/omission",
        )
    for extra in diff.extra:
        yield spec.finding(
            seg, extra.start, extra.end, f"{_NAMES[extra.kind]} {extra.text!r} is not in the source",
            category="accuracy/addition",
        )
