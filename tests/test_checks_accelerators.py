"""Keyboard accelerators: one in the target for each of the source's."""

from __future__ import annotations

from evalkit.checks.accelerators import accelerators
from tests.helpers import check_segments


def test_what_counts_as_an_accelerator():
    assert accelerators("&File and R&D, AT&T &amp; &&x", "&") == [0]
    assert accelerators("Sa&ve as", "&") == [2]
    assert accelerators("_Open a snake_case __init__", "_") == [0]
    assert accelerators("文件(&F)", "&") == [3]


def test_a_lost_or_doubled_accelerator_is_found():
    found = check_segments(["accelerator"], ("&File", "Fichier"), ("_Open", "_Ouvrir"), ("&Save", "&Enregi&strer"), ("Sa&ve", "Enregi&strer"),
                           ("&Edit", "编辑(&E)"), ("Tom & Jerry", "Tom et Jerry"))
    assert [(f.segment, f.category) for f in found] == [("1", "accuracy/omission"), ("3", "accuracy/addition")]
