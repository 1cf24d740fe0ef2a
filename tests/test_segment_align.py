"""Sentence splitting and source-target alignment."""

from __future__ import annotations

from evalkit.align import align, document_beads
from evalkit.segment import Span, paragraphs, sentences
from tests.helpers import SI_COUNTY


def _texts(spans):
    return [s.text for s in spans]


def test_paragraphs_are_non_blank_lines_with_exact_spans():
    text = "First line.\r\n\r\n  Second line.  \n\nThird"
    paras = paragraphs(text)
    assert _texts(paras) == ["First line.", "Second line.", "Third"]
    assert all(text[p.start : p.end] == p.text for p in paras)


def test_chinese_sentences_end_at_full_stops_and_keep_closing_quotes():
    text = "他说：“我们来了。”然后走了！最后呢？没有结尾"
    assert _texts(sentences(text, "zh")) == ["他说：“我们来了。”", "然后走了！", "最后呢？", "没有结尾"]


def test_english_sentences_skip_abbreviations_and_decimals():
    text = "Mr. Wang arrived at 3.5 p.m. today. He left. The U.S. team won 2-1! Really?"
    got = _texts(sentences(text, "en"))
    assert got[0].startswith("Mr. Wang") and "He left." in got
    assert got[-1] == "Really?"
    assert all(text.find(s) >= 0 for s in got)


def test_sentences_of_a_slice_index_the_whole_text():
    text = "Intro.\nOne. Two.\n"
    para = paragraphs(text)[1]
    spans = sentences(text, "en", para.start, para.end)
    assert [text[s.start : s.end] for s in spans] == ["One.", "Two."]


def _spans(items):
    out, pos = [], 0
    for t in items:
        out.append(Span(pos, pos + len(t), t))
        pos += len(t) + 1
    return out


def test_align_one_to_one():
    src = _spans(["今天天气很好。", "我们去公园散步。", "公园里有很多人。"])
    tgt = _spans(["The weather is nice today.", "We went for a walk in the park.", "There were many people in the park."])
    assert align(src, tgt) == [([0], [0]), ([1], [1]), ([2], [2])]


def test_align_one_to_two_and_unmatched_sentences():
    src = _spans(["全县共划分1804个网格，覆盖167个行政村，实现了全面覆盖。", "短句。"])
    tgt = _spans(["The county has 1,804 grids.", "They cover 167 administrative villages, with full coverage.",
                  "Short.", "Extra text that matches nothing at all in the source whatsoever."])
    beads = align(src, tgt)
    assert beads[0] == ([0], [0, 1])
    flat_tgt = [j for _, t in beads for j in t]
    assert flat_tgt == [0, 1, 2, 3]
    assert ([], [3]) in beads or ([1], [2, 3]) in beads


def test_align_empty_sides():
    assert align([], _spans(["a"])) == [([], [0])]
    assert align(_spans(["甲"]), []) == [([0], [])]


def test_document_beads_cover_the_si_county_page_in_order():
    src = (SI_COUNTY / "source.zh.txt").read_text(encoding="utf-8")
    tgt = (SI_COUNTY / "target.en.txt").read_text(encoding="utf-8")
    beads = document_beads(src, tgt, "zh", "en")
    tgt_spans = [s for _, t in beads for s in t]
    assert [s.start for s in tgt_spans] == sorted(s.start for s in tgt_spans)
    assert sum(len(s.text) for s in tgt_spans) == sum(len(s.text) for p in paragraphs(tgt) for s in sentences(tgt, "en", p.start, p.end))
    # the verbless fragment is its own target sentence, aligned with (part of) the first paragraph's source
    assert any(any(t.text.startswith("Feelings, happiness") for t in ts) and ss for ss, ts in beads)
