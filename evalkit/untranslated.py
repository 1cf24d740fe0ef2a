"""Which units a translation left untranslated, and the counts a localization team gates on.

Every unit (segment) is in exactly one state:

- ``empty``: no target text at all (a JSONL ``""``, an XLIFF unit without ``<target>``, a PO
  ``msgstr ""``);
- ``identical``: the target repeats the source, and the source has words of its language a
  translation would change (a unit that is only a URL, ``%s``, a number, a code, or a name both
  languages write alike is not untranslated);
- ``fuzzy`` / ``needs-review``: translated, but marked by the file as not yet final (PO ``#, fuzzy``,
  XLIFF ``state``); ``approved`` units are translated ones marked as final;
- ``translated``: everything else.

``empty`` and ``identical`` together are ``untranslated``.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable

from evalkit.model import UNIT_STATES, Segment

# A word of the source language is one at least this common in it (wordfreq's Zipf scale: 3 is
# about once in a million words) ...
SOURCE_WORD_ZIPF = 3.0
# ... and this much more common in it than in the target language: 'Settings' (en 4.2, fr 2.2) is
# English left in a French file; 'Description' (en 4.7, fr 4.6) and 'Linux' are the same word in both.
SOURCE_WORD_MARGIN = 1.0

# What code-token recognition leaves that a translation keeps too: numbers, words with digits, and
# all-capital abbreviations.
_KEPT = re.compile(r"\b[\w-]*\d[\w-]*\b|\b[A-Z0-9]{2,}\b")
_LETTERS = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]{2,}")


def base_language(lang: str) -> str:
    """``zh`` for ``zh-CN`` and ``zh_Hans``."""
    from evalkit.lang import primary

    return primary(lang)


@functools.lru_cache(maxsize=None)
def has_word_list(lang: str) -> bool:
    """Whether wordfreq has a word list of its own for ``lang`` (not a neighbour's it falls back to)."""
    from wordfreq import available_languages

    return base_language(lang) in available_languages()


def translatable_words(text: str, lang: str) -> list[str]:
    """The words of ``text`` a translation would render: placeholders, tags, code tokens (URLs, e-mail
    addresses, paths, file names, options, identifiers: evalkit.codetokens), numbers and all-capital
    abbreviations removed."""
    from evalkit.codetokens import find_code_tokens
    from evalkit.lang import language
    from evalkit.placeholders import find_placeholders

    chars = list(text)
    for tok in [*find_placeholders(text), *find_code_tokens(text)]:
        chars[tok.start:tok.end] = " " * (tok.end - tok.start)
    rest = _KEPT.sub(" ", "".join(chars))
    return [w.text for w in language(lang).words(rest) if len(_LETTERS.findall(w.text)) >= 2]


def source_language_words(text: str, src_lang: str, tgt_lang: str, usage: "FileUsage | None" = None) -> list[str]:
    """The words of ``text`` that belong to the source language and not to the target language.

    With word lists for both languages, a word is the source language's when it is common there
    and clearly rarer in the target language. For a language without one, every word of a unit
    counts. Several words all capitalised (in a cased script) are a name or a title the target
    keeps ('Google Drive'), as is a lone capitalised word in a language without a word list;
    with the ``usage`` of the unit's file, a title whose words the file translates in its other
    units, and keeps in none, is no name ('Mexican Spanish' where 'Spanish' is translated).
    """
    from evalkit.lang import language

    src, tgt = language(src_lang), language(tgt_lang)
    words = translatable_words(text, src_lang)
    if src.cased and not src.capitalises_nouns and len(words) > 1 and all(w[:1].isupper() for w in words):
        return usage.translated_title(words) if usage is not None else []
    if has_word_list(src_lang) and has_word_list(tgt_lang):
        return [w for w in words if _source_word(w, src, tgt)]
    if len(words) == 1 and words[0][:1].isupper():
        return []
    return words


class FileUsage:
    """How the units of one file render the words of their sources: for each word (case aside), how
    many units translate it (their target does not have it) and how many keep it as written.
    Units left untranslated themselves are no evidence. Counted at the first question."""

    def __init__(self, segments: Iterable[Segment]):
        self._segments = segments
        self._counts: dict[str, list[int]] | None = None

    def _table(self) -> dict[str, list[int]]:
        if self._counts is None:
            self._counts = {}
            for seg in self._segments:
                if not seg.target.strip() or _same(seg.source, seg.target) or seg.meta.get("template"):
                    continue
                kept = {w.casefold() for w in _WORD.findall(seg.target)}
                for w in {w.casefold() for w in _WORD.findall(seg.source)}:
                    self._counts.setdefault(w, [0, 0])[w in kept] += 1
        return self._counts

    def translated_title(self, words: list[str]) -> list[str]:
        """The words of a title the file translates elsewhere; none where it keeps any of its words
        as written, as a name's."""
        table = self._table()
        counts = [table.get(w.casefold(), (0, 0)) for w in words]
        if any(kept for _, kept in counts):
            return []
        return [w for w, (translated, _) in zip(words, counts) if translated]


def _source_word(word: str, src, tgt) -> bool:
    ours = max(src.zipf(word), src.zipf(word.lower()))
    theirs = max(tgt.zipf(word), tgt.zipf(word.lower()))
    return ours >= SOURCE_WORD_ZIPF and ours - theirs >= SOURCE_WORD_MARGIN


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def unit_state(seg: Segment, src_lang: str, tgt_lang: str, usage: FileUsage | None = None) -> str:
    """One of ``empty``, ``identical``, ``fuzzy``, ``needs-review``, ``approved``, ``translated``
    (``usage``: the unit's file, see ``source_language_words``)."""
    if not seg.target.strip():
        return "empty" if seg.source.strip() else "translated"  # nothing to translate, nothing missing
    if (
        base_language(src_lang) != base_language(tgt_lang)
        and _same(seg.source, seg.target)
        and source_language_words(seg.source, src_lang, tgt_lang, usage)
    ):
        return "identical"
    state = seg.meta.get("state")
    return state if state in UNIT_STATES else "translated"


COUNT_KEYS = ("total", "translated", "untranslated", "empty", "identical", "fuzzy", "needs_review", "approved")


def unit_counts(segments: Iterable[Segment], src_lang: str, tgt_lang: str,
                usage: FileUsage | None = None) -> dict[str, float]:
    """How many units are in each state, and ``translated_pct``: the share translated (approved
    included; fuzzy, needs-review and untranslated ones not), 100 for no units. ``usage`` is that
    of the units the untranslated check read with these (by default, these)."""
    segments = list(segments)
    usage = usage or FileUsage(segments)
    counts = dict.fromkeys(COUNT_KEYS, 0)
    for seg in segments:
        if seg.meta.get("template"):
            continue
        state = unit_state(seg, src_lang, tgt_lang, usage)
        counts["total"] += 1
        counts[state.replace("-", "_")] += 1
        if state in ("empty", "identical"):
            counts["untranslated"] += 1
        if state == "approved":
            counts["translated"] += 1
    return with_share(counts)


def with_share(counts: dict[str, float]) -> dict[str, float]:
    """``counts`` with ``translated_pct`` (re)computed from its totals."""
    out = {k: int(counts.get(k, 0)) for k in COUNT_KEYS}
    out["translated_pct"] = round(100.0 * out["translated"] / out["total"], 2) if out["total"] else 100.0
    return out


def summed_counts(many: Iterable[dict[str, float]]) -> dict[str, float]:
    """The counts of several inputs together."""
    total = dict.fromkeys(COUNT_KEYS, 0)
    for counts in many:
        for k in COUNT_KEYS:
            total[k] += int(counts.get(k, 0))
    return with_share(total)
