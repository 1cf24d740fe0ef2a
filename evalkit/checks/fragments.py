"""Stray tokens ('Essence'), verbless fragments left by a dropped verb, and mid-sentence capitals."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import Analysis, TargetWord, analysis, is_sentence_initial
from evalkit.dictionary import english_vocabulary
from evalkit.lang.en import english_zipf
from evalkit.model import Finding, Segment
from evalkit.segment import sentences

_AUX = frozenset(
    """is are was were be been being am has have had do does did can could will would shall should may might must
    isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't can't couldn't won't wouldn't
    let let's there's it's that's here's""".split()
)
_DISCOURSE = frozenset("""yes no okay ok right well thanks thank wow oh ah so now applause laughter
    hello hi bye sorry please sure indeed exactly absolutely""".split())
# Longer verbless sentences are run-ons with participles, not fragments left by a dropped verb.
MAX_FRAGMENT = 10
_LABEL = re.compile(r"^\s*[A-Z][A-Za-z ]{0,20}:")
# 'The more unequal the society, the worse the children do': English needs no verb here.
_COMPARATIVE = r"the\s+(?:more|less|fewer|better|worse|further|[a-z]{2,}er)\b"
_CORRELATIVE = re.compile(rf"^\W*{_COMPARATIVE}[^,;]*[,;]\s*{_COMPARATIVE}", re.IGNORECASE)
# Heads of organisation and facility names: a capitalised run ending in one is a name ('Rong Media Center').
_NAME_HEADS = frozenset(
    """center centre bureau agency council committee office department ministry association station stations
    workstation workstations institute university college school hospital court bank company corporation
    group party union commission administration foundation museum society academy team club government
    congress assembly federation daily news times post press channel network hall park square street road
    avenue bridge river lake mountain mountains county city province district village villages town township
    prefecture region zone airport port stadium library theatre theater church temple palace garden gardens
    force army navy police brigade corps court house senate parliament cabinet organization organisation
    program programme project plan campaign movement initiative award prize festival forum summit conference
    league cup games olympics centers centres offices stations councils committees groups teams""".split()
)


def _is_verb(d, word: str) -> bool:
    w = word.lower().replace("’", "'")
    if w in _AUX or (w.endswith("ed") and len(w) > 4):
        return True
    if w.endswith("ings"):
        return False
    forms = [w]
    if w.endswith("ies"):
        forms.append(w[:-3] + "y")
    if w.endswith("es"):
        forms.append(w[:-2])
    if w.endswith("s") and not w.endswith("ss"):
        forms.append(w[:-1])
    for f in forms:
        v, n = d.verb_evidence(f)
        if v > n:
            return True
    return False


def _sentence_words(a: Analysis, start: int, end: int) -> list[TargetWord]:
    return [w for w in a.target_words if start <= w.start and w.end <= end]


@register("stray-token", category="accuracy/addition", severity="major", implies=("unsupported-span",),
          source=("zh",), target=("en",), lexicon=True)
