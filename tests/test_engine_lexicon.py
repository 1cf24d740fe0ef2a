"""The offline CC-CEDICT engine."""

from __future__ import annotations

from evalkit.engines.base import Engine, load_engine
from evalkit.engines.lexicon import LexiconEngine


def test_lexicon_engine_is_an_engine_and_translates_each_input():
    engine = load_engine("lexicon")
    assert isinstance(engine, Engine)
    out = engine.translate(["我们去公园散步。", "全县共有167个行政村。", ""])
    assert len(out) == 3
    assert "park" in out[0].lower() and "walk" in out[0].lower()
    assert "167" in out[1] and "village" in out[1].lower()
    assert out[2] == ""


def test_names_are_glossed_as_names_and_punctuation_is_ascii():
    out = LexiconEngine().translate(["泗县位于安徽。"])[0]
    assert "Si" in out and "Anhui" in out
    assert "。" not in out and out.endswith(".")
