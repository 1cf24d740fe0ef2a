"""MQM weights, per segment and per document."""

from __future__ import annotations

from evalkit import mqm
from evalkit.model import Document, Finding, Segment


def finding(severity: str, category: str = "accuracy/mistranslation", segment: str = "1") -> Finding:
    return Finding(0, 1, "x", category, severity, "test", "", segment)


def test_weights_follow_freitag_et_al():
    assert mqm.weight(finding("minor")) == 1
    assert mqm.weight(finding("major")) == 5
    assert mqm.weight(finding("critical")) == 10
    assert mqm.weight(finding("minor", "fluency/punctuation")) == 0.1
    assert mqm.weight(finding("major", "fluency/punctuation")) == 5


def test_document_score_and_counts():
    scores = mqm.document_scores([finding("major"), finding("minor"), finding("minor", "fluency/punctuation")], 100)
    assert scores["mqm_penalty"] == 6.1
    assert scores["mqm_score"] == 93.9
    assert (scores["mqm_minor"], scores["mqm_major"], scores["mqm_critical"]) == (2, 1, 0)
    assert mqm.document_scores([finding("critical")] * 20, 10)["mqm_score"] == 0  # floored


def test_segment_penalties_and_scores():
    doc = Document("d", [Segment("1", "源", "one two three four five"), Segment("2", "源", "six seven")])
    penalties = mqm.annotate_segments(doc, [finding("major", segment="1"), finding("minor", segment="1")])
    assert penalties == {"1": 6.0}
    assert doc.segments[0].scores == {"mqm_penalty": 6.0, "mqm_score": 0.0}
    assert doc.segments[1].scores == {"mqm_penalty": 0.0, "mqm_score": 100.0}


def test_words_of_chinese_and_japanese_are_their_characters():
    from evalkit.mqm import word_count

    # written without spaces: each ideograph and kana is a word; digits and Latin runs are one each
    assert word_count("会议将于5月3日举行。") == 10  # 8 ideographs, 2 numbers
    assert word_count("東京タワーへ") == 6
    assert word_count("Open 设置 now") == 4
    assert word_count("The meeting is on 3 May.") == 6
    assert word_count("점심 먹었어요") == 2  # Korean is written with spaces
