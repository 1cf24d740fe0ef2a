"""The check registry: each check is a small function registered with its id, MQM category and severity."""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from evalkit.errors import ConfigError
from evalkit.lang import primary
from evalkit.model import CATEGORIES, SEVERITIES, Document, Finding, Segment

if TYPE_CHECKING:
    from evalkit.resources import Resources


@dataclass
class CheckContext:
    """What a check may read besides its segment: the whole document and the shared resources."""

    document: Document
    resources: "Resources"
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckSpec:
    """A registered check. ``scope`` is ``segment`` (called per segment), ``document`` (once) or
    ``model`` (called by the error model's decision stage, evalkit.decide, to write up the words it
    flags)."""

    id: str
    category: str
    severity: str
    title: str
    func: Callable[..., Iterable[Finding]]
    scope: str = "segment"
    family: str = ""
    # An artifact no good translation has (a spaced hyphen, pinyin): checks that weigh weak
    # evidence read how many of these a document shows (see ``segment_findings``).
    strong: bool = False
    # Checks whose claim this check's message already makes ('Shenzhen' names a place the source
    # lacks, so it renders nothing there): merged with one of them, only this message is kept.
    implies: tuple[str, ...] = ()
    # The languages the check can read, as primary subtags; () is any. The checks built on the
    # CC-CEDICT support analysis read Chinese sources and English targets; the others read any pair.
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    # It reads the source through a bilingual lexicon (evalkit.lexicons): it runs only for pairs with one.
    lexicon: bool = False
    # A check that tells code-like tokens apart itself: of placeholders and code tokens, or of a
    # whole unit whose words it reads with the tokens taken out (``untranslated``). Every other
    # check reads prose and leaves the tokens a target keeps from its source alone (see
    # ``leave_code_alone``).
    code: bool = False

    def applies(self, src_lang: str, tgt_lang: str) -> bool:
        """Whether the check runs for this language pair."""
        from evalkit.lexicons import has_lexicon

        return (not self.source or primary(src_lang) in self.source) and (
            not self.target or primary(tgt_lang) in self.target) and (not self.lexicon or has_lexicon(src_lang, tgt_lang))

    @property
    def languages(self) -> str:
        """The pairs it runs for, as `evalkit checks` shows them: 'any → any', 'zh → en +lexicon'."""
        return f"{'/'.join(self.source) or 'any'} → {'/'.join(self.target) or 'any'}" + (" +lexicon" if self.lexicon else "")

    def finding(
        self,
        seg: Segment,
        start: int,
        end: int,
        message: str,
        *,
        suggestion: str | None = None,
        source: str | None = None,
        severity: str | None = None,
        category: str | None = None,
        confidence: float = 1.0,
    ) -> Finding:
        """Build a Finding on ``seg.target[start:end]`` with this check's defaults."""
        return Finding(
            start=start,
            end=end,
            text=seg.target[start:end],
            category=category or self.category,
            severity=severity or self.severity,
            check=self.id,
            message=message,
            segment=seg.id,
            suggestion=suggestion,
            source=source,
            confidence=confidence,
        )


REGISTRY: dict[str, CheckSpec] = {}


def register(check_id: str, *, category: str, severity: str, scope: str = "segment", strong: bool = False,
             implies: tuple[str, ...] = (), source: tuple[str, ...] = (), target: tuple[str, ...] = (),
             lexicon: bool = False, code: bool = False):
    """Register a check function under ``check_id``; its docstring's first line is its title.

    A segment check is called as ``func(spec, segment, ctx)``; a document check as
    ``func(spec, ctx)``. Both yield Findings with offsets local to the segment's target.
    """
    if category not in CATEGORIES:
        raise ValueError(f"unknown MQM category {category!r} for check {check_id!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r} for check {check_id!r}")
    if scope not in ("segment", "document", "model"):
        raise ValueError(f"unknown scope {scope!r} for check {check_id!r}")

    def decorate(func: Callable[..., Iterable[Finding]]):
        if check_id in REGISTRY:
            raise ValueError(f"check {check_id!r} registered twice")
        doc = inspect.getdoc(func) or check_id
        REGISTRY[check_id] = CheckSpec(
            id=check_id,
            category=category,
            severity=severity,
            title=doc.splitlines()[0],
            func=func,
            scope=scope,
            family=func.__module__.rsplit(".", 1)[-1],
            strong=strong,
            implies=implies,
            source=source,
            target=target,
            lexicon=lexicon,
            code=code,
        )
        return func

    return decorate


