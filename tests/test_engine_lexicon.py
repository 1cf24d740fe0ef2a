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


def test_dictionary_notation_does_not_reach_the_re_translation():
    """CC-CEDICT writes 的 as "~'s" (the ~ stands for the word before) and 来自 as 'From:' (a
    mail header); a reader of the report should see neither mark."""
    out = LexiconEngine().translate(["我们对宇宙的了解来自光。"])[0]
    assert "~" not in out and ":" not in out
    assert "universe's" in out
    assert "come from" in out
    # a tilde of the source itself is no such mark: 10~20 keeps it
    assert "10 ~ 20" in LexiconEngine().translate(["年龄在10~20岁之间"])[0]


def test_a_particle_said_as_a_particle_is_left_unsaid():
    """了 read le5 is CC-CEDICT's '(completed action marker)': no English word renders it, and its
    other reading, liao3 'to finish', is not what the sentence says."""
    engine = LexiconEngine()
    assert engine.gloss("了") is None
    out = engine.translate(["他吃了饭。"])[0]
    assert "finish" not in out and "eat" in out
    assert engine.gloss("了解") is not None  # a word with 了 in it is still glossed