def stray_token(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A one- or two-word sentence beside others that nothing in the source supports ('... 60%. Essence')."""
    a = analysis(seg, ctx)
    if not a.has_source:
        return
    sents = sentences(seg.target, ctx.settings.get("tgt_lang", "en"))
    if len(sents) < 2:
        return
    for s in sents:
        words = _sentence_words(a, s.start, s.end)
        if not words or len(words) > 2 or any(w.supported for w in words) or _LABEL.match(s.text):
            continue
        if any(ch.isdigit() for ch in s.text) or any(w.text.lower() in _DISCOURSE or english_zipf(w.text.lower()) >= 5.5
                                                      for w in words):
            continue  # 'Yes.', 'Thank you.', '(Applause)': speech, not debris
        yield spec.finding(
            seg, words[0].start, words[-1].end,
            f"{s.text!r} stands alone and renders nothing in the source"
            + (f" (the source's last character is {seg.source.strip()[-1]!r})" if seg.source.strip() else ""),
            suggestion="",
        )


@register("verbless-fragment", category="accuracy/omission", severity="major",
          source=("zh",), target=("en",), lexicon=True)
def verbless_fragment(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A sentence with no verb where the source has a verb the target leaves out."""
    a = analysis(seg, ctx)
    if not a.has_source:
        return
    d = ctx.resources.dictionary
    dropped = [
        u for u in a.units
        if u.content and not a.covered[u.index]
        and any(s.startswith("to ") for s in d.senses(u.text)[:3])
    ]
    if not dropped:
        return
    for s in sentences(seg.target, ctx.settings.get("tgt_lang", "en")):
        words = _sentence_words(a, s.start, s.end)
        if not 3 <= len(words) <= MAX_FRAGMENT or _LABEL.match(s.text) or not s.text.rstrip().endswith((".", "!", "?")):
            continue
        if _CORRELATIVE.match(s.text):
            continue
        if any(_is_verb(d, w.text) for w in words):
            continue
        if "," not in s.text and " and " not in s.text:
            continue  # a list of nouns is what a dropped verb leaves behind
        verbs = ", ".join(f"{u.text} ({'; '.join(d.content_senses(u.text)[:2])})" for u in dropped[:3])
        yield spec.finding(
            seg, words[0].start, s.end,
            f"{s.text!r} has no verb; the source's {verbs} {'is' if len(dropped) == 1 else 'are'} not rendered",
            source="".join(u.text for u in dropped[:3]),
        )


def _capitalised_conventions(ctx: CheckContext) -> Counter:
    """Words written capitalised mid-sentence in two or more places of the document: a house style ('Party')."""
    memo = ctx.resources.memo.setdefault("capitalised", {})
    key = id(ctx.document)
    if key not in memo:
        upper: Counter = Counter()
        lower: Counter = Counter()
        for seg in ctx.document.segments:
            for m in re.finditer(r"(?<=[a-z,] )([A-Z]?)([a-z]+)", seg.target):
                (upper if m.group(1) else lower)[m.group(1).lower() + m.group(2)] += 1
        # A house style: capitalised in two places or more, and more often than not.
        memo[key] = Counter({w.capitalize(): c for w, c in upper.items() if c >= 2 and c > lower[w]})
    return memo[key]


def _common(word: str, vocab: frozenset[str]) -> bool:
    if word in vocab:
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and word[: len(word) - len(suffix)] + repl in vocab:
            return True
    return False


# Capitalised words joined by a small word are a title-case name: 'Ministry of Labor and Family',
# 'State of the Nation Address'; an MT artifact capitalises a word on its own.
_CONNECTOR = r"(?:of|and|for|on|the|of the|for the|&)"
_CONNECTED_BEFORE = re.compile(rf"[A-Z][\w'’-]*\s+{_CONNECTOR}\s+$")
_CONNECTED_AFTER = re.compile(rf"\s+{_CONNECTOR}\s+[A-Z]")


def _title_case(text: str) -> bool:
    """A headline in title case: most words of four letters or more are capitalised."""
    long = re.findall(r"[A-Za-z]{4,}", text)
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


def _inside_quotes(text: str, pos: int) -> bool:
    """Inside a short quotation or bracket: a name or slogan, which may be in title case."""
    before = text[:pos]
    for opening, closing in (('"', '"'), ("“", "”"), ("(", ")"), ("[", "]")):
        inside = before.count(opening) % 2 == 1 if opening == closing else before.count(opening) > before.count(closing)
        if not inside:
            continue
        start = before.rfind(opening)
        end = text.find(closing, pos)
        span = text[start : end if end >= 0 else len(text)]
        if len(re.findall(r"[A-Za-z]+", span)) <= 8:
            return True
    return False


@register("mid-sentence-capital", category="fluency/spelling", severity="minor",
          source=("zh",), target=("en",), lexicon=True)
def mid_sentence_capital(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Common words capitalised mid-sentence as though they were a name ('are active Function provides')."""
    a = analysis(seg, ctx)
    text = seg.target
    if _title_case(text):
        return
    vocab = english_vocabulary()
    house = _capitalised_conventions(ctx)
    other = " ".join([seg.retranslation or ""] + list(seg.references))
    words = a.target_words
    i = 0
    while i < len(words):
        w = words[i]
        if not w.text[:1].isupper() or is_sentence_initial(text, w.start):
            i += 1
            continue
        j = i  # the capitalised run words[i..j]
        while j + 1 < len(words) and words[j + 1].text[:1].isupper() and re.fullmatch(r"[ -]+", text[words[j].end : words[j + 1].start]):
            j += 1
        run = words[i : j + 1]
        i = j + 1
        nxt = words[j + 1].text.lower() if j + 1 < len(words) else ""
        if (
            run[-1].text.lower() in _NAME_HEADS
            or nxt in _NAME_HEADS
            or _CONNECTED_BEFORE.search(text[: run[0].start])
            or _CONNECTED_AFTER.match(text[run[-1].end :])
            or _inside_quotes(text, run[0].start)
            or any(x.pinyin or x.number for x in run)
        ):
            continue
        odd = [
            x for x in run
            if len(x.text) > 1 and not x.text.isupper() and _common(x.text.lower(), vocab)
            and not re.search(r"[a-z][A-Z]", x.text)
            and house[x.text] < 2 and not re.search(rf"\b{re.escape(x.text)}\b", other)
        ]
        if len(odd) != len(run):
            continue  # part of the run is a real name
        first, last = run[0], run[-1]
        span = text[first.start : last.end]
        sources = sorted({a.units[x.link].text for x in run if x.link is not None})
        yield spec.finding(
            seg, first.start, last.end,
            f"{span!r} is capitalised mid-sentence but is not a name"
            + (f" (it renders {', '.join(sources)})" if sources else ""),
            suggestion=span.lower(),
        )
