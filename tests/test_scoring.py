"""sacrebleu scores per segment and per corpus."""

from __future__ import annotations

import sacrebleu

from evalkit.model import Segment
from evalkit.scoring import score_segments


def test_identical_translation_scores_perfectly():
    segs = [Segment("1", "源", "The cat sat on the mat.", retranslation="The cat sat on the mat.")]
    out = score_segments(segs)
    assert out["scores"]["bleu"] == 100.0 and out["scores"]["chrf"] == 100.0 and out["scores"]["ter"] == 0.0
    assert segs[0].scores["chrf"] == 100.0


def test_scores_match_sacrebleu_and_carry_signatures():
    hyps = ["The weather is nice today.", "We walked in the park."]
    refs = ["Today the weather is good.", "We took a walk in the park."]
    segs = [Segment(str(i), "源", h, retranslation=r) for i, (h, r) in enumerate(zip(hyps, refs))]
    out = score_segments(segs)
    assert out["scores"]["chrf"] == round(sacrebleu.corpus_chrf(hyps, [refs], word_order=2).score, 2)
    assert out["scores"]["bleu"] == round(sacrebleu.corpus_bleu(hyps, [refs]).score, 2)
    assert "nrefs:1" in out["signatures"]["bleu"]
    assert segs[1].scores["chrf"] == round(sacrebleu.sentence_chrf(hyps[1], [refs[1]], word_order=2).score, 2)


def test_reference_scores_are_separate_and_segments_without_target_are_skipped():
    segs = [
        Segment("1", "源", "A cat.", retranslation="A dog.", references=["A cat."]),
        Segment("2", "源", "", retranslation="Nothing."),
    ]
    out = score_segments(segs)
    assert out["scores"]["ref1_chrf"] == 100.0
    assert out["scores"]["chrf"] < 100.0
    assert segs[1].scores == {}


def test_parallel_scoring_equals_in_process_scoring(monkeypatch):
    import evalkit.scoring as scoring

    def segments():
        return [
            Segment(str(n), "源", f"The county has {n} villages and {n + 3} grid groups.",
                    retranslation=f"There are {n} villages in the county, with {n + 4} groups.",
                    references=[f"The county has {n} villages."])
            for n in range(40)
        ]

    monkeypatch.setattr(scoring, "PARALLEL_MIN_WORDS", 10**9)
    serial_segs = segments()
    serial = scoring.score_segments(serial_segs)
    monkeypatch.setattr(scoring, "PARALLEL_MIN_WORDS", 8)
    pending = scoring.start_scoring(parallel_segs := segments())
    assert pending._pool is not None  # the work really went to worker processes
    parallel = pending.result()
    assert parallel == serial
    assert [s.scores for s in parallel_segs] == [s.scores for s in serial_segs]


def test_workers_start_for_many_words_not_for_few(monkeypatch):
    import evalkit.scoring as scoring

    def pending(n_segments: int, words: int):
        text = " ".join(["village"] * words)
        segs = [Segment(str(i), "村", text, retranslation=text) for i in range(n_segments)]
        p = scoring.start_scoring(segs)
        assert p.result()["scores"]["ter"] == 0.0
        return p._pool

    monkeypatch.setattr(scoring, "_cpus", lambda: 2)
    assert pending(28, 60) is not None  # a news page of long paragraphs
    assert pending(20, 10) is None  # a handful of short strings
    monkeypatch.setattr(scoring, "_cpus", lambda: 1)
    assert pending(28, 60) is None  # one CPU: workers would only add their start
