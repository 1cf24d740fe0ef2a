"""Placeholders and inline tags in a text ({name}, %s, %(x)d, {{var}}, ICU, <b>, XLIFF <ph/>), and
how a target's differ from its source's."""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

# One alternation, tried left to right at each position, so the longer forms win.
_PATTERNS: list[tuple[str, str]] = [
    ("template", r"\{\{\s*[^{}]+?\s*\}\}|\{%-?\s*[^{}]+?\s*-?%\}"),  # {{ var }}, {% tag %}
    ("icu", r"\{\s*[A-Za-z_]\w*\s*,\s*(?:plural|select|selectordinal)\s*,"),  # head of an ICU choice
    ("brace", r"\{\s*(?:[A-Za-z_][\w.\[\]-]*|\d+)?\s*(?:![rsa])?(?:[:,][^{}]*)?\}"),  # {name} {0} {n:.2f} {n, number}
    ("dollar", r"\$\{[^{}\s]+\}|%\{[^{}\s]+\}"),  # ${var}, %{var}
    ("printf_named", r"%\([\w.-]+\)[-+#0]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa]"),  # %(name)s
    ("escape", r"%%"),  # a literal percent sign, not a placeholder
    ("printf", r"%(?:[1-9]\d*\$)?[-+#0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsp@]"),
    ("tag", r"</?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?\s*/?>"),  # <b>, </b>, <br/>, <ph id="1"/>
]
_MARKDOWN_PATTERNS: list[tuple[str, str]] = [
    ("code", r"`[^`\n]+`"),
    ("url", r"(?<=\]\()[^)\s]+(?=[)\s])|<https?://[^>\s]+>"),
]


