"""Code-like tokens of software strings (URLs, options, paths, identifiers, format codes, locale ids,
versions, file extensions), in any language, and the spans of a target that prose checks leave alone."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from evalkit.placeholders import Placeholder, PlaceholderDiff, find_placeholders, pair_tokens, unlocalised

# A token does not start inside a word, nor right after another token character, so 'e-mail'
# holds no option and 'and/or' no path. ASCII classes: a CJK character next to a token ends it.
_B = r"(?<![A-Za-z0-9_./\\@%$-])"
_E = r"(?![A-Za-z0-9_@])"
_A = r"(?<![A-Za-z0-9_\\])"  # ASCII word edges (a Chinese character ends a name; "\\n" is no part of one)
_W = r"(?![A-Za-z0-9_])"
_PATTERNS: list[tuple[str, str]] = [
    # a URL may hold brace placeholders (https://example.com/{lang}/docs): they are part of it
    ("url", r"(?:\b(?:https?|ftp|file|ssh|git)://|\bwww\.|\bmailto:)"
            r"(?:[^\s<>\"'`()\[\]{}\xa0\u2018-\u201f«»\u3000-\u9fff\uff00-\uffef]|\{\w*\})+"),
    ("email", r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
    ("code", r"`[^`\n]+`"),
    ("path", _B + r"(?:[A-Za-z]:\\|\\\\)[\w$.\\-]+|" + _B + r"(?:~|\.{1,2})?(?:/[\w.@+-]+)+/?"),
    # gettext's LANGUAGE lists (en_GB:en), POSIX locales (de_DE.UTF-8@euro), BCP 47 tags (zh-CN)
    ("locale", _B + r"[a-z]{2,3}(?:[_-][A-Z][A-Za-z]{1,3})?(?:\.[\w-]+)?(?:@\w+)?"
               r"(?::[a-z]{2,3}(?:[_-][A-Z][A-Za-z]{1,3})?)+" + _E
               + "|" + _B + r"[a-z]{2,3}[_-](?:[A-Z]{2}|Hans|Hant|Latn|Cyrl)(?:\.[\w-]+)?(?:@\w+)?" + _E),
    ("format-code", _B + r"(?:Y{2,4}|M{1,4}|D{1,2}|d{1,2}|H{1,2}|h{1,2}|m{1,2}|s{1,2}|S{1,3})"
                    r"(?:[-:/.T](?:Y{2,4}|M{1,4}|D{1,2}|d{1,2}|H{1,2}|h{1,2}|m{1,2}|s{1,2}|S{1,3}))+" + _E
                    # strftime's '%Y-%m-%d', '%H:%M': two directives or more, one that printf lacks ('%d/%d' is printf)
                    + "|" + _B + r"(?=[%\w:/.-]*%[YyHMmSbBIjpZz])%[A-Za-z](?:[-:/.]%[A-Za-z])+" + _E),
    ("version", _B + r"v?\d+(?:\.\d+){2,}(?:[-+~][0-9A-Za-z.]+)?" + _E + r"|" + _B + r"v\d+(?:\.\d+)+" + _E),
    # '--width=80' keeps its value; '--key=KEYDEF' names a value a translation may spell its way
    # an option stands after a space, an opening bracket or quote, or '=': 'Effect”-ChinaNews' holds none
    ("option", r"(?<![^\s(\[{\"'`=])" + r"--?[A-Za-z][\w-]*(?:=(?![A-Z]+\b)[^\s,;)\]]+)?" + _E),
    ("function", _B + r"[A-Za-z_][\w.]*\(\)"),
    ("extension", _B + r"\*?\.[a-z][a-z0-9]{0,5}(?:\.[a-z0-9]{1,4})?" + _E),
    ("env", r"\$[A-Z_][A-Z0-9_]*" + _W + "|" + _A + r"[A-Z][A-Z0-9]*_[A-Z0-9_]+" + _W),
    ("identifier", _A + r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+" + _W  # snake_case
                   + "|" + _A + r"[A-Za-z_][A-Za-z0-9_-]*(?:\.[a-z_][a-z0-9_]+)+" + _W  # os.path, Node.js, README.md
                   + "|" + _A + r"[a-z]+[A-Z][A-Za-z0-9]*" + _W  # camelCase, iOS, macOS
                   + "|" + _A + r"[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+" + _W  # PascalCase: GitHub, JavaScript
                   + "|" + _A + r"[A-Za-z]+\d+[A-Za-z0-9]*" + _W  # letters run into digits: SHA256, H264, go1
                   + "|" + _A + r"0[xX][0-9A-Fa-f]+" + _W),  # a hexadecimal constant: 0x80070005
]
# ASCII classes: a Chinese character or a French NBSP next to a token ends it.
_ALTERNATIVES = "|".join(f"(?P<{kind.replace('-', '_')}>{rx})" for kind, rx in _PATTERNS)
# Every token starts where no ASCII word character stands before it, on one of these characters,
# or at a backtick or a dollar sign: the scan tries its alternatives only there (each of them
# asserts as much), which makes it several times faster on prose and changes no match.
_START = r"(?:(?<![A-Za-z0-9_])(?=[A-Za-z0-9_.%+\-`\\~/*$])|(?=[`$]))"
_SCAN = re.compile(f"{_START}(?:{_ALTERNATIVES})", re.ASCII)
_OPTION_ARGUMENT = re.compile(r"[ \t]+(\S*[\d,:=/]\S*?)(?=[.;)]?(?:\s|$))")
_TRAILING = ".,;:!?)]'\""
# Kinds that are code wherever they stand: everything else counts as code where the source has it too.
ALWAYS_CODE = frozenset({"url", "email", "code"})


@dataclass(frozen=True)
class CodeToken(Placeholder):
    """A code-like token at ``text[start:end]``; ``key`` is what must survive translation unchanged."""


def find_code_tokens(text: str) -> list[CodeToken]:
    """The code-like tokens of ``text`` in order. An option's argument that is not a word ('-k 1b,1',
    '-t :') is a token of its own; a trailing sentence mark is not part of a URL or a path."""
    return list(_code_tokens(text))


@functools.lru_cache(maxsize=4096)  # several checks scan the same source and target
def _code_tokens(text: str) -> tuple[CodeToken, ...]:
    out: list[CodeToken] = []
    for m in _SCAN.finditer(text):
        kind = (m.lastgroup or "").replace("_", "-")
        raw = m.group()
        if kind in ("url", "path"):
            raw = raw.rstrip(_TRAILING) or raw
        if kind == "path" and raw.count("/") < 2 and not raw.startswith(("~", ".", "/")):
            continue
        if kind == "path" and len(raw) < 3 or kind == "format-code" and "%" not in raw and not re.search(r"(.)\1", raw):
            continue  # '/a', and 'd.h' (German 'das heißt'), are no code
        out.append(CodeToken(m.start(), m.start() + len(raw), raw, kind, raw))
        if kind == "option" and "=" not in raw:
            arg = _OPTION_ARGUMENT.match(text, m.end())
            value = arg.group(1).rstrip(_TRAILING) if arg else ""
            if value and not re.fullmatch(r"\d+(?:[.,]\d+)?", value):
                out.append(CodeToken(arg.start(1), arg.start(1) + len(value), value, "option-argument", value))
    return tuple(out)


def compare_code(source: str, target: str, *, langs: tuple[str, str] | None = None) -> PlaceholderDiff:
    """The code tokens of ``source`` that ``target`` lost or altered; a target token the source lacks
    counts only where it is a URL or an e-mail address (a translation adds those, never options).
    A link to the pages in the target's language is the same link (``langs``: the two codes), kept in
    ``localised`` for a reviewer to confirm, and a date pattern written with the target language's
    letters is the same pattern."""
    src = _outside(find_code_tokens(source), find_placeholders(source))
    if not src and not any(t.kind in ("url", "email") for t in find_code_tokens(target)):
        return PlaceholderDiff()
    placeholders = find_placeholders(target)
    tgt = _outside(find_code_tokens(target), placeholders)
    taken = [(p.start, p.end) for p in placeholders]
    src_u, tgt_u = unlocalised(src, langs), unlocalised(tgt, langs)
    diff = pair_tokens(src_u, tgt_u, target, taken=taken)
    diff.extra = [t for t in diff.extra if t.kind in ("url", "email")]
    as_written = {t.key for t in src}
    link_of = {u.key: t for t, u in zip(src, src_u) if u.key != t.key}
    diff.localised = [(link_of[u.key], t.start, t.end) for t, u in zip(tgt, tgt_u)
                      if u.key != t.key and t.key not in as_written and u.key in link_of and u not in diff.extra]
    local = [t for t in [*diff.missing, *(a[0] for a in diff.altered)]
             if t.kind == "format-code" and _localised_pattern(t.text, target)]
    diff.missing = [t for t in diff.missing if t not in local]
    diff.altered = [a for a in diff.altered if a[0] not in local]
    return diff


def _outside(tokens: list[CodeToken], placeholders: list[Placeholder]) -> list[CodeToken]:
    """The tokens that are no part of a placeholder ('verbose_name' of '%(verbose_name)s' is the
    placeholder's name, which the placeholder check compares); a tag's URL is its own token."""
    inside = [(p.start, p.end) for p in placeholders if p.kind != "tag"]
    return [t for t in tokens if not any(a <= t.start and t.end <= b for a, b in inside)]


def _localised_pattern(pattern: str, target: str) -> bool:
    """Whether ``target`` writes the date pattern with letters of its own language, in the same
    shape: 'AAAA-MM-JJ' in French, 'JJJJ-MM-TT' in German for 'YYYY-MM-DD'."""
    if "%" in pattern:
        return False  # strftime directives are read by a program, never translated
    shape = "".join(r"[^\W\d_]" if ch.isalpha() else re.escape(ch) for ch in pattern)
    return re.search(rf"(?<!\w){shape}(?!\w)", target) is not None


def protected_spans(source: str, target: str) -> list[tuple[int, int]]:
    """The spans of ``target`` that prose checks leave alone: its placeholders, its URLs and e-mail
    addresses, and each code-like token that the source has too, unchanged."""
    tokens: list[Placeholder] = find_placeholders(target)
    tokens += find_code_tokens(target)
    wanted = Counter(t.key for t in find_code_tokens(source)) + Counter(t.key for t in find_placeholders(source))
    spans = []
    for t in tokens:
        if isinstance(t, CodeToken) and t.kind not in ALWAYS_CODE:
            if wanted[t.key] <= 0:
                continue
            wanted[t.key] -= 1
        spans.append((t.start, t.end))
    return sorted(spans)


_WORD = re.compile(r"\w+")


def touches_code(text: str, start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether a finding on ``text[start:end]`` is about code: it overlaps a protected span and no
    more than one word of it lies outside every such span ('sort -k' is about the option '-k')."""
    inside = [(s, e) for s, e in spans if s < end and start < e]
    if not inside:
        return False
    outside = list(text[start:end])
    for s, e in inside:
        for i in range(max(s, start), min(e, end)):
            outside[i - start] = " "
    return len(_WORD.findall("".join(outside))) < 2


def keeps_code(text: str, start: int, end: int, suggestion: str | None, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether a suggested replacement of ``text[start:end]`` keeps every protected token inside it."""
    if suggestion is None:
        return True
    return all(text[s:e] in suggestion for s, e in spans if start <= s and e <= end)
