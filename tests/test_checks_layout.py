"""Layout of software strings: edge whitespace, line breaks and tabs, backslash escapes."""

from __future__ import annotations

from tests.helpers import check_segments


def test_leading_and_trailing_whitespace_must_match_the_source():
    found = check_segments(["edge-whitespace"], ("  -b, --blank  ignore blanks", "-b, --blank  ignorer les blancs"),
                           ("Name: ", "Nom :"), ("  ok  ", "  d'accord  "))
    assert [(f.segment, f.start, f.end, f.suggestion) for f in found] == [("1", 0, 0, "  "), ("2", 5, 5, " ")]


def test_a_lost_final_line_break_is_major_and_inner_counts_minor():
    found = check_segments(["newlines"], ("Usage: %s\n", "Utilisation : %s"), ("a\nb\tc", "a b\tc"), ("a\nb\n", "a\nb\n"))
    assert [(f.segment, f.severity) for f in found] == [("1", "major"), ("2", "minor")]
    assert "ends with a line break" in found[0].message and "1 line breaks, the target 0" in found[1].message


def test_layout_is_not_judged_on_sentences_evalkit_cut_from_a_document():
    assert check_segments(["edge-whitespace", "newlines"], ("a\n", " b"), kind="document") == []


def test_written_out_escapes_must_survive():
    found = check_segments(["escapes"], (r'Say \"hi\"\n', r'Dites "salut"\n'), (r"C:\new\table", r"C:\new\table"),
                           (r"a\\b", r"a\\b"))
    assert [f.message for f in found] == ["escape '\\\\\"' of the source is missing from the target"] * 2


def test_a_space_the_target_language_writes_with_a_mark_is_no_edge_whitespace():
    fr = [(":", "\u00a0:"), ("?", " ?"), ('"', "«\u00a0")]
    assert check_segments(["edge-whitespace"], *fr) == []
    # in German, or before a mark French does not space, it is still a difference
    assert len(check_segments(["edge-whitespace"], (":", " :"), tgt_lang="de")) == 1
    assert len(check_segments(["edge-whitespace"], (".", " ."))) == 1
