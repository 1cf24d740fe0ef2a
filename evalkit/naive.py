"""Naive error-span detectors, evaluated beside evalkit in the same run (``evalkit evaluate --baselines``).

- ``mark-all-major``: the whole target is one major error (the floor of the WMT QE task 2 measure);
- ``bag-of-words``: every target word absent from the re-translation (case-insensitive) is a major
  error; needs a re-translation;
- ``bag-of-gloss``: every target content word that no CC-CEDICT sense of any source word names
  (by stem) is a major error; needs a Chinese source.

The diffs call their words major: most annotated errors of news MT are major, so that is the
stronger baseline under the severity-aware measure and the only one a major-only measure sees.
"""

from __future__ import annotations

import re
from typing import Callable

from evalkit.evaluate import Span, Unit

_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


def _unit(u: Unit, spans: list[Span]) -> Unit:
    return Unit(u.id, u.target, spans, sum(s.weight for s in spans))


def mark_all(units: dict[str, Unit], severity: str = "major") -> dict[str, Unit]:
    weight = 5.0 if severity == "major" else 1.0
    return {uid: _unit(u, [Span(0, len(u.target), severity, "accuracy/mistranslation", weight)] if u.target else [])
            for uid, u in units.items()}  # fmt: skip


def nothing(units: dict[str, Unit]) -> dict[str, Unit]:
    return {uid: Unit(uid, u.target) for uid, u in units.items()}


def _flag_words(units: dict[str, Unit], keep: Callable[[Unit, str], bool]) -> dict[str, Unit]:
    return {uid: _unit(u, [Span(m.start(), m.end(), "major", "accuracy/mistranslation", 5.0)
                           for m in _WORD.finditer(u.target) if not keep(u, m.group(0))])
            for uid, u in units.items()}  # fmt: skip


def bag_of_words(units: dict[str, Unit], retranslations: dict[str, str]) -> dict[str, Unit]:
    """Every target word absent from the re-translation, as a major span."""
    bags = {uid: {w.lower() for w in _WORD.findall(retranslations.get(uid) or "")} for uid in units}
    return _flag_words(units, lambda u, w: w.lower() in bags[u.id])


def bag_of_gloss(units: dict[str, Unit], sources: dict[str, str]) -> dict[str, Unit]:
    """Every target content word no dictionary sense of a source word names, as a major span."""
    from evalkit.dictionary import Dictionary
    from evalkit.lang.en import is_stopword, stem
    from evalkit.lang.zh import tokenize_zh

    d = Dictionary.load()
    bags: dict[str, set[str]] = {}
    for uid in units:
        src = sources.get(uid) or ""
        bag = {t.text for t in tokenize_zh(src)}
        stems: set[str] = set(_WORD.findall(src))
        for word in bag:
            stems |= d.word_stems(word) or {s for ch in word for s in d.word_stems(ch)}
        bags[uid] = stems
    return _flag_words(units, lambda u, w: is_stopword(w) or w in bags[u.id] or stem(w) in bags[u.id])


def baselines(units: dict[str, Unit], retranslations: dict[str, str] | None = None,
              sources: dict[str, str] | None = None) -> dict[str, dict[str, Unit]]:
    """Every naive detector the inputs allow, by name."""
    out = {"mark-all-major": mark_all(units)}
    if retranslations and any(retranslations.values()):
        out["bag-of-words"] = bag_of_words(units, retranslations)
    if sources and any(sources.values()):
        out["bag-of-gloss"] = bag_of_gloss(units, sources)
    return out