def _compile(patterns: list[tuple[str, str]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{kind}>{rx})" for kind, rx in patterns))


_SCAN = _compile(_PATTERNS)
_SCAN_MD = _compile(_MARKDOWN_PATTERNS + _PATTERNS)
_PRINTF = re.compile(r"%(?:([1-9]\d*)\$)?(.*)", re.S)
_POSITIONAL = re.compile(r"%[1-9]\d*\$")


@dataclass(frozen=True)
class Placeholder:
    """A placeholder or inline tag at ``text[start:end]``; ``key`` is what must match across languages."""

    start: int
    end: int
    text: str
    kind: str
    key: str


def _key(kind: str, text: str) -> str:
    if kind == "tag":
        body = re.sub(r"\s+", " ", text.strip("<>/ ")).strip()
        name, _, attrs = body.partition(" ")
        closing = "/" if text.startswith("</") else ""
        empty = "/" if text.rstrip().endswith("/>") else ""
        attrs = " ".join(sorted(re.findall(r"[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|\S+)", attrs)))
        return f"<{closing}{name.lower()}{' ' + attrs if attrs else ''}{empty}>"
    if kind == "icu":
        name, typ = re.findall(r"[A-Za-z_]\w*", text)[:2]
        return f"{{{name},{typ}}}"
    if kind in ("brace", "template"):
        return re.sub(r"\s+", "", text)
    return text


def find_placeholders(text: str, *, markdown: bool = False) -> list[Placeholder]:
    """The placeholders of ``text`` in order; printf ones are keyed by position so that reordering
    with ``%1$s`` matches and swapping bare ``%s``/``%d`` does not."""
    return list(_placeholders(text, markdown))


@functools.lru_cache(maxsize=4096)  # several checks scan the same source and target
def _placeholders(text: str, markdown: bool) -> tuple[Placeholder, ...]:
    out: list[Placeholder] = []
    n_printf = 0
    for m in (_SCAN_MD if markdown else _SCAN).finditer(text):
        kind = m.lastgroup or ""
        if kind == "escape":
            continue
        raw = m.group()
        if kind == "printf":
            pos, rest = _PRINTF.match(raw).groups()
            if pos is None:
                n_printf += 1
                pos = str(n_printf)
            key = f"%{pos}${rest}"
        else:
            key = _key(kind, raw)
        out.append(Placeholder(m.start(), m.end(), raw, kind, key))
    return tuple(out)


_LOOSE = {"{": "[{｛]", "}": "[}｝]", "%": "[%％]", "(": "[(（]", ")": "[)）]", "$": "[$＄]", "<": "[<＜]", ">": "[>＞]",
          # letters a font or an OCR pass confuses: printf '%lu' typed as '%Iu'
          "l": "[lI1|]", "I": "[Il1|]", "1": "[1lI]", "0": "[0O]", "O": "[O0]"}


def loose_pattern(placeholder: Placeholder) -> re.Pattern[str]:
    """A pattern for the broken forms of a placeholder a translation tends to produce: full-width
    brackets and percent signs, spaces inside, letters in another case."""
    parts = []
    for ch in placeholder.text:
        if ch.isspace():
            continue
        parts.append(_LOOSE.get(ch, re.escape(ch)))
    return re.compile(r"\s*".join(parts), re.I)


@dataclass
class PlaceholderDiff:
    """How a target's placeholders differ from its source's."""

    missing: list[Placeholder] = field(default_factory=list)  # in the source, not in the target
    extra: list[Placeholder] = field(default_factory=list)  # in the target, not in the source
    altered: list[tuple[Placeholder, int, int]] = field(default_factory=list)  # (source one, target span)
    # (source link, target span): paired only by reading one language segment for the other; no
    # mismatch, but whether the pages in the target's language exist is for a reviewer to see
    localised: list[tuple[Placeholder, int, int]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missing or self.extra or self.altered)


def compare(source: str, target: str, *, markdown: bool = False,
            langs: tuple[str, str] | None = None) -> PlaceholderDiff:
    """Pair the placeholders of ``source`` and ``target`` by key; what is left over is missing,
    extra, or — when a leftover on each side is of one kind, or the target holds a broken form of
    the source's — altered. Bare printf ones pair in order: '%lu %s' against '%Iu %s' keeps '%s'
    and finds '%Iu' a broken '%lu'."""
    src = find_placeholders(source, markdown=markdown)
    tgt = find_placeholders(target, markdown=markdown)
    if not src and not tgt:
        return PlaceholderDiff()
    src, tgt = _aligned_printf(unlocalised(src, langs), unlocalised(tgt, langs))
    return pair_tokens(*_once_per_name(src, tgt), target)


def unlocalised(tokens: list[Placeholder], langs: tuple[str, str] | None) -> list[Placeholder]:
    """The tokens with a link's language segment made one: a translation links to the pages in its
    own language ('/fr/docs/' in a French target for '/en/docs/' in the source). ``langs`` are the
    source and target language codes; a segment is either, with or without a region ('zh-hans')."""
    codes = sorted({c.lower() for c in langs or () if c}, key=len, reverse=True)
    if len(codes) < 2:
        return tokens
    segment = re.compile(rf"(?<=/)(?:{'|'.join(map(re.escape, codes))})(?:[-_][A-Za-z]{{2,4}})?(?=/)", re.I)
    return [dataclasses.replace(t, key=segment.sub("{lang}", t.key)) if t.kind in ("url", "path", "tag") else t
            for t in tokens]


def _named(p: Placeholder) -> bool:
    return (p.kind in ("printf_named", "dollar", "template", "icu")
            or (p.kind == "brace" and re.match(r"\{\s*\w", p.text) is not None)
            or (p.kind == "printf" and _POSITIONAL.match(p.text) is not None))


def _once_per_name(src: list[Placeholder], tgt: list[Placeholder]) -> tuple[list[Placeholder], list[Placeholder]]:
    """A named placeholder may stand any number of times on either side ('%(name)s' twice in the
    target for once in the source), and so may an indexed one ('{0}', '%1$s'): what the program
    fills in is the same. Bare ones ('%s', '{}') are counted, since each takes an argument of its own."""
    both = {p.key for p in src if _named(p)} & {p.key for p in tgt if _named(p)}

    def first_of_each(side: list[Placeholder]) -> list[Placeholder]:
        seen: set[str] = set()
        out = []
        for p in side:
            if p.key in both and p.key in seen:
                continue
            seen.add(p.key)
            out.append(p)
        return out

    return first_of_each(src), first_of_each(tgt)


def _aligned_printf(src: list[Placeholder], tgt: list[Placeholder]) -> tuple[list[Placeholder], list[Placeholder]]:
    """Key the bare printf placeholders of both sides by the longest common run of conversions, so
    one dropped or broken conversion does not shift the keys of those after it. As many on each
    side keep their keys by position: swapped conversions are both wrong."""
    bare_src = [i for i, p in enumerate(src) if p.kind == "printf" and not _POSITIONAL.match(p.text)]
    bare_tgt = [i for i, p in enumerate(tgt) if p.kind == "printf" and not _POSITIONAL.match(p.text)]
    if not bare_src or not bare_tgt or len(bare_src) == len(bare_tgt):
        return src, tgt
    conv_src = [src[i].key.split("$", 1)[1] for i in bare_src]
    conv_tgt = [tgt[i].key.split("$", 1)[1] for i in bare_tgt]
    tgt = list(tgt)
    matcher = difflib.SequenceMatcher(None, conv_src, conv_tgt, autojunk=False)
    matched = set()
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            tgt[bare_tgt[b + k]] = dataclasses.replace(tgt[bare_tgt[b + k]], key=src[bare_src[a + k]].key)
            matched.add(bare_tgt[b + k])
    for n, i in enumerate(bare_tgt):  # unmatched: a key no source placeholder has
        if i not in matched:
            tgt[i] = dataclasses.replace(tgt[i], key=f"%t{n}${conv_tgt[n]}")
    return src, tgt


def pair_tokens(src: list[Placeholder], tgt: list[Placeholder], target: str, *,
                taken: list[tuple[int, int]] | None = None) -> PlaceholderDiff:
    """Pair tokens (placeholders, code tokens) of a source and its ``target`` by key; a source token
    left over is altered when the target has a leftover of its kind or a broken form of it outside
    the ``taken`` spans, and missing otherwise."""
    wanted = Counter(p.key for p in src)
    extra: list[Placeholder] = []
    for p in tgt:
        if wanted[p.key] > 0:
            wanted[p.key] -= 1
        else:
            extra.append(p)
    missing: list[Placeholder] = []
    for p in src:
        if wanted[p.key] > 0:
            wanted[p.key] -= 1
            missing.append(p)
    diff = PlaceholderDiff()
    taken = list(taken or []) + [(p.start, p.end) for p in tgt]
    for p in missing:
        same_kind = next((e for e in extra if e.kind == p.kind or {e.kind, p.kind} <= {"printf", "printf_named"}), None)
        free = [span for span in taken if same_kind is None or span != (same_kind.start, same_kind.end)]
        broken = next(
            (m for m in loose_pattern(p).finditer(target)
             if not any(s < m.end() and m.start() < e for s, e in free)),
            None,
        )
        if same_kind is not None:
            extra.remove(same_kind)
            start, end = same_kind.start, same_kind.end
            if broken is not None and broken.start() < end and start < broken.end():  # '1b, 1' for '1b,1'
                start, end = min(start, broken.start()), max(end, broken.end())
            diff.altered.append((p, start, end))
        elif broken is not None:
            taken.append((broken.start(), broken.end()))
            diff.altered.append((p, broken.start(), broken.end()))
        else:
            diff.missing.append(p)
    diff.extra = extra
    return diff
