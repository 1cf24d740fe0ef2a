"""Lengths: the width a file allows, and targets far longer or shorter than their source."""

from __future__ import annotations

from evalkit.checks.length import columns
from tests.helpers import check_segments


def test_columns_count_wide_characters_twice():
    assert columns("Open") == 4 and columns("打开") == 4


def test_a_target_over_its_maxwidth_is_major_from_the_first_character_over():
    found = check_segments(["max-width"], ("Save", "Enregistrer"), ("Quit", "Quitter"),
                           meta={"max_width": 8, "size_unit": "char"})
    assert [(f.text, f.severity) for f in found] == [("rer", "major")]
    found = check_segments(["max-width"], ("Save", "保存文件"), meta={"max_width": 9, "size_unit": "byte"})
    assert [f.text for f in found] == ["件"]
    assert check_segments(["max-width"], ("Save", "Enregistrer"), meta={"max_width": 8, "size_unit": "pixel"}) == []


def test_far_shorter_and_far_longer_targets():
    found = check_segments(["length-ratio"], ("Delete every file in the selected folder?", "Supprimer"),
                           ("OK", "D'accord, je comprends parfaitement"), ("Open the file", "打开文件"),
                           ("Delete every file in the selected folder?", "删除所选文件夹中的所有文件？"))
    assert [(f.segment, f.category) for f in found] == [("1", "accuracy/omission"), ("2", "accuracy/addition")]
