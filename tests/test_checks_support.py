"""The support analysis the checks share, and a helper that runs one check on hand-made segments."""

from __future__ import annotations

from evalkit.checks.base import CheckContext, select_checks
from evalkit.checks.support import analyse, related_stems
from evalkit.dictionary import Dictionary
from evalkit.model import Document, Finding, Segment
from evalkit.resources import Resources


def make_doc(*pairs, retranslations=None, references=None) -> Document:
    """A segments document from (source, target) pairs."""
    segs = []
    for i, (src, tgt) in enumerate(pairs, 1):
        seg = Segment(id=str(i), source=src, target=tgt)
        if retranslations is not None:
            seg.retranslation = retranslations[i - 1]
        if references is not None:
            seg.references = [references[i - 1]]
        segs.append(seg)
    return Document(name="test", segments=segs, kind="segments")


def run_check(check_id: str, *pairs, retranslations=None, references=None, glossary=None,
              langs: tuple[str, str] = ("zh", "en")) -> list[Finding]:
    """Findings of one check over a document of (source, target) pairs; offsets are segment-local."""
    doc = make_doc(*pairs, retranslations=retranslations, references=references)
    resources = Resources(glossary_path=glossary)
    ctx = CheckContext(document=doc, resources=resources, settings={"src_lang": langs[0], "tgt_lang": langs[1]})
    [spec] = select_checks(only=[check_id])
    if spec.scope == "document":
        found = list(spec.func(spec, ctx))
    else:
        found = [f for seg in doc.segments if seg.target for f in spec.func(spec, seg, ctx)]
    for f in found:
        seg = doc.segment(f.segment)
        assert f.text == seg.target[f.start : f.end], f
    return found


def texts(findings: list[Finding]) -> list[str]:
    return [f.text for f in findings]


def test_target_words_are_linked_to_the_source_words_they_render():
    seg = Segment(id="1", source="全县共有167个行政村。", target="The county has 167 administrative villages.")
    a = analyse(seg, Dictionary.load())
    words = {w.text: w for w in a.target_words}
    assert words["county"].supported and words["villages"].supported
    assert "167" not in words  # numbers are the number checks' business
    unit = a.units[words["villages"].link]
    assert "村" in unit.text


def test_an_unrendered_source_word_is_not_covered():
    seg = Segment(id="1", source="我们去公园散步。", target="We go for a walk.")
    a = analyse(seg, Dictionary.load())
    uncovered = [u.text for u in a.units if u.content and not a.covered[u.index]]
    assert "公园" in uncovered


def test_unknown_compounds_are_split_into_dictionary_words():
    seg = Segment(id="1", source="加强基层党组织建设", target="strengthen grassroots Party organizations")
    a = analyse(seg, Dictionary.load())
    assert [u.text for u in a.units if u.whole == "党组织"] == ["党", "组织"]
    assert all(w.supported for w in a.target_words if w.content)


def test_synonyms_and_derived_forms_support_a_paraphrase():
    seg = Segment(id="1", source="乡村治理", target="rural governance")
    a = analyse(seg, Dictionary.load())
    rural = a.target_words[0]
    assert rural.supported and rural.weak
    assert related_stems("reduct", "reduc") and related_stems("defens", "defend")
    assert not related_stems("constant", "construct")


def test_a_word_said_twice_for_one_source_word_is_surplus():
    seg = Segment(id="1", source="看得见、摸得着的地方", target="a place that is visible and visible")
    a = analyse(seg, Dictionary.load())
    visible = [w for w in a.target_words if w.text == "visible"]
    assert not visible[0].surplus and visible[1].surplus_near


def test_the_re_translation_and_references_support_target_words():
    seg = Segment(id="1", source="他很高兴。", target="He was delighted.", retranslation="He was delighted.")
    a = analyse(seg, Dictionary.load())
    assert all(w.supported for w in a.target_words if w.content)
    assert not a.retranslation_is_gloss
