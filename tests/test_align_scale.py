"""Alignment of large documents: a 5 MB pair whose paragraph counts differ, a 1 MB line, a text
that strays far from the diagonal. Inputs are generated; every paragraph and sentence carries its
own number, so which source piece each target piece belongs to is known."""

from __future__ import annotations

import random
import re

import pytest

import evalkit.align as align_module
from evalkit.align import align, document_beads
from evalkit.errors import InputError
from evalkit.segment import Span, paragraphs, sentences

_HAN = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴"
_WORDS = ("county village road water school market river office report plan people work year house farm "
          "field bridge power light train station paper letter money price city town garden").split()


def _zh_sentence(rng: random.Random, number: int, size: tuple[int, int]) -> str:
    chars = "".join(rng.choice(_HAN) for _ in range(rng.randint(*size)))
    cut = rng.randint(2, len(chars) - 2)
    return f"{chars[:cut]}{number}{chars[cut:]}。"


def _en_sentence(rng: random.Random, number: int, zh: str) -> str:
    words = ["The"]
    while sum(len(w) + 1 for w in words) < 3 * len(zh):
        words.append(rng.choice(_WORDS))
    words.insert(rng.randint(1, len(words)), str(number))
    return " ".join(words) + "."


def _pair(n: int, sentences_each: int = 1, seed: int = 0, first: int = 1000,
          size: tuple[int, int] = (30, 90)) -> tuple[list[str], list[str]]:
    """``n`` paragraphs a side; sentence k of either side holds the number ``first + k``; a Chinese
    sentence has ``size`` characters (3 times as many in English)."""
    rng = random.Random(seed)
    src, tgt, k = [], [], first
    for _ in range(n):
        zh, en = [], []
        for _ in range(sentences_each):
            zh.append(_zh_sentence(rng, k, size))
            en.append(_en_sentence(rng, k, zh[-1]))
            k += 1
        src.append("".join(zh))
        tgt.append(" ".join(en))
    return src, tgt


def _numbers_of(spans) -> set[str]:
    return {n for s in spans for n in re.findall(r"\d+", s.text)}


def _assert_pieces_pair_with_their_own(beads, unmatched_targets=frozenset()) -> None:
    """Every target piece sits in a bead with the source piece of its number."""
    for src_spans, tgt_spans in beads:
        tgt_numbers = _numbers_of(tgt_spans) - set(unmatched_targets)
        assert tgt_numbers <= _numbers_of(src_spans), (src_spans, tgt_spans)


