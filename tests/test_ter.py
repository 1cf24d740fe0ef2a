"""evalkit's TER counts the same edits as sacrebleu's, on real translations and on random word lists."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from sacrebleu.metrics import TER
from sacrebleu.metrics.lib_ter import translation_edit_rate as sacrebleu_ter

from evalkit.ter import FastTER, translation_edit_rate

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_same_statistics_as_sacrebleu_on_the_bundled_translations():
    target = _lines(CORPORA / "si-county" / "target.en.txt")
    reference = _lines(CORPORA / "si-county" / "reference.en.txt")
    # line by line (paragraphs of up to 80 words: sacrebleu's own TER takes seconds on longer ones)
    pairs = [(" ".join(t.split()[:80]), " ".join(r.split()[:80])) for t, r in zip(target, reference)]
    hyps = [t for t, _ in pairs] + ["", "Only one."]
    refs = [r for _, r in pairs] + ["Not empty.", ""]
    ours = FastTER()._extract_corpus_statistics(hyps, [refs])
    theirs = TER()._extract_corpus_statistics(hyps, [refs])
    assert ours == theirs
    assert any(edits > 30 for edits, _ in ours)  # the long pairs were long
    assert abs(FastTER().corpus_score(hyps, [refs]).score - TER().corpus_score(hyps, [refs]).score) < 0.01


def test_same_edits_as_sacrebleu_on_random_word_lists():
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(12)]  # few words: many matches, many shift candidates
    for trial in range(60):
        n_ref = rng.randint(0, 40)
        ref = [rng.choice(vocab) for _ in range(n_ref)]
        hyp = ref[:] if trial % 3 else []
        if trial % 3:
            for _ in range(rng.randint(0, 6)):  # move phrases around, substitute, insert, delete
                a = rng.randrange(len(hyp) + 1)
                b = min(len(hyp), a + rng.randint(1, 6))
                phrase, hyp = hyp[a:b], hyp[:a] + hyp[b:]
                at = rng.randrange(len(hyp) + 1)
                hyp = hyp[:at] + phrase + hyp[at:]
            hyp = [w if rng.random() > 0.15 else rng.choice(vocab) for w in hyp]
            hyp += [rng.choice(vocab) for _ in range(rng.randint(0, 4))]
        else:
            hyp = [rng.choice(vocab) for _ in range(rng.randint(0, 60))]  # lengths far apart: a wider beam
        assert translation_edit_rate(hyp, ref) == sacrebleu_ter(hyp, ref), (hyp, ref)


def test_multiple_references_take_the_fewest_edits_like_sacrebleu():
    hyps = ["the cat sat on the mat", "a b c d e f"]
    refs = [["on the mat the cat sat", "f e d c b a"], ["the cat sat on a mat", "a b c d e f"]]
    ours, theirs = FastTER(), TER()
    assert ours._extract_corpus_statistics(hyps, refs) == theirs._extract_corpus_statistics(hyps, refs)
    assert ours.corpus_score(hyps, refs).score == theirs.corpus_score(hyps, refs).score
    assert str(ours.get_signature()) == str(theirs.get_signature())


def _padded_pairs(seed: int, count: int):
    """Hypotheses that put 30-60 extra words before the reference's: the edit distance's best path
    leaves sacrebleu's beam, so the beam-limited distance is more than the plain Levenshtein one."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(30)]
    for trial in range(count):
        core = [rng.choice(vocab) for _ in range(rng.randint(20, 50))]
        pad = [rng.choice(vocab) for _ in range(rng.randint(30, 60))]
        yield (pad + core if trial % 2 else core[::-1][:10] + pad + core), core


def test_same_edits_as_sacrebleu_where_the_beam_cuts_the_best_path():
    from rapidfuzz.distance import Levenshtein

    from evalkit import ter

    hyp, ref = list(_padded_pairs(11, 185))[184]
    vocab: dict[str, int] = {}
    for w in ref + hyp:
        vocab.setdefault(w, len(vocab))
    mx = ter._Matrix(np.array([vocab[w] for w in ref]), len(hyp))
    beam = ter._Hypothesis(hyp, np.array([vocab[w] for w in hyp]), mx).score
    assert Levenshtein.distance(hyp, ref) < beam  # the bound evalkit prunes with is loose here
    assert translation_edit_rate(hyp, ref) == sacrebleu_ter(hyp, ref)
