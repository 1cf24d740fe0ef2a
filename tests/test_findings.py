"""Merging overlapping findings, and what a suggestion means once merged."""

from __future__ import annotations

from evalkit.findings import merge_overlaps
from evalkit.model import Document, Finding, Segment

TARGET = "the grid of Baocun, Village Bags and a brocadeXingchong crowd. Essence"


def _doc() -> Document:
    return Document(name="t", segments=[Segment("s1", "镇包村", TARGET)])


def _finding(text: str, check: str, severity: str, category: str, suggestion: str | None, nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = TARGET.index(text, start + 1)
    return Finding(start, start + len(text), text, category, severity, check, f"{check} says so", "s1",
                   suggestion=suggestion)


def _applied(f: Finding) -> str:
    return TARGET[: f.start] + f.suggestion + TARGET[f.end :]


def test_overlapping_findings_become_one_with_the_strongest_category_and_both_messages():
    found = merge_overlaps(_doc(), [
        _finding("Baocun, Village", "unsupported-span", "minor", "accuracy/mistranslation", None),
        _finding("Baocun", "pinyin", "major", "accuracy/untranslated", None),
    ])
    [f] = found
    assert (f.text, f.severity, f.category, f.check) == ("Baocun, Village", "major", "accuracy/untranslated",
                                                        "pinyin+unsupported-span")
    assert f.message == "pinyin says so; also: unsupported-span says so"


def test_a_fix_for_part_of_the_merged_span_keeps_the_text_around_it():
    [f] = merge_overlaps(_doc(), [
        _finding("grid of Baocun", "unsupported-span", "minor", "accuracy/mistranslation", None),
        _finding("Baocun", "pinyin", "major", "accuracy/untranslated", "towns in charge of villages"),
    ])
    assert f.text == "grid of Baocun"
    assert f.suggestion == "grid of towns in charge of villages"
    assert _applied(f) == TARGET.replace("Baocun", "towns in charge of villages")


def test_two_fixes_are_made_one_inside_the_other():
    [f] = merge_overlaps(_doc(), [
        _finding("brocadeXingchong", "run-together", "major", "fluency/spelling", "brocade Xingchong"),
        _finding("Xingchong", "pinyin", "major", "accuracy/untranslated", "animatedly"),
    ])
    assert f.text == "brocadeXingchong" and f.suggestion == "brocade animatedly"


def test_a_deletion_survives_merging_and_reads_as_one():
    [f] = merge_overlaps(_doc(), [
        _finding("Essence", "stray-token", "major", "accuracy/addition", ""),
        _finding("Essence", "unsupported-span", "minor", "accuracy/mistranslation", None),
    ])
    assert f.suggestion == "" and f.suggestion_text == "delete 'Essence'"
    [g] = merge_overlaps(_doc(), [
        _finding(". Essence", "spacing", "minor", "fluency/punctuation", None),
        _finding("Essence", "stray-token", "major", "accuracy/addition", ""),
    ])
    assert g.suggestion == "." and g.suggestion_text == "."
    assert merge_overlaps(_doc(), [_finding("crowd", "x", "minor", "style/awkward", None)])[0].suggestion_text is None


def test_findings_that_do_not_overlap_stay_apart():
    found = merge_overlaps(_doc(), [
        _finding("Baocun", "pinyin", "major", "accuracy/untranslated", None),
        _finding("Village", "unsupported-span", "minor", "accuracy/mistranslation", "hamlet"),
    ])
    assert [(f.text, f.suggestion) for f in found] == [("Baocun", None), ("Village", "hamlet")]


def test_an_omission_s_fix_says_what_to_add_and_stays_so_when_merged():
    [f] = merge_overlaps(_doc(), [
        _finding("Village Bags", "unsupported-span", "minor", "accuracy/mistranslation", None),
        _finding("Bags", "omission", "major", "accuracy/omission", "add 'groups'"),
    ])
    assert f.text == "Village Bags" and f.suggestion == "add 'groups'"  # not 'Village add ...'


def test_a_message_the_stronger_check_implies_is_not_repeated():
    found = [
        _finding("Baocun", "unsupported-span", "minor", "accuracy/mistranslation", None),
        _finding("Baocun", "pinyin", "major", "accuracy/untranslated", None),
        _finding("Baocun, Village Bags", "mid-sentence-capital", "minor", "fluency/spelling", None),
    ]
    [f] = merge_overlaps(_doc(), found, {"pinyin": ("unsupported-span",)})
    # the implied check is still named; its message is not, the other weaker check's is
    assert f.check == "pinyin+unsupported-span+mid-sentence-capital"
    assert f.message == "pinyin says so; also: mid-sentence-capital says so"
    # about other words than the stronger finding's, an implied check still has its say
    found[0] = _finding("grid of Baocun", "unsupported-span", "minor", "accuracy/mistranslation", None)
    [f] = merge_overlaps(_doc(), found, {"pinyin": ("unsupported-span",)})
    assert f.message == "pinyin says so; also: unsupported-span says so; also: mid-sentence-capital says so"


def test_every_implied_check_is_a_registered_check():
    from evalkit.checks.base import all_checks

    checks = all_checks()
    implied = {i for c in checks.values() for i in c.implies}
    assert implied and implied <= set(checks)
    assert all(c.id not in c.implies for c in checks.values())


def test_the_weaker_fix_is_made_inside_the_stronger_one():
    [f] = merge_overlaps(_doc(), [
        _finding("brocadeXingchong", "run-together", "major", "fluency/spelling", "brocade Xingchong"),
        _finding("Xingchong", "mid-sentence-capital", "minor", "fluency/spelling", "xingchong"),
    ])
    assert f.check == "run-together+mid-sentence-capital" and f.suggestion == "brocade xingchong"


def test_a_major_error_without_a_fix_takes_no_fluency_fix_of_a_weaker_check():
    target = "Pla -Liang Village House and share the living circle"
    doc = Document(name="t", segments=[Segment("s1", "靓村居 共享生活圈", target)])

    def finding(text, check, severity, category, suggestion):
        start = target.index(text)
        return Finding(start, start + len(text), text, category, severity, check, f"{check} says so", "s1",
                       suggestion=suggestion)

    # the text order puts the weak ones first; the strongest still decides
    [f] = merge_overlaps(doc, [
        finding("Pla", "unsupported-span", "minor", "accuracy/mistranslation", None),
        finding("Pla -Liang", "spaced-hyphen", "minor", "fluency/punctuation", "Pla-Liang"),
        finding("Liang", "pinyin", "major", "accuracy/untranslated", None),
    ], {"pinyin": ("unsupported-span",)})
    assert f.text == "Pla -Liang" and f.check == "pinyin+unsupported-span+spaced-hyphen"
    assert f.suggestion is None
    assert f.message == "pinyin says so; also: unsupported-span says so; also: spaced-hyphen says so"
    # a minor finding is weaker evidence: the hyphen's fix stands ('market -oriented')
    [g] = merge_overlaps(doc, [
        finding("Pla", "unsupported-span", "minor", "accuracy/mistranslation", None),
        finding("Pla -Liang", "spaced-hyphen", "minor", "fluency/punctuation", "Pla-Liang"),
    ])
    assert g.suggestion == "Pla-Liang"


def test_a_source_word_is_glossed_once_in_a_merged_message():
    target = "Feelings, happiness, and sense of security."
    doc = Document(name="t", segments=[Segment("s1", "着力提升群众获得感、幸福感、安全感。", target)])
    omission = Finding(0, 8, "Feelings", "accuracy/omission", "major", "omission",
                       "the source's 提升 (to promote; to lift), 群众 (mass; multitude) are not rendered near "
                       "'Feelings'", "s1")
    verbless = Finding(0, len(target), target, "fluency/grammar", "minor", "verbless-fragment",
                       f"'{target}' has no verb; the source's 着力 (to put effort into sth), 提升 (to promote; "
                       "to lift) are not rendered", "s1")
    [f] = merge_overlaps(doc, [omission, verbless])
    assert f.message.count("(to promote; to lift)") == 1
    assert f.message.endswith("has no verb; the source's 着力 (to put effort into sth), 提升 are not rendered")
    # a word glossed only by the weaker finding keeps its senses
    assert "着力 (to put effort into sth)" in f.message
