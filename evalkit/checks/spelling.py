"""Spelling: a target word its language's word list does not know, one letter away from a common word
it does know ('documentzione' for 'documentazione', 'ordenção' for 'ordenação').

The word lists are wordfreq's, so every language it has a list of is read, with no dictionary of
evalkit's own. A word is left alone when it could be meant as written: a word of the source (a
name, a term kept), a code token or placeholder, a name by its capital, or a word the file's
targets write twice or more (a term of the project, not a slip made twice alike).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import is_sentence_initial, languages
from evalkit.model import Finding, Segment

# The word a slip was meant to be is one at least this common (wordfreq's Zipf scale: about once in a
# million words, as evalkit.untranslated counts a word of a language).
COMMON_ZIPF = 3.0
# Shorter words are too often abbreviations, and too many common words lie one letter from them.
MIN_LETTERS = 4
_WORD = re.compile(rf"(?<![\w%{{<&./\\@$-])[^\W\d_]{{{MIN_LETTERS},}}(?![\w}}>/@-])")


@functools.lru_cache(maxsize=None)
def _common(lang: str) -> dict[str, float]:
    """The words of ``lang`` at least COMMON_ZIPF common, with their Zipf values (wordfreq's buckets
    are a hundredth of a Zipf step each, the most common first)."""
    from wordfreq import get_frequency_list

    buckets = get_frequency_list(lang)[: round((9 - COMMON_ZIPF) * 100) + 1]
    return {w: 9 - i / 100 for i, bucket in enumerate(buckets) for w in bucket}


@functools.lru_cache(maxsize=None)
def _alphabet(lang: str) -> str:
    """The letters of ``lang``: those of its common words."""
    return "".join(sorted({c for w in _common(lang) for c in w if c.isalpha()}))


def _edits(word: str, letters: str) -> set[str]:
    """The words one letter from ``word``: a letter dropped, added, changed, or two swapped."""
    out = set()
    for i in range(len(word) + 1):
        a, b = word[:i], word[i:]
        if b:
            out.add(a + b[1:])
            out.update(a + c + b[1:] for c in letters)
        if len(b) > 1:
            out.add(a + b[1] + b[0] + b[2:])
        out.update(a + c + b for c in letters)
    out.discard(word)
    return out


def meant(word: str, tgt) -> str | None:
    """The common word ``word`` is one slip from, when ``word`` itself is unknown to ``tgt``'s list."""
    lower = word.lower()
    if tgt.zipf(word) > 0 or tgt.zipf(lower) > 0:
        return None
    common = _common(tgt.code)
    best = max((c for c in _edits(lower, _alphabet(tgt.code)) if c in common), key=lambda c: (common[c], c), default=None)
    if best is None:
        return None
    return best[:1].upper() + best[1:] if word[:1].isupper() else best


def _repeated_words(ctx: CheckContext) -> set[str]:
    """The words (case folded) that two or more targets of the file write."""
    memo = ctx.resources.memo
    if "spelling-repeated" not in memo:
        seen = Counter(w for seg in ctx.document.segments for w in {m.group().casefold() for m in _WORD.finditer(seg.target)})
        memo["spelling-repeated"] = {w for w, n in seen.items() if n > 1}
    return memo["spelling-repeated"]


@register("spelling", category="fluency/spelling", severity="minor")
def spelling(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A word the target language does not know, one letter from a common one ('documentzione')."""
    from evalkit.codetokens import find_code_tokens
    from evalkit.placeholders import find_placeholders
    from evalkit.untranslated import has_word_list

    tgt = languages(ctx)[1]
    if not (tgt.spaced and tgt.cased and has_word_list(tgt.code)):
        return
    source = seg.source.casefold()
    code = None
    for m in _WORD.finditer(seg.target):
        word = m.group()
        if word.casefold() in source or word.isupper():
            continue
        if word[:1].isupper() and not tgt.capitalises_nouns and not is_sentence_initial(seg.target, m.start()):
            continue  # a name
        if word.casefold() in _repeated_words(ctx):
            continue
        fix = meant(word, tgt)
        if fix is None:
            continue
        if code is None:  # placeholders and code tokens, found once a word is in question
            code = [(t.start, t.end) for t in [*find_placeholders(seg.target), *find_code_tokens(seg.target)]]
        if not any(a < m.end() and m.start() < b for a, b in code):
            yield spec.finding(seg, m.start(), m.end(), f"{word!r} is no {tgt.name} word; {fix!r} is one letter away",
                               suggestion=fix)
