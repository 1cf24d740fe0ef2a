"""Span detectors, one module per family; importing this package registers them all."""

from evalkit.checks import (  # noqa: F401
    spacing,
    repetition,
    transliteration,
    numbers,
    placeholders,
    code,
    layout,
    punctuation,
    accelerators,
    length,
    wordlists,
    lexical,
    names,
    retranslation,
    fragments,
    consistency,
    terminology,
    unrelated,
    untranslated,
    length,
)