def all_checks() -> dict[str, CheckSpec]:
    """Every registered check, importing the check modules on first use."""
    import evalkit.checks  # noqa: F401  (registers the built-in checks)

    return REGISTRY


def strong_ids() -> frozenset[str]:
    """The ids of the checks registered as strong evidence (an artifact no fluent translation has)."""
    return frozenset(c.id for c in all_checks().values() if c.strong)


def check_table() -> list[str]:
    """``evalkit checks``: a line per check (id, default severity, category, languages, title), the
    columns as wide as their widest entry."""
    rows = [(c.id, c.severity, c.category, c.languages, c.title) for c in all_checks().values()]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return [" ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " " + row[4] for row in rows]


def select_checks(disabled: Iterable[str] = (), only: Iterable[str] | None = None) -> list[CheckSpec]:
    """The checks to run; an unknown name is an error, not a warning."""
    checks = all_checks()
    disabled = list(disabled)
    only = list(only) if only is not None else None
    for name in disabled + (only or []):
        if name not in checks:
            raise ConfigError(
                f"unknown check {name!r}; `evalkit checks` lists the {len(checks)} available checks"
            )
    names = only if only is not None else list(checks)
    return [checks[n] for n in names if n not in disabled]


def for_pair(specs: Iterable[CheckSpec], src_lang: str, tgt_lang: str) -> tuple[list[CheckSpec], list[CheckSpec]]:
    """The checks that run for this language pair, and those that do not apply to it."""
    specs = list(specs)
    return [s for s in specs if s.applies(src_lang, tgt_lang)], [s for s in specs if not s.applies(src_lang, tgt_lang)]


def segment_findings(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> list[Finding]:
    """One segment check's findings on one segment, computed once per run.

    A check that measures a document's artifact rate runs the strong checks over it; this memo
    lets ``run_checks`` reuse those findings instead of computing them a second time.
    """
    memo = ctx.resources.memo.setdefault("segment-findings", {})
    key = (spec.id, id(seg))
    if key not in memo:
        memo[key] = leave_code_alone(spec, seg, spec.func(spec, seg, ctx), ctx)
    return memo[key]


def leave_code_alone(spec: CheckSpec, seg: Segment, findings: Iterable[Finding], ctx: CheckContext) -> list[Finding]:
    """A prose check's findings without those about code tokens the target keeps from its source
    ('-b -d', 'HH:MM', '.pot', 'GitHub'), and without a suggestion that would alter one."""
    findings = list(findings)
    if spec.code or not findings:
        return findings
    from evalkit.codetokens import keeps_code, protected_spans, touches_code

    memo = ctx.resources.memo.setdefault("code-spans", {})
    if id(seg) not in memo:
        memo[id(seg)] = protected_spans(seg.source, seg.target)
    spans = memo[id(seg)]
    if not spans:
        return findings
    out = []
    for f in findings:
        if touches_code(seg.target, f.start, f.end, spans):
            continue
        if not keeps_code(seg.target, f.start, f.end, f.suggestion, spans):
            f = dataclasses.replace(f, suggestion=None)
        out.append(f)
    return out


def run_checks(specs: list[CheckSpec], ctx: CheckContext,
               on_segment: Callable[[], None] | None = None) -> Iterator[Finding]:
    """Run segment checks over every segment with a target, then document checks once.

    With ``on_segment``, every segment's checks are run first, a segment at a time, and it is
    called after each (a progress bar that moves per segment); the findings and their order are the
    same, as each check's findings on a segment are computed once and kept."""
    if on_segment is not None:
        local = [spec for spec in specs if spec.scope == "segment"]
        for seg in ctx.document.segments:
            if seg.target:
                for spec in local:
                    segment_findings(spec, seg, ctx)
            on_segment()
    for spec in specs:
        if spec.scope == "segment":
            for seg in ctx.document.segments:
                if seg.target:
                    yield from segment_findings(spec, seg, ctx)
        elif spec.scope == "document":
            by_id = {s.id: s for s in ctx.document.segments}
            for f in spec.func(spec, ctx):
                seg = by_id.get(f.segment)
                yield from (leave_code_alone(spec, seg, [f], ctx) if seg is not None else [f])
