"""Code-like tokens of a software string (options, paths, URLs, identifiers, format codes, locale
ids, versions, extensions) that a translation dropped or altered: they must survive unchanged."""

from __future__ import annotations

from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import languages
from evalkit.checks.placeholders import diff_findings
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
    src, tgt = languages(ctx)
    diff = compare_code(seg.source, seg.target, langs=(src.code, tgt.code))
    yield from diff_findings(spec, seg, diff, lambda p: _NAMES[p.kind])
    for link, start, end in diff.localised:
        # Translators rightly point to their own language's pages where a site has them; only a
        # reviewer knows whether this one does, so it is said, at the least severity.
        yield spec.finding(
            seg, start, end,
            f"{_NAMES[link.kind]} {seg.target[start:end]!r} links to the {tgt.name} pages where the source has"
            f" {link.text!r}: check that they exist",
            suggestion=link.text, source=link.text, severity="minor",
        )
