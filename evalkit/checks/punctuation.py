"""A string's punctuation against its source's: the mark it ends and starts with, its first capital,
brackets and the number of sentences, read through each script's forms ('.' is '。', ':' is '：')."""

from __future__ import annotations

import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import languages
from evalkit.codetokens import find_code_tokens
from evalkit.lang.script import CJK_CHAR
from evalkit.model import Finding, Segment
from evalkit.placeholders import find_placeholders

# Each mark and the forms it takes in other scripts (full-width CJK, the Arabic and Greek question
# marks, the Devanagari danda); a space or NBSP before it is a language's spacing, not its mark.
_FORMS = {
    ".": ".。．।", "!": "!！", "?": "?？؟", ":": ":：", ";": ";；؛", ",": ",，、،", "…": "…⋯",
}
_CLASS = {ch: mark for mark, forms in _FORMS.items() for ch in forms}
_CLOSERS = "\"'”’»›）)]】」』〉》"
_OPENERS = "\"'“‘„«‹（([【「『〈《¿¡"
_BRACKETS = {"(": "(（", ")": ")）", "[": "[［【", "]": "]］】", "{": "{｛", "}": "}｝"}
_BRACKET_OF = {ch: b for b, forms in _BRACKETS.items() for ch in forms}
# a mark followed by a space and a small letter ends no sentence ('e.g. now', 'approx. 5 MB' aside)
# and a mark standing alone names a key ('Press ? to show shortcuts')
_SENTENCE_END = re.compile(r"(?<=[^\s\x00])(?:[.!?。！？]+(?=[\"'”’»)）\x00]*(?:\s+(?![a-z])|$))|[。！？]+)")
_CJK = ("zh", "ja", "ko")


# A brace pair with no space inside is a placeholder, maybe a broken one ('{日期}'); '(&E)' and
# '(_E)' are a CJK string's accelerator, not brackets of its text.
_BRACE_LIKE = re.compile(r"\{[^{}\s]+\}|[(（][&_~][^\W_][)）]")
TAG = "\x00"  # what an inline tag is blanked to: a string's last mark may come before its closing tag


def _masked(text: str) -> str:
    """``text`` with its placeholders and code tokens blanked to 'x' (inline tags to ``TAG``), so
    their dots and brackets are not punctuation ('%(name)s', 'os.path.join()', '.pot')."""
    chars = list(text)
    for t in [*find_placeholders(text), *find_code_tokens(text)]:
        for i in range(t.start, t.end):
            chars[i] = TAG if getattr(t, "kind", "") == "tag" else "x"
    for m in _BRACE_LIKE.finditer(text):
        for i in range(m.start(), m.end()):
            chars[i] = "x"
    return "".join(chars)


def _end_mark(text: str) -> tuple[str, int, int]:
    """The mark a string ends with ('' for none) and the span of it, closing quotes and brackets
    and spaces before them skipped; '...' is '…'."""
    end = len(text.rstrip())
    while end and (text[end - 1] in _CLOSERS or text[end - 1] == TAG):
        end = len(text[: end - 1].rstrip())
    if text[:end].endswith("..."):
        return "…", end - 3, end
    if end and text[end - 1] in _CLASS:
        return _CLASS[text[end - 1]], end - 1, end
    return "", end, end


def _applies(seg: Segment, ctx: CheckContext) -> bool:
    return ctx.document.kind == "segments" and bool(seg.source.strip()) and bool(seg.target.strip())


def _form(mark: str, ctx: CheckContext) -> str:
    if ctx.settings.get("tgt_lang", "en").startswith(_CJK) and mark in ".!?:;,":
        return _FORMS[mark][1]
    return "..." if mark == "…" else mark