class CountingAnchor:
    """An anchor that adds nothing to the cost and counts how often the aligner asks it."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, src: str, tgt: str) -> float:
        self.calls += 1
        return 0.0


def test_a_5_mb_pair_whose_paragraph_counts_differ_by_one_is_aligned():
    # 14,500 paragraphs a side, one target paragraph dropped: the old aligner refused this
    # ("too many ... to align (over 1,000,000 alignment steps)"), whatever the texts
    src, tgt = _pair(14_500)
    dropped = 7_321
    del tgt[dropped]
    source_text, target_text = "\n".join(src) + "\n", "\n".join(tgt) + "\n"
    assert len(source_text.encode()) + len(target_text.encode()) > 5_000_000
    beads = document_beads(source_text, target_text, "zh", "en")
    _assert_pieces_pair_with_their_own(beads)
    assert sum(len(t) for _, t in beads) == len(tgt)
    unlike = [(s, t) for s, t in beads if (len(s), len(t)) != (1, 1)]
    # the source paragraph without a translation is alone (1-0) or joined to a neighbour (2-1)
    assert len(unlike) == 1 and str(1000 + dropped) in _numbers_of(unlike[0][0])
    for s, t in beads:
        for span, text in [(x, source_text) for x in s] + [(x, target_text) for x in t]:
            assert text[span.start : span.end] == span.text


def test_alignment_work_grows_linearly_with_the_number_of_paragraphs():
    def asks(n: int) -> int:
        src, tgt = _pair(n, seed=n)
        del tgt[n // 2]
        anchor = CountingAnchor()
        align(paragraphs("\n".join(src)), paragraphs("\n".join(tgt)), anchor)
        return anchor.calls

    small, large = asks(4_000), asks(8_000)
    assert large < 2.2 * small, (small, large)


def test_a_1_mb_line_is_split_into_sentences_and_aligned():
    # one line a side of 13,000 sentences (the target over 1 MB): the old aligner refused it
    src, tgt = _pair(1, sentences_each=13_000, seed=3, size=(15, 35))
    source_text, target_text = src[0] + "\n", tgt[0] + "\n"
    assert len(target_text.encode()) > 1_000_000 and source_text.count("\n") == 1
    beads = document_beads(source_text, target_text, "zh", "en")
    assert len(beads) == 13_000
    assert all(len(s) == 1 and len(t) == 1 for s, t in beads)
    _assert_pieces_pair_with_their_own(beads)


def test_a_1_mb_line_without_full_stops_is_cut_into_pieces_and_aligned():
    src, tgt = _pair(1, sentences_each=5_000, seed=4)
    source_text = src[0].replace("。", "，") + "\n"
    target_text = tgt[0].replace(".", ",") + "\n"
    beads = document_beads(source_text, target_text, "zh", "en")
    pieces = [t for _, ts in beads for t in ts]
    assert len(pieces) > 1_000 and max(len(t.text) for t in pieces) <= 500
    assert [t.text for t in pieces] == [t.text for t in sentences(target_text, "en")]
    assert sum(1 for s, t in beads if s and t) > 0.9 * len(beads)


def test_a_narrow_first_band_widens_to_the_alignment_of_a_full_one(monkeypatch):
    # 150 target paragraphs with no source put in near the start: the path runs far from the
    # diagonal; started from a narrow band, the aligner must widen it until it finds the same
    # alignment as a band that covers every cell
    src, tgt = _pair(600, seed=5)
    junk = _pair(150, seed=6, first=5000)[1]
    tgt = tgt[:20] + [t.replace("The", "Junk", 1) for t in junk] + tgt[20:]
    s, t = paragraphs("\n".join(src)), paragraphs("\n".join(tgt))
    bands = []
    banded = align_module._banded

    def recording(*args):
        bands.append(args[-1])
        return banded(*args)

    monkeypatch.setattr(align_module, "_banded", recording)
    monkeypatch.setattr(align_module, "START_CELLS", 0)
    monkeypatch.setattr(align_module, "MIN_BAND", 2)
    narrow = align(s, t)
    assert bands[0] == 2 and len(bands) > 3, bands
    monkeypatch.setattr(align_module, "START_CELLS", 10**9)
    monkeypatch.setattr(align_module, "BAND", len(t))
    assert narrow == align(s, t)
    assert [i for a, _ in narrow for i in a] == list(range(len(s)))
    assert [j for _, b in narrow for j in b] == list(range(len(t)))


def test_counts_too_unlike_to_pair_are_refused_at_once():
    # 400 against 1,700 pieces: at most two pieces pair with one, so most would pair nothing
    src = [Span(0, 5, f"第{i}段。") for i in range(400)]
    tgt = [Span(0, 14, f"Paragraph {i}.") for i in range(1_700)]
    anchor = CountingAnchor()
    with pytest.raises(InputError, match="too many or too unlike to align"):
        align(src, tgt, anchor)
    assert anchor.calls == 0


def test_the_dictionary_anchor_reads_two_pieces_as_their_joined_text():
    from evalkit.align import dictionary_anchor

    anchor = dictionary_anchor()
    target = "The village cadres of Si County were very happy about the new road."
    for first, second in [("村里的干部很高兴。", "泗县修了新路。"), ("村里的干", "部很高兴"), ("新路", "路口"), ("一\r", "\n二")]:
        assert anchor.prepare([first, second]) == anchor.glosses(first + second)
        assert anchor.score(anchor.prepare([first, second]), target) == anchor(first + second, target)


def test_a_1_mb_one_line_text_pair_on_disk_is_read_as_sentences_not_refused(tmp_path):
    # the reader of a SOURCE TARGET pair of files, where a single 1 MB line used to be refused
    from evalkit.formats.loader import load_inputs

    src, tgt = _pair(1, sentences_each=13_000, seed=3, size=(15, 35))
    (tmp_path / "s.zh.txt").write_text(src[0] + "\n", encoding="utf-8")
    (tmp_path / "t.en.txt").write_bytes((tgt[0] + "\n").encode("utf-8"))
    assert (tmp_path / "t.en.txt").stat().st_size > 1_000_000
    [doc] = load_inputs([str(tmp_path / "s.zh.txt"), str(tmp_path / "t.en.txt")], src_lang="zh", tgt_lang="en")
    target = (tmp_path / "t.en.txt").read_bytes().decode("utf-8")
    assert len(doc.segments) == 13_000
    for seg in doc.segments:
        assert target[seg.target_start:seg.target_start + len(seg.target)] == seg.target
        assert set(re.findall(r"\d+", seg.target)) <= set(re.findall(r"\d+", seg.source)), seg
