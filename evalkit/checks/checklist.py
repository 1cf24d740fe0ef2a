"""A project's own rules, as Xbench's checklists hold them: regular expressions of the source and the
target, from the ``checklist`` setting.

    [[checklist]]
    message = "Cancel is 'Annuler' in our interface"
    source = '\\bCancel\\b'       # the rule reads units whose source matches (default: every unit)
    target_lacks = 'Annuler'      # ... and reports one whose target does not match
    tgt_lang = ["fr"]             # the target languages it is for (default: all)

    [[checklist]]
    message = "we address users as 'tu'"
    target = '\\bvous\\b'         # every match in the target is a finding
    suggestion = "tu"
    severity = "major"            # default minor; category default terminology/wrong-term
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.errors import ConfigError
from evalkit.model import CATEGORIES, SEVERITIES, Finding, Segment

KEYS = ("message", "source", "target", "target_lacks", "suggestion", "severity", "category", "ignore_case", "tgt_lang")


@dataclass(frozen=True)
class Rule:
    """One checklist entry, its patterns compiled."""

    message: str
    source: re.Pattern[str] | None
    target: re.Pattern[str] | None
    target_lacks: re.Pattern[str] | None
    suggestion: str | None
    severity: str
    category: str
    tgt_lang: tuple[str, ...]  # primary subtags; () is every target language

    def applies(self, tgt_lang: str) -> bool:
        from evalkit.lang import primary

        return not self.tgt_lang or primary(tgt_lang) in self.tgt_lang


def checklist_rules(items: Any) -> list[Rule]:
    """The rules of the ``checklist`` setting (a list of tables), checked: an unknown key, a pattern
    that does not compile, a rule with no target pattern or with both are errors."""
    if not isinstance(items, list):
        raise ConfigError("checklist must be a list of tables: [[checklist]] with message and target or target_lacks")
    return [_rule(n, item) for n, item in enumerate(items, 1)]


def _rule(n: int, item: Any) -> Rule:
    from evalkit.lang import primary

    where = f"checklist rule {n}"
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: give a table (message = ..., target = ... or target_lacks = ...)")
    unknown = sorted(set(item) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}; known keys: {', '.join(KEYS)}")
    message = item.get("message")
    if not isinstance(message, str) or not message.strip():
        raise ConfigError(f"{where}: give a message, what a finding of the rule tells the translator")
    if ("target" in item) == ("target_lacks" in item):
        raise ConfigError(f"{where}: give target (each match is a finding) or target_lacks (a target without a "
                          "match is one), not both")
    ignore_case = item.get("ignore_case", False)
    if not isinstance(ignore_case, bool):
        raise ConfigError(f"{where}: ignore_case = {ignore_case!r} must be true or false")
    severity = item.get("severity", "minor")
    if severity not in SEVERITIES:
        raise ConfigError(f"{where}: severity = {severity!r} is not one of: {', '.join(SEVERITIES)}")
    category = item.get("category", "terminology/wrong-term")
    if category not in CATEGORIES:
        raise ConfigError(f"{where}: category = {category!r} is not one of: {', '.join(CATEGORIES)}")
    suggestion = item.get("suggestion")
    if suggestion is not None and not isinstance(suggestion, str):
        raise ConfigError(f"{where}: suggestion = {suggestion!r} must be a string")
    langs = item.get("tgt_lang", [])
    langs = [langs] if isinstance(langs, str) else langs
    if not isinstance(langs, list) or not all(isinstance(x, str) and x.strip() for x in langs):
        raise ConfigError(f"{where}: tgt_lang must be a language code or a list of them, e.g. [\"fr\"]")

    def pattern(key: str) -> re.Pattern[str] | None:
        text = item.get(key)
        if text is None:
            return None
        if not isinstance(text, str) or not text:
            raise ConfigError(f"{where}: {key} must be a non-empty regular expression")
        try:
            return re.compile(text, re.IGNORECASE if ignore_case else 0)
        except re.error as exc:
            raise ConfigError(f"{where}: {key} = {text!r} is not a valid regular expression ({exc})") from exc

    return Rule(message.strip(), pattern("source"), pattern("target"), pattern("target_lacks"), suggestion, severity,
                category, tuple(primary(x) for x in langs))


@register("checklist", category="terminology/wrong-term", severity="minor", code=True)
def checklist(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A rule of the project's checklist (the checklist setting: source and target patterns)."""
    tgt_lang = ctx.settings.get("tgt_lang", ctx.document.tgt_lang)
    for rule in ctx.resources.options.get("checklist") or ():
        if not rule.applies(tgt_lang) or (rule.source is not None and not rule.source.search(seg.source)):
            continue
        extra = {"severity": rule.severity, "category": rule.category}
        if rule.target is not None:
            for m in rule.target.finditer(seg.target):
                if m.end() > m.start():
                    yield spec.finding(seg, m.start(), m.end(), rule.message, suggestion=rule.suggestion, **extra)
        elif not rule.target_lacks.search(seg.target):
            end = len(seg.target)
            yield spec.finding(seg, end, end, rule.message, suggestion=rule.suggestion, **extra)