@register("end-punctuation", category="fluency/punctuation", severity="minor")
def end_punctuation(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """The target ends with another mark than the source, or none ('Save as:' -> 'Enregistrer sous')."""
    if not _applies(seg, ctx):
        return
    want, _, _ = _end_mark(_masked(seg.source))
    have, start, end = _end_mark(_masked(seg.target))
    if want == have:
        return
    if not want:
        what = f"ends with {seg.target[start:end]!r}; the source ends with no mark"
        yield spec.finding(seg, start, end, f"the target {what}", suggestion="")
    else:
        said = repr(seg.target[start:end]) if have else "no mark"
        yield spec.finding(seg, start, end, f"the source ends with {want!r}, the target with {said}",
                           suggestion=_form(want, ctx))


@register("start-punctuation", category="fluency/punctuation", severity="minor")
def start_punctuation(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """The target starts with another mark than the source ('...' or '-' dropped at the start)."""
    if not _applies(seg, ctx):
        return
    src, tgt = _masked(seg.source).lstrip(), _masked(seg.target)
    lead = len(tgt) - len(tgt.lstrip())
    tgt = tgt.lstrip().lstrip("¿¡")

    def first(text: str) -> str:
        if text.startswith("..."):
            return "…"
        ch = text[:1]
        return _CLASS.get(ch) or _BRACKET_OF.get(ch) or (ch if ch in "-*•#/" else "")

    want, have = first(src), first(tgt)
    if want != have:
        n = 3 if have == "…" and tgt.startswith("...") else len(have and tgt[:1])
        said = repr(tgt[:n]) if have else "no mark"
        wanted = repr(src[:3] if src.startswith("...") else src[:1]) if want else "no mark"
        yield spec.finding(seg, lead, lead + n, f"the source starts with {wanted}, the target with {said}",
                           suggestion=("" if not want else None))


def _named_by_rule(source: str, ctx: CheckContext) -> bool:
    """Whether the source begins with a word its language capitalises by rule, a day's or a month's
    name, which a target language that does not capitalise nouns writes small."""
    src, tgt = languages(ctx)
    first = re.match(r"[^\W\d_]+", source.lstrip(" \"'“‘„«([¿¡-"))
    return (not tgt.capitalises_nouns and first is not None
            and (first.group() in src.day_names or first.group() in src.month_names))


@register("start-capital", category="fluency/spelling", severity="minor")
def start_capital(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """The source begins with a capital letter and the target, in a script with capitals, with a small one."""
    if not _applies(seg, ctx):
        return
    src = re.search(r"[^\W\d_]", _masked(seg.source).replace("x", " "))
    tgt = re.search(r"[^\W\d_]", _masked(seg.target).replace("x", " "))
    if src is None or tgt is None or not src.group().isupper():
        return
    # only a source and a target that begin with their words ('%s files' begins with code)
    if _masked(seg.source)[: src.start()].strip(" \"'“‘„«([¿¡-") or _masked(seg.target)[: tgt.start()].strip(" \"'“‘„«([¿¡-"):
        return
    if tgt.group().islower():
        word = re.match(r"\w+", seg.target[tgt.start():]).group()
        if _named_by_rule(seg.source, ctx):
            return  # 'Monday' is 'lundi', 'May' is 'mai': the target language writes them small
        yield spec.finding(seg, tgt.start(), tgt.start() + len(word), f"{word!r} begins the target in lower case; "
                           "the source begins with a capital", suggestion=word[:1].upper() + word[1:])


# A bracketed name in Latin letters after a name in another script: 沙普斯（Grant Shapps）.
_LATIN_GLOSS = re.compile(r"[(（]([A-Za-z][A-Za-z .'&-]*[A-Za-z.])[)）]")


def _glosses(source: str, target: str) -> dict[str, int]:
    """Of each bracket, how many the source spends on a Latin-letter gloss of a name (沙普斯（Grant
    Shapps）) that the target writes as the name itself: it needs no brackets there."""
    if CJK_CHAR.search(target):
        return {}
    found = [m for m in _LATIN_GLOSS.finditer(source) if m.group(1).lower() in target.lower()
             and m.start() > 0 and CJK_CHAR.match(source[m.start() - 1])]
    return {"(": len(found), ")": len(found)} if found else {}


@register("brackets", category="fluency/punctuation", severity="minor")
def brackets(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Brackets ( ) [ ] { } the target has more or fewer of than the source, placeholders aside."""
    src, tgt = _masked(seg.source), _masked(seg.target)
    glosses = _glosses(seg.source, seg.target)
    for b in "()[]{}":
        want = sum(src.count(ch) for ch in _BRACKETS[b])
        where = [i for i, ch in enumerate(tgt) if ch in _BRACKETS[b]]
        if want - glosses.get(b, 0) <= len(where) <= want:
            continue
        if len(where) > want:
            at = where[-1]
            yield spec.finding(seg, at, at + 1, f"the target has {len(where)} {b!r}, the source {want}", suggestion="",
                               category="accuracy/addition")
        else:
            end = len(seg.target)
            yield spec.finding(seg, end, end, f"the target has {len(where)} {b!r}, the source {want}",
                               category="accuracy/omission")


def count_sentences(text: str) -> int:
    """Sentences of ``text``: runs of words ended by '.', '!', '?' (or their full-width forms)."""
    pieces = _SENTENCE_END.split(_masked(text))
    return sum(1 for p in pieces if re.search(r"\w", p))


# A colon or semicolon before a clause of its own ('Skipped %s: the file is not a PDF.') joins what a
# translation may write as two sentences, or the other way round; a label's ('Error: %s') joins none.
# So does a full-width comma in CJK text, which chains clauses that English writes as sentences.
_JOIN = re.compile(r"(?<=\w)\s*[:;：；，]\s*([^.!?。！？]+)")


def clause_joins(text: str) -> int:
    """Colons, semicolons and full-width commas of ``text`` that stand before a clause: three words,
    or six CJK letters."""
    def words(clause: str) -> int:  # code and placeholders are blanked to 'x' runs
        return sum(1 for w in re.findall(r"[^\W\d_]{2,}", clause) if w.strip("x"))

    return sum(1 for m in _JOIN.finditer(_masked(text))
               if words(m.group(1)) >= 3 or len(CJK_CHAR.findall(m.group(1))) >= 6)


@register("sentence-count", category="accuracy/omission", severity="minor")
def sentence_count(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """The target says the source's sentences in more or fewer sentences (a sentence dropped or added)."""
    if not _applies(seg, ctx):
        return
    a, b = count_sentences(seg.source), count_sentences(seg.target)
    if a == b or max(a, b) < 2 or abs(a - b) <= clause_joins(seg.source if a < b else seg.target):
        return
    end = len(seg.target)
    yield spec.finding(seg, end, end, f"the source has {a} sentences, the target {b}",
                       category="accuracy/omission" if b < a else "accuracy/addition")
